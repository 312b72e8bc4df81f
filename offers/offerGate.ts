/**
 * The gate in front of every offer (P5, P6): each condition must hold, or nothing is shown. Pure:
 * it reads what the engine gathered and lists every condition that failed, so the decision can say
 * exactly why no offer was made. Choosing an offer (and the holdout) come after, in the engine.
 */
import type { CustomerProfile } from '../customers/customerProfiles';
import type { OfferSettings } from './offerCatalogue';
import type { GateFinding } from './offerDecision';
import { decidedInConversation, shownSince, standingObjection } from './offerHistory';
import type { OfferHistory } from './offerHistory';

/** Everything the gate looks at, gathered for one resolved issue. */
export interface GateInput {
  readonly settings: OfferSettings;
  /** The customer confirmed, in this conversation, that the issue is resolved. */
  readonly resolutionConfirmed: boolean;
  /** The profile, none, or `unavailable` when the CRM could not answer. */
  readonly profile: CustomerProfile | undefined | 'unavailable';
  /** Histories that apply: the customer's, and the channel user's (objections given before we knew them). */
  readonly histories: readonly OfferHistory[];
  /** Sentiment of the customer's latest messages (−1…1), oldest first. */
  readonly recentSentiments: readonly number[];
  /** Why this conversation went to a person, if it did. */
  readonly escalationReasons: readonly string[];
  readonly conversationId: string;
  readonly channelId: string;
  readonly now: Date;
}

/** Every gate condition that fails; empty when an offer may be chosen. */
export function checkGate(input: GateInput): GateFinding[] {
  const { settings } = input;
  const found: GateFinding[] = [];
  if (!input.resolutionConfirmed) found.push({ reason: 'not-confirmed' });
  if (input.profile === 'unavailable') found.push({ reason: 'profile-unavailable' });
  else if (input.profile === undefined) found.push({ reason: 'unknown-customer' });
  else if (input.profile.marketingConsent !== true) found.push({ reason: 'no-consent' });
  const objection = standingObjection(input.histories);
  if (objection) found.push({ reason: 'objection', detail: `since ${objection.at} (${objection.channelId})` });
  const recent = input.recentSentiments.slice(-settings.recentTurns);
  const negative = recent.filter((s) => s <= settings.negativeSentiment).length;
  if (negative > 0) found.push({ reason: 'negative-sentiment', detail: `${negative} of the last ${recent.length} messages` });
  const blocked = input.escalationReasons.filter((r) => settings.blockAfterEscalation.includes(r));
  if (blocked.length > 0) found.push({ reason: 'escalation-blocked', detail: [...new Set(blocked)].join(', ') });
  if (input.histories.some((h) => decidedInConversation(h, input.conversationId))) found.push({ reason: 'already-offered' });
  const shown = new Set(input.histories.flatMap((h) => shownSince(h, input.now, settings.customerCap.days).map((i) => i.decisionId)));
  if (shown.size >= settings.customerCap.count) found.push({ reason: 'customer-cap', detail: `${shown.size} in the last ${settings.customerCap.days} days` });
  if (!settings.channels.includes(input.channelId)) found.push({ reason: 'channel-unsupported', detail: input.channelId });
  return found;
}
