/**
 * Offer outcomes for admins (P11): impressions, accepts, declines, opt-outs and accept rate per
 * offer, how often each gate closed, and the lift of offering: the share of exposed customers who
 * took the product up, against the share of held-out customers who got it anyway. Purchases made
 * outside the chat are reported by the store's systems and attributed to the latest decision for
 * that product within the attribution window.
 */
import type { OfferCatalogue } from './offerCatalogue';
import type { GateCounters, OfferCounters, OfferStore } from './offerStore';
import type { AnalyticsRecorder } from '../analytics/analyticsRecorder';
import { noAnalytics } from '../analytics/analyticsRecorder';

/** Days after a decision within which a purchase of its product counts as a conversion. */
export const attributionDays = 30;

/** One offer's figures. */
export interface OfferFigures {
  readonly offerId: string;
  readonly impressions: number;
  readonly accepts: number;
  readonly declines: number;
  readonly optOuts: number;
  readonly ignored: number;
  /** Accepts over impressions, or null before the first impression. */
  readonly acceptRate: number | null;
  readonly heldOut: number;
  readonly exposedConversion: number | null;
  readonly holdoutConversion: number | null;
}

/** Everything an admin sees. */
export interface OfferReport {
  readonly offers: readonly OfferFigures[];
  readonly gates: GateCounters;
  /** Conversion of exposed and held-out decisions over all offers, and the relative lift (null when undefined). */
  readonly lift: { readonly exposed: number | null; readonly holdout: number | null; readonly relative: number | null; readonly exposedDecisions: number; readonly holdoutDecisions: number };
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Builds the report from stored counters. */
export async function offerReport(store: OfferStore, catalogue: OfferCatalogue): Promise<OfferReport> {
  const counters = await store.counters(catalogue.offers.map((o) => o.id));
  const offers = catalogue.offers.map((o) => figures(o.id, counters.get(o.id)));
  let exposedConverted = 0;
  let holdoutConverted = 0;
  let shown = 0;
  let heldOut = 0;
  for (const c of counters.values()) {
    exposedConverted += c.exposedConverted;
    holdoutConverted += c.holdoutConverted;
    shown += c.shown;
    heldOut += c.heldOut;
  }
  const exposed = rate(exposedConverted, shown);
  const holdout = rate(holdoutConverted, heldOut);
  const relative = exposed !== null && holdout !== null && holdout > 0 ? exposed / holdout - 1 : null;
  return { offers, gates: await store.gates(), lift: { exposed, holdout, relative, exposedDecisions: shown, holdoutDecisions: heldOut } };
}

function figures(offerId: string, c: OfferCounters | undefined): OfferFigures {
  return {
    offerId,
    impressions: c?.shown ?? 0,
    accepts: c?.accepted ?? 0,
    declines: c?.declined ?? 0,
    optOuts: c?.optedOut ?? 0,
    ignored: c?.ignored ?? 0,
    acceptRate: rate(c?.accepted ?? 0, c?.shown ?? 0),
    heldOut: c?.heldOut ?? 0,
    exposedConversion: rate(c?.exposedConverted ?? 0, c?.shown ?? 0),
    holdoutConversion: rate(c?.holdoutConverted ?? 0, c?.heldOut ?? 0),
  };
}

/**
 * Attributes a purchase of `product` by customer `customerId` (reported by the store's systems) to
 * the latest unconverted decision for that product within {@link attributionDays}. Returns the
 * group it counted for, or undefined when no decision matches (a purchase the offers had no part in).
 */
export async function recordPurchase(store: OfferStore, customerId: string, product: string, at: Date, analytics: AnalyticsRecorder = noAnalytics): Promise<'exposed' | 'holdout' | undefined> {
  const from = at.getTime() - attributionDays * 86_400_000;
  const matched = await store.changeHistory(`customer:${customerId}`, async (history) => {
    const candidates = history.impressions.filter((i) => i.product === product && !i.convertedAt && Date.parse(i.at) >= from && Date.parse(i.at) <= at.getTime());
    const latest = candidates.at(-1);
    if (!latest) return { result: undefined };
    latest.convertedAt = at.toISOString();
    return { history, result: { offerId: latest.offerId, conversationId: latest.conversationId, channel: latest.channelId ?? '', group: latest.heldOut ? ('holdout' as const) : ('exposed' as const) } };
  });
  if (!matched) return undefined;
  analytics.record({ at: at.toISOString(), kind: 'offer-converted', conversationId: matched.conversationId, channel: matched.channel, customerId: `customer:${customerId}`, offerId: matched.offerId, detail: matched.group });
  await store.count(matched.offerId, (c) => {
    if (matched.group === 'holdout') c.holdoutConverted += 1;
    else c.exposedConverted += 1;
  });
  return matched.group;
}
