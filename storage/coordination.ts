/**
 * How the instances sharing one store take turns: one turn at a time per conversation, and one
 * instance at a time per periodic task. One process needs nothing shared; instances on Redis use
 * locks and leases in Redis.
 */
import type { Logger } from 'pino';
import type { KeyedLock } from './keyedLock';
import type { Lease } from './lease';
import { LocalLease } from './lease';
import type { RedisCommandClient } from './redisCommandClient';
import { RedisKeyedLock } from './redisKeyedLock';
import { RedisLease } from './redisLease';
import { SerialQueue } from './serialQueue';

/** Turn locks and task leases of one deployment. */
export interface Coordination {
  /** Serialises the turns of each conversation (the key) across every instance. */
  readonly turns: KeyedLock;
  /** The lease on periodic task `name`, lasting `ttlMs` unless renewed. */
  lease(name: string, ttlMs: number): Lease;
}

/** One process: an in-memory queue per conversation, every lease held. */
export function localCoordination(): Coordination {
  return { turns: new SerialQueue(), lease: () => new LocalLease() };
}

/** Several instances on one Redis (keys under the deployment's prefix). */
export function redisCoordination(client: RedisCommandClient, keyPrefix: string, log: Logger): Coordination {
  return { turns: new RedisKeyedLock(client, keyPrefix, log), lease: (name, ttlMs) => new RedisLease(client, keyPrefix, name, ttlMs) };
}
