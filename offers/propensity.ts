/**
 * How likely a customer is to accept an offer, learned from what customers did with it: a Beta
 * posterior over the accept rate, per offer and per segment. A segment with little data leans on the
 * offer's rate over all customers, which in turn leans on the catalogue's prior, so a new offer or a
 * new segment starts from a sensible belief and moves with evidence. Choosing uses either the
 * posterior mean or a Thompson sample (which keeps trying offers whose rate is still uncertain).
 */
import type { PropensityMode } from './offerCatalogue';

/** Impressions and accepts counted for one offer, in all and per segment. */
export interface OfferResponseCounts {
  readonly offerId: string;
  shown: number;
  accepted: number;
  bySegment: Record<string, { shown: number; accepted: number }>;
}

/** A Beta distribution's parameters. */
export interface BetaBelief {
  readonly alpha: number;
  readonly beta: number;
}

/** What the propensity of one offer for one customer was based on, for explanations. */
export interface PropensityEstimate {
  /** The value used for scoring (the mean, or a Thompson sample). */
  readonly value: number;
  /** The posterior mean. */
  readonly mean: number;
  /** The segment whose counts were used, or `*` for all customers. */
  readonly segment: string;
  /** Impressions behind the estimate (segment or all). */
  readonly evidence: number;
}

/** A random source in [0, 1); injectable so tests and simulations are repeatable. */
export type RandomSource = () => number;

/**
 * The posterior for `segments` (the customer's): the segment with the most impressions among them is
 * used, with the offer-wide posterior mean as its prior at the catalogue's prior strength.
 */
export function posterior(counts: OfferResponseCounts | undefined, prior: { acceptRate: number; strength: number }, segments: readonly string[]): { belief: BetaBelief; segment: string; evidence: number } {
  const a0 = prior.acceptRate * prior.strength;
  const b0 = (1 - prior.acceptRate) * prior.strength;
  const allShown = counts?.shown ?? 0;
  const allAccepted = Math.min(counts?.accepted ?? 0, allShown);
  const overall: BetaBelief = { alpha: a0 + allAccepted, beta: b0 + allShown - allAccepted };
  let best: { segment: string; shown: number; accepted: number } | undefined;
  for (const segment of segments) {
    const c = counts?.bySegment[segment];
    if (c && c.shown > 0 && (!best || c.shown > best.shown)) best = { segment, shown: c.shown, accepted: Math.min(c.accepted, c.shown) };
  }
  if (!best) return { belief: overall, segment: '*', evidence: allShown };
  const overallMean = overall.alpha / (overall.alpha + overall.beta);
  return {
    belief: { alpha: overallMean * prior.strength + best.accepted, beta: (1 - overallMean) * prior.strength + best.shown - best.accepted },
    segment: best.segment,
    evidence: best.shown,
  };
}

/** The propensity used to score an offer, by `mode`. */
export function estimatePropensity(
  counts: OfferResponseCounts | undefined,
  prior: { acceptRate: number; strength: number },
  segments: readonly string[],
  mode: PropensityMode,
  random: RandomSource,
): PropensityEstimate {
  const { belief, segment, evidence } = posterior(counts, prior, segments);
  const mean = belief.alpha / (belief.alpha + belief.beta);
  const value = mode === 'mean' ? mean : sampleBeta(belief, random);
  return { value, mean, segment, evidence };
}

/** A draw from Beta(alpha, beta), as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
export function sampleBeta(belief: BetaBelief, random: RandomSource): number {
  const x = sampleGamma(belief.alpha, random);
  const y = sampleGamma(belief.beta, random);
  const p = x + y > 0 ? x / (x + y) : belief.alpha / (belief.alpha + belief.beta);
  // Floating point can round a draw to exactly 0 or 1; a rate is never certain, so keep it inside.
  return Math.min(1 - Number.EPSILON, Math.max(Number.MIN_VALUE, p));
}

/** Marsaglia and Tsang's method; shapes below 1 use the boost Gamma(a) = Gamma(a + 1) · U^(1/a). */
function sampleGamma(shape: number, random: RandomSource): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(nonZero(random), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = nonZero(random);
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function standardNormal(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(nonZero(random))) * Math.cos(2 * Math.PI * random());
}

function nonZero(random: RandomSource): number {
  const u = random();
  return u > 0 ? u : Number.MIN_VALUE;
}

/** A seeded random source for repeatable runs (the project's one generator). */
export { seededRandom } from '../knowledge/seededRandom';
