/**
 * Reads the offer catalogue (`content/offers.yaml`, whose header comment documents every field):
 * validated once at start-up, every problem reported at once with its YAML path under a stable
 * code, and the result frozen. The file's snake_case keys become the camelCase {@link Offer}.
 */
import { parseYamlText, problemLine, problemsFromZod, problemsMessage, readYamlText, yamlPath } from '../yaml/yamlProblems';
import type { YamlProblem } from '../yaml/yamlProblems';
import { defaultOfferSettings } from './offerCatalogue';
import type { Offer, OfferCatalogue } from './offerCatalogue';
import { isOfferDate, offerCatalogueSchema } from './offerCatalogueSchema';
import type { OfferCatalogueFile, OfferFileEntry } from './offerCatalogueSchema';
import { deepFreeze } from '../yaml/deepFreeze';

/** Every error code reading an offer catalogue can raise. */
export const offerCatalogueErrorCodes = {
  /** The file is YAML but breaks the rules (bad value, unknown setting, duplicate id, unknown topic). */
  invalid: 'WL_OFFERS_INVALID',
  /** The file does not exist or cannot be read. */
  notFound: 'WL_OFFERS_NOT_FOUND',
  /** The file is not valid YAML. */
  syntax: 'WL_OFFERS_SYNTAX',
} as const;

/** One of the values of {@link offerCatalogueErrorCodes}. */
export type OfferCatalogueErrorCode = (typeof offerCatalogueErrorCodes)[keyof typeof offerCatalogueErrorCodes];

/** Raised when an offer catalogue cannot be used; the message lists every problem with its path. */
export class OfferCatalogueError extends Error {
  constructor(
    readonly code: OfferCatalogueErrorCode,
    readonly file: string,
    readonly problems: readonly YamlProblem[],
    options?: { cause?: unknown },
  ) {
    super(problemsMessage('Offers', file, problems.map(problemLine)), options);
    this.name = 'OfferCatalogueError';
  }
}

/** What the catalogue is checked against besides itself. */
export interface OfferCatalogueOptions {
  /** Topics of the knowledge base; when given, an offer naming another topic is a mistake. */
  readonly knownTopics?: readonly string[];
  /** Tier ids the routing file defines; when given, an offer naming another tier is a mistake. */
  readonly knownTiers?: readonly string[];
}

/**
 * Validates a catalogue's text. `source` names it in error messages (usually the file path).
 * Throws an {@link OfferCatalogueError} listing every problem.
 */
export function parseOfferCatalogue(yamlText: string, source: string, options: OfferCatalogueOptions = {}): OfferCatalogue {
  const raw = parseYamlText(yamlText, (problems) => new OfferCatalogueError(offerCatalogueErrorCodes.syntax, source, problems));
  const parsed = offerCatalogueSchema.safeParse(raw, { reportInput: true });
  const problems = [...(parsed.success ? [] : problemsFromZod(parsed.error.issues)), ...crossReferenceProblems(raw, options)];
  if (!parsed.success || problems.length > 0) throw new OfferCatalogueError(offerCatalogueErrorCodes.invalid, source, problems);
  return deepFreeze(toCatalogue(parsed.data));
}

/** Reads and validates the catalogue at `file`; see {@link parseOfferCatalogue}. */
export function loadOfferCatalogue(file: string, options: OfferCatalogueOptions = {}): OfferCatalogue {
  const text = readYamlText(file, (problem, cause) => new OfferCatalogueError(offerCatalogueErrorCodes.notFound, file, [problem], { cause }));
  return parseOfferCatalogue(text, file, options);
}

function toCatalogue(file: OfferCatalogueFile): OfferCatalogue {
  const s = file.settings;
  return {
    settings: {
      holdoutShare: s.holdout_share,
      holdoutSalt: s.holdout_salt,
      customerCap: { count: s.customer_cap.count, days: s.customer_cap.days },
      declineCooldownDays: s.decline_cooldown_days,
      relevanceFloor: s.relevance_floor,
      blockAfterEscalation: unique(s.block_after_escalation),
      recentTurns: s.recent_turns,
      negativeSentiment: s.negative_sentiment,
      propensity: s.propensity,
      channels: unique(s.channels),
    },
    offers: file.offers.map(toOffer),
  };
}

