/**
 * Counter documents that every turn on every instance adds to (per-offer counts, gate counts), split
 * into shards so that concurrent writers rarely meet on one eTag. Each addition goes to a shard picked
 * at random, and to another one after an eTag conflict; reading sums the shards. A counter written
 * before shards existed (one document under the base key) is read and summed too, and never written
 * again, so stored figures carry over without a migration step.
 */
import { randomInt } from 'node:crypto';
import { absentETag, defaultConflictRetries, retryOnConflict, withoutETag } from '../storage/compareAndSet';
import type { Stored } from '../storage/compareAndSet';

/** The part of a botbuilder `Storage` this needs. */
export interface CounterStorage {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
}

/** Shards per counter. Reading takes every shard, so it may grow but must never shrink (a shard left out is a count lost). */
export const counterShards = 8;

/** See the file header. */
export class ShardedCounters {
  constructor(
    private readonly storage: CounterStorage,
    private readonly shards = counterShards,
    private readonly pick: (shards: number) => number = randomInt,
  ) {
    if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`ShardedCounters: shards must be a whole number of at least 1, got ${shards}`);
  }

  /** The storage keys that hold the counter `base`: its pre-shard document, then the shards. */
  keysOf(base: string): string[] {
    return [base, ...Array.from({ length: this.shards }, (_, n) => `${base}/${n}`)];
  }

  /** The totals of these counters, starting from `empty`; a counter never written is left out. */
  async read<T extends object>(bases: readonly string[], empty: () => T): Promise<Map<string, T>> {
    const items = await this.storage.read(bases.flatMap((b) => this.keysOf(b)));
    const totals = new Map<string, T>();
    for (const base of bases) {
      const parts = this.keysOf(base).flatMap((k) => (items[k] ? [withoutETag(items[k] as Stored<T>)] : []));
      if (parts.length === 0) continue;
      const total = empty();
      for (const part of parts) addInto(total as Record<string, unknown>, part as Record<string, unknown>);
      totals.set(base, total);
    }
    return totals;
  }

  /**
   * Adds to the counter `base`: `add` gets one shard (starting from `empty`) and must only add to
   * it, never read a total from it (a shard holds a part of the counts). Resolves false when every
   * shard tried was being written by someone else (nothing was added).
   */
  async add<T extends object>(base: string, empty: () => T, add: (shard: T) => void): Promise<boolean> {
    const outcome = await retryOnConflict(this.write, defaultConflictRetries, async () => {
      const key = `${base}/${this.pick(this.shards)}`;
      const stored = (await this.storage.read([key]))[key] as Stored<T> | undefined;
      const doc = stored ? withoutETag(stored) : empty();
      add(doc);
      return { write: { [key]: { ...doc, eTag: stored?.eTag ?? absentETag } }, result: undefined };
    });
    return outcome.settled;
  }

  private readonly write = (changes: Record<string, unknown>): Promise<void> => this.storage.write(changes);
}

/** Adds every number in `part` to `total`, field by field and into nested maps; other values fill gaps only. */
export function addInto(total: Record<string, unknown>, part: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(part)) {
    const had = total[field];
    if (typeof value === 'number') total[field] = (typeof had === 'number' ? had : 0) + value;
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const into = typeof had === 'object' && had !== null && !Array.isArray(had) ? (had as Record<string, unknown>) : {};
      addInto(into, value as Record<string, unknown>);
      total[field] = into;
    } else if (had === undefined) total[field] = value;
  }
}
