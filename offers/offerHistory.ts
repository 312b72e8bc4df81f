/**
 * What one customer has been offered and said, across conversations and channels: impressions with
 * their answers, held-out decisions, and a standing objection to offers (P6). The contact policy
 * (cap, cooldown, "no offer twice in a conversation") reads it; it is written with compare-and-set so
 * two instances can never both show an offer the policy allows only once.
 */

/** How the customer answered an offer. `ignored`: they moved on without answering. */
export type OfferAnswer = 'accepted' | 'declined' | 'opted-out' | 'ignored';

/** One decision that concerned this customer in a conversation. */
export interface OfferImpression {
  readonly decisionId: string;
  readonly offerId: string;
  readonly group: string;
  readonly product: string;
  readonly conversationId: string;
  /** The channel of that conversation (kept since analytics counted conversions by channel). */
  readonly channelId?: string;
  readonly at: string;
  /** True when the customer is in the holdout: nothing was shown. */
  readonly heldOut: boolean;
  /** The customer's segments when shown, so an accept counts for the same segments. */
  readonly segments?: readonly string[];
  answer?: OfferAnswer;
  answeredAt?: string;
  /** Set once the customer got the offer's product (accept or a reported purchase), for lift. */
  convertedAt?: string;
}

/** A customer's offer history. */
export interface OfferHistory {
  readonly key: string;
  /** Set while the customer does not want offers; cleared when they opt back in. */
  objection?: { readonly at: string; readonly channelId: string };
  /** When the customer last opted back in; an objection kept elsewhere (another channel's user) from before it no longer stands. */
  optedInAt?: string;
  /**
   * On a channel user's history: the customer the profile source last said this user is, so that
   * answers and objections given while it is down still reach the customer's own history.
   */
  customerId?: string;
  /** When {@link customerId} was set; the link goes with the offers retention period counted from here. */
  linkedAt?: string;
  impressions: OfferImpression[];
}

/**
 * The objection that still stands across these histories: an opt-in strictly later than an objection
 * overrules it; at the same instant the objection stands (a refusal wins a tie, P6). Stamps come from
 * {@link optOutStamp} and {@link optInStamp}, so a choice made after seeing another is always ordered
 * after it, whatever the clocks of the instances say; only choices that did not see each other can tie.
 */
export function standingObjection(histories: readonly OfferHistory[]): OfferHistory['objection'] {
  const optedIn = latest(histories.map((h) => h.optedInAt));
  return histories.map((h) => h.objection).find((o) => o !== undefined && o.at >= optedIn);
}

/** When to stamp an opt-out given these histories: now, or the latest opt-in seen if that is later (a clock behind). */
export function optOutStamp(histories: readonly OfferHistory[], now: Date): string {
  return latest([now.toISOString(), ...histories.map((h) => h.optedInAt)]);
}

/** When to stamp an opt-in given these histories: now, or just after the latest objection seen if that is not earlier. */
export function optInStamp(histories: readonly OfferHistory[], now: Date): string {
  const objected = latest(histories.map((h) => h.objection?.at));
  const after = objected ? new Date(Date.parse(objected) + 1).toISOString() : '';
  return latest([now.toISOString(), after]);
}

/** The latest of ISO 8601 times ('' for none). */
function latest(times: readonly (string | undefined)[]): string {
  return times.reduce<string>((a, b) => (b !== undefined && b > a ? b : a), '');
}

/** Impressions older than this are dropped when the history is written (no policy looks further back). */
export const historyRetentionDays = 400;

/** An empty history for `key`. */
export function emptyHistory(key: string): OfferHistory {
  return { key, impressions: [] };
}

const dayMs = 86_400_000;

/** Impressions shown to the customer (not held out) since `days` days before `now`. */
export function shownSince(history: OfferHistory, now: Date, days: number): OfferImpression[] {
  const from = now.getTime() - days * dayMs;
  return history.impressions.filter((i) => !i.heldOut && Date.parse(i.at) >= from);
}

/** True when a decision already concerned this conversation (shown or held out). */
export function decidedInConversation(history: OfferHistory, conversationId: string): boolean {
  return history.impressions.some((i) => i.conversationId === conversationId);
}

/** Groups the customer declined (or opted out of) within `days` before `now`. */
export function declinedGroups(history: OfferHistory, now: Date, days: number): Set<string> {
  const from = now.getTime() - days * dayMs;
  return new Set(
    history.impressions.filter((i) => (i.answer === 'declined' || i.answer === 'opted-out') && Date.parse(i.answeredAt ?? i.at) >= from).map((i) => i.group),
  );
}

/** A copy of `history` without impressions past retention, as of `now`. */
export function pruned(history: OfferHistory, now: Date): OfferHistory {
  const from = now.getTime() - historyRetentionDays * dayMs;
  return { ...history, impressions: history.impressions.filter((i) => Date.parse(i.at) >= from) };
}
