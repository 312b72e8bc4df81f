/**
 * Direct Line conversations and their recent activities, kept in the bot's `Storage` so a browser
 * can resume after a restart. Changes to one conversation run one at a time (order kept, nothing
 * lost); every stored or transient activity is handed to the {@link ActivityFeed} in that order.
 * A record stays within a count and a byte budget (oldest activities go first), so each write
 * stays small however long the conversation runs. Several instances may change one conversation:
 * each change is written with the eTag it was read with and made again on fresh data after a
 * conflict, and what one instance publishes reaches the others' streams through the fan-out.
 */
import type { Storage, StoreItem } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { ActivityFeed, ActivityListener } from './activityFeed';
import type { ConversationRecord, HistoryEntry } from './conversationRecord';
import { activityIdFor, activitySetAfter } from './conversationRecord';
import { jsonBytes } from './activityLimits';
import { DirectLineError } from './directLineErrors';
import { SerialQueue } from '../../storage/serialQueue';
import type { ActivitySet, WireAccount, WireActivity } from './wireActivity';
import type { ActivityFanout } from './activityFanout';
import { absentETag, isETagConflict } from '../../storage/compareAndSet';

/** Options for {@link ConversationStore}. */
export interface ConversationStoreOptions {
  readonly storage: Storage;
  readonly feed: ActivityFeed;
  readonly log: Logger;
  readonly now: () => Date;
  /** Activities kept per conversation; older ones are dropped. Default 500. */
  readonly maxHistory?: number;
  /**
   * Bytes (UTF-8 JSON) a stored conversation may take; the oldest activities are dropped to stay
   * under it, though the newest is always kept. Default {@link defaultMaxRecordBytes}.
   */
  readonly maxRecordBytes?: number;
  /** Approximate bytes of conversations kept in memory between requests. Default 32 MiB. */
  readonly cacheBytes?: number;
  /** How long a cached conversation is served to readers before it is read again. Default 30 s. */
  readonly cacheTtlMs?: number;
  /** Tells the other instances what this one publishes (several instances on one store). */
  readonly fanout?: ActivityFanout;
}

/** Times a change is made again after another instance changed the conversation first. */
const conflictRetries = 8;

/** Default byte budget of one stored conversation. */
export const defaultMaxRecordBytes = 512 * 1024;

/** Room left in the budget for what the storage adds to a record (its eTag). */
const storageReserve = 256;

/** Storage key of a conversation. */
export function conversationStorageKey(conversationId: string): string {
  return `directline/conversation/${conversationId}`;
}

type Change<T> = (record: ConversationRecord) => { next?: ConversationRecord; result: T; publish?: ActivitySet };

/** A record as stored, with the eTag to write it back with. */
interface StoredRecord {
  readonly record: ConversationRecord;
  readonly eTag: string;
}

/** Reads and changes Direct Line conversations through `Storage`. */
export class ConversationStore {
  private readonly queue = new SerialQueue();
  private readonly cache: LRUCache<string, ConversationRecord>;
  private readonly maxHistory: number;
  private readonly maxRecordBytes: number;
  private saves = 0;

