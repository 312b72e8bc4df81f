/**
 * Direct Line conversations and their recent activities, kept in the bot's `Storage` so a browser
 * can resume after a restart. Changes to one conversation run one at a time (order kept, nothing
 * lost); every stored or transient activity is handed to the {@link ActivityFeed} in that order.
 */
import type { Storage, StoreItem } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { ActivityFeed, ActivityListener } from './activityFeed';
import type { ConversationRecord, HistoryEntry } from './conversationRecord';
import { activityIdFor, activitySetAfter } from './conversationRecord';
import { DirectLineError } from './directLineErrors';
import { SerialQueue } from '../../storage/serialQueue';
import type { ActivitySet, WireAccount, WireActivity } from './wireActivity';

/** Options for {@link ConversationStore}. */
export interface ConversationStoreOptions {
  readonly storage: Storage;
  readonly feed: ActivityFeed;
  readonly log: Logger;
  readonly now: () => Date;
  /** Activities kept per conversation; older ones are dropped. Default 500. */
  readonly maxHistory?: number;
  /** Approximate bytes of conversations kept in memory between requests. Default 32 MiB. */
  readonly cacheBytes?: number;
}

/** Storage key of a conversation. */
export function conversationStorageKey(conversationId: string): string {
  return `directline/conversation/${conversationId}`;
}

type Change<T> = (record: ConversationRecord) => { next?: ConversationRecord; result: T; publish?: ActivitySet };

/** Reads and changes Direct Line conversations through `Storage`. */
export class ConversationStore {
  private readonly queue = new SerialQueue();
  private readonly cache: LRUCache<string, ConversationRecord>;
  private readonly maxHistory: number;
  private saves = 0;

  constructor(private readonly options: ConversationStoreOptions) {
    this.maxHistory = options.maxHistory ?? 500;
    // Bounded by size, not count: one conversation may hold hundreds of large activities.
    this.cache = new LRUCache({ maxSize: options.cacheBytes ?? 32 * 1024 * 1024, sizeCalculation: (record) => approximateBytes(record) });
  }

  /** The conversation, or undefined when there is none with this id. */
  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const cached = this.cache.get(conversationId);
    if (cached) return cached;
    const key = conversationStorageKey(conversationId);
    const savesBefore = this.saves;
    const items = await this.options.storage.read([key]);
    const record = toRecord(items[key], conversationId);
    // A read that raced a write may return the older version: it must not replace the newer one in the cache.
    if (record && this.saves === savesBefore && !this.cache.has(conversationId)) this.cache.set(conversationId, record);
    return record;
  }

  /** The conversation; throws 404 when there is none. */
  async require(conversationId: string): Promise<ConversationRecord> {
    const record = await this.get(conversationId);
    if (!record) throw new DirectLineError('WL_DL_CONVERSATION_NOT_FOUND');
    return record;
  }

  /** Returns the conversation, creating it first when it does not exist yet. */
  open(conversationId: string, start: { user?: WireAccount; locale?: string }): Promise<{ record: ConversationRecord; created: boolean }> {
    return this.queue.run(conversationId, async () => {
      const existing = await this.get(conversationId);
      if (existing) return { record: existing, created: false };
      const record: ConversationRecord = {
        id: conversationId,
        createdAt: this.options.now().toISOString(),
        ...(start.user ? { user: start.user } : {}),
        ...(start.locale ? { locale: start.locale } : {}),
        lastSeq: 0,
        botGreeted: false,
        history: [],
      };
      await this.save(record);
      return { record, created: true };
    });
  }

  /** Records that the bot accepted the conversationUpdate announcing the members. */
  markGreeted(conversationId: string): Promise<void> {
    return this.change(conversationId, (record) => ({ next: { ...record, botGreeted: true }, result: undefined }));
  }

  /** Numbers, stores and publishes a new activity built by `build` from its id. */
  append(conversationId: string, build: (activityId: string) => WireActivity): Promise<WireActivity> {
    return this.change(conversationId, (record) => {
      const seq = record.lastSeq + 1;
      const activity = build(activityIdFor(conversationId, seq));
      const history = [...record.history, { seq, activity }];
      const kept = history.length > this.maxHistory ? history.slice(history.length - this.maxHistory) : history;
      return { next: { ...record, lastSeq: seq, history: kept }, result: activity, publish: { activities: [activity], watermark: String(seq) } };
    });
  }

  /** Replaces a stored activity (same id, same place) and publishes it again; 404 when unknown. */
  replace(conversationId: string, activityId: string, build: (old: WireActivity) => WireActivity): Promise<WireActivity> {
    return this.change(conversationId, (record) => {
      const index = findEntry(record, activityId);
      const old = record.history[index] as HistoryEntry;
      const activity = build(old.activity);
      const history = record.history.map((entry, i) => (i === index ? { seq: entry.seq, activity } : entry));
      return { next: { ...record, history }, result: activity, publish: { activities: [activity], watermark: String(record.lastSeq) } };
    });
  }

  /** Removes a stored activity from the history; 404 when unknown. */
  remove(conversationId: string, activityId: string): Promise<void> {
    return this.change(conversationId, (record) => {
      const index = findEntry(record, activityId);
      return { next: { ...record, history: record.history.filter((_, i) => i !== index) }, result: undefined };
    });
  }

  /** Publishes an activity that is not stored (typing), in order with stored ones. */
  publishTransient(conversationId: string, activity: WireActivity): Promise<void> {
    return this.change(conversationId, (record) => ({
      result: undefined,
      publish: { activities: [activity], watermark: String(record.lastSeq) },
    }));
  }

  /**
   * Hands `listener` the stored activities after `watermark`, then every new one as it is
   * published, with nothing missed or repeated in between. Returns the way to stop.
   */
  follow(conversationId: string, watermark: number | undefined, listener: ActivityListener): Promise<() => void> {
    return this.queue.run(conversationId, async () => {
      const backlog = activitySetAfter(await this.require(conversationId), watermark);
      if (backlog.activities.length > 0) listener(backlog);
      return this.options.feed.subscribe(conversationId, listener);
    });
  }

  /** Resolves once no change is running or queued. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private change<T>(conversationId: string, change: Change<T>): Promise<T> {
    return this.queue.run(conversationId, async () => {
      const { next, result, publish } = change(await this.require(conversationId));
      if (next) await this.save(next);
      if (publish) {
        this.options.feed.publish(conversationId, publish, (err) =>
          this.options.log.warn({ err, conversationId }, 'direct line stream listener failed'),
        );
      }
      return result;
    });
  }

  private async save(record: ConversationRecord): Promise<void> {
    this.saves += 1;
    await this.options.storage.write({ [conversationStorageKey(record.id)]: { ...record, eTag: '*' } });
    this.cache.set(record.id, record);
  }
}

function approximateBytes(record: ConversationRecord): number {
  return Math.max(1, JSON.stringify(record).length);
}

function findEntry(record: ConversationRecord, activityId: string): number {
  const index = record.history.findIndex((entry) => entry.activity.id === activityId);
  if (index < 0) throw new DirectLineError('WL_DL_ACTIVITY_NOT_FOUND');
  return index;
}

function toRecord(item: StoreItem | undefined, conversationId: string): ConversationRecord | undefined {
  if (!item || item.id !== conversationId || typeof item.lastSeq !== 'number' || !Array.isArray(item.history)) return undefined;
  // eTag belongs to the storage layer, not to the record.
  const { eTag: _eTag, ...record } = item;
  return record as ConversationRecord;
}
