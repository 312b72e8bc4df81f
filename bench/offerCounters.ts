/**
 * `npm run bench:offer-counters`: how much concurrent instances contend on the offer counters. Each
 * of `--writers` OfferStore instances (a connection each on Redis) records `--decisions` decisions at
 * once, as the engine does after every decision (the offer's counters, then the gate counters), with
 * the counters in one document (as before sharding), in the default shards and in twice as many. Prints, per
 * storage and shard count: writes tried, eTag conflicts, additions given up after every retry, and
 * whether the totals read back are complete. Redis runs when REDIS_URL (default redis://127.0.0.1:6379)
 * answers, under a random key prefix that is deleted afterwards.
 *
 *   npm run bench:offer-counters -- --writers 20 --decisions 25
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createClient } from 'redis';
import { OfferStore } from '../offers/offerStore';
import { counterShards } from '../offers/shardedCounters';
import type { OfferStorage } from '../offers/offerStore';
import { isETagConflict } from '../storage/compareAndSet';
import { MemoryStorage } from '../storage/memoryStorage';
import { RedisStorage } from '../storage/redisStorage';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const n = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a whole number of at least 1`);
  return n;
}

interface Row {
  storage: string;
  shards: number;
  writes: number;
  conflicts: number;
  givenUp: number;
  complete: string;
  ms: number;
}

/** One run: `storages[i]` is writer i's connection. */
async function run(name: string, storages: readonly OfferStorage[], shards: number, decisions: number): Promise<Row> {
  let writes = 0;
  let conflicts = 0;
  let givenUp = 0;
  const stores = storages.map(
    (s) =>
      new OfferStore(
        {
          read: (keys) => s.read(keys),
          write: async (changes) => {
            writes += 1;
            try {
              await s.write(changes);
            } catch (error) {
              if (isETagConflict(error)) conflicts += 1;
              throw error;
            }
          },
        },
        shards,
      ),
  );
  const started = performance.now();
  // Each writer records its decisions one after another, as one instance's turns do; the writers run at once.
  await Promise.all(
    stores.map(async (store) => {
      for (let n = 0; n < decisions; n += 1) {
        for (const add of [() => store.count('club-membership', (c) => (c.shown += 1)), () => store.countGates((g) => (g.decisions += 1))]) {
          try {
            await add();
          } catch (error) {
            if ((error as { code?: string }).code !== 'WL_OFFERS_CONFLICT') throw error;
            givenUp += 1;
          }
        }
      }
    }),
  );
  const ms = performance.now() - started;
  const expected = storages.length * decisions;
  const shown = (await stores[0]!.counters(['club-membership'])).get('club-membership')?.shown ?? 0;
  const gates = (await stores[0]!.gates()).decisions;
  return { storage: name, shards, writes, conflicts, givenUp, complete: `${shown} + ${gates} of ${expected} + ${expected}`, ms: Math.round(ms) };
}

async function main(): Promise<void> {
  const writers = option('writers', 20);
  const decisions = option('decisions', 25);
  const shardCounts = [1, counterShards, 2 * counterShards];
  const rows: Row[] = [];
  for (const shards of shardCounts) {
    const memory = new MemoryStorage();
    rows.push(await run('memory', Array.from({ length: writers }, () => memory), shards, decisions));
  }
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const clients: ReturnType<typeof createClient>[] = [];
  const prefix = `wlbench:${randomBytes(6).toString('hex')}:`;
  try {
    for (let i = 0; i < writers; i += 1) {
      const client = createClient({ url, socket: { reconnectStrategy: false } });
      client.on('error', () => undefined);
      await client.connect();
      clients.push(client);
    }
    for (const shards of shardCounts) rows.push(await run('redis', clients.map((c) => new RedisStorage(c, `${prefix}${shards}:`)), shards, decisions));
  } catch (error) {
    console.log(`Redis skipped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    const first = clients[0];
    if (first?.isOpen) {
      const keys = (await first.sendCommand(['KEYS', `${prefix}*`])) as string[];
      if (keys.length > 0) await first.sendCommand(['DEL', ...keys]);
    }
    await Promise.all(clients.filter((c) => c.isOpen).map((c) => c.close()));
  }
  console.log(`${writers} writers × ${decisions} decisions (2 counter additions each)`);
  console.log('| storage | shards | writes tried | eTag conflicts | additions given up | counted (offer + gates) | ms |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.storage} | ${r.shards} | ${r.writes} | ${r.conflicts} | ${r.givenUp} | ${r.complete} | ${r.ms} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
