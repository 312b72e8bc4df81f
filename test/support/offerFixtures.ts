/**
 * Offers, catalogues and customer profiles for the offer tests, built in code (not from YAML) so each
 * test states only what it is about and everything else is a neutral, fully typed default.
 */
import type { CustomerProfile } from '../../customers/customerProfiles';
import { defaultOfferSettings } from '../../offers/offerCatalogue';
import type { Offer, OfferCatalogue, OfferSettings } from '../../offers/offerCatalogue';

/**
 * An offer of the `care-plan` product in group `care`, relevant (weight 1) to the `delivery` topic,
 * open to everyone, uncapped, with a prior accept rate of 0.2; `overrides` replace whole fields.
 */
export function testOffer(overrides: Partial<Offer> = {}): Offer {
  return {
    id: 'care-plan-offer',
    product: 'care-plan',
    group: 'care',
    value: 10,
    lever: 1,
    title: { 'en-US': 'Test care plan', 'zh-CN': '测试保障计划' },
    text: { 'en-US': 'A test suggestion about a care plan.', 'zh-CN': '关于保障计划的测试建议。' },
    eligibility: {},
    applicability: { notHolding: [] },
    suitability: { excludeTags: [], excludeSegments: [] },
    topics: { delivery: 1 },
    caps: {},
    prior: { acceptRate: 0.2, strength: 10 },
    ...overrides,
  };
}

/**
 * A catalogue of `offers`. Settings are {@link defaultOfferSettings} except that nobody is held out
 * and propensity is the posterior mean, so a test sees the same choice on every run; `settings`
 * overrides any of them (e.g. `{ holdoutShare: 0.05 }` to test the holdout).
 */
export function testCatalogue(offers: readonly Offer[], settings: Partial<OfferSettings> = {}): OfferCatalogue {
  return { settings: { ...defaultOfferSettings, holdoutShare: 0, propensity: 'mean', ...settings }, offers };
}

/**
 * Customer `cust-1`: English-speaking, consented to marketing, 12 months' tenure and 500 spent,
 * with no tier, segments, tags or products; `overrides` replace whole fields.
 */
export function testProfile(overrides: Partial<CustomerProfile> = {}): CustomerProfile {
  return {
    id: 'cust-1',
    name: 'Test Customer',
    segments: [],
    tags: [],
    products: [],
    tenureMonths: 12,
    spend: 500,
    locale: 'en-US',
    marketingConsent: true,
    ...overrides,
  };
}

const dayMs = 86_400_000;

/** The moment `days` days (may be fractional or negative) after `from`. */
export function daysAfter(from: Date, days: number): Date {
  return new Date(from.getTime() + days * dayMs);
}

/** A clock a test moves by hand: `now()` for the code under test, `set` and `advanceDays` for the test. */
export class TestClock {
  private current: Date;

  constructor(start: Date) {
    this.current = start;
  }

  /** The clock's time. */
  readonly now = (): Date => new Date(this.current.getTime());

  /** Moves the clock to `at`. */
  set(at: Date): void {
    this.current = at;
  }

  /** Moves the clock forward by `days` days. */
  advanceDays(days: number): void {
    this.current = daysAfter(this.current, days);
  }
}
