/**
 * Where handoffs are kept: each record under `handoff/record/<id>`, an index of the open ones under
 * `handoff/index`, and recent wait and handle times per queue under `handoff/stats/<queueId>`. Every
 * change is a compare-and-set: record, index and statistics are written in one atomic `write` with
 * the eTags they were read with, so they never disagree, and of two agents accepting the same
 * customer at once exactly one succeeds.
 */
import { compareWaiting } from './queueOrder';
import { canMove, openStates, waitingStates } from './handoffRecord';
import type { HandoffActor, HandoffRecord, HandoffState } from './handoffRecord';
import { HandoffStoreError, absentETag, defaultConflictRetries, handoffStoreErrorCodes, retryOnConflict, withoutETag } from './handoffStoreErrors';
import type { Stored } from './handoffStoreErrors';

/** The part of a botbuilder `Storage` the handoff stores need (structurally compatible, no botbuilder import). */
export interface HandoffStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
}

/** Options for {@link HandoffRepository}. */
export interface HandoffRepositoryOptions {
  /** Clock for event times, `updatedAt` and statistics. */
  readonly now?: () => Date;
  /** Retries after an eTag conflict before giving up (default 8). */
  readonly maxRetries?: number;
  /** Told of every stored move, creation included (from `bot`), e.g. for analytics. Must return at once and not throw. */
  readonly onMoved?: (record: HandoffRecord, previous: HandoffState) => void;
}

/** What a move asks for besides the target state. */
export interface MoveOptions {
  /** Move only if the handoff is in one of these states now (e.g. accept only while waiting). */
  readonly from?: readonly HandoffState[];
  /** Recorded on the event (transfer target, "timeout", a hub's message). */
  readonly detail?: string;
  /** Further changes made in the same write (agent, queue, summary). May run more than once. */
  readonly change?: (record: HandoffRecord) => void;
}

/**
 * The outcome of a move. `illegal-move` carries the current record (e.g. showing which agent took
 * the customer first); `conflict` means other instances kept writing and the move was given up.
 */
export type MoveResult =
  | { readonly ok: true; readonly record: HandoffRecord; readonly previous: HandoffState }
  | { readonly ok: false; readonly code: 'not-found' | 'illegal-move' | 'conflict'; readonly record?: HandoffRecord };

/** Recent waits (queue entry or transfer until an agent accepted) and handle times of a queue, in seconds, oldest first. */
export interface QueueStats {
  readonly waitSeconds: number[];
  readonly handleSeconds: number[];
}

/** How many waits and handle times are kept per queue. */
export const queueStatsLimit = 50;

/** One open handoff as listed in the index. */
interface IndexEntry {
  readonly id: string;
  readonly state: HandoffState;
  readonly queueId: string;
  readonly priority: number;
  readonly waitingSince: string;
  readonly targetAgentId?: string;
  readonly conversationId: string;
  /** The customer's channel and user id, so one customer never has two open handoffs (absent on entries written before). */
  readonly channelId?: string;
  readonly userId?: string;
}

interface IndexDocument {
  eTag?: string;
  entries: IndexEntry[];
}

interface StatsDocument {
  eTag?: string;
  waitSeconds: number[];
  handleSeconds: number[];
}

const indexKey = 'handoff/index';

/** Stores handoffs and moves them through the state machine, safely across instances. */
export class HandoffRepository {
  private readonly now: () => Date;
  private readonly retries: number;
  private readonly onMoved: (record: HandoffRecord, previous: HandoffState) => void;

  constructor(
    private readonly store: HandoffStore,
    options: HandoffRepositoryOptions = {},
  ) {
    if (!store || typeof store.read !== 'function' || typeof store.write !== 'function') throw new TypeError('HandoffRepository needs a store with read and write');
    this.now = options.now ?? (() => new Date());
    this.retries = options.maxRetries ?? defaultConflictRetries;
    this.onMoved = options.onMoved ?? (() => undefined);
  }

