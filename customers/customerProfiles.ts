/**
 * What Warmline knows about a customer before they say anything, and where it comes from: a small
 * interface (like botbuilder's `Storage`) so a CRM, a database or the sample YAML file can supply it.
 * The profile sets the customer's priority tier (P9) and tells the agent who they are (P2); step 4
 * (offers) will extend it with what targeting needs.
 */

/** One customer, as the agent and the routing see them. */
export interface CustomerProfile {
  /** The channel user id the profile is keyed by (e.g. the Web Chat user id). */
  readonly id: string;
  /** Name to greet them by and to show the agent. */
  readonly name?: string;
  /** Priority tier id from the routing file (`vip`, `at-risk`, `influencer`); none means priority 0. */
  readonly tier?: string;
  readonly email?: string;
  readonly phone?: string;
  /** Groups the customer belongs to (e.g. `smart-home`), for targeting; may be empty. */
  readonly segments: readonly string[];
}

/** Looks customers up by channel user id. */
export interface CustomerProfiles {
  /** The customer's profile, or undefined when we know nothing about them. */
  get(customerId: string): Promise<CustomerProfile | undefined>;
}
