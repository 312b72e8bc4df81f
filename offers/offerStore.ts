/**
 * Where offer data lives: each customer's history and decisions, per-offer counters (impressions,
 * answers, conversions: the propensity and the metrics), and gate counters. Kept in a botbuilder-
 * style Storage (SQLite, Redis or memory), so it survives restarts and is shared by instances; every
 * change is a compare-and-set, so concurrent instances never lose a count. The counters, which every
 * decision adds to, are kept in shards (`shardedCounters.ts`) so instances rarely wait on each other.
 */
import { absentETag, defaultConflictRetries, retryOnConflict, withoutETag } from '../storage/compareAndSet';
import type { Stored } from '../storage/compareAndSet';
import type { GateReason, OfferDecision } from './offerDecision';
import { emptyHistory } from './offerHistory';
import type { OfferHistory } from './offerHistory';
import type { OfferResponseCounts } from './propensity';
import { ShardedCounters } from './shardedCounters';

/** The part of a botbuilder `Storage` this needs. */
export interface OfferStorage {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
}

/** Per-offer counters: the propensity's evidence plus what the metrics report. */
export interface OfferCounters extends OfferResponseCounts {
  declined: number;
  optedOut: number;
  ignored: number;
  /** Decisions that would have shown this offer to a customer in the holdout. */
  heldOut: number;
  /** Shown, then the product was taken up (accepted, or a purchase reported). */
  exposedConverted: number;
  /** Held out, then the customer got the product anyway (a reported purchase). */
  holdoutConverted: number;
}

/** Counters over all decisions. */
export interface GateCounters {
  decisions: number;
  shown: number;
  heldOut: number;
  none: number;
  /** Decisions each gate reason closed (one decision may count under several). */
  byReason: Partial<Record<GateReason, number>>;
  optOuts: number;
  optIns: number;
}

/** Raised when other instances kept changing the same item; `code` is `WL_OFFERS_CONFLICT`. */
export class OfferStoreConflictError extends Error {
  readonly code = 'WL_OFFERS_CONFLICT';
  constructor(readonly key: string) {
    super(`Offer store: gave up after repeated concurrent writes to ${key}`);
    this.name = 'OfferStoreConflictError';
  }
}

/**
 * A channel user who said "don't show me offers" while the profile source was down and who was never
 * linked to a customer: their objection is carried to the customer's history once the source can say
 * who they are ({@link OfferStore.unlinkedObjections}).
 */
export interface UnlinkedObjection {
  readonly channelId: string;
  readonly userId: string;
  readonly aadObjectId?: string;
  readonly at: string;
}

/** Decisions kept per customer for explanations. */
export const decisionsKept = 30;

const keys = {
  history: (key: string) => `offers/history/${encodeURIComponent(key)}`,
  decisions: (key: string) => `offers/decisions/${encodeURIComponent(key)}`,
  counters: (offerId: string) => `offers/counters/${encodeURIComponent(offerId)}`,
  gates: 'offers/gates',
  unlinked: 'offers/unlinked-objections',
};

/** Reads and changes offer data. */
export class OfferStore {
  private readonly tallies: ShardedCounters;

  /** `counterShards`: shards per counter document (see `shardedCounters.ts`); tests pass other values. */
  constructor(
    private readonly storage: OfferStorage,
    counterShards?: number,
  ) {
    if (!storage) throw new TypeError('OfferStore needs a storage');
    this.tallies = new ShardedCounters(storage, counterShards);
  }

  /** Histories for several keys (empty ones for keys never written). */
  async histories(historyKeys: readonly string[]): Promise<OfferHistory[]> {
    const items = await this.storage.read(historyKeys.map(keys.history));
    return historyKeys.map((k) => {
      const stored = items[keys.history(k)] as Stored<OfferHistory> | undefined;
      return stored ? withoutETag(stored) : emptyHistory(k);
    });
  }

  /**
   * Read-decide-write on one customer's history: `decide` gets a fresh copy each attempt and returns
   * the history to write (or undefined for no change) and a result. Retries when another instance
   * wrote first, so a decision is always made on the latest history.
   */
  async changeHistory<T>(key: string, decide: (history: OfferHistory) => Promise<{ history?: OfferHistory; result: T }>): Promise<T> {
    const storageKey = keys.history(key);
    const outcome = await retryOnConflict<T>(this.write, defaultConflictRetries, async () => {
      const stored = (await this.storage.read([storageKey]))[storageKey] as Stored<OfferHistory> | undefined;
      const { history, result } = await decide(stored ? withoutETag(stored) : emptyHistory(key));
      if (!history) return { done: result };
      return { write: { [storageKey]: { ...history, eTag: stored?.eTag ?? absentETag } }, result };
    });
    if (!outcome.settled) throw new OfferStoreConflictError(storageKey);
    return outcome.value;
  }

