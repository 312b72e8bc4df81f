/**
 * Choosing among offers once the gate is open: each offer is checked for validity, eligibility,
 * applicability, suitability, relevance to the topic just resolved, its cooldown and caps; the rest
 * are scored propensity × topic weight × value × lever, and the best is chosen. Offers below the
 * relevance floor are dropped and there is no generic fallback: if nothing fits, nothing is shown (P5).
 */
import type { CustomerProfile } from '../customers/customerProfiles';
import type { Offer, OfferCatalogue } from './offerCatalogue';
import type { CandidateOutcome } from './offerDecision';
import { declinedGroups, shownSince } from './offerHistory';
import type { OfferHistory } from './offerHistory';
import { estimatePropensity } from './propensity';
import type { OfferResponseCounts, RandomSource } from './propensity';

/** What choosing needs. */
export interface ChooseInput {
  readonly catalogue: OfferCatalogue;
  readonly profile: CustomerProfile;
  /** Topic of the issue just resolved; offers are weighed by it. */
  readonly topic: string | undefined;
  readonly histories: readonly OfferHistory[];
  /** Impression and accept counts per offer id. */
  readonly counts: ReadonlyMap<string, OfferResponseCounts>;
  readonly now: Date;
  readonly random: RandomSource;
}

/** Every offer's outcome, best score first among the scored, and the chosen offer if any. */
export function chooseOffer(input: ChooseInput): { chosen?: Offer; candidates: CandidateOutcome[] } {
  const { catalogue, profile, now } = input;
  const declined = new Set(input.histories.flatMap((h) => [...declinedGroups(h, now, catalogue.settings.declineCooldownDays)]));
  const candidates: CandidateOutcome[] = [];
  for (const offer of catalogue.offers) {
    const excluded = exclusion(input, offer, declined);
    if (excluded) {
      candidates.push({ offerId: offer.id, ...excluded });
      continue;
    }
    const weight = weightFor(offer, input.topic);
    const estimate = estimatePropensity(input.counts.get(offer.id), offer.prior, profile.segments, catalogue.settings.propensity, input.random);
    candidates.push({
      offerId: offer.id,
      score: estimate.value * weight * offer.value * offer.lever,
      propensity: estimate.value,
      propensityMean: estimate.mean,
      segment: estimate.segment,
      weight,
      value: offer.value,
      lever: offer.lever,
    });
  }
  let best: { offer: Offer; score: number } | undefined;
  for (const c of candidates) {
    if (!('score' in c)) continue;
    const offer = catalogue.offers.find((o) => o.id === c.offerId);
    if (offer && c.score > 0 && (!best || c.score > best.score)) best = { offer, score: c.score };
  }
  const scoreOf = (c: CandidateOutcome): number => ('score' in c ? c.score : -1);
  candidates.sort((a, b) => scoreOf(b) - scoreOf(a));
  return best ? { chosen: best.offer, candidates } : { candidates };
}

function weightFor(offer: Offer, topic: string | undefined): number {
  return topic === undefined ? 0 : (offer.topics[topic] ?? 0);
}

function exclusion(input: ChooseInput, offer: Offer, declined: ReadonlySet<string>): { excluded: Extract<CandidateOutcome, { excluded: unknown }>['excluded']; detail?: string } | undefined {
  const { profile, now } = input;
  const today = now.toISOString().slice(0, 10);
  if ((offer.validFrom && today < offer.validFrom) || (offer.validUntil && today > offer.validUntil)) {
    return { excluded: 'not-valid-now', detail: `${offer.validFrom ?? '…'} to ${offer.validUntil ?? '…'}` };
  }
  const e = offer.eligibility;
  const eligible =
    (!e.tiers || (profile.tier !== undefined && e.tiers.includes(profile.tier))) &&
    (!e.segments || e.segments.some((s) => profile.segments.includes(s))) &&
    (!e.locales || (profile.locale !== undefined && e.locales.includes(profile.locale))) &&
    (e.minTenureMonths === undefined || (profile.tenureMonths ?? 0) >= e.minTenureMonths) &&
    (e.minSpend === undefined || (profile.spend ?? 0) >= e.minSpend);
  if (!eligible) return { excluded: 'not-eligible' };
  const held = [...new Set([offer.product, ...offer.applicability.notHolding])].filter((p) => profile.products.includes(p));
  if (held.length > 0) return { excluded: 'already-holding', detail: held.join(', ') };
  const needs = offer.applicability.requiresHolding;
  if (needs && !needs.some((p) => profile.products.includes(p))) return { excluded: 'not-eligible', detail: `needs ${needs.join(' or ')}` };
  const harm = [...offer.suitability.excludeTags.filter((t) => profile.tags.includes(t)), ...offer.suitability.excludeSegments.filter((s) => profile.segments.includes(s))];
  if (harm.length > 0) return { excluded: 'unsuitable', detail: harm.join(', ') };
  const weight = weightFor(offer, input.topic);
  if (weight < input.catalogue.settings.relevanceFloor || weight <= 0) {
    return { excluded: 'not-relevant', detail: `weight ${weight} for topic ${input.topic ?? '(none)'}` };
  }
  if (declined.has(offer.group)) return { excluded: 'declined-recently', detail: `group ${offer.group}` };
  const days = offer.caps.perCustomerDays;
  if (days !== undefined && input.histories.some((h) => shownSince(h, now, days).some((i) => i.offerId === offer.id))) {
    return { excluded: 'shown-recently', detail: `within ${days} days` };
  }
  const total = offer.caps.totalImpressions;
  if (total !== undefined && (input.counts.get(offer.id)?.shown ?? 0) >= total) return { excluded: 'budget-spent', detail: `${total} shown` };
  return undefined;
}
