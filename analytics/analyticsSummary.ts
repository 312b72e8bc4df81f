/**
 * The figures the studio's analytics screen shows for a period (P11), and the arithmetic that turns
 * counted rows into them: rates, averages, medians, the offers funnel and the lift over the holdout.
 * Pure: the stores count, this computes.
 */
import type { AnalyticsQuery } from './analyticsQuery';

/** Times in seconds over the period. */
export interface TimeFigures {
  readonly count: number;
  readonly averageSeconds: number | null;
  readonly medianSeconds: number | null;
  readonly maxSeconds: number | null;
}

/** The offers funnel: decisions with an offer that fitted, shown or held out, and the answers. */
export interface OfferFunnel {
  /** Offer decisions made (resolved issues that reached the offers). */
  readonly decisions: number;
  /** Decisions where an offer fitted the customer (shown or held out). */
  readonly eligible: number;
  readonly shown: number;
  readonly heldOut: number;
  readonly accepted: number;
  readonly declined: number;
  readonly optedOut: number;
  readonly ignored: number;
  /** Purchases attributed to shown offers and to held-out decisions. */
  readonly convertedExposed: number;
  readonly convertedHoldout: number;
  /** Conversion of the shown (accepted or bought) and of the held out (bought anyway), and the relative lift. */
  readonly lift: { readonly exposed: number | null; readonly holdout: number | null; readonly relative: number | null };
}

/** Everything the analytics screen shows. */
export interface AnalyticsSummary {
  readonly query: AnalyticsQuery;
  readonly conversations: number;
  /** Conversations resolved without a person: a "yes" at a bot's resolution check and no handoff queued. */
  readonly contained: number;
  readonly containmentRate: number | null;
  readonly resolution: {
    readonly resolved: number;
    readonly notResolved: number;
    readonly rate: number | null;
    readonly bot: { readonly resolved: number; readonly notResolved: number };
    readonly agent: { readonly resolved: number; readonly notResolved: number };
  };
  readonly csat: { readonly count: number; readonly average: number | null; /** Ratings 1 to 5, index 0 = 1. */ readonly scores: readonly number[] };
  readonly escalations: { readonly total: number; readonly byReason: readonly { readonly reason: string; readonly count: number }[] };
  readonly handoffs: { readonly queued: number; readonly accepted: number; readonly ended: number; readonly wait: TimeFigures; readonly handle: TimeFigures };
  readonly unanswered: readonly { readonly text: string; readonly count: number }[];
  /** The root-cause list: what was answered but did not solve the issue, most often first. */
  readonly notResolved: readonly { readonly entryId: string | null; readonly topic: string | null; readonly count: number }[];
  readonly offers: OfferFunnel;
  /** Per UTC day of the period that had any conversation. */
  readonly daily: readonly { readonly day: string; readonly conversations: number; readonly contained: number; readonly escalations: number }[];
  readonly byLanguageAndChannel: readonly { readonly locale: string; readonly channel: string; readonly conversations: number }[];
  /** Languages and channels seen in the period (for the filters), whatever the filters. */
  readonly locales: readonly string[];
  readonly channels: readonly string[];
}

/** How many of the top lists are shown. */
export const topListSize = 10;

/** `part / whole`, or null when nothing was counted. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Count, average, median and longest of some durations in seconds. */
export function timeFigures(seconds: readonly number[]): TimeFigures {
  if (seconds.length === 0) return { count: 0, averageSeconds: null, medianSeconds: null, maxSeconds: null };
  const sorted = [...seconds].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { count: sorted.length, averageSeconds: sorted.reduce((a, b) => a + b, 0) / sorted.length, medianSeconds: median, maxSeconds: sorted[sorted.length - 1]! };
}

/** One counted group: an event kind, its detail, and how many. */
export interface CountedDetail {
  readonly kind: string;
  readonly detail: string | null;
  readonly count: number;
}

/** The funnel from counted offer events (`offer-decided`, `offer-answered`, `offer-converted` by detail). */
export function offerFunnel(rows: readonly CountedDetail[]): OfferFunnel {
  const n = (kind: string, detail: string): number => rows.filter((r) => r.kind === kind && r.detail === detail).reduce((a, r) => a + r.count, 0);
  const shown = n('offer-decided', 'shown');
  const heldOut = n('offer-decided', 'held-out');
  const accepted = n('offer-answered', 'accepted');
  const convertedExposed = n('offer-converted', 'exposed');
  const convertedHoldout = n('offer-converted', 'holdout');
  const exposed = rate(accepted + convertedExposed, shown);
  const holdout = rate(convertedHoldout, heldOut);
  const relative = exposed !== null && holdout !== null && holdout > 0 ? exposed / holdout - 1 : null;
  return {
    decisions: rows.filter((r) => r.kind === 'offer-decided').reduce((a, r) => a + r.count, 0),
    eligible: shown + heldOut,
    shown,
    heldOut,
    accepted,
    declined: n('offer-answered', 'declined'),
    optedOut: n('offer-answered', 'opted-out'),
    ignored: n('offer-answered', 'ignored'),
    convertedExposed,
    convertedHoldout,
    lift: { exposed, holdout, relative },
  };
}

/** Resolution answers counted by who was checked (detail bot | agent) and the answer (value 1 | 0). */
export function resolutionFigures(rows: readonly { readonly detail: string | null; readonly value: number | null; readonly count: number }[]): AnalyticsSummary['resolution'] {
  const n = (how: string, yes: boolean): number => rows.filter((r) => r.detail === how && (r.value === 1) === yes).reduce((a, r) => a + r.count, 0);
  const bot = { resolved: n('bot', true), notResolved: n('bot', false) };
  const agent = { resolved: n('agent', true), notResolved: n('agent', false) };
  const resolved = bot.resolved + agent.resolved;
  const notResolved = bot.notResolved + agent.notResolved;
  return { resolved, notResolved, rate: rate(resolved, resolved + notResolved), bot, agent };
}

/** CSAT from ratings counted by score. */
export function csatFigures(rows: readonly { readonly value: number | null; readonly count: number }[]): AnalyticsSummary['csat'] {
  const scores = [0, 0, 0, 0, 0];
  for (const r of rows) if (r.value !== null && Number.isInteger(r.value) && r.value >= 1 && r.value <= 5) scores[r.value - 1]! += r.count;
  const count = scores.reduce((a, b) => a + b, 0);
  const sum = scores.reduce((a, s, i) => a + s * (i + 1), 0);
  return { count, average: rate(sum, count), scores };
}
