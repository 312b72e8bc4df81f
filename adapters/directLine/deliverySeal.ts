/**
 * A seal the local Direct Line puts on every activity it delivers to `/api/messages`, so that the
 * messages route can tell a browser client's activity (relayed by this process) from one posted to
 * the endpoint directly, and refuse anything that claims the local Direct Line's `serviceUrl`
 * without having come through it. The key is random per process and never leaves it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** HTTP header that carries the seal. */
export const deliverySealHeader = 'x-warmline-directline-seal';

/** The parts of an activity the seal covers: who, where, which. */
export interface SealedFields {
  readonly id?: string;
  readonly type?: string;
  readonly conversation?: { readonly id?: string };
  readonly from?: { readonly id?: string };
  readonly serviceUrl?: string;
}

/** Seals and checks deliveries of one process's local Direct Line. */
export class DeliverySeal {
  private readonly key = randomBytes(32);

  /** The seal for an activity about to be delivered. */
  seal(activity: SealedFields): string {
    return createHmac('sha256', this.key).update(canonical(activity)).digest('base64url');
  }

  /** True when `given` is this process's seal of exactly this activity's sealed fields. */
  verify(given: string | string[] | undefined, activity: SealedFields): boolean {
    if (typeof given !== 'string' || given === '') return false;
    const expected = Buffer.from(this.seal(activity));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}

function canonical(a: SealedFields): string {
  return JSON.stringify([a.id ?? '', a.type ?? '', a.conversation?.id ?? '', a.from?.id ?? '', a.serviceUrl ?? '']);
}
