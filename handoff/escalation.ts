/**
 * Why a conversation goes to a person (P4), as stable reason codes recorded with every handoff, and
 * what the escalation policy reads and decides each turn.
 */
import type { SupportedLocale } from '../locale/locale';

/** Every reason code, in the order they are listed to admins. */
export const escalationReasons = [
  'requested',
  'repeated-no-match',
  'not-resolved',
  'frustration',
  'complaint',
  'cancellation',
  'fraud',
  'expert',
  'priority-tier',
] as const;

/** Why the bot handed over: the customer asked, the bot failed, or the topic needs a person. */
export type EscalationReason = (typeof escalationReasons)[number];

/** What the policy knows after a turn. */
export interface EscalationSignals {
  readonly locale: SupportedLocale;
  /** The customer's latest message. */
  readonly text: string;
  /** Questions in a row the FAQ could not answer, this one included. */
  readonly consecutiveNoMatches: number;
  /** "Not resolved" answers to the resolution check in this conversation. */
  readonly notResolvedCount: number;
  /** Sentiment of the customer's recent messages (−1…1), oldest first, this one last. */
  readonly sentiments: readonly number[];
  /** Topic of the entry just answered, if any. */
  readonly topic?: string;
  /** The answered entry's own escalation reason from knowledge metadata (`escalate=true reason=…`). */
  readonly entryReason?: string;
  /** The customer's priority tier, if the profile has one. */
  readonly tier?: string;
}

/**
 * What to do. `transfer`: hand over now (the customer asked, or the topic needs a person).
 * `offer`: ask the customer whether they want a person (the bot is failing them).
 */
export type EscalationDecision =
  | { readonly escalate: false }
  | { readonly escalate: true; readonly mode: 'transfer' | 'offer'; readonly reason: EscalationReason; readonly detail?: string };

/** The escalation policy, free of botbuilder so it can be tested and reused anywhere. */
export interface EscalationPolicy {
  /** True when the message asks for a person ("agent", "real person", "转人工", "人工客服", …). */
  isAgentRequest(text: string, locale: SupportedLocale): boolean;
  /** True when the message withdraws a request for a person ("never mind", "算了", …). */
  isCancelRequest(text: string, locale: SupportedLocale): boolean;
  /** Sentiment of one message, −1 (angry) … 1 (happy); 0 when neutral or unknown. */
  sentiment(text: string, locale: SupportedLocale): number;
  /** Whether this turn should lead to a person, and why. */
  decide(signals: EscalationSignals): EscalationDecision;
}
