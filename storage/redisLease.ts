/**
 * A {@link Lease} shared by the instances on one Redis. The lease is the key `<prefix>lease/<name>`
 * holding `<instance>:<fence>` with an expiry; the fence comes from a counter that only grows
 * (`<prefix>lease/<name>/fence`). The holder renews it each time it acts; when it dies, another
 * instance takes the lease once it expires, under a higher fence.
 */
import { randomUUID } from 'node:crypto';
import type { Lease } from './lease';
import type { RedisCommandClient } from './redisCommandClient';
import { RedisScript } from './redisScript';

/** Renews our lease, or takes a free one under a new fence; returns the fence, or 0 when someone else holds it. */
const acquireScript = new RedisScript(`
local held = redis.call('GET', KEYS[1])
if held then
  local owner, fence = string.match(held, '^(.*):(%d+)$')
  if owner == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(fence)
  end
  return 0
end
local fence = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. fence, 'PX', ARGV[2])
return fence`);
/** Deletes the lease when we hold it. */
const releaseScript = new RedisScript(`
local held = redis.call('GET', KEYS[1])
if held and string.sub(held, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. ':' then return redis.call('DEL', KEYS[1]) end
return 0`);

/** A lease over Redis, held by this process under a random instance id. */
export class RedisLease implements Lease {
  private readonly key: string;
  private readonly instance = randomUUID();

  /**
   * @param name The task, e.g. `handoff-sweep`.
   * @param ttlMs How long the lease lasts without renewal: what a holder that died leaves behind.
   */
  constructor(
    private readonly client: RedisCommandClient,
    keyPrefix: string,
    name: string,
    private readonly ttlMs: number,
  ) {
    if (!/^[a-z0-9-]+$/.test(name)) throw new TypeError(`RedisLease: name must be lowercase letters, digits and dashes, got ${JSON.stringify(name)}`);
    if (!(Number.isInteger(ttlMs) && ttlMs >= 100)) throw new TypeError('RedisLease: ttlMs must be an integer of at least 100');
    this.key = `${keyPrefix}lease/${name}`;
  }

  async acquire(): Promise<number | undefined> {
    const fence = Number(await acquireScript.run(this.client, [this.key, `${this.key}/fence`], [this.instance, String(this.ttlMs)]));
    return fence > 0 ? fence : undefined;
  }

  async holds(fence: number): Promise<boolean> {
    return (await this.client.sendCommand(['GET', this.key])) === `${this.instance}:${fence}`;
  }

  async release(): Promise<void> {
    await releaseScript.run(this.client, [this.key], [this.instance]);
  }
}
