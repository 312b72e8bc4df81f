/**
 * The offer catalogue as the rest of Warmline sees it: validated, typed and frozen. Admins edit it
 * as `content/offers.yaml` (read by `offerCatalogueLoader.ts`); nothing here knows YAML or botbuilder.
 * An offer says who may get it (eligibility), when it makes sense (applicability), whom it could
 * harm (suitability), which resolved topics it relates to and how strongly, and how it is capped.
 */
import type { SupportedLocale } from '../locale/locale';

/** A text in every supported language. */
export type LocalizedText = Readonly<Record<SupportedLocale, string>>;

/** Who may get an offer; every listed condition must hold, an absent one always holds. */
export interface OfferEligibility {
  /** The customer's tier is one of these. */
  readonly tiers?: readonly string[];
  /** The customer is in at least one of these segments. */
  readonly segments?: readonly string[];
  /** The customer's language is one of these. */
  readonly locales?: readonly SupportedLocale[];
  readonly minTenureMonths?: number;
  readonly minSpend?: number;
}

/** When an offer makes sense for this customer now. */
export interface OfferApplicability {
  /** Not offered to customers who already hold any of these products (the offer's own product always counts). */
  readonly notHolding: readonly string[];
  /** Only offered to customers who hold at least one of these (e.g. an extension for a plan they have). */
  readonly requiresHolding?: readonly string[];
}

/** Whom an offer could harm: never shown to a customer with any of these tags or segments. */
export interface OfferSuitability {
  readonly excludeTags: readonly string[];
  readonly excludeSegments: readonly string[];
}

/** Limits of one offer beyond the catalogue-wide contact policy. */
export interface OfferCaps {
  /** Most times the offer is shown in all (a budget); absent means no limit. */
  readonly totalImpressions?: number;
  /** Shown to one customer at most once in this many days. */
  readonly perCustomerDays?: number;
}

/** How strongly a resolved topic makes an offer relevant, 0 (not at all) … 1. */
export type TopicWeights = Readonly<Record<string, number>>;

/** One offer. */
export interface Offer {
  readonly id: string;
  /** Product code the customer gets by accepting (checked against products held). */
  readonly product: string;
  /** Family of offers; a decline cools down the whole group, not just this offer. */
  readonly group: string;
  /** Value to the business when accepted (e.g. margin), > 0. */
  readonly value: number;
  /** Business weight an admin turns up or down (default 1). */
  readonly lever: number;
  readonly title: LocalizedText;
  /** The suggestion itself, worded as a suggestion. */
  readonly text: LocalizedText;
  /** Optional image on the card (https URL). */
  readonly imageUrl?: string;
  /** First and last day the offer may be shown (inclusive, ISO dates `YYYY-MM-DD`, UTC). */
  readonly validFrom?: string;
  readonly validUntil?: string;
  readonly eligibility: OfferEligibility;
  readonly applicability: OfferApplicability;
  readonly suitability: OfferSuitability;
  /** Topics this offer relates to; a topic not listed weighs 0. */
  readonly topics: TopicWeights;
  readonly caps: OfferCaps;
  /** Expected accept rate before any data (0…1), and how many observations that belief is worth. */
  readonly prior: { readonly acceptRate: number; readonly strength: number };
}

/** How offers are chosen: Thompson sampling explores, `mean` always takes the expected rate. */
export type PropensityMode = 'thompson' | 'mean';

/** The contact policy and choosing settings of the whole catalogue. */
export interface OfferSettings {
  /** Share of customers (0…0.5) who never see offers, to measure lift; hashed from the customer id. */
  readonly holdoutShare: number;
  /** Salt of the holdout hash; change it to draw a new holdout group. */
  readonly holdoutSalt: string;
  /** At most `count` offers shown to a customer in `days` days. */
  readonly customerCap: { readonly count: number; readonly days: number };
  /** Days an offer's group is not offered again after a decline. */
  readonly declineCooldownDays: number;
  /** Offers whose topic weight for the resolved topic is below this are dropped (P5). */
  readonly relevanceFloor: number;
  /** Escalation reasons after which no offer is shown in the conversation (e.g. complaint). */
  readonly blockAfterEscalation: readonly string[];
  /** How many of the customer's latest messages must be free of negative sentiment. */
  readonly recentTurns: number;
  /** Sentiment at or below this (−1…0) counts as negative. */
  readonly negativeSentiment: number;
  readonly propensity: PropensityMode;
  /** Channel ids that can show the offer card (Adaptive Cards). */
  readonly channels: readonly string[];
}

/** A validated catalogue. */
export interface OfferCatalogue {
  readonly settings: OfferSettings;
  readonly offers: readonly Offer[];
}

/** The settings used when the catalogue file leaves them out. */
export const defaultOfferSettings: OfferSettings = Object.freeze({
  holdoutShare: 0.05,
  holdoutSalt: 'warmline',
  customerCap: Object.freeze({ count: 1, days: 30 }),
  declineCooldownDays: 90,
  relevanceFloor: 0.3,
  blockAfterEscalation: Object.freeze(['complaint']),
  recentTurns: 3,
  negativeSentiment: -0.3,
  propensity: 'thompson',
  channels: Object.freeze(['directline', 'webchat', 'msteams', 'emulator', 'test']),
});
