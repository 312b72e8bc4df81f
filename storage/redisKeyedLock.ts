/**
 * A {@link KeyedLock} shared by every instance on one Redis: a task runs while this instance holds
 * `<prefix>lock/<key>` (SET NX with a lease). The lease is renewed while the task runs and the lock
 * is released by its holder only (a random token per hold), so an instance that dies mid-turn leaves
 * the key locked at most one lease. Inside one process, tasks of a key queue first ({@link SerialQueue}),
 * so only one of them at a time polls Redis.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { KeyedLock } from './keyedLock';
import type { RedisCommandClient } from './redisCommandClient';
import { RedisScript } from './redisScript';
import { SerialQueue } from './serialQueue';
import { StorageError, storageErrorCodes } from './storageErrors';

/** Extends the lease when the caller still holds the lock. */
const renewScript = new RedisScript("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end");
/** Deletes the lock when the caller still holds it (never someone else's after a lost lease). */
const releaseScript = new RedisScript("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end");

/** Timing of a {@link RedisKeyedLock}. */
export interface RedisKeyedLockOptions {
  /** How long a hold lasts unless renewed; what an instance that died leaves behind. Default 10 s. */
  readonly leaseMs?: number;
  /** How long a task waits for a key held elsewhere before it fails. Default 10 s. */
  readonly waitMs?: number;
}

/** Per-key lock across instances over Redis. */
export class RedisKeyedLock implements KeyedLock {
  private readonly local = new SerialQueue();
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly client: RedisCommandClient,
    private readonly keyPrefix: string,
    private readonly log: Logger,
    options: RedisKeyedLockOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 10_000;
    this.waitMs = options.waitMs ?? 10_000;
    if (!(this.leaseMs >= 100)) throw new TypeError('RedisKeyedLock: leaseMs must be at least 100');
    if (!(this.waitMs > 0)) throw new TypeError('RedisKeyedLock: waitMs must be positive');
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.local.run(key, () => this.held(key, task));
  }

  private async held<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lockKey = `${this.keyPrefix}lock/${key}`;
    const token = randomUUID();
    await this.acquire(lockKey, token);
    const renewal = setInterval(() => void this.renew(lockKey, token), Math.floor(this.leaseMs / 3));
    renewal.unref();
    try {
      return await task();
    } finally {
      clearInterval(renewal);
      // A release that fails leaves the key to expire with its lease.
      await releaseScript.run(this.client, [lockKey], [token]).catch((err: unknown) => this.log.warn({ err, key }, 'could not release a turn lock; it expires with its lease'));
    }
  }

  private async acquire(lockKey: string, token: string): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    let pause = 2;
    for (;;) {
      const reply = await this.client.sendCommand(['SET', lockKey, token, 'NX', 'PX', String(this.leaseMs)]);
      if (reply === 'OK') return;
      if (Date.now() + pause > deadline) {
        throw new StorageError(storageErrorCodes.unavailable, `Storage: ${lockKey} stayed locked by another instance for ${this.waitMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 50);
    }
  }

  private async renew(lockKey: string, token: string): Promise<void> {
    try {
      const renewed = await renewScript.run(this.client, [lockKey], [token, String(this.leaseMs)]);
      if (renewed !== 1) this.log.warn({ key: lockKey }, 'a turn outlived its lock lease; another instance may run the next turn of this conversation');
    } catch (err) {
      this.log.warn({ err, key: lockKey }, 'could not renew a turn lock');
    }
  }
}
