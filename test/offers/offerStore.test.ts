import { expect } from 'chai';
import { MemoryStorage as BotbuilderMemoryStorage } from 'botbuilder';
import type { OfferDecision } from '../../offers/offerDecision';
import type { OfferImpression } from '../../offers/offerHistory';
import { decisionsKept, OfferStore } from '../../offers/offerStore';
import type { OfferStorage } from '../../offers/offerStore';
import { MemoryStorage } from '../../storage/memoryStorage';
import { ETagConflictError } from '../../storage/storageErrors';

function impression(decisionId: string): OfferImpression {
  return { decisionId, offerId: 'care-plan-offer', group: 'care', product: 'care-plan', conversationId: `conv-${decisionId}`, at: '2026-03-10T12:00:00.000Z', heldOut: false };
}

function decision(n: number): OfferDecision {
  return {
    id: `decision-${n}`,
    at: new Date(Date.UTC(2026, 2, 10, 12, n)).toISOString(),
    customerKey: 'customer:cust-1',
    conversationId: `conv-${n}`,
    channelId: 'webchat',
    locale: 'en-US',
    how: 'bot',
    outcome: 'none',
    gate: [{ reason: 'not-confirmed' }],
    candidates: [],
  };
}

const backends: readonly { name: string; storage: () => OfferStorage }[] = [
  { name: "botbuilder's MemoryStorage", storage: () => new BotbuilderMemoryStorage() },
  { name: "Warmline's MemoryStorage", storage: () => new MemoryStorage() },
];

