/**
 * Single sign-ons under way: between sending a browser to the identity provider and its coming back,
 * the PKCE code verifier and the nonce wait here, in the bot's Storage (any instance may take the
 * callback). An attempt is taken once, only by the browser that began it (a random binder in an
 * HttpOnly cookie, stored as its hash), and only within its lifetime. The key starts with the time,
 * so abandoned attempts are removed by their key alone.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { absentETag } from '../storage/compareAndSet';
import type { AccountStorage } from './userAccounts';

/** A new attempt: `state` and `nonce` go to the provider, `binder` into the browser's cookie. */
export interface NewSsoAttempt {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly binder: string;
}

/** What the callback needs from its attempt. */
export interface SsoAttempt {
  readonly nonce: string;
  readonly codeVerifier: string;
}

interface AttemptRecord extends SsoAttempt {
  readonly binderHash: string;
  readonly createdAt: number;
}

/** How long a person has to sign in at the provider. */
export const ssoAttemptLifetimeMs = 10 * 60_000;

const prefix = 'accounts/sso-attempt/';
const statePattern = /^([0-9]{15})\.([A-Za-z0-9_-]{43})$/;

/** Begins and takes single sign-on attempts. */
export class SsoAttempts {
  private readonly now: () => Date;

  constructor(
    private readonly storage: AccountStorage,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  /** Stores a new attempt (and removes expired ones). */
  async begin(): Promise<NewSsoAttempt> {
    const at = this.now().getTime();
    const state = `${String(at).padStart(15, '0')}.${random()}`;
    const attempt = { state, nonce: random(), codeVerifier: random(), binder: random() };
    const record: AttemptRecord = { nonce: attempt.nonce, codeVerifier: attempt.codeVerifier, binderHash: hash(attempt.binder), createdAt: at };
    await this.storage.write({ [keyOf(state)]: { ...record, eTag: absentETag } });
    await this.removeExpired(at);
    return attempt;
  }

  /** The attempt `state` names, once, when `binder` is the one it began with and it has not expired. */
  async take(state: string | undefined, binder: string | undefined): Promise<SsoAttempt | undefined> {
    const time = state === undefined ? undefined : statePattern.exec(state)?.[1];
    if (state === undefined || time === undefined || binder === undefined) return undefined;
    const key = keyOf(state);
    const stored = (await this.storage.read([key]))[key] as Partial<AttemptRecord> | undefined;
    if (!stored || typeof stored.binderHash !== 'string' || typeof stored.nonce !== 'string' || typeof stored.codeVerifier !== 'string') return undefined;
    if (!sameHash(stored.binderHash, hash(binder))) return undefined;
    await this.storage.delete([key]);
    if (this.now().getTime() - Number(time) > ssoAttemptLifetimeMs) return undefined;
    return { nonce: stored.nonce, codeVerifier: stored.codeVerifier };
  }

  private async removeExpired(now: number): Promise<void> {
    const expired: string[] = [];
    for await (const page of this.storage.listKeys(prefix)) {
      expired.push(...page.filter((key) => now - Number(key.slice(prefix.length, prefix.length + 15)) > ssoAttemptLifetimeMs));
    }
    if (expired.length > 0) await this.storage.delete(expired);
  }
}

function random(): string {
  return randomBytes(32).toString('base64url');
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function keyOf(state: string): string {
  return `${prefix}${state.slice(0, 15)}-${hash(state)}`;
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
