import { expect } from 'chai';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadKnowledge } from '../../knowledge/knowledgeLoader';
import { loadRouting } from '../../handoff/routingLoader';
import { defaultOfferSettings } from '../../offers/offerCatalogue';
import type { Offer } from '../../offers/offerCatalogue';
import { loadOfferCatalogue, OfferCatalogueError, offerCatalogueErrorCodes, parseOfferCatalogue } from '../../offers/offerCatalogueLoader';
import type { OfferCatalogueOptions } from '../../offers/offerCatalogueLoader';

const contentDir = path.join(__dirname, '..', '..', 'content');

/** The topics the shipped knowledge base files its answers under. */
function shippedTopics(): string[] {
  const bases = loadKnowledge(path.join(contentDir, 'knowledge')).values();
  return [...new Set([...bases].flatMap((kb) => kb.entries.map((e) => e.metadata.topic ?? '')))].filter((t) => t !== '').sort();
}

/** A valid offer as an admin writes it; tests change one thing at a time. */
function offer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'care-plus-audio',
    product: 'care-plus',
    group: 'protection',
    value: 40,
    title: { 'en-US': 'Lumen Care+', 'zh-CN': 'Lumen Care+ 延保' },
    text: { 'en-US': 'Longer cover, if you like.', 'zh-CN': '需要的话可以延长保修。' },
    topics: { warranty: 1 },
    ...overrides,
  };
}

function catalogueText(offers: unknown[], settings?: Record<string, unknown>): string {
  return stringify(settings ? { settings, offers } : { offers });
}

function rejection(text: string, options: OfferCatalogueOptions = {}): OfferCatalogueError {
  try {
    parseOfferCatalogue(text, 'offers.yaml', options);
  } catch (err) {
    expect(err).to.be.instanceOf(OfferCatalogueError);
    return err as OfferCatalogueError;
  }
  expect.fail('the catalogue was accepted');
}

function only(text: string): Offer {
  const [first, ...rest] = parseOfferCatalogue(text, 'offers.yaml').offers;
  expect(rest).to.have.length(0);
  if (!first) expect.fail('no offer');
  return first;
}

