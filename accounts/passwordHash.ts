/**
 * Password hashes with Node's built-in scrypt: each stored hash names its algorithm and parameters
 * next to its salt, so the parameters can be raised later and old hashes still verify. Verification
 * compares in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

/** A stored password hash: algorithm, scrypt cost parameters, salt and derived key (base64). */
export interface PasswordHash {
  readonly algorithm: 'scrypt';
  /** CPU/memory cost (a power of two). */
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLength: number;
  readonly salt: string;
  readonly hash: string;
}

/** scrypt parameters for new hashes. */
export interface ScryptParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** Parameters for new hashes: N=2^15, r=8, p=1 (32 MiB, tens of milliseconds per sign-in). */
export const defaultScryptParameters: ScryptParameters = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const keyLength = 32;
const saltBytes = 16;

/** Hashes `password` with a fresh random salt. */
export async function hashPassword(password: string, parameters: ScryptParameters = defaultScryptParameters): Promise<PasswordHash> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, keyLength, parameters);
  return { algorithm: 'scrypt', ...parameters, keyLength, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** True when `password` is the one `stored` was made from; false for a wrong password or a hash this code cannot read. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  if (!isPasswordHash(stored)) return false;
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(password, Buffer.from(stored.salt, 'base64'), expected.length, stored);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when `value` has the shape of a {@link PasswordHash} with parameters this code accepts. */
export function isPasswordHash(value: unknown): value is PasswordHash {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Record<string, unknown>;
  const int = (v: unknown, min: number, max: number): boolean => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
  return (
    h.algorithm === 'scrypt' &&
    int(h.N, 2, 2 ** 20) &&
    ((h.N as number) & ((h.N as number) - 1)) === 0 &&
    int(h.r, 1, 32) &&
    int(h.p, 1, 16) &&
    int(h.keyLength, 16, 128) &&
    typeof h.salt === 'string' &&
    typeof h.hash === 'string' &&
    h.hash.length > 0
  );
}

function derive(password: string, salt: Buffer, length: number, parameters: ScryptParameters): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; allow that plus headroom instead of Node's 32 MiB default.
  const options: ScryptOptions = { N: parameters.N, r: parameters.r, p: parameters.p, maxmem: 256 * parameters.N * parameters.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