  /**
   * Stores a new handoff. It must start the way the state machine starts (first event from `bot`,
   * now `queued` or `rejected`), have an id not used before, and, when open, be the only open
   * handoff of its conversation and of its customer (channel and user id); otherwise a {@link HandoffStoreError} says which rule it broke.
   */
  async create(record: HandoffRecord): Promise<HandoffRecord> {
    checkNewRecord(record);
    const fresh = withoutETag(record);
    const outcome = await retryOnConflict(this.write, this.retries, async () => {
      const items = await this.store.read([recordKey(fresh.id), indexKey]);
      if (items[recordKey(fresh.id)]) throw new HandoffStoreError(handoffStoreErrorCodes.duplicate, fresh.id, `Handoff ${fresh.id} is already stored`);
      const changes: Record<string, unknown> = { [recordKey(fresh.id)]: { ...fresh, eTag: absentETag } };
      if (openStates.has(fresh.state)) {
        const index = indexOf(items);
        const clash = index.entries.find((e) => e.conversationId === conversationOf(fresh) || isCustomer(e, fresh.customer.channelId, fresh.customer.userId));
        if (clash) throw new HandoffStoreError(handoffStoreErrorCodes.alreadyOpen, fresh.id, `Conversation or customer already has open handoff ${clash.id}`);
        changes[indexKey] = withEntry(index, fresh);
      }
      return { write: changes, result: withoutETag(fresh) };
    });
    if (!outcome.settled) throw conflictError(fresh.id);
    this.onMoved(outcome.value, 'bot');
    return outcome.value;
  }

  /** The handoff with this id, or `undefined`. */
  async get(id: string): Promise<HandoffRecord | undefined> {
    const items = await this.store.read([recordKey(id)]);
    const record = items[recordKey(id)] as Stored<HandoffRecord> | undefined;
    return record ? withoutETag(record) : undefined;
  }

  /** The open handoff of a customer's conversation, if there is one. */
  async findOpenByConversation(conversationId: string): Promise<HandoffRecord | undefined> {
    const entry = (await this.readIndex()).entries.find((e) => e.conversationId === conversationId);
    const record = entry ? await this.get(entry.id) : undefined;
    return record && openStates.has(record.state) && conversationOf(record) === conversationId ? record : undefined;
  }

  /**
   * The open handoff of a customer (their channel and user id), whichever conversation it is in now:
   * the same customer asking again from another conversation (a reload, a new chat) finds it.
   */
  async findOpenByCustomer(channelId: string, userId: string): Promise<HandoffRecord | undefined> {
    const entry = (await this.readIndex()).entries.find((e) => isCustomer(e, channelId, userId));
    const record = entry ? await this.get(entry.id) : undefined;
    return record && openStates.has(record.state) && record.customer.channelId === channelId && record.customer.userId === userId ? record : undefined;
  }

  /**
   * Moves a handoff to `to`, if the machine allows it from where the handoff is now (and it is in
   * one of `options.from`, when given), recording who moved it and when. Safe against concurrent
   * moves: a move that lost a race is checked again against the winner's result.
   */
  async move(id: string, to: HandoffState, by: HandoffActor, options: MoveOptions = {}): Promise<MoveResult> {
    let last: HandoffRecord | undefined;
    const outcome = await retryOnConflict<MoveResult>(this.write, this.retries, async () => {
      const items = await this.store.read([recordKey(id), indexKey]);
      const current = items[recordKey(id)] as Stored<HandoffRecord> | undefined;
      if (!current) return { done: { ok: false, code: 'not-found' } };
      last = withoutETag(current);
      const previous = current.state;
      if ((options.from && !options.from.includes(previous)) || !canMove(previous, to)) return { done: { ok: false, code: 'illegal-move', record: withoutETag(current) } };
      const next = structuredClone(current);
      options.change?.(next);
      if (next.id !== id) throw changeError(id, 'id');
      const at = this.now();
      next.state = to;
      next.events.push({ at: at.toISOString(), from: previous, to, by, ...(options.detail !== undefined ? { detail: options.detail } : {}) });
      next.updatedAt = at.toISOString();
      const changes: Record<string, unknown> = { [recordKey(id)]: { ...next, eTag: current.eTag }, [indexKey]: withEntry(indexOf(items), next) };
      const stat = statOf(current, next, at);
      if (stat) changes[statsKey(stat.queueId)] = await this.statsWith(stat);
      return { write: changes, result: { ok: true, record: withoutETag(next), previous } };
    });
    if (outcome.settled) {
      if (outcome.value.ok) this.onMoved(outcome.value.record, outcome.value.previous);
      return outcome.value;
    }
    return { ok: false, code: 'conflict', ...(last ? { record: last } : {}) };
  }