  /** Counters of these offers (offers never shown are left out). */
  async counters(offerIds: readonly string[]): Promise<Map<string, OfferCounters>> {
    const totals = await this.tallies.read(offerIds.map(keys.counters), () => emptyCounters(''));
    const found = new Map<string, OfferCounters>();
    for (const id of offerIds) {
      const total = totals.get(keys.counters(id));
      if (total) found.set(id, { ...total, offerId: id });
    }
    return found;
  }

  /** Adds to one offer's counters; `change` must only add (it gets one shard of them). */
  async count(offerId: string, change: (counters: OfferCounters) => void): Promise<void> {
    if (!(await this.tallies.add(keys.counters(offerId), () => emptyCounters(offerId), change))) throw new OfferStoreConflictError(keys.counters(offerId));
  }

  /** Adds to the gate counters; `change` must only add (it gets one shard of them). */
  async countGates(change: (counters: GateCounters) => void): Promise<void> {
    if (!(await this.tallies.add(keys.gates, emptyGates, change))) throw new OfferStoreConflictError(keys.gates);
  }

  /** The gate counters. */
  async gates(): Promise<GateCounters> {
    return (await this.tallies.read([keys.gates], emptyGates)).get(keys.gates) ?? emptyGates();
  }

  /** Keeps a decision for explanations (the newest {@link decisionsKept} per customer). */
  async keepDecision(decision: OfferDecision): Promise<void> {
    await this.update<{ decisions: OfferDecision[] }>(keys.decisions(decision.customerKey), () => ({ decisions: [] }), (doc) => {
      doc.decisions = [decision, ...doc.decisions].slice(0, decisionsKept);
    });
  }

  /** A customer's decisions, newest first. */
  async decisions(historyKey: string): Promise<OfferDecision[]> {
    const stored = (await this.storage.read([keys.decisions(historyKey)]))[keys.decisions(historyKey)] as Stored<{ decisions: OfferDecision[] }> | undefined;
    return stored ? withoutETag(stored).decisions : [];
  }

  /** Channel users whose objection still waits to reach a customer's history. */
  async unlinkedObjections(): Promise<UnlinkedObjection[]> {
    const stored = (await this.storage.read([keys.unlinked]))[keys.unlinked] as Stored<{ entries: UnlinkedObjection[] }> | undefined;
    return stored ? withoutETag(stored).entries : [];
  }

  /** Remembers a channel user's objection to carry over later (once per channel user). */
  async noteUnlinked(entry: UnlinkedObjection): Promise<void> {
    await this.update<{ entries: UnlinkedObjection[] }>(keys.unlinked, () => ({ entries: [] }), (doc) => {
      if (!doc.entries.some((e) => sameUser(e, entry))) doc.entries.push(entry);
    });
  }

  /** Forgets entries that were carried over (or concern no customer). */
  async forgetUnlinked(done: readonly UnlinkedObjection[]): Promise<void> {
    if (done.length === 0) return;
    await this.update<{ entries: UnlinkedObjection[] }>(keys.unlinked, () => ({ entries: [] }), (doc) => {
      doc.entries = doc.entries.filter((e) => !done.some((d) => sameUser(d, e)));
    });
  }

  private async update<T extends object>(key: string, empty: () => T, change: (doc: T) => void): Promise<void> {
    const outcome = await retryOnConflict(this.write, defaultConflictRetries, async () => {
      const stored = (await this.storage.read([key]))[key] as Stored<T> | undefined;
      const doc = stored ? withoutETag(stored) : empty();
      change(doc);
      return { write: { [key]: { ...doc, eTag: stored?.eTag ?? absentETag } }, result: undefined };
    });
    if (!outcome.settled) throw new OfferStoreConflictError(key);
  }

  private readonly write = (changes: Record<string, unknown>): Promise<void> => this.storage.write(changes);
}

function sameUser(a: UnlinkedObjection, b: UnlinkedObjection): boolean {
  return a.channelId === b.channelId && a.userId === b.userId;
}

function emptyCounters(offerId: string): OfferCounters {
  return { offerId, shown: 0, accepted: 0, bySegment: {}, declined: 0, optedOut: 0, ignored: 0, heldOut: 0, exposedConverted: 0, holdoutConverted: 0 };
}

function emptyGates(): GateCounters {
  return { decisions: 0, shown: 0, heldOut: 0, none: 0, byReason: {}, optOuts: 0, optIns: 0 };
}
