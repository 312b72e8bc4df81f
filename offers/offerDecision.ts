/**
 * Why an offer was or was not shown: stable reason codes, and the decision record kept for every
 * resolved issue so an admin can ask "why did this customer get (or not get) an offer" (P11).
 */
import type { SupportedLocale } from '../locale/locale';

/** Reasons the whole gate closed; every one that applied is recorded. */
export const gateReasons = [
  'not-confirmed',
  'unknown-customer',
  'profile-unavailable',
  'no-consent',
  'objection',
  'negative-sentiment',
  'escalation-blocked',
  'already-offered',
  'customer-cap',
  'channel-unsupported',
  'holdout',
  'no-eligible-offer',
] as const;

/** One of {@link gateReasons}. */
export type GateReason = (typeof gateReasons)[number];

/** Reasons one offer was left out while the gate was open. */
export const exclusionReasons = [
  'not-valid-now',
  'not-eligible',
  'already-holding',
  'unsuitable',
  'not-relevant',
  'declined-recently',
  'shown-recently',
  'budget-spent',
] as const;

/** One of {@link exclusionReasons}. */
export type ExclusionReason = (typeof exclusionReasons)[number];

/** A gate reason with what made it apply (e.g. the escalation reason, the cap's dates). */
export interface GateFinding {
  readonly reason: GateReason;
  readonly detail?: string;
}

/** How one offer fared: excluded (and why) or scored (and from what). */
export type CandidateOutcome =
  | { readonly offerId: string; readonly excluded: ExclusionReason; readonly detail?: string }
  | {
      readonly offerId: string;
      readonly score: number;
      readonly propensity: number;
      readonly propensityMean: number;
      readonly segment: string;
      readonly weight: number;
      readonly value: number;
      readonly lever: number;
    };

/** What was decided for one resolved issue. */
export interface OfferDecision {
  readonly id: string;
  readonly at: string;
  /** The key offer history is kept under (the customer id, or the channel user when unknown). */
  readonly customerKey: string;
  readonly conversationId: string;
  readonly channelId: string;
  readonly locale: SupportedLocale;
  readonly topic?: string;
  readonly how: 'bot' | 'agent';
  /** `shown`: the card was sent; `held-out`: one would have been, but the customer is in the holdout. */
  readonly outcome: 'shown' | 'held-out' | 'none';
  /** The offer shown (or held out). */
  readonly offerId?: string;
  /** Every gate reason that applied (empty when shown). */
  readonly gate: readonly GateFinding[];
  /** Every offer considered, when the gate let choosing happen. */
  readonly candidates: readonly CandidateOutcome[];
}
