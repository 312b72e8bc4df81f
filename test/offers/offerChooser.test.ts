import { expect } from 'chai';
import type { CustomerProfile } from '../../customers/customerProfiles';
import type { Offer, OfferSettings } from '../../offers/offerCatalogue';
import { chooseOffer } from '../../offers/offerChooser';
import type { ChooseInput } from '../../offers/offerChooser';
import type { CandidateOutcome } from '../../offers/offerDecision';
import type { OfferHistory, OfferImpression } from '../../offers/offerHistory';
import { seededRandom } from '../../offers/propensity';
import type { OfferResponseCounts } from '../../offers/propensity';
import { daysAfter, testCatalogue, testOffer, testProfile } from '../support/offerFixtures';

const now = new Date('2026-03-10T12:00:00.000Z');

interface Situation {
  readonly profile?: CustomerProfile;
  readonly topic?: string | undefined;
  readonly histories?: OfferHistory[];
  readonly counts?: OfferResponseCounts[];
  readonly settings?: Partial<OfferSettings>;
  readonly now?: Date;
}

function choose(offers: Offer[], situation: Situation = {}): ReturnType<typeof chooseOffer> {
  const input: ChooseInput = {
    catalogue: testCatalogue(offers, situation.settings),
    profile: situation.profile ?? testProfile(),
    topic: 'topic' in situation ? situation.topic : 'delivery',
    histories: situation.histories ?? [],
    counts: new Map((situation.counts ?? []).map((c) => [c.offerId, c])),
    now: situation.now ?? now,
    random: seededRandom(1),
  };
  return chooseOffer(input);
}

/** How the single offer of the catalogue fared. */
function fate(offer: Offer, situation: Situation = {}): CandidateOutcome | undefined {
  return choose([offer], situation).candidates.find((c) => c.offerId === offer.id);
}

/** The exclusion reason of the single offer, or `chosen` when it was chosen. */
function verdict(offer: Offer, situation: Situation = {}): string | undefined {
  const result = choose([offer], situation);
  if (result.chosen?.id === offer.id) return 'chosen';
  const c = result.candidates.find((x) => x.offerId === offer.id);
  return c && 'excluded' in c ? c.excluded : undefined;
}

let decisions = 0;

function answered(group: string, answer: OfferImpression['answer'], daysAgo: number, offerId = 'care-plan-offer'): OfferImpression {
  const at = daysAfter(now, -daysAgo).toISOString();
  return { decisionId: `d-${(decisions += 1)}`, offerId, group, product: 'care-plan', conversationId: `conv-${decisions}`, at, heldOut: false, answer, answeredAt: at };
}

function shown(offerId: string, daysAgo: number, heldOut = false): OfferImpression {
  return { decisionId: `d-${(decisions += 1)}`, offerId, group: 'care', product: 'care-plan', conversationId: `conv-${decisions}`, at: daysAfter(now, -daysAgo).toISOString(), heldOut };
}

const history = (...impressions: OfferImpression[]): OfferHistory => ({ key: 'customer:cust-1', impressions });

function counts(offerId: string, shownCount: number, accepted: number): OfferResponseCounts {
  return { offerId, shown: shownCount, accepted, bySegment: {} };
}

