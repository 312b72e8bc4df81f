/**
 * The holdout group: a fixed share of customers who never see offers, so the lift of offering can
 * be measured against them (P11). Membership is a hash of the customer id and a salt, so it is the
 * same on every instance and every channel, needs no storage, and changes only when the salt does.
 */
import { createHash } from 'node:crypto';

/** A number in [0, 1) drawn from the customer id and salt, uniformly over customers. */
export function holdoutPoint(customerId: string, salt: string): number {
  const digest = createHash('sha256').update(`${salt}\u0000${customerId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** True when the customer belongs to the holdout group of the given share (0…1). */
export function inHoldout(customerId: string, share: number, salt: string): boolean {
  if (!(share > 0)) return false;
  return holdoutPoint(customerId, salt) < share;
}