  /**
   * Changes a handoff without moving it (a message kept while waiting, a note, the position last
   * told, a new summary). `change` may run more than once and returns `false` to write nothing.
   * Resolves the record as stored, or `undefined` when there is none.
   */
  async update(id: string, change: (record: HandoffRecord) => void | false): Promise<HandoffRecord | undefined> {
    const outcome = await retryOnConflict<HandoffRecord | undefined>(this.write, this.retries, async () => {
      const items = await this.store.read([recordKey(id), indexKey]);
      const current = items[recordKey(id)] as Stored<HandoffRecord> | undefined;
      if (!current) return { done: undefined };
      const next = structuredClone(current);
      if (change(next) === false) return { done: withoutETag(current) };
      if (next.id !== id) throw changeError(id, 'id');
      if (next.state !== current.state) throw changeError(id, 'state');
      next.updatedAt = this.now().toISOString();
      const changes: Record<string, unknown> = { [recordKey(id)]: { ...next, eTag: current.eTag } };
      const index = indexOf(items);
      // The index is shared by every handoff: written only when this record's entry changes.
      if (!sameEntry(index.entries.find((e) => e.id === id), openStates.has(next.state) ? entryOf(next) : undefined)) changes[indexKey] = withEntry(index, next);
      return { write: changes, result: withoutETag(next) };
    });
    if (!outcome.settled) throw conflictError(id);
    return outcome.value;
  }

  /** Customers waiting for a person (queued or transferred), of one queue or all, in queue order. */
  async waiting(queueId?: string): Promise<HandoffRecord[]> {
    const inQueue = (e: { state: HandoffState; queueId: string }): boolean => waitingStates.has(e.state) && (queueId === undefined || e.queueId === queueId);
    const records = await this.readRecords((await this.readIndex()).entries.filter(inQueue).map((e) => e.id));
    return records.filter(inQueue).sort(compareWaiting);
  }