describe('chooseOffer', () => {
  describe('validity dates (inclusive, UTC)', () => {
    it('offers from the first day to the last day', () => {
      expect(verdict(testOffer({ validFrom: '2026-03-10', validUntil: '2026-03-10' }))).to.equal('chosen');
      expect(verdict(testOffer({ validUntil: '2026-03-10' }), { now: new Date('2026-03-10T23:59:59.000Z') })).to.equal('chosen');
    });

    it('does not offer before the first day or after the last', () => {
      expect(verdict(testOffer({ validFrom: '2026-03-11' }))).to.equal('not-valid-now');
      expect(verdict(testOffer({ validUntil: '2026-03-09' }))).to.equal('not-valid-now');
    });
  });

  describe('eligibility', () => {
    it('requires one of the listed tiers', () => {
      const offer = testOffer({ eligibility: { tiers: ['vip'] } });
      expect(verdict(offer)).to.equal('not-eligible');
      expect(verdict(offer, { profile: testProfile({ tier: 'influencer' }) })).to.equal('not-eligible');
      expect(verdict(offer, { profile: testProfile({ tier: 'vip' }) })).to.equal('chosen');
    });

    it('requires one of the listed segments', () => {
      const offer = testOffer({ eligibility: { segments: ['smart-home', 'audio'] } });
      expect(verdict(offer, { profile: testProfile({ segments: ['gamer'] }) })).to.equal('not-eligible');
      expect(verdict(offer, { profile: testProfile({ segments: ['gamer', 'audio'] }) })).to.equal('chosen');
    });

    it("requires the customer's language to be listed, and a known language", () => {
      const offer = testOffer({ eligibility: { locales: ['zh-CN'] } });
      expect(verdict(offer)).to.equal('not-eligible');
      expect(verdict(offer, { profile: testProfile({ locale: undefined }) })).to.equal('not-eligible');
      expect(verdict(offer, { profile: testProfile({ locale: 'zh-CN' }) })).to.equal('chosen');
    });

    it('requires the minimum tenure, counting unknown tenure as none', () => {
      const offer = testOffer({ eligibility: { minTenureMonths: 24 } });
      expect(verdict(offer)).to.equal('not-eligible');
      expect(verdict(offer, { profile: testProfile({ tenureMonths: undefined }) })).to.equal('not-eligible');
      expect(verdict(offer, { profile: testProfile({ tenureMonths: 24 }) })).to.equal('chosen');
    });

    it('requires the minimum spend, counting unknown spend as none', () => {
      const offer = testOffer({ eligibility: { minSpend: 1_000 } });
      expect(verdict(offer)).to.equal('not-eligible');
      expect(verdict(offer, { profile: testProfile({ spend: undefined }) })).to.equal('not-eligible');
      expect(verdict(offer, { profile: testProfile({ spend: 1_000 }) })).to.equal('chosen');
    });
  });

  describe('applicability', () => {
    it('does not offer to a customer who holds a listed product', () => {
      const offer = testOffer({ applicability: { notHolding: ['care-plan', 'care-plan-plus'] } });
      expect(fate(offer, { profile: testProfile({ products: ['tv', 'care-plan-plus'] }) })).to.deep.include({ excluded: 'already-holding', detail: 'care-plan-plus' });
      expect(verdict(offer, { profile: testProfile({ products: ['tv'] }) })).to.equal('chosen');
    });

    it("does not offer a customer the offer's own product when they hold it, even if notHolding leaves it out", () => {
      expect(verdict(testOffer({ applicability: { notHolding: [] } }), { profile: testProfile({ products: ['care-plan'] }) })).to.equal('already-holding');
    });

    it('offers an add-on only to customers who hold one of the products it needs', () => {
      const offer = testOffer({ applicability: { notHolding: [], requiresHolding: ['tv', 'soundbar'] } });
      expect(fate(offer)).to.deep.include({ excluded: 'not-eligible', detail: 'needs tv or soundbar' });
      expect(verdict(offer, { profile: testProfile({ products: ['soundbar'] }) })).to.equal('chosen');
    });
  });

  describe('suitability', () => {
    it('never offers to a customer with an excluded tag', () => {
      const offer = testOffer({ suitability: { excludeTags: ['in-arrears'], excludeSegments: [] } });
      expect(fate(offer, { profile: testProfile({ tags: ['in-arrears'] }) })).to.deep.include({ excluded: 'unsuitable', detail: 'in-arrears' });
      expect(verdict(offer, { profile: testProfile({ tags: ['loyal'] }) })).to.equal('chosen');
    });

    it('never offers to a customer in an excluded segment', () => {
      const offer = testOffer({ suitability: { excludeTags: [], excludeSegments: ['minor'] } });
      expect(verdict(offer, { profile: testProfile({ segments: ['minor'] }) })).to.equal('unsuitable');
    });
  });

  describe('relevance to the topic just resolved', () => {
    it('drops an offer whose weight for the topic is below the floor, and keeps one at the floor', () => {
      expect(verdict(testOffer({ topics: { delivery: 0.29 } }))).to.equal('not-relevant');
      expect(verdict(testOffer({ topics: { delivery: 0.3 } }))).to.equal('chosen');
    });

    it('drops an offer that does not list the topic, even with no floor', () => {
      expect(verdict(testOffer({ topics: { returns: 1 } }))).to.equal('not-relevant');
      expect(verdict(testOffer({ topics: { returns: 1 } }), { settings: { relevanceFloor: 0 } })).to.equal('not-relevant');
    });

    it('drops every offer when no topic is known (no generic fallback)', () => {
      expect(verdict(testOffer(), { topic: undefined })).to.equal('not-relevant');
    });
  });

  describe('contact policy per offer', () => {
    it("skips a group the customer declined within the cooldown, and offers it again after", () => {
      const care = testOffer();
      expect(fate(care, { histories: [history(answered('care', 'declined', 89))] })).to.deep.include({ excluded: 'declined-recently', detail: 'group care' });
      expect(verdict(care, { histories: [history(answered('care', 'declined', 91))] })).to.equal('chosen');
    });

    it('cools down the whole group, not other groups', () => {
      const careA = testOffer({ id: 'care-a' });
      const careB = testOffer({ id: 'care-b', value: 20 });
      const audio = testOffer({ id: 'audio', group: 'audio', value: 5 });
      const result = choose([careA, careB, audio], { histories: [history(answered('care', 'declined', 10, 'care-a'))] });
      expect(result.chosen?.id).to.equal('audio');
      expect(result.candidates.filter((c) => 'excluded' in c && c.excluded === 'declined-recently').map((c) => c.offerId)).to.deep.equal(['care-a', 'care-b']);
    });

    it('treats an opt-out answer like a decline for its group', () => {
      expect(verdict(testOffer(), { histories: [history(answered('care', 'opted-out', 10))] })).to.equal('declined-recently');
    });

    it('does not cool down a group the customer accepted or ignored', () => {
      expect(verdict(testOffer(), { histories: [history(answered('care', 'accepted', 10), answered('care', 'ignored', 5))] })).to.equal('chosen');
    });

    it('shows an offer to one customer at most once in its perCustomerDays', () => {
      const offer = testOffer({ caps: { perCustomerDays: 60 } });
      expect(verdict(offer, { histories: [history(shown('care-plan-offer', 59))] })).to.equal('shown-recently');
      expect(verdict(offer, { histories: [history(shown('care-plan-offer', 61))] })).to.equal('chosen');
      expect(verdict(offer, { histories: [history(shown('other-offer', 1))] })).to.equal('chosen');
      expect(verdict(offer, { histories: [history(shown('care-plan-offer', 1, true))] })).to.equal('chosen');
    });

    it('stops an offer whose impression budget is spent', () => {
      const offer = testOffer({ caps: { totalImpressions: 100 } });
      expect(verdict(offer, { counts: [counts(offer.id, 99, 10)] })).to.equal('chosen');
      expect(fate(offer, { counts: [counts(offer.id, 100, 10)] })).to.deep.include({ excluded: 'budget-spent', detail: '100 shown' });
    });
  });

  describe('scoring', () => {
    it('scores propensity × topic weight × value × lever with the posterior mean', () => {
      const offer = testOffer({ topics: { delivery: 0.5 }, value: 10, lever: 2, prior: { acceptRate: 0.2, strength: 10 } });
      expect(fate(offer)).to.deep.equal({ offerId: offer.id, score: 0.2 * 0.5 * 10 * 2, propensity: 0.2, propensityMean: 0.2, segment: '*', weight: 0.5, value: 10, lever: 2 });
      // 40 accepts of 90 impressions: mean (2 + 40) / (10 + 90) = 0.42.
      const learned = fate(offer, { counts: [counts(offer.id, 90, 40)] });
      expect(learned).to.have.property('propensity').closeTo(0.42, 1e-12);
      expect(learned).to.have.property('score').closeTo(0.42 * 0.5 * 10 * 2, 1e-12);
    });

    it('chooses the highest score, wherever it is in the catalogue', () => {
      const modest = testOffer({ id: 'modest', value: 10 }); // 0.2 × 1 × 10 = 2
      const valuable = testOffer({ id: 'valuable', group: 'audio', value: 50, topics: { delivery: 0.5 } }); // 0.2 × 0.5 × 50 = 5
      const pushed = testOffer({ id: 'pushed', group: 'tv', value: 10, lever: 3 }); // 6
      expect(choose([modest, valuable, pushed]).chosen?.id).to.equal('pushed');
      expect(choose([pushed, modest, valuable]).chosen?.id).to.equal('pushed');
      expect(choose([modest, valuable]).chosen?.id).to.equal('valuable');
    });

    it('lets what customers did outweigh a better prior', () => {
      const a = testOffer({ id: 'a', prior: { acceptRate: 0.3, strength: 10 } });
      const b = testOffer({ id: 'b', group: 'audio', prior: { acceptRate: 0.1, strength: 10 } });
      expect(choose([a, b]).chosen?.id).to.equal('a');
      expect(choose([a, b], { counts: [counts('a', 200, 2), counts('b', 200, 100)] }).chosen?.id).to.equal('b');
    });

    it('lists the scored candidates best first', () => {
      const modest = testOffer({ id: 'modest', value: 10 });
      const pushed = testOffer({ id: 'pushed', group: 'tv', lever: 3 });
      expect(choose([modest, pushed]).candidates.map((c) => c.offerId)).to.deep.equal(['pushed', 'modest']);
    });
  });

  it('chooses nothing when no offer fits, and says why for each', () => {
    const result = choose([testOffer({ id: 'vip-only', eligibility: { tiers: ['vip'] } }), testOffer({ id: 'returns-only', topics: { returns: 1 } })]);
    expect(result).to.not.have.property('chosen');
    expect(result.candidates).to.deep.equal([
      { offerId: 'vip-only', excluded: 'not-eligible' },
      { offerId: 'returns-only', excluded: 'not-relevant', detail: 'weight 0 for topic delivery' },
    ]);
  });

  it('chooses nothing from an empty catalogue', () => {
    expect(choose([])).to.deep.equal({ candidates: [] });
  });
});
