/**
 * External services that some tests need. In CI (`CI=true`) a missing service fails the run;
 * on a developer's machine the tests that need it are skipped, with the reason printed.
 */
import { createClient } from 'redis';
import { redactRedisUrl } from '../../storage/redisConnection';

const probeTimeoutMs = 2000;

/**
 * Call from a `before` hook: resolves with the Redis URL to test against (env `REDIS_TEST_URL`,
 * default `redis://127.0.0.1:6379`), or skips the suite (locally) / throws (CI) when Redis does not answer.
 */
export async function requireRedis(ctx: Mocha.Context): Promise<string> {
  const url = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
  const problem = await probeRedis(url);
  if (problem === undefined) return url;
  const reason = `Redis is not reachable at ${redactRedisUrl(url)} (${problem})`;
  if (isCi()) throw new Error(`${reason}; CI must run the Redis tests`);
  console.log(`      skipping: ${reason}; set REDIS_TEST_URL or start Redis to run these tests`);
  ctx.skip();
}

/** True in CI (`CI` set and not false), where a missing service fails the run instead of skipping. */
export function isCi(): boolean {
  const ci = (process.env.CI ?? '').toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}

async function probeRedis(url: string): Promise<string | undefined> {
  const client = createClient({ url, socket: { connectTimeout: probeTimeoutMs, reconnectStrategy: false } });
  client.on('error', () => undefined); // connect() rejects with the same error
  try {
    await client.connect();
    await client.sendCommand(['PING']);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    if (client.isOpen) client.destroy();
  }
}
