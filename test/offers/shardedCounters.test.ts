import { expect } from 'chai';
import { MemoryStorage as BotbuilderMemoryStorage } from 'botbuilder';
import { OfferStore } from '../../offers/offerStore';
import type { GateCounters, OfferCounters, OfferStorage } from '../../offers/offerStore';
import { addInto, ShardedCounters } from '../../offers/shardedCounters';
import { MemoryStorage } from '../../storage/memoryStorage';
import { RedisStorage } from '../../storage/redisStorage';
import { isETagConflict } from '../../storage/compareAndSet';
import { ETagConflictError } from '../../storage/storageErrors';
import { useRedisPerTest } from '../storage/redisTestClients';

const instances = 5;
const eachAdds = 20;

/** Storage that counts the writes refused with an eTag conflict (a write that lost a race). */
function countingConflicts(storage: OfferStorage): OfferStorage & { conflicts: number } {
  const counted = {
    conflicts: 0,
    read: (keys: string[]) => storage.read(keys),
    write: async (changes: Record<string, unknown>) => {
      try {
        await storage.write(changes);
      } catch (error) {
        if (isETagConflict(error)) counted.conflicts += 1;
        throw error;
      }
    },
  };
  return counted;
}

/** Several store instances (as on several servers) each adding `eachAdds` decisions at once; returns the conflicts met. */
async function addConcurrently(storages: readonly OfferStorage[]): Promise<number> {
  const counted = storages.map(countingConflicts);
  const stores = counted.map((s) => new OfferStore(s));
  await Promise.all(
    stores.flatMap((store) =>
      Array.from({ length: eachAdds }, async () => {
        await store.count('club-membership', (c) => {
          c.shown += 1;
          c.bySegment.audio = { shown: (c.bySegment.audio?.shown ?? 0) + 1, accepted: c.bySegment.audio?.accepted ?? 0 };
        });
        await store.countGates((g) => {
          g.decisions += 1;
          g.byReason.holdout = (g.byReason.holdout ?? 0) + 1;
        });
      }),
    ),
  );
  return counted.reduce((sum, s) => sum + s.conflicts, 0);
}

async function expectEveryAdd(store: OfferStore): Promise<void> {
  const total = instances * eachAdds;
  const club = (await store.counters(['club-membership'])).get('club-membership');
  expect(club?.shown).to.equal(total);
  expect(club?.bySegment.audio).to.deep.equal({ shown: total, accepted: 0 });
  const gates = await store.gates();
  expect(gates.decisions).to.equal(total);
  expect(gates.byReason.holdout).to.equal(total);
}

describe('offer counters in shards', () => {
  for (const backend of [
    { name: "Warmline's MemoryStorage", storage: () => new MemoryStorage() },
    { name: "botbuilder's MemoryStorage", storage: () => new BotbuilderMemoryStorage() },
  ]) {
    it(`loses no increment from ${instances} store instances adding at once (${backend.name})`, async () => {
      const storage = backend.storage();
      await addConcurrently(Array.from({ length: instances }, () => storage));
      await expectEveryAdd(new OfferStore(storage));
    });
  }

  it('reads counters written before shards existed, adds to them, and fills fields they did not have', async () => {
    const storage = new MemoryStorage();
    const legacyClub = { offerId: 'club-membership', shown: 7, accepted: 2, bySegment: { audio: { shown: 4, accepted: 1 } }, declined: 3, optedOut: 0, ignored: 1, heldOut: 2, exposedConverted: 2 };
    const legacyGates = { decisions: 9, shown: 7, heldOut: 2, none: 0, byReason: { holdout: 2 }, optOuts: 1, optIns: 0 };
    await storage.write({ 'offers/counters/club-membership': legacyClub, 'offers/gates': legacyGates });
    const store = new OfferStore(storage);
    await store.count('club-membership', (c) => {
      c.accepted += 1;
      c.bySegment.audio = { shown: c.bySegment.audio?.shown ?? 0, accepted: (c.bySegment.audio?.accepted ?? 0) + 1 };
    });
    await store.countGates((g) => (g.optOuts += 1));
    const club: OfferCounters | undefined = (await store.counters(['club-membership', 'never-shown'])).get('club-membership');
    expect(club).to.deep.equal({ ...legacyClub, accepted: 3, bySegment: { audio: { shown: 4, accepted: 2 } }, holdoutConverted: 0 });
    const gates: GateCounters = await store.gates();
    expect(gates).to.deep.equal({ ...legacyGates, optOuts: 2 });
    expect((await storage.read(['offers/counters/club-membership']))['offers/counters/club-membership'], 'the old document is not rewritten').to.include({ accepted: 2 });
  });

  it('tries another shard after losing a race, and sums every shard', async () => {
    const memory = new MemoryStorage();
    let refuse = 1;
    const racing: OfferStorage = {
      read: (keys) => memory.read(keys),
      // Another instance wins the first write: nothing is written and the eTag conflict comes back.
      write: (changes) => (refuse-- > 0 ? Promise.reject(new ETagConflictError(Object.keys(changes)[0]!)) : memory.write(changes)),
    };
    let next = 0;
    const tallies = new ShardedCounters(racing, 4, (n) => next++ % n);
    const add = () => tallies.add('offers/gates', () => ({ decisions: 0 }), (g) => (g.decisions += 1));
    expect(await add()).to.equal(true);
    expect(Object.keys(await memory.read(tallies.keysOf('offers/gates')))).to.deep.equal(['offers/gates/1']);
    for (let n = 0; n < 6; n += 1) await add();
    expect(Object.keys(await memory.read(tallies.keysOf('offers/gates'))).sort()).to.deep.equal(['offers/gates/0', 'offers/gates/1', 'offers/gates/2', 'offers/gates/3']);
    expect((await tallies.read(['offers/gates'], () => ({ decisions: 0 }))).get('offers/gates')).to.deep.equal({ decisions: 7 });
  });

  it('adds numbers field by field, into nested maps, and keeps the first of other values', () => {
    const total: Record<string, unknown> = { offerId: '', shown: 1, bySegment: { audio: { shown: 1, accepted: 0 } } };
    addInto(total, { offerId: 'x', shown: 2, bySegment: { audio: { shown: 1, accepted: 1 }, kitchen: { shown: 3, accepted: 0 } }, extra: 4 });
    expect(total).to.deep.equal({ offerId: '', shown: 3, bySegment: { audio: { shown: 2, accepted: 1 }, kitchen: { shown: 3, accepted: 0 } }, extra: 4 });
  });

  it('refuses a number of shards that is not a whole number of at least 1', () => {
    expect(() => new ShardedCounters(new MemoryStorage(), 0)).to.throw(RangeError);
    expect(() => new ShardedCounters(new MemoryStorage(), 1.5)).to.throw(RangeError);
  });

  describe('over Redis, each instance on its own connection', () => {
    const redis = useRedisPerTest();

    it(`loses no increment from ${instances} store instances adding at once`, async () => {
      const storages = await Promise.all(Array.from({ length: instances }, async () => new RedisStorage(await redis.clients.connect(), redis.clients.prefix)));
      await addConcurrently(storages);
      await expectEveryAdd(new OfferStore(storages[0]!));
    });
  });
});