for (const backend of backends) {
  describe(`OfferStore on ${backend.name}`, () => {

    it('gives an empty history for a customer never written', async () => {
      const store = new OfferStore(backend.storage());
      expect(await store.histories(['customer:cust-1', 'user:webchat:u-1'])).to.deep.equal([
        { key: 'customer:cust-1', impressions: [] },
        { key: 'user:webchat:u-1', impressions: [] },
      ]);
    });

    it('keeps what a change writes, and nothing when the change writes nothing', async () => {
      const storage = backend.storage();
      const store = new OfferStore(storage);
      const result = await store.changeHistory('customer:cust-1', async (h) => ({ history: { ...h, impressions: [...h.impressions, impression('d1')] }, result: 'reserved' }));
      expect(result).to.equal('reserved');
      expect(await store.changeHistory('customer:cust-2', async () => ({ result: 'nothing' }))).to.equal('nothing');
      const [one, two] = await new OfferStore(storage).histories(['customer:cust-1', 'customer:cust-2']);
      expect(one?.impressions.map((i) => i.decisionId)).to.deep.equal(['d1']);
      expect(two?.impressions).to.deep.equal([]);
    });

    it('hands out copies: changing a history read does not change what is stored', async () => {
      const store = new OfferStore(backend.storage());
      await store.changeHistory('customer:cust-1', async (h) => ({ history: { ...h, impressions: [impression('d1')] }, result: undefined }));
      const [read] = await store.histories(['customer:cust-1']);
      read?.impressions.push(impression('d2'));
      const [again] = await store.histories(['customer:cust-1']);
      expect(again?.impressions).to.have.length(1);
    });

    it('decides again on the latest history when another instance wrote first, losing neither change', async () => {
      const storage = backend.storage();
      const store = new OfferStore(storage);
      const other = new OfferStore(storage);
      await store.changeHistory('customer:cust-1', async (h) => ({ history: { ...h, impressions: [impression('first')] }, result: undefined }));
      const seen: string[][] = [];
      await store.changeHistory('customer:cust-1', async (h) => {
        seen.push(h.impressions.map((i) => i.decisionId));
        if (seen.length === 1) {
          await other.changeHistory('customer:cust-1', async (o) => ({ history: { ...o, impressions: [...o.impressions, impression('theirs')] }, result: undefined }));
        }
        return { history: { ...h, impressions: [...h.impressions, impression('mine')] }, result: undefined };
      });
      expect(seen).to.deep.equal([['first'], ['first', 'theirs']]);
      const [stored] = await store.histories(['customer:cust-1']);
      expect(stored?.impressions.map((i) => i.decisionId)).to.deep.equal(['first', 'theirs', 'mine']);
    });

    it('loses no impression when 20 are reserved at once for a customer with no history yet', async () => {
      const storage = backend.storage();
      const [one, two] = [new OfferStore(storage), new OfferStore(storage)];
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? one : two).changeHistory('customer:cust-1', async (h) => ({ history: { ...h, impressions: [...h.impressions, impression(`d${i}`)] }, result: undefined })),
        ),
      );
      const [stored] = await one.histories(['customer:cust-1']);
      expect(stored?.impressions.map((i) => i.decisionId)).to.have.members(Array.from({ length: 20 }, (_, i) => `d${i}`));
    });

    it('counts 20 when 20 counts are made at once', async () => {
      const store = new OfferStore(backend.storage());
      await Promise.all(Array.from({ length: 20 }, () => store.count('care-plan-offer', (c) => (c.shown += 1))));
      expect((await store.counters(['care-plan-offer'])).get('care-plan-offer')?.shown).to.equal(20);
    });

    it('counts every gate decision made at once', async () => {
      const store = new OfferStore(backend.storage());
      await Promise.all(Array.from({ length: 10 }, () => store.countGates((g) => (g.decisions += 1))));
      expect((await store.gates()).decisions).to.equal(10);
    });

    it('starts counters at zero and leaves out offers never counted', async () => {
      const store = new OfferStore(backend.storage());
      await store.count('care-plan-offer', (c) => (c.declined += 1));
      const counters = await store.counters(['care-plan-offer', 'never-shown']);
      expect([...counters.keys()]).to.deep.equal(['care-plan-offer']);
      expect(counters.get('care-plan-offer')).to.deep.equal({
        offerId: 'care-plan-offer', shown: 0, accepted: 0, bySegment: {}, declined: 1, optedOut: 0, ignored: 0, heldOut: 0, exposedConverted: 0, holdoutConverted: 0,
      });
      expect(await store.gates()).to.deep.equal({ decisions: 0, shown: 0, heldOut: 0, none: 0, byReason: {}, optOuts: 0, optIns: 0 });
    });

    it(`keeps a customer's decisions newest first, at most ${decisionsKept}`, async () => {
      const store = new OfferStore(backend.storage());
      for (let n = 0; n < decisionsKept + 5; n += 1) await store.keepDecision(decision(n));
      const kept = await store.decisions('customer:cust-1');
      expect(kept.map((d) => d.id)).to.deep.equal(Array.from({ length: decisionsKept }, (_, i) => `decision-${decisionsKept + 4 - i}`));
      expect(await store.decisions('customer:cust-2')).to.deep.equal([]);
    });
  });
}

describe('OfferStore when other instances always write first', () => {
  it('gives up with a coded conflict error, having stored nothing', async () => {
    const memory = new MemoryStorage();
    let writes = 0;
    const busy: OfferStorage = {
      read: (keys) => memory.read(keys),
      write: () => {
        writes += 1;
        return Promise.reject(new ETagConflictError('offers/history/customer%3Acust-1'));
      },
    };
    const error = await new OfferStore(busy).changeHistory('customer:cust-1', async (h) => ({ history: { ...h, impressions: [impression('d1')] }, result: undefined })).catch((e: unknown) => e);
    expect(error).to.have.property('code', 'WL_OFFERS_CONFLICT');
    expect(writes).to.be.greaterThan(1);
    expect(await new OfferStore(memory).histories(['customer:cust-1'])).to.deep.equal([{ key: 'customer:cust-1', impressions: [] }]);
  });

  it('passes on storage failures that are not conflicts, without retrying', async () => {
    let writes = 0;
    const broken: OfferStorage = {
      read: async () => ({}),
      write: () => {
        writes += 1;
        return Promise.reject(new Error('disk full'));
      },
    };
    const error = await new OfferStore(broken).count('care-plan-offer', (c) => (c.shown += 1)).catch((e: unknown) => e);
    expect(error).to.have.property('message', 'disk full');
    expect(writes).to.equal(1);
  });
});