function toOffer(o: OfferFileEntry): Offer {
  const e = o.eligibility;
  const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
  return {
    id: o.id,
    product: o.product,
    group: o.group,
    value: o.value,
    lever: o.lever,
    title: o.title,
    text: o.text,
    ...optional('imageUrl', o.image_url),
    ...optional('validFrom', o.valid_from),
    ...optional('validUntil', o.valid_until),
    eligibility: {
      ...optional('tiers', e.tiers && unique(e.tiers)),
      ...optional('segments', e.segments && unique(e.segments)),
      ...optional('locales', e.locales && unique(e.locales)),
      ...optional('minTenureMonths', e.min_tenure_months),
      ...optional('minSpend', e.min_spend),
    },
    applicability: {
      notHolding: unique([o.product, ...o.applicability.not_holding]),
      ...optional('requiresHolding', o.applicability.requires_holding && unique(o.applicability.requires_holding)),
    },
    suitability: { excludeTags: unique(o.suitability.exclude_tags), excludeSegments: unique(o.suitability.exclude_segments) },
    topics: { ...o.topics },
    caps: { ...optional('totalImpressions', o.caps.total_impressions), ...optional('perCustomerDays', o.caps.per_customer_days) },
    prior: { acceptRate: o.prior.accept_rate, strength: o.prior.strength },
  };
}

/**
 * Problems that span fields, offers or files: unique ids, topics and tiers that exist, dates in
 * order, and offers that could never be shown. Read from the raw document so they are reported
 * together with the shape problems.
 */
function crossReferenceProblems(raw: unknown, options: OfferCatalogueOptions): YamlProblem[] {
  const doc = record(raw);
  const floor = record(doc.settings).relevance_floor;
  const context = { ...options, floor: typeof floor === 'number' ? floor : defaultOfferSettings.relevanceFloor };
  const problems: YamlProblem[] = [];
  const seen = new Set<string>();
  list(doc.offers).forEach((entry, i) => {
    const o = record(entry);
    const add = (path: PropertyKey[], message: string): void => void problems.push({ path: yamlPath(['offers', i, ...path]), message });
    if (typeof o.id === 'string' && seen.has(o.id)) add(['id'], `"${o.id}" is used by an earlier offer; offer ids must be unique`);
    if (typeof o.id === 'string') seen.add(o.id);
    offerProblems(o, context, add);
  });
  return problems;
}

/** The cross-field problems of one raw offer, each given to `add` with its path inside the offer. */
function offerProblems(o: Record<string, unknown>, context: OfferCatalogueOptions & { floor: number }, add: (path: PropertyKey[], message: string) => void): void {
  const { knownTopics, knownTiers, floor } = context;
  const topics = Object.entries(record(o.topics));
  for (const [topic] of topics) {
    if (knownTopics && !knownTopics.includes(topic)) add(['topics', topic], `no topic "${topic}" in the knowledge base (topics are: ${knownTopics.join(', ') || 'none'})`);
  }
  if (topics.length > 0 && topics.every(([, w]) => typeof w === 'number' && w < floor)) {
    add(['topics'], `every weight is below settings.relevance_floor (${floor}), so the offer could never be shown`);
  }
  list(record(o.eligibility).tiers).forEach((tier, t) => {
    if (knownTiers && typeof tier === 'string' && !knownTiers.includes(tier)) add(['eligibility', 'tiers', t], `no tier "${tier}" in the routing file (tiers are: ${knownTiers.join(', ') || 'none'})`);
  });
  if (isOfferDate(o.valid_from) && isOfferDate(o.valid_until) && o.valid_from > o.valid_until) {
    add(['valid_until'], `${o.valid_until} is before valid_from ${o.valid_from}, so the offer could never be shown`);
  }
  const applicability = record(o.applicability);
  const excluded = new Set([o.product, ...list(applicability.not_holding)]);
  const clash = list(applicability.requires_holding).filter((p) => excluded.has(p));
  if (clash.length > 0) {
    add(['applicability', 'requires_holding'], `${clash.map((p) => JSON.stringify(p)).join(', ')} is also ruled out (the offer's own product or not_holding), so the offer could never be shown`);
  }
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

