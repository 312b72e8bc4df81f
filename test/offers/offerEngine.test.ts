import { expect } from 'chai';
import { MemoryStorage as BotbuilderMemoryStorage } from 'botbuilder';
import sinon from 'sinon';
import type { CustomerProfile } from '../../customers/customerProfiles';
import { silentLogger } from '../../logger';
import { inHoldout } from '../../offers/holdout';
import type { Offer, OfferSettings } from '../../offers/offerCatalogue';
import type { GateReason } from '../../offers/offerDecision';
import { OfferEngine } from '../../offers/offerEngine';
import type { AcceptanceSink, OfferRequest } from '../../offers/offerEngine';
import { OfferStore } from '../../offers/offerStore';
import type { OfferStorage } from '../../offers/offerStore';
import { seededRandom } from '../../offers/propensity';
import { MemoryStorage } from '../../storage/memoryStorage';
import { TestClock, testCatalogue, testOffer, testProfile } from '../support/offerFixtures';

const start = new Date('2026-03-10T12:00:00.000Z');
// Both relevant to the delivery topic; care scores 0.2 × 1 × 10 = 2, audio 0.2 × 1 × 5 = 1.
const care = testOffer({ id: 'care', product: 'care-plan', group: 'care', value: 10 });
const audio = testOffer({ id: 'audio', product: 'headphones', group: 'audio', value: 5 });

interface Setup {
  readonly offers?: Offer[];
  readonly settings?: Partial<OfferSettings>;
  readonly acceptances?: AcceptanceSink;
  readonly storage?: OfferStorage;
}

function setup(options: Setup = {}): { engine: OfferEngine; store: OfferStore; clock: TestClock; settings: OfferSettings } {
  const catalogue = testCatalogue(options.offers ?? [care, audio], options.settings);
  const clock = new TestClock(start);
  const store = new OfferStore(options.storage ?? new BotbuilderMemoryStorage());
  const engine = new OfferEngine({
    catalogue: () => catalogue,
    store,
    logger: silentLogger(),
    now: clock.now,
    random: seededRandom(1),
    ...(options.acceptances ? { acceptances: options.acceptances } : {}),
  });
  return { engine, store, clock, settings: catalogue.settings };
}

function request(overrides: Partial<OfferRequest> = {}): OfferRequest {
  return {
    userId: 'u-1',
    profile: testProfile(),
    conversationId: 'conv-1',
    channelId: 'webchat',
    locale: 'en-US',
    topic: 'delivery',
    how: 'bot',
    resolutionConfirmed: true,
    recentSentiments: [0.2],
    escalationReasons: [],
    ...overrides,
  };
}

function who(conversationId: string, profile: CustomerProfile | undefined = testProfile(), userId = 'u-1', channelId = 'webchat'): Parameters<OfferEngine['reply']>[0] {
  return { userId, channelId, conversationId, profile };
}

const reasons = (choice: { decision: { gate: readonly { reason: GateReason }[] } }): GateReason[] => choice.decision.gate.map((g) => g.reason);

