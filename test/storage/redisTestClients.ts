/**
 * Redis clients for tests, each run under its own random key prefix; `cleanup()` deletes only
 * that prefix's keys (never FLUSHDB) and closes the clients.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { RedisCommandClient } from '../../storage/redisCommandClient';
import { requireRedis } from '../support/services';

/** Clients and a unique key prefix for one test. */
export class RedisTestClients {
  /** Unique per instance; only hex after `wltest:`, so it is safe in a SCAN pattern. */
  readonly prefix = `wltest:${randomBytes(8).toString('hex')}:`;
  private readonly clients: Array<ReturnType<typeof createClient>> = [];

  constructor(private readonly url: string) {}

  /** A new connected client (a separate connection to the server). */
  async connect(): Promise<RedisCommandClient> {
    const client = createClient({ url: this.url });
    client.on('error', () => undefined); // a failing command rejects; nothing else to report
    await client.connect();
    this.clients.push(client);
    return client;
  }

  /** Every key under this prefix. */
  async keys(): Promise<string[]> {
    const client = this.clients[0] ?? (await this.connect());
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = (await client.sendCommand(['SCAN', cursor, 'MATCH', `${this.prefix}*`, 'COUNT', '1000'])) as [string, string[]];
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  /** Deletes this prefix's keys and closes every client. */
  async cleanup(): Promise<void> {
    const keys = await this.keys();
    for (let i = 0; i < keys.length; i += 500) await this.clients[0]?.sendCommand(['DEL', ...keys.slice(i, i + 500)]);
    await Promise.all(this.clients.splice(0).map((c) => c.close()));
  }
}

/** What {@link useRedisPerTest} fills in: the server's URL and the current test's clients. */
export interface RedisPerTest {
  url: string;
  clients: RedisTestClients;
}

/**
 * Call inside a `describe`: skips the suite without Redis (fails in CI), gives each test new
 * clients under their own prefix, and deletes that prefix's keys after each test.
 */
export function useRedisPerTest(): RedisPerTest {
  const redis = { url: '' } as RedisPerTest;
  before(async function () {
    redis.url = await requireRedis(this);
  });
  beforeEach(() => {
    redis.clients = new RedisTestClients(redis.url);
  });
  afterEach(async () => redis.clients.cleanup());
  return redis;
}
