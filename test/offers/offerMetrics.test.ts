import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { silentLogger } from '../../logger';
import { inHoldout } from '../../offers/holdout';
import type { OfferCatalogue, OfferSettings } from '../../offers/offerCatalogue';
import { OfferEngine } from '../../offers/offerEngine';
import type { OfferRequest } from '../../offers/offerEngine';
import { attributionDays, offerReport, recordPurchase } from '../../offers/offerMetrics';
import { OfferStore } from '../../offers/offerStore';
import { seededRandom } from '../../offers/propensity';
import type { AnalyticsInput } from '../../analytics/analyticsEvent';
import { daysAfter, TestClock, testCatalogue, testOffer, testProfile } from '../support/offerFixtures';

const start = new Date('2026-03-10T12:00:00.000Z');
const care = testOffer({ id: 'care', product: 'care-plan', group: 'care', value: 10 });
const audio = testOffer({ id: 'audio', product: 'headphones', group: 'audio', value: 5 });

function setup(settings: Partial<OfferSettings> = {}): { engine: OfferEngine; store: OfferStore; clock: TestClock; catalogue: OfferCatalogue } {
  const catalogue = testCatalogue([care, audio], settings);
  const clock = new TestClock(start);
  const store = new OfferStore(new MemoryStorage());
  const engine = new OfferEngine({ catalogue: () => catalogue, store, logger: silentLogger(), now: clock.now, random: seededRandom(1) });
  return { engine, store, clock, catalogue };
}

function request(customerId: string, conversationId = `conv-${customerId}`): OfferRequest {
  return {
    userId: `u-${customerId}`,
    profile: testProfile({ id: customerId }),
    conversationId,
    channelId: 'webchat',
    locale: 'en-US',
    topic: 'delivery',
    how: 'bot',
    resolutionConfirmed: true,
    recentSentiments: [],
    escalationReasons: [],
  };
}

/** The first `count` customer ids in (or out of) the holdout of `salt` at `share`. */
function customers(count: number, held: boolean, share: number, salt: string): string[] {
  const found: string[] = [];
  for (let i = 0; found.length < count; i += 1) if (inHoldout(`cust-${i}`, share, salt) === held) found.push(`cust-${i}`);
  return found;
}

