/**
 * Resolution and satisfaction per topic (P11): how many issues the bot and the agents resolved or
 * did not, and the CSAT they earned, so an admin can see which topics fail and why. Kept as one small
 * counter document per topic, updated with compare-and-set so instances never lose a count.
 */
import { HandoffStoreError, absentETag, defaultConflictRetries, handoffStoreErrorCodes, retryOnConflict, withoutETag } from './handoffStoreErrors';
import type { Stored } from './handoffStoreErrors';

/** The part of a botbuilder `Storage` this needs. */
export interface ResolutionStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
}

/** One answer to the resolution check (and, separately, the CSAT that followed). */
export interface ResolutionFact {
  readonly at: string;
  readonly resolved: boolean;
  readonly how: 'bot' | 'agent';
  readonly topic?: string;
  readonly csat?: number;
}

/** Counters for one topic. */
export interface TopicOutcomes {
  readonly topic: string;
  resolvedByBot: number;
  notResolvedByBot: number;
  resolvedByAgent: number;
  notResolvedByAgent: number;
  csatCount: number;
  csatSum: number;
  /** CSAT answers by score, index 0 = score 1. */
  csatScores: number[];
  lastAt: string;
}

/** Topic used when the answer had none. */
export const untopical = '(none)';

/** Counts resolution answers and CSAT per topic. */
export class ResolutionLog {
  constructor(private readonly store: ResolutionStore) {
    if (!store) throw new TypeError('ResolutionLog needs a store');
  }

  /**
   * Counts one fact. A fact with `csat` counts only the score, and a score other than a whole
   * number from 1 to 5 is refused with a `RangeError`. Facts recorded at the same time by other
   * instances are all counted; after repeated lost races it throws a `WL_HANDOFF_CONFLICT`
   * {@link HandoffStoreError}.
   */
  async record(fact: ResolutionFact): Promise<void> {
    if (fact.csat !== undefined && (!Number.isInteger(fact.csat) || fact.csat < 1 || fact.csat > 5)) throw new RangeError(`CSAT must be 1 to 5, got ${fact.csat}`);
    const topic = fact.topic ?? untopical;
    const key = keyOf(topic);
    const outcome = await retryOnConflict(this.write, defaultConflictRetries, async () => {
      const stored = (await this.store.read([key]))[key] as Stored<TopicOutcomes> | undefined;
      const doc = counted(stored ? withoutETag(stored) : emptyOutcomes(topic), fact);
      return { write: { [key]: { ...doc, eTag: stored?.eTag ?? absentETag } }, result: undefined };
    });
    if (!outcome.settled) throw new HandoffStoreError(handoffStoreErrorCodes.conflict, topic, `ResolutionLog: gave up after repeated concurrent writes for topic ${topic}`);
  }

  /** The counters of some topics (unknown topics are left out). */
  async topics(topics: readonly string[]): Promise<TopicOutcomes[]> {
    const items = await this.store.read(topics.map(keyOf));
    return topics.flatMap((t) => {
      const doc = items[keyOf(t)] as Stored<TopicOutcomes> | undefined;
      return doc ? [withoutETag(doc)] : [];
    });
  }

  private readonly write = (changes: Record<string, unknown>): Promise<void> => this.store.write(changes);
}

function emptyOutcomes(topic: string): TopicOutcomes {
  return { topic, resolvedByBot: 0, notResolvedByBot: 0, resolvedByAgent: 0, notResolvedByAgent: 0, csatCount: 0, csatSum: 0, csatScores: [0, 0, 0, 0, 0], lastAt: '' };
}

/** `doc` (a copy the caller owns) with `fact` counted in. */
function counted(doc: TopicOutcomes, fact: ResolutionFact): TopicOutcomes {
  if (fact.csat !== undefined) {
    doc.csatCount += 1;
    doc.csatSum += fact.csat;
    doc.csatScores[fact.csat - 1] = (doc.csatScores[fact.csat - 1] ?? 0) + 1;
  } else if (fact.how === 'bot') {
    if (fact.resolved) doc.resolvedByBot += 1;
    else doc.notResolvedByBot += 1;
  } else if (fact.resolved) doc.resolvedByAgent += 1;
  else doc.notResolvedByAgent += 1;
  doc.lastAt = fact.at;
  return doc;
}

function keyOf(topic: string): string {
  return `analytics/resolution/${encodeURIComponent(topic)}`;
}