  /** Every open handoff (with the bot, waiting or with an agent), oldest first. */
  async open(): Promise<HandoffRecord[]> {
    const records = await this.readRecords((await this.readIndex()).entries.map((e) => e.id));
    return records.filter((r) => openStates.has(r.state)).sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Recent waits and handle times of a queue, for wait estimates and reports. */
  async stats(queueId: string): Promise<QueueStats> {
    const doc = await this.readStats(queueId);
    return { waitSeconds: [...doc.waitSeconds], handleSeconds: [...doc.handleSeconds] };
  }

  private readonly write = (changes: Record<string, unknown>): Promise<void> => this.store.write(changes);

  private async readIndex(): Promise<IndexDocument> {
    return indexOf(await this.store.read([indexKey]));
  }

  private async readRecords(ids: readonly string[]): Promise<HandoffRecord[]> {
    if (ids.length === 0) return [];
    const items = await this.store.read(ids.map(recordKey));
    return ids.flatMap((id) => {
      const record = items[recordKey(id)] as Stored<HandoffRecord> | undefined;
      return record ? [withoutETag(record)] : [];
    });
  }

  private async readStats(queueId: string): Promise<StatsDocument> {
    const doc = (await this.store.read([statsKey(queueId)]))[statsKey(queueId)] as StatsDocument | undefined;
    return { eTag: doc?.eTag, waitSeconds: doc?.waitSeconds ?? [], handleSeconds: doc?.handleSeconds ?? [] };
  }

  /** The queue's statistics document with one more measurement, ready to write with its eTag. */
  private async statsWith(stat: Measurement): Promise<StatsDocument> {
    const doc = await this.readStats(stat.queueId);
    const list = [...doc[stat.kind], stat.seconds].slice(-queueStatsLimit);
    return { ...doc, [stat.kind]: list, eTag: doc.eTag ?? absentETag };
  }
}

/** A wait or handle time to record with a move. */
interface Measurement {
  readonly queueId: string;
  readonly kind: 'waitSeconds' | 'handleSeconds';
  readonly seconds: number;
}

/** On acceptance the wait (in the queue accepted from); on leaving an agent the handle time (in the queue handled in). */
function statOf(before: HandoffRecord, after: HandoffRecord, at: Date): Measurement | undefined {
  const since = (iso: string | undefined): number | undefined => {
    const start = iso === undefined ? NaN : Date.parse(iso);
    return Number.isNaN(start) ? undefined : Math.max(0, Math.round((at.getTime() - start) / 1000));
  };
  if (after.state === 'assigned') {
    const seconds = since(before.waitStartedAt);
    return seconds === undefined ? undefined : { queueId: after.queueId, kind: 'waitSeconds', seconds };
  }
  if (before.state === 'assigned' && (after.state === 'resolved' || after.state === 'transferred')) {
    const seconds = since(before.assignedAt);
    return seconds === undefined ? undefined : { queueId: before.queueId, kind: 'handleSeconds', seconds };
  }
  return undefined;
}

/** Refuses a new record that the state machine could not have produced. */
function checkNewRecord(record: HandoffRecord): void {
  const problems: string[] = [];
  const id = typeof record?.id === 'string' ? record.id : '';
  if (!id) problems.push('it has no id');
  if (record?.state !== 'queued' && record?.state !== 'rejected') problems.push(`a new handoff is queued or rejected, not ${String(record?.state)}`);
  const events = Array.isArray(record?.events) ? record.events : [];
  if (events[0]?.from !== 'bot') problems.push('its first event must be a move from bot');
  let at: HandoffState = 'bot';
  for (const event of events) {
    if (event.from !== at || !canMove(event.from, event.to)) problems.push(`event ${event.from} → ${event.to} is not a legal move from ${at}`);
    at = event.to;
  }
  if (events.length > 0 && at !== record.state) problems.push(`its events end in ${at}, not ${String(record.state)}`);
  if (typeof record?.customer?.address?.conversation?.id !== 'string') problems.push('it has no customer conversation id');
  if (problems.length > 0) throw new HandoffStoreError(handoffStoreErrorCodes.invalidRecord, id, `Handoff ${id || '(no id)'} cannot be created: ${problems.join('; ')}`);
}

function recordKey(id: string): string {
  return `handoff/record/${encodeURIComponent(id)}`;
}

function statsKey(queueId: string): string {
  return `handoff/stats/${encodeURIComponent(queueId)}`;
}

function conversationOf(record: HandoffRecord): string {
  return record.customer.address.conversation.id;
}

function indexOf(items: Record<string, unknown>): IndexDocument {
  const doc = items[indexKey] as IndexDocument | undefined;
  return { eTag: doc?.eTag, entries: doc?.entries ?? [] };
}

function entryOf(record: HandoffRecord): IndexEntry {
  return {
    id: record.id,
    state: record.state,
    queueId: record.queueId,
    priority: record.priority,
    waitingSince: record.waitingSince,
    ...(record.targetAgentId !== undefined ? { targetAgentId: record.targetAgentId } : {}),
    conversationId: conversationOf(record),
    channelId: record.customer.channelId,
    userId: record.customer.userId,
  };
}

function isCustomer(entry: IndexEntry, channelId: string, userId: string): boolean {
  return entry.channelId === channelId && entry.userId === userId;
}

function sameEntry(a: IndexEntry | undefined, b: IndexEntry | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.id === b.id &&
    a.state === b.state &&
    a.queueId === b.queueId &&
    a.priority === b.priority &&
    a.waitingSince === b.waitingSince &&
    a.targetAgentId === b.targetAgentId &&
    a.conversationId === b.conversationId &&
    a.channelId === b.channelId &&
    a.userId === b.userId
  );
}

/** The index with `record`'s entry added, replaced, or (once it is closed) removed, ready to write with its eTag. */
function withEntry(index: IndexDocument, record: HandoffRecord): IndexDocument {
  const others = index.entries.filter((e) => e.id !== record.id);
  return { entries: openStates.has(record.state) ? [...others, entryOf(record)] : others, eTag: index.eTag ?? absentETag };
}


function changeError(id: string, what: 'id' | 'state'): HandoffStoreError {
  return new HandoffStoreError(handoffStoreErrorCodes.invalidChange, id, `Handoff ${id}: a change may not alter the ${what}${what === 'state' ? '; use move' : ''}`);
}

function conflictError(id: string): HandoffStoreError {
  return new HandoffStoreError(handoffStoreErrorCodes.conflict, id, `Handoff ${id}: gave up after repeated concurrent writes`);
}
