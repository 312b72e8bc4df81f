/**
 * A stable one-way reference to a customer's channel user id, for shared documents (the active
 * learning lists) that must not name anyone yet must let one customer's entries be found and erased
 * on request (GDPR/PIPL). Not a secret: anyone holding the user id can compute it.
 */
import { createHash } from 'node:crypto';

/** The reference of a channel user id (24 hex characters). */
export function customerRef(userId: string): string {
  return createHash('sha256').update(`warmline-customer:${userId}`).digest('hex').slice(0, 24);
}