describe('offer catalogue loader', () => {
  describe('the shipped content/offers.yaml', () => {
    const topics = shippedTopics();
    const tiers = loadRouting(path.join(contentDir, 'routing.yaml')).tiers.map((t) => t.id);
    const catalogue = loadOfferCatalogue(path.join(contentDir, 'offers.yaml'), { knownTopics: topics, knownTiers: tiers });
    const byId = (id: string): Offer => catalogue.offers.find((o) => o.id === id) ?? expect.fail(`no offer ${id}`);

    it('is checked against the real knowledge topics', () => {
      expect(topics).to.deep.equal(['account', 'delivery', 'orders', 'payment', 'policies', 'refunds', 'returns', 'warranty']);
    });

    it('holds the six sample offers, each worded in both languages', () => {
      expect(catalogue.offers.map((o) => o.id)).to.deep.equal(['care-plus-audio', 'care-plus-smart-home', 'club-membership', 'pay-in-3', 'vip-early-access', 'speaker-trade-in']);
      for (const o of catalogue.offers) {
        for (const locale of ['en-US', 'zh-CN'] as const) {
          expect(o.title[locale], `${o.id} title ${locale}`).to.be.a('string').and.not.empty;
          expect(o.text[locale], `${o.id} text ${locale}`).to.be.a('string').and.not.empty;
        }
        expect(o.text['zh-CN'], `${o.id} zh-CN text`).to.match(/\p{Script=Han}/u).and.not.match(/\p{Script=Han}[。，] \p{Script=Han}/u);
        // Customers are addressed as 您 (house style), never 你.
        expect(`${o.title['zh-CN']} ${o.text['zh-CN']}`, `${o.id} zh-CN`).not.to.match(/你(?!们)/);
        expect(o.applicability.notHolding, o.id).to.include(o.product);
      }
    });

    it('uses the contact policy the file sets', () => {
      expect(catalogue.settings).to.deep.equal({
        holdoutShare: 0.05,
        holdoutSalt: 'warmline-2026',
        customerCap: { count: 1, days: 30 },
        declineCooldownDays: 90,
        relevanceFloor: 0.3,
        blockAfterEscalation: ['complaint', 'fraud'],
        recentTurns: 3,
        negativeSentiment: -0.3,
        propensity: 'thompson',
        channels: ['directline', 'webchat', 'msteams', 'emulator'],
      });
    });

    it('keeps credit away from customers in arrears or marked vulnerable', () => {
      const payIn3 = byId('pay-in-3');
      expect(payIn3).to.deep.include({ product: 'pay-in-3', group: 'credit', value: 15, topics: { payment: 1 } });
      expect(payIn3.suitability.excludeTags).to.have.members(['in-arrears', 'vulnerable']);
      expect(payIn3.eligibility.minTenureMonths).to.equal(6);
    });

    it('targets the care plans, membership and VIP offers as written', () => {
      expect(byId('care-plus-audio')).to.deep.include({ value: 40, eligibility: { segments: ['audio'] }, topics: { warranty: 1, returns: 0.5, orders: 0.3 } });
      expect(byId('care-plus-smart-home')).to.deep.include({ value: 45, eligibility: { segments: ['smart-home'] }, topics: { warranty: 1, delivery: 0.3 } });
      expect(byId('club-membership')).to.deep.include({ product: 'lumen-club', group: 'membership', value: 25, eligibility: { minTenureMonths: 2 } });
      expect(byId('vip-early-access')).to.deep.include({ product: 'early-access', value: 30, eligibility: { tiers: ['vip'] }, topics: { orders: 0.6, delivery: 0.5 } });
    });

    it('shows validity dates on the ended trade-in campaign', () => {
      expect(byId('speaker-trade-in')).to.deep.include({ validUntil: '2026-10-31', topics: { returns: 0.8 }, eligibility: { segments: ['audio'] } });
    });

    it('cannot be changed by the code that reads it', () => {
      expect(() => (catalogue.offers as Offer[]).push(byId('pay-in-3'))).to.throw(TypeError);
      expect(() => ((byId('pay-in-3').suitability.excludeTags as string[]).length = 0)).to.throw(TypeError);
      expect(() => ((catalogue.settings.customerCap as { count: number }).count = 5)).to.throw(TypeError);
      expect(byId('pay-in-3').suitability.excludeTags).to.have.length(2);
    });
  });

  it('fills in every default the file leaves out', () => {
    const catalogue = parseOfferCatalogue(catalogueText([offer()]), 'offers.yaml');
    expect(catalogue.settings).to.deep.equal(defaultOfferSettings);
    expect(catalogue.offers[0]).to.deep.equal({
      id: 'care-plus-audio',
      product: 'care-plus',
      group: 'protection',
      value: 40,
      lever: 1,
      title: { 'en-US': 'Lumen Care+', 'zh-CN': 'Lumen Care+ 延保' },
      text: { 'en-US': 'Longer cover, if you like.', 'zh-CN': '需要的话可以延长保修。' },
      eligibility: {},
      applicability: { notHolding: ['care-plus'] },
      suitability: { excludeTags: [], excludeSegments: [] },
      topics: { warranty: 1 },
      caps: {},
      prior: { acceptRate: 0.05, strength: 10 },
    });
  });

  it('fills in the settings a partial settings block leaves out', () => {
    const { settings } = parseOfferCatalogue(catalogueText([], { customer_cap: { days: 7 }, propensity: 'mean' }), 'offers.yaml');
    expect(settings).to.deep.equal({ ...defaultOfferSettings, customerCap: { count: 1, days: 7 }, propensity: 'mean' });
  });

  it('accepts a catalogue with no offers, so offers can be switched off', () => {
    expect(parseOfferCatalogue('offers: []\n', 'offers.yaml').offers).to.deep.equal([]);
  });

  it('never offers a customer the product they already hold, listed once', () => {
    expect(only(catalogueText([offer({ applicability: { not_holding: ['lumen-club'] } })])).applicability.notHolding).to.deep.equal(['care-plus', 'lumen-club']);
    expect(only(catalogueText([offer({ applicability: { not_holding: ['care-plus', 'lumen-club', 'lumen-club'] } })])).applicability.notHolding).to.deep.equal(['care-plus', 'lumen-club']);
  });

  it('maps every snake_case setting of an offer to the catalogue', () => {
    const full = only(
      catalogueText([
        offer({
          lever: 2,
          image_url: 'https://lumenco.example/img/care-plus.png',
          valid_from: '2026-01-01',
          valid_until: '2026-01-01',
          eligibility: { tiers: ['vip'], segments: ['audio'], locales: ['zh-CN'], min_tenure_months: 3, min_spend: 500 },
          applicability: { requires_holding: ['speaker'] },
          suitability: { exclude_tags: ['in-arrears'], exclude_segments: ['minor'] },
          caps: { total_impressions: 1000, per_customer_days: 60 },
          prior: { accept_rate: 0.2, strength: 4 },
        }),
      ]),
    );
    expect(full).to.deep.include({
      lever: 2,
      imageUrl: 'https://lumenco.example/img/care-plus.png',
      validFrom: '2026-01-01',
      validUntil: '2026-01-01',
      eligibility: { tiers: ['vip'], segments: ['audio'], locales: ['zh-CN'], minTenureMonths: 3, minSpend: 500 },
      applicability: { notHolding: ['care-plus'], requiresHolding: ['speaker'] },
      suitability: { excludeTags: ['in-arrears'], excludeSegments: ['minor'] },
      caps: { totalImpressions: 1000, perCustomerDays: 60 },
      prior: { acceptRate: 0.2, strength: 4 },
    });
  });

  describe('tells the admin where each mistake is', () => {
    const offerCases: [string, Record<string, unknown>, string][] = [
      ['an id with capitals', { id: 'Care-Plus' }, 'offers[0].id: use only lower-case letters, digits and "-"'],
      ['a missing product', { product: undefined }, 'offers[0].product: is required but missing'],
      ['a title without Chinese', { title: { 'en-US': 'Lumen Care+' } }, 'offers[0].title.zh-CN: is required but missing'],
      ['an empty English text', { text: { 'en-US': '  ', 'zh-CN': '延保' } }, 'offers[0].text.en-US: must not be empty'],
      ['a title in one string', { title: 'Lumen Care+' }, 'offers[0].title: write the text in every language'],
      ['a value of 0', { value: 0 }, 'offers[0].value: must be more than 0'],
      ['a negative lever', { lever: -1 }, 'offers[0].lever: must be more than 0'],
      ['a topic weight over 1', { topics: { warranty: 1.5 } }, 'offers[0].topics.warranty: must be from 0 to 1'],
      ['a negative topic weight', { topics: { warranty: -0.1 } }, 'offers[0].topics.warranty: must be from 0 to 1'],
      ['no topics', { topics: {} }, 'offers[0].topics: list at least one knowledge topic'],
      ['weights all below the relevance floor', { topics: { warranty: 0.1, returns: 0.2 } }, 'offers[0].topics: every weight is below settings.relevance_floor (0.3), so the offer could never be shown'],
      ['an impossible date', { valid_from: '2026-02-30' }, 'offers[0].valid_from: "2026-02-30" is not a date; write YYYY-MM-DD'],
      ['a date in another format', { valid_until: '31/10/2026' }, 'offers[0].valid_until: "31/10/2026" is not a date'],
      ['an end before the start', { valid_from: '2026-03-01', valid_until: '2026-01-31' }, 'offers[0].valid_until: 2026-01-31 is before valid_from 2026-03-01, so the offer could never be shown'],
      ['an http image', { image_url: 'http://lumenco.example/a.png' }, 'offers[0].image_url: must be an https:// address'],
      ['an accept rate of 1', { prior: { accept_rate: 1 } }, 'offers[0].prior.accept_rate: must be between 0 and 1 (not 0 or 1)'],
      ['an accept rate of 0', { prior: { accept_rate: 0 } }, 'offers[0].prior.accept_rate: must be between 0 and 1 (not 0 or 1)'],
      ['a prior strength of 0', { prior: { strength: 0 } }, 'offers[0].prior.strength: must be more than 0'],
      ['a fractional impression cap', { caps: { total_impressions: 2.5 } }, 'offers[0].caps.total_impressions: must be a whole number'],
      ['a zero-day customer cap', { caps: { per_customer_days: 0 } }, 'offers[0].caps.per_customer_days: must be at least 1'],
      ['an empty segment list', { eligibility: { segments: [] } }, 'offers[0].eligibility.segments: list at least one segment, or leave the setting out'],
      ['an unsupported language', { eligibility: { locales: ['fr-FR'] } }, 'offers[0].eligibility.locales[0]: "fr-FR" is not a supported language; use en-US or zh-CN'],
      ['a negative tenure', { eligibility: { min_tenure_months: -1 } }, 'offers[0].eligibility.min_tenure_months: must be at least 0'],
      ['requiring the product it sells', { applicability: { requires_holding: ['care-plus'] } }, 'offers[0].applicability.requires_holding: "care-plus" is also ruled out'],
      ['a misspelt setting', { titel: 'x' }, 'offers[0]: unknown setting "titel" (check the spelling)'],
      ['a misspelt suitability setting', { suitability: { exclude_tag: ['in-arrears'] } }, 'offers[0].suitability: unknown setting "exclude_tag"'],
    ];
    for (const [what, overrides, expected] of offerCases) {
      it(`refuses ${what}`, () => {
        const error = rejection(catalogueText([offer(overrides)]));
        expect(error.code).to.equal(offerCatalogueErrorCodes.invalid);
        expect(error.message).to.contain(expected);
      });
    }

    const settingCases: [string, Record<string, unknown>, string][] = [
      ['a holdout over half', { holdout_share: 0.6 }, 'settings.holdout_share: must be from 0 to 0.5'],
      ['an empty holdout salt', { holdout_salt: '' }, 'settings.holdout_salt: must not be empty'],
      ['a customer cap of 0 offers', { customer_cap: { count: 0, days: 30 } }, 'settings.customer_cap.count: must be at least 1'],
      ['a customer cap of 0 days', { customer_cap: { count: 1, days: 0 } }, 'settings.customer_cap.days: must be at least 1'],
      ['a negative cooldown', { decline_cooldown_days: -1 }, 'settings.decline_cooldown_days: must be at least 0'],
      ['a relevance floor over 1', { relevance_floor: 1.2 }, 'settings.relevance_floor: must be from 0 to 1'],
      ['zero recent turns', { recent_turns: 0 }, 'settings.recent_turns: must be at least 1'],
      ['a positive negative-sentiment line', { negative_sentiment: 0.2 }, 'settings.negative_sentiment: must be from -1 to 0'],
      ['an unknown way of choosing', { propensity: 'greedy' }, 'settings.propensity: "greedy" is not a way of choosing; use thompson or mean'],
      ['no channels', { channels: [] }, 'settings.channels: list at least one channel id'],
      ['an unknown escalation reason', { block_after_escalation: ['complaints'] }, 'settings.block_after_escalation[0]: "complaints" is not an escalation reason; use one of requested,'],
      ['a misspelt setting', { holdout: 0.1 }, 'settings: unknown setting "holdout"'],
    ];
    for (const [what, settings, expected] of settingCases) {
      it(`refuses ${what}`, () => {
        expect(rejection(catalogueText([offer()], settings)).message).to.contain(expected);
      });
    }

    it('refuses two offers with the same id', () => {
      const error = rejection(catalogueText([offer(), offer({ product: 'lumen-club' })]));
      expect(error.problems).to.deep.equal([{ path: 'offers[1].id', message: '"care-plus-audio" is used by an earlier offer; offer ids must be unique' }]);
    });

    it('refuses a topic the knowledge base does not have, naming the ones it has', () => {
      const error = rejection(catalogueText([offer({ topics: { warranty: 1, shipping: 0.5 } })]), { knownTopics: ['delivery', 'warranty'] });
      expect(error.message).to.contain('offers[0].topics.shipping: no topic "shipping" in the knowledge base (topics are: delivery, warranty)');
      expect(error.problems).to.have.length(1);
    });

    it('refuses a tier the routing file does not define, naming the ones it does', () => {
      const error = rejection(catalogueText([offer({ eligibility: { tiers: ['vip', 'gold'] } })]), { knownTiers: ['vip', 'at-risk'] });
      expect(error.problems).to.deep.equal([{ path: 'offers[0].eligibility.tiers[1]', message: 'no tier "gold" in the routing file (tiers are: vip, at-risk)' }]);
    });

    it('refuses a file without an offers list', () => {
      expect(rejection('').message).to.contain('offers: is required but missing');
      expect(rejection('offers:\n  care-plus: {}\n').message).to.contain('offers: expected a list');
    });

    it('reports every problem at once, shape and cross-references together', () => {
      const text = catalogueText([offer({ value: -5 }), offer({ title: { 'en-US': 'Club' } }), offer({ id: 'pay-in-3', topics: { credit: 1 } })], { holdout_share: 0.9 });
      const error = rejection(text, { knownTopics: ['payment', 'warranty'] });
      expect(error.problems.map((p) => p.path)).to.have.members(['offers[0].value', 'offers[1].title.zh-CN', 'offers[1].id', 'offers[2].topics.credit', 'settings.holdout_share']);
      expect(error.message).to.match(/^Offers: offers\.yaml has 5 problems:\n {2}- /);
    });

    it('refuses a file that is not YAML, with the line', () => {
      const error = rejection('offers:\n  - id: care-plus-audio\n    title: { en-US: Care\n');
      expect(error.code).to.equal(offerCatalogueErrorCodes.syntax);
      expect(error.message).to.match(/offers\.yaml: line \d+: not valid YAML/);
    });

    it('reports a missing file with its path', () => {
      const missing = path.join(contentDir, 'no-such-offers.yaml');
      expect(() => loadOfferCatalogue(missing)).to.throw(OfferCatalogueError, missing).with.property('code', offerCatalogueErrorCodes.notFound);
    });
  });
});