describe('offer metrics', () => {
  it('reports nothing to divide before any decision', async () => {
    const { store, catalogue } = setup();
    const report = await offerReport(store, catalogue);
    expect(report.offers.map((o) => [o.offerId, o.impressions, o.acceptRate, o.exposedConversion])).to.deep.equal([
      ['care', 0, null, null],
      ['audio', 0, null, null],
    ]);
    expect(report.lift).to.deep.equal({ exposed: null, holdout: null, relative: null, exposedDecisions: 0, holdoutDecisions: 0 });
    expect(report.gates.decisions).to.equal(0);
  });

  it('reports per-offer answers and accept rate, gate counts, and the lift of the exposed over the holdout', async () => {
    const { engine, store, clock, catalogue } = setup({ holdoutShare: 0.5 });
    const exposed = customers(4, false, 0.5, catalogue.settings.holdoutSalt);
    const held = customers(4, true, 0.5, catalogue.settings.holdoutSalt);
    const decisions = new Map<string, string>();
    for (const id of [...exposed, ...held]) decisions.set(id, (await engine.decide(request(id))).decision.id);

    const [e0 = '', e1 = '', e2 = ''] = exposed;
    const [h0 = ''] = held;
    const answer = (id: string, a: 'accepted' | 'declined') =>
      engine.reply({ userId: `u-${id}`, channelId: 'webchat', conversationId: `conv-${id}`, profile: testProfile({ id }) }, { kind: 'answer', decisionId: decisions.get(id) ?? '', answer: a });
    await answer(e0, 'accepted');
    await answer(e1, 'declined');
    expect(await recordPurchase(store, e2, 'care-plan', daysAfter(clock.now(), 10))).to.equal('exposed');
    expect(await recordPurchase(store, h0, 'care-plan', daysAfter(clock.now(), 5))).to.equal('holdout');

    const report = await offerReport(store, catalogue);
    expect(report.offers[0]).to.deep.equal({
      offerId: 'care', impressions: 4, accepts: 1, declines: 1, optOuts: 0, ignored: 0, acceptRate: 0.25, heldOut: 4, exposedConversion: 0.5, holdoutConversion: 0.25,
    });
    expect(report.offers[1]).to.deep.include({ offerId: 'audio', impressions: 0, acceptRate: null });
    expect(report.gates).to.deep.include({ decisions: 8, shown: 4, heldOut: 4, none: 0, byReason: { holdout: 4 } });
    expect(report.lift).to.deep.equal({ exposed: 0.5, holdout: 0.25, relative: 1, exposedDecisions: 4, holdoutDecisions: 4 });
  });

  describe('recordPurchase', () => {
    it('tells analytics about a purchase it attributed, in the decision\'s conversation and channel', async () => {
      const { engine, store, clock } = setup();
      await engine.decide(request('cust-9', 'conv-9'));
      const events: AnalyticsInput[] = [];
      const analytics = { record: (e: AnalyticsInput) => void events.push(e) };
      await recordPurchase(store, 'cust-9', 'care-plan', daysAfter(clock.now(), 1), analytics);
      await recordPurchase(store, 'cust-9', 'headphones', daysAfter(clock.now(), 1), analytics);
      expect(events).to.deep.equal([{ at: daysAfter(clock.now(), 1).toISOString(), kind: 'offer-converted', conversationId: 'conv-9', channel: 'webchat', customerId: 'customer:cust-9', offerId: 'care', detail: 'exposed' }]);
    });

    it('attributes a purchase to the latest unconverted decision for the product, then to the one before', async () => {
      const { engine, store, clock } = setup({ customerCap: { count: 5, days: 30 } });
      const first = await engine.decide(request('cust-1', 'conv-1'));
      clock.advanceDays(10);
      const second = await engine.decide(request('cust-1', 'conv-2'));
      const converted = async (): Promise<string[]> =>
        ((await store.histories(['customer:cust-1']))[0]?.impressions ?? []).filter((i) => i.convertedAt).map((i) => i.decisionId);

      expect(await recordPurchase(store, 'cust-1', 'care-plan', daysAfter(clock.now(), 2))).to.equal('exposed');
      expect(await converted()).to.deep.equal([second.decision.id]);
      expect(await recordPurchase(store, 'cust-1', 'care-plan', daysAfter(clock.now(), 3))).to.equal('exposed');
      expect(await converted()).to.deep.equal([first.decision.id, second.decision.id]);
      expect(await recordPurchase(store, 'cust-1', 'care-plan', daysAfter(clock.now(), 4))).to.equal(undefined);
      expect((await store.counters(['care'])).get('care')?.exposedConverted).to.equal(2);
    });

    it('does not count a purchase after an accept twice', async () => {
      const { engine, store } = setup();
      const shown = await engine.decide(request('cust-1'));
      await engine.reply({ userId: 'u-cust-1', channelId: 'webchat', conversationId: 'conv-cust-1', profile: testProfile({ id: 'cust-1' }) }, { kind: 'answer', decisionId: shown.decision.id, answer: 'accepted' });
      expect(await recordPurchase(store, 'cust-1', 'care-plan', daysAfter(start, 1))).to.equal(undefined);
      expect((await store.counters(['care'])).get('care')?.exposedConverted).to.equal(1);
    });

    it(`ignores purchases more than ${attributionDays} days after the decision, before it, or of other products`, async () => {
      const { engine, store } = setup();
      await engine.decide(request('cust-1'));
      expect(await recordPurchase(store, 'cust-1', 'care-plan', daysAfter(start, attributionDays + 0.01))).to.equal(undefined);
      expect(await recordPurchase(store, 'cust-1', 'care-plan', daysAfter(start, -1))).to.equal(undefined);
      expect(await recordPurchase(store, 'cust-1', 'headphones', daysAfter(start, 1))).to.equal(undefined);
      expect(await recordPurchase(store, 'cust-2', 'care-plan', daysAfter(start, 1))).to.equal(undefined);
      expect((await store.counters(['care'])).get('care')).to.deep.include({ exposedConverted: 0, holdoutConverted: 0 });
      expect(await recordPurchase(store, 'cust-1', 'care-plan', daysAfter(start, attributionDays))).to.equal('exposed');
    });
  });
});