describe('OfferEngine', () => {
  it('still shows a reserved offer when its counters or explanation cannot be written', async () => {
    const backing = new BotbuilderMemoryStorage();
    const flaky: OfferStorage = {
      read: (keys) => backing.read(keys),
      write: async (changes) => {
        if (Object.keys(changes).some((k) => !k.startsWith('offers/history/'))) throw new Error('disk full');
        await backing.write(changes);
      },
    };
    const { engine, store } = setup({ storage: flaky });
    const choice = await engine.decide(request());
    expect(choice.show?.id).to.equal('care');
    const [history] = await store.histories(['customer:' + testProfile().id]);
    expect(history?.impressions.map((i) => i.decisionId)).to.deep.equal([choice.decision.id]);
    expect(reasons(await engine.decide(request()))).to.include('already-offered');
  });

  it('refuses to start without its dependencies', () => {
    const { store } = setup();
    expect(() => new OfferEngine({ catalogue: () => testCatalogue([]), store, logger: undefined as never })).to.throw(TypeError, 'logger');
  });

  describe('showing and the contact policy', () => {
    it('shows the best-fitting offer once, reserving the impression, and says already-offered for the rest of the conversation', async () => {
      const { engine, store } = setup({ settings: { customerCap: { count: 5, days: 30 } } });
      const first = await engine.decide(request());
      expect(first.show?.id).to.equal('care');
      expect(first.decision).to.deep.include({ outcome: 'shown', offerId: 'care', customerKey: 'customer:cust-1', gate: [] });
      const [history] = await store.histories(['customer:cust-1']);
      expect(history?.impressions.map((i) => [i.decisionId, i.offerId, i.conversationId])).to.deep.equal([[first.decision.id, 'care', 'conv-1']]);

      const second = await engine.decide(request({ topic: 'delivery' }));
      expect(second.show).to.equal(undefined);
      expect(second.decision.outcome).to.equal('none');
      expect(reasons(second)).to.deep.equal(['already-offered']);
      expect((await store.counters(['care'])).get('care')?.shown).to.equal(1);
    });

    it('shows nothing and reserves nothing before the customer confirms the issue is resolved', async () => {
      const { engine, store } = setup();
      const choice = await engine.decide(request({ resolutionConfirmed: false }));
      expect(choice.show).to.equal(undefined);
      expect(reasons(choice)).to.deep.equal(['not-confirmed']);
      expect(choice.decision.candidates).to.deep.equal([]);
      expect((await store.histories(['customer:cust-1']))[0]?.impressions).to.deep.equal([]);
      expect(await store.counters(['care', 'audio'])).to.have.property('size', 0);
    });

    it('says no-eligible-offer when the gate is open but nothing fits the topic', async () => {
      const { engine, store } = setup();
      const choice = await engine.decide(request({ topic: 'returns' }));
      expect(choice.show).to.equal(undefined);
      expect(reasons(choice)).to.deep.equal(['no-eligible-offer']);
      expect((await store.gates()).byReason).to.deep.equal({ 'no-eligible-offer': 1 });
    });

    it('applies the customer cap across conversations until 30 days have passed', async () => {
      const { engine, clock } = setup();
      expect((await engine.decide(request({ conversationId: 'conv-1' }))).show?.id).to.equal('care');
      clock.advanceDays(29);
      const capped = await engine.decide(request({ conversationId: 'conv-2' }));
      expect(capped.show).to.equal(undefined);
      expect(reasons(capped)).to.deep.equal(['customer-cap']);
      clock.advanceDays(2);
      expect((await engine.decide(request({ conversationId: 'conv-3' }))).show?.id).to.equal('care');
    });

    it('applies the cap on every channel the customer uses', async () => {
      const { engine } = setup();
      await engine.decide(request());
      const teams = await engine.decide(request({ userId: 'aad-1', channelId: 'msteams', conversationId: 'teams-1' }));
      expect(reasons(teams)).to.deep.equal(['customer-cap']);
    });

    it('after a decline, cools that group down for 90 days while another group may still be shown', async () => {
      const { engine, clock } = setup();
      const shown = await engine.decide(request({ conversationId: 'conv-1' }));
      expect(await engine.reply(who('conv-1'), { kind: 'answer', decisionId: shown.decision.id, answer: 'declined' })).to.deep.equal({ kind: 'recorded', answer: 'declined', offer: care });

      clock.advanceDays(31);
      const later = await engine.decide(request({ conversationId: 'conv-2' }));
      expect(later.show?.id).to.equal('audio');
      expect(later.decision.candidates.find((c) => c.offerId === 'care')).to.deep.include({ excluded: 'declined-recently' });

      clock.advanceDays(60); // 91 days after the decline, 60 after audio was shown
      expect((await engine.decide(request({ conversationId: 'conv-3' }))).show?.id).to.equal('care');
    });
  });

  describe('opting out and back in', () => {
    it('keeps an opt-out under the customer and the channel user, honours it on another channel, and an opt-in clears it', async () => {
      const { engine, store, clock } = setup();
      const shown = await engine.decide(request());
      const out = await engine.reply(who('conv-1'), { kind: 'opt-out', decisionId: shown.decision.id });
      expect(out).to.deep.equal({ kind: 'recorded', answer: 'opted-out', offer: care });
      const histories = await store.histories(['customer:cust-1', 'user:webchat:u-1']);
      expect(histories.map((h) => h.objection?.channelId)).to.deep.equal(['webchat', 'webchat']);

      clock.advanceDays(200);
      const elsewhere = await engine.decide(request({ userId: 'aad-1', channelId: 'msteams', conversationId: 'teams-1' }));
      expect(elsewhere.show).to.equal(undefined);
      expect(reasons(elsewhere)).to.deep.equal(['objection']);

      expect(await engine.reply(who('conv-2'), { kind: 'opt-in' })).to.deep.equal({ kind: 'opted-in', hadObjection: true });
      expect((await store.histories(['customer:cust-1', 'user:webchat:u-1'])).map((h) => h.objection)).to.deep.equal([undefined, undefined]);
      expect(await engine.reply(who('conv-2'), { kind: 'opt-in' })).to.deep.equal({ kind: 'opted-in', hadObjection: false });
      expect((await engine.decide(request({ conversationId: 'conv-3' }))).show?.id).to.equal('care');
      const gates = await store.gates();
      expect([gates.optOuts, gates.optIns]).to.deep.equal([1, 1]);
      expect((await store.counters(['care'])).get('care')?.optedOut).to.equal(1);
    });

    it('lets an opt-in on one channel restore offers on the channel where the customer opted out', async () => {
      const { engine, clock } = setup();
      await engine.reply(who('conv-1'), { kind: 'opt-out' });
      expect(await engine.reply(who('teams-1', testProfile(), 'aad-1', 'msteams'), { kind: 'opt-in' })).to.deep.equal({ kind: 'opted-in', hadObjection: true });
      clock.advanceDays(200);
      const back = await engine.decide(request({ conversationId: 'conv-2' }));
      expect(reasons(back)).to.deep.equal([]);
      expect(back.show?.id).to.equal('care');
    });

    it('honours "don\'t show me offers" typed before any offer, and one given before we knew the customer', async () => {
      const { engine, store } = setup();
      expect(await engine.reply(who('conv-1', undefined, 'anon-1'), { kind: 'opt-out' })).to.deep.equal({ kind: 'recorded', answer: 'opted-out' });
      expect((await store.histories(['user:webchat:anon-1']))[0]?.objection?.channelId).to.equal('webchat');
      const known = await engine.decide(request({ userId: 'anon-1', conversationId: 'conv-2', profile: testProfile({ id: 'cust-7' }) }));
      expect(reasons(known)).to.deep.equal(['objection']);
    });
  });

  describe('answers', () => {
    it('treats an answer to an unknown or already answered decision as stale, changing no counters', async () => {
      const { engine, store } = setup();
      expect(await engine.reply(who('conv-1'), { kind: 'answer', decisionId: 'no-such-decision', answer: 'accepted' })).to.deep.equal({ kind: 'stale' });
      const shown = await engine.decide(request());
      expect(await engine.reply(who('conv-1'), { kind: 'answer', decisionId: shown.decision.id, answer: 'declined' })).to.have.property('kind', 'recorded');
      const countersBefore = await store.counters(['care', 'audio']);
      const gatesBefore = await store.gates();
      expect(await engine.reply(who('conv-1'), { kind: 'answer', decisionId: shown.decision.id, answer: 'accepted' })).to.deep.equal({ kind: 'stale' });
      expect(await store.counters(['care', 'audio'])).to.deep.equal(countersBefore);
      expect(await store.gates()).to.deep.equal(gatesBefore);
      expect(countersBefore.get('care')).to.deep.include({ shown: 1, declined: 1, accepted: 0 });
    });

    it('tells the acceptance sink once, with the customer id, and counts the accept for the customer’s segments', async () => {
      const sink = { accepted: sinon.stub<Parameters<AcceptanceSink['accepted']>, Promise<void>>().resolves() };
      const { engine, store } = setup({ acceptances: sink });
      const profile = testProfile({ segments: ['smart-home'] });
      const shown = await engine.decide(request({ profile }));
      const outcome = await engine.reply(who('conv-1', profile), { kind: 'answer', decisionId: shown.decision.id, answer: 'accepted' });
      expect(outcome).to.deep.equal({ kind: 'recorded', answer: 'accepted', offer: care });
      expect(sink.accepted.callCount).to.equal(1);
      expect(sink.accepted.firstCall.args[0]).to.deep.equal({
        decisionId: shown.decision.id, offerId: 'care', product: 'care-plan', customerId: 'cust-1', conversationId: 'conv-1', channelId: 'webchat', at: start.toISOString(),
      });
      expect((await store.counters(['care'])).get('care')).to.deep.include({ shown: 1, accepted: 1, exposedConverted: 1, bySegment: { 'smart-home': { shown: 1, accepted: 1 } } });
    });

    it('records the accept even when the acceptance sink fails', async () => {
      const sink: AcceptanceSink = { accepted: () => Promise.reject(new Error('webhook down')) };
      const { engine, store } = setup({ acceptances: sink });
      const shown = await engine.decide(request());
      expect(await engine.reply(who('conv-1'), { kind: 'answer', decisionId: shown.decision.id, answer: 'accepted' })).to.deep.equal({ kind: 'recorded', answer: 'accepted', offer: care });
      expect((await store.counters(['care'])).get('care')?.accepted).to.equal(1);
    });
  });

  describe('holdout', () => {
    it('holds out a customer in the holdout group: the offer is decided and counted, but nothing is shown', async () => {
      const { engine, store, settings } = setup({ settings: { holdoutShare: 0.05 } });
      const heldId = Array.from({ length: 1_000 }, (_, i) => `cust-${i}`).find((id) => inHoldout(id, 0.05, settings.holdoutSalt));
      const exposedId = Array.from({ length: 1_000 }, (_, i) => `cust-${i}`).find((id) => !inHoldout(id, 0.05, settings.holdoutSalt));
      expect(heldId, 'a customer in the holdout').to.be.a('string');

      const held = await engine.decide(request({ profile: testProfile({ id: heldId }) }));
      expect(held.show).to.equal(undefined);
      expect(held.decision).to.deep.include({ outcome: 'held-out', offerId: 'care', gate: [{ reason: 'holdout' }] });
      expect((await store.counters(['care'])).get('care')).to.deep.include({ heldOut: 1, shown: 0 });
      expect(await store.gates()).to.deep.include({ decisions: 1, heldOut: 1, shown: 0 });
      expect(reasons(await engine.decide(request({ profile: testProfile({ id: heldId }) })))).to.include('already-offered');
      expect(await engine.reply(who('conv-1', testProfile({ id: heldId })), { kind: 'answer', decisionId: held.decision.id, answer: 'accepted' })).to.deep.equal({ kind: 'stale' });

      expect((await engine.decide(request({ userId: 'u-2', profile: testProfile({ id: exposedId }) }))).show?.id).to.equal('care');
    });
  });

  describe('several instances', () => {
    async function race(storageFor: () => OfferStorage, cap: number, conversations: number): Promise<{ shown: number; stored: number; counted: number }> {
      const storage = storageFor();
      const [one, two] = [setup({ storage, settings: { customerCap: { count: cap, days: 30 } } }), setup({ storage, settings: { customerCap: { count: cap, days: 30 } } })];
      const choices = await Promise.all(Array.from({ length: conversations }, (_, i) => (i % 2 === 0 ? one : two).engine.decide(request({ conversationId: `conv-${i}` }))));
      const store = new OfferStore(storage);
      return {
        shown: choices.filter((c) => c.show).length,
        stored: (await store.histories(['customer:cust-1']))[0]?.impressions.length ?? 0,
        counted: (await store.counters(['care'])).get('care')?.shown ?? 0,
      };
    }

    it('never shows one customer more than the cap when two instances decide at once', async () => {
      const sharedMemory = (): OfferStorage => new MemoryStorage();
      expect(await race(sharedMemory, 1, 2)).to.deep.equal({ shown: 1, stored: 1, counted: 1 });
      expect(await race(sharedMemory, 2, 6)).to.deep.equal({ shown: 2, stored: 2, counted: 2 });
    });

    it("never shows more than the cap on botbuilder's MemoryStorage either", async () => {
      expect(await race(() => new BotbuilderMemoryStorage(), 1, 2)).to.deep.equal({ shown: 1, stored: 1, counted: 1 });
    });
  });

  describe('why', () => {
    it('explains every decision for a customer, newest first, with the gate reasons and the candidates', async () => {
      const { engine } = setup();
      await engine.decide(request({ resolutionConfirmed: false, recentSentiments: [-0.8] }));
      const shown = await engine.decide(request());
      const decisions = await engine.why('customer:cust-1');
      expect(decisions.map((d) => [d.outcome, d.gate.map((g) => g.reason)])).to.deep.equal([
        ['shown', []],
        ['none', ['not-confirmed', 'negative-sentiment']],
      ]);
      expect(decisions[0]?.id).to.equal(shown.decision.id);
      expect(decisions[0]?.candidates.map((c) => [c.offerId, 'score' in c ? c.score : c.excluded])).to.deep.equal([
        ['care', 2],
        ['audio', 1],
      ]);
    });

    it('explains decisions for a channel user we have no profile for', async () => {
      const { engine } = setup();
      await engine.decide(request({ userId: 'anon-1', profile: undefined }));
      const [decision] = await engine.why('user:webchat:anon-1');
      expect(decision?.gate).to.deep.equal([{ reason: 'unknown-customer' }]);
      expect(decision?.outcome).to.equal('none');
    });
  });
});
