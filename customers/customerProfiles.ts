/**
 * What Warmline knows about a customer before they say anything, and where it comes from: a small
 * interface (like botbuilder's `Storage`) so a CRM, a database or the sample YAML file can supply it.
 * The profile sets the customer's priority tier (P9), tells the agent who they are (P2) and decides
 * which offers may fit (P5). Keyed by the Bot Framework user id, or the Teams AAD object id, so one
 * customer is the same person on every channel (P12).
 */
import type { SupportedLocale } from '../locale/locale';

/** One customer, as the agent, the routing and the offers see them. */
export interface CustomerProfile {
  /** The customer's own id (the CRM's), the same on every channel. */
  readonly id: string;
  /** Name to greet them by and to show the agent. */
  readonly name?: string;
  /** Priority tier id from the routing file (`vip`, `at-risk`, `influencer`); none means priority 0. */
  readonly tier?: string;
  readonly email?: string;
  readonly phone?: string;
  /** Groups the customer belongs to (e.g. `smart-home`), for targeting; may be empty. */
  readonly segments: readonly string[];
  /** Facts that matter for suitability (e.g. `in-arrears`, `vulnerable`); may be empty. */
  readonly tags: readonly string[];
  /** Product codes the customer already holds (e.g. `care-plan`), so they are not offered again. */
  readonly products: readonly string[];
  /** Whole months since the customer's first purchase. */
  readonly tenureMonths?: number;
  /** What the customer spent in the last 12 months, in the store's currency. */
  readonly spend?: number;
  /** The language the customer prefers, when the CRM knows it. */
  readonly locale?: SupportedLocale;
  /** True only when the customer agreed to marketing; anything else means no offers. */
  readonly marketingConsent: boolean;
}

/** Who is asking: the channel account of the turn (`activity.from`). */
export interface CustomerKey {
  /** The Bot Framework user id on this channel. */
  readonly id: string;
  /** The Azure AD object id Teams sends, when there is one. */
  readonly aadObjectId?: string;
}

/** Looks customers up by channel account. */
export interface CustomerProfiles {
  /**
   * The customer's profile, or undefined when we know nothing about them. Rejects with a
   * {@link CustomerProfilesUnavailableError} when the source cannot answer (CRM down, slow or
   * talking nonsense); callers carry on without a profile, never fail the turn.
   */
  get(who: CustomerKey): Promise<CustomerProfile | undefined>;
}

/** Raised when the profile source cannot answer now; `code` is `WL_CUSTOMERS_UNAVAILABLE`. */
export class CustomerProfilesUnavailableError extends Error {
  readonly code = 'WL_CUSTOMERS_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CustomerProfilesUnavailableError';
  }
}
