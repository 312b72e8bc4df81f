/**
 * A Lua script run by SHA (EVALSHA), loaded on first use and again after the server forgets it
 * (restart, SCRIPT FLUSH). A script runs atomically: nothing else touches Redis meanwhile.
 */
import { createHash } from 'node:crypto';
import type { RedisCommandClient } from './redisCommandClient';

/** One Lua script, callable with its keys and arguments. */
export class RedisScript {
  private readonly sha: string;

  /** @param source The Lua source; it must declare every key it touches in KEYS. */
  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script and resolves with its reply. */
  async run(client: RedisCommandClient, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await client.sendCommand(['EVALSHA', this.sha, ...tail]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.sendCommand(['EVAL', this.source, ...tail]);
    }
  }
}