  constructor(private readonly options: ConversationStoreOptions) {
    this.maxHistory = options.maxHistory ?? 500;
    this.maxRecordBytes = options.maxRecordBytes ?? defaultMaxRecordBytes;
    // Bounded by size, not count: one conversation may hold hundreds of large activities.
    // Entries expire so that a conversation erased or expired by another process (npm run privacy,
    // the retention sweep) stops being served soon; changes always read the stored record.
    this.cache = new LRUCache({ maxSize: options.cacheBytes ?? 32 * 1024 * 1024, sizeCalculation: (record) => approximateBytes(record), ttl: options.cacheTtlMs ?? 30_000, ttlResolution: 0, perf: { now: () => options.now().getTime() } });
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

  /**
   * The stored conversation, read past the cache (which it then updates): every change starts from
   * it, so a record erased elsewhere is never written back from a stale copy.
   */
  private async stored(conversationId: string): Promise<StoredRecord | undefined> {
    const key = conversationStorageKey(conversationId);
    const item = (await this.options.storage.read([key]))[key];
    const record = toRecord(item, conversationId);
    if (!record) {
      this.cache.delete(conversationId);
      return undefined;
    }
    this.cache.set(conversationId, record);
    return { record, eTag: typeof item?.eTag === 'string' ? item.eTag : '*' };
  }

  /**
   * Activities another instance published in a conversation: this instance's streams of it get them,
   * and its cached copy is dropped so readers here see them too.
   */
  arrived(conversationId: string, set: ActivitySet): void {
    this.cache.delete(conversationId);
    this.options.feed.publish(conversationId, set, (err) => this.options.log.warn({ err, conversationId }, 'direct line stream listener failed'));
  }

  /** The conversation; throws 404 when there is none. */
  async require(conversationId: string): Promise<ConversationRecord> {
    const record = await this.get(conversationId);
    if (!record) throw new DirectLineError('WL_DL_CONVERSATION_NOT_FOUND');
    return record;
  }

  /** Returns the conversation, creating it first when it does not exist yet. */
  open(conversationId: string, start: { user?: WireAccount; locale?: string }): Promise<{ record: ConversationRecord; created: boolean }> {
    return this.queue.run(conversationId, () =>
      this.retried(async () => {
        const existing = await this.stored(conversationId);
        if (existing) return { record: existing.record, created: false };
        return { record: await this.save(this.newRecord(conversationId, start), absentETag), created: true };
      }),
    );
  }

  /**
   * Starts a new token generation for a refresh by a token of generation `presented`, creating the
   * conversation first when it does not exist yet; returns the new generation. Throws 403
   * `WL_DL_TOKEN_REPLACED` when that token was already refreshed, so an old token cannot mint new ones.
   */
  nextTokenGeneration(conversationId: string, presented: number, start: { user?: WireAccount }): Promise<number> {
    return this.queue.run(conversationId, () =>
      this.retried(async () => {
        const current = await this.stored(conversationId);
        const record = current?.record ?? this.newRecord(conversationId, start);
        if (presented < record.tokenGeneration) throw new DirectLineError('WL_DL_TOKEN_REPLACED');
        const tokenGeneration = Math.max(presented, record.tokenGeneration) + 1;
        await this.save({ ...record, tokenGeneration }, current?.eTag ?? absentETag);
        return tokenGeneration;
      }),
    );
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
      const history = this.fit(record, [...record.history, { seq, activity }]);
      return { next: { ...record, lastSeq: seq, history }, result: activity, publish: { activities: [activity], watermark: String(seq) } };
    });
  }

  /** Replaces a stored activity (same id, same place) and publishes it again; 404 when unknown. */
  replace(conversationId: string, activityId: string, build: (old: WireActivity) => WireActivity): Promise<WireActivity> {
    return this.change(conversationId, (record) => {
      const index = findEntry(record, activityId);
      const old = record.history[index] as HistoryEntry;
      const activity = build(old.activity);
      const history = this.fit(
        record,
        record.history.map((entry, i) => (i === index ? { seq: entry.seq, activity } : entry)),
      );
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
      // The stored record, not a cached copy: another instance may have added to it since.
      const current = await this.stored(conversationId);
      if (!current) throw new DirectLineError('WL_DL_CONVERSATION_NOT_FOUND');
      const backlog = activitySetAfter(current.record, watermark);
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
      const { result, publish } = await this.retried(async () => {
        const current = await this.stored(conversationId);
        if (!current) throw new DirectLineError('WL_DL_CONVERSATION_NOT_FOUND');
        const changed = change(current.record);
        if (changed.next) await this.save(changed.next, current.eTag);
        return changed;
      });
      if (publish) {
        this.options.feed.publish(conversationId, publish, (err) =>
          this.options.log.warn({ err, conversationId }, 'direct line stream listener failed'),
        );
        this.options.fanout?.announce({ kind: 'activities', conversationId, set: publish });
      }
      return result;
    });
  }

  /** Runs `attempt` again on fresh data when another instance wrote the conversation first. */
  private async retried<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (!isETagConflict(error) || tries >= conflictRetries) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (tries + 1)));
      }
    }
  }

  private newRecord(conversationId: string, start: { user?: WireAccount; locale?: string }): ConversationRecord {
    const now = this.options.now().toISOString();
    return {
      id: conversationId,
      createdAt: now,
      updatedAt: now,
      ...(start.user ? { user: start.user } : {}),
      ...(start.locale ? { locale: start.locale } : {}),
      lastSeq: 0,
      botGreeted: false,
      tokenGeneration: 0,
      history: [],
    };
  }

  /** The newest entries of `history` that fit the count limit and the record's byte budget (at least the newest one). */
  private fit(record: ConversationRecord, history: readonly HistoryEntry[]): readonly HistoryEntry[] {
    let room = this.maxRecordBytes - storageReserve - jsonBytes({ ...record, history: [] });
    let start = history.length;
    const oldest = Math.max(0, history.length - this.maxHistory);
    while (start > oldest) {
      // One more byte for the comma between entries.
      const bytes = entryBytes(history[start - 1] as HistoryEntry) + 1;
      if (bytes > room && start < history.length) break;
      room -= bytes;
      start -= 1;
    }
    return start === 0 ? history : history.slice(start);
  }

  private async save(record: ConversationRecord, eTag: string): Promise<ConversationRecord> {
    this.saves += 1;
    const stamped: ConversationRecord = { ...record, updatedAt: this.options.now().toISOString() };
    await this.options.storage.write({ [conversationStorageKey(record.id)]: { ...stamped, eTag } });
    this.cache.set(record.id, stamped);
    return stamped;
  }
}

/** Sizes of history entries, computed once per entry object (records share unchanged entries). */
const entrySizes = new WeakMap<HistoryEntry, number>();

function entryBytes(entry: HistoryEntry): number {
  let bytes = entrySizes.get(entry);
  if (bytes === undefined) {
    bytes = jsonBytes(entry);
    entrySizes.set(entry, bytes);
  }
  return bytes;
}

/** Size for the cache: the history's bytes plus a little for the other fields. */
function approximateBytes(record: ConversationRecord): number {
  return record.history.reduce((sum, entry) => sum + entryBytes(entry) + 1, 1024);
}

function findEntry(record: ConversationRecord, activityId: string): number {
  const index = record.history.findIndex((entry) => entry.activity.id === activityId);
  if (index < 0) throw new DirectLineError('WL_DL_ACTIVITY_NOT_FOUND');
  return index;
}

function toRecord(item: StoreItem | undefined, conversationId: string): ConversationRecord | undefined {
  if (!item || item.id !== conversationId || typeof item.lastSeq !== 'number' || !Array.isArray(item.history)) return undefined;
  // eTag belongs to the storage layer, not to the record.
  const { eTag: _eTag, ...stored } = item;
  const record = stored as Partial<ConversationRecord> & Pick<ConversationRecord, 'id' | 'createdAt' | 'lastSeq' | 'history'>;
  // Records written before these fields existed: last changed no later than created, no refresh yet.
  return { ...record, updatedAt: record.updatedAt ?? record.createdAt, tokenGeneration: record.tokenGeneration ?? 0, botGreeted: record.botGreeted ?? false };
}
