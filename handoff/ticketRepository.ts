/**
 * Where messages and callback requests left for a person are kept (P8): each ticket under
 * `handoff/ticket/<id>`, with an index under `handoff/tickets` written in the same atomic write, so
 * that the list agents work from never misses or invents a ticket.
 */
import type { Ticket } from './handoffRecord';
import type { HandoffStore } from './handoffRepository';
import { HandoffStoreError, absentETag, defaultConflictRetries, handoffStoreErrorCodes, retryOnConflict, withoutETag } from './handoffStoreErrors';
import type { Stored } from './handoffStoreErrors';

/** Options for {@link TicketRepository}. */
export interface TicketRepositoryOptions {
  /** Retries after an eTag conflict before giving up (default 8). */
  readonly maxRetries?: number;
}

/** Which tickets to list; every ticket when empty. */
export interface TicketFilter {
  readonly status?: Ticket['status'];
  readonly queueId?: string;
}

interface TicketIndexEntry {
  readonly id: string;
  readonly createdAt: string;
  readonly queueId: string;
  readonly status: Ticket['status'];
}

interface TicketIndex {
  eTag?: string;
  entries: TicketIndexEntry[];
}

const indexKey = 'handoff/tickets';

/** Stores tickets, lists them for agents, and closes them once dealt with. */
export class TicketRepository {
  private readonly retries: number;

  constructor(
    private readonly store: HandoffStore,
    options: TicketRepositoryOptions = {},
  ) {
    if (!store || typeof store.read !== 'function' || typeof store.write !== 'function') throw new TypeError('TicketRepository needs a store with read and write');
    this.retries = options.maxRetries ?? defaultConflictRetries;
  }

  /** Stores a new ticket; a ticket id already stored is refused with a {@link HandoffStoreError}. */
  async create(ticket: Ticket): Promise<Ticket> {
    const fresh = withoutETag(ticket);
    if (typeof fresh.id !== 'string' || fresh.id === '') throw new HandoffStoreError(handoffStoreErrorCodes.invalidRecord, '', 'A ticket needs an id');
    return this.change(fresh.id, (current) => {
      if (current) throw new HandoffStoreError(handoffStoreErrorCodes.duplicate, fresh.id, `Ticket ${fresh.id} is already stored`);
      return fresh;
    }) as Promise<Ticket>;
  }

  /** The ticket with this id, or `undefined`. */
  async get(id: string): Promise<Ticket | undefined> {
    const ticket = (await this.store.read([ticketKey(id)]))[ticketKey(id)] as Stored<Ticket> | undefined;
    return ticket ? withoutETag(ticket) : undefined;
  }

  /** Tickets matching `filter`, newest first. */
  async list(filter: TicketFilter = {}): Promise<Ticket[]> {
    const entries = (await this.readIndex()).entries
      .filter((e) => (filter.status === undefined || e.status === filter.status) && (filter.queueId === undefined || e.queueId === filter.queueId))
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    if (entries.length === 0) return [];
    const items = await this.store.read(entries.map((e) => ticketKey(e.id)));
    return entries.flatMap((e) => {
      const ticket = items[ticketKey(e.id)] as Stored<Ticket> | undefined;
      return ticket ? [withoutETag(ticket)] : [];
    });
  }

  /** Marks a ticket done. Resolves the closed ticket, or `undefined` when there is none. */
  async close(id: string): Promise<Ticket | undefined> {
    return this.change(id, (current) => (current && current.status !== 'done' ? { ...current, status: 'done' } : false));
  }

  /**
   * Changes a ticket with `change` (which may run more than once under concurrent writes; `false`
   * changes nothing). Resolves the ticket as stored, or `undefined` when there is none.
   */
  async update(id: string, change: (ticket: Ticket) => Ticket | false): Promise<Ticket | undefined> {
    return this.change(id, (current) => (current ? change(structuredClone(current)) : false));
  }

  /** Writes the ticket `decide` returns together with the index; `false` writes nothing and resolves the ticket as it is. */
  private async change(id: string, decide: (current: Ticket | undefined) => Ticket | false): Promise<Ticket | undefined> {
    const outcome = await retryOnConflict(this.write, this.retries, async () => {
      const items = await this.store.read([ticketKey(id), indexKey]);
      const stored = items[ticketKey(id)] as Stored<Ticket> | undefined;
      const current = stored ? withoutETag(stored) : undefined;
      const next = decide(current);
      if (next === false) return { done: current };
      const index = items[indexKey] as TicketIndex | undefined;
      const entry: TicketIndexEntry = { id, createdAt: next.createdAt, queueId: next.queueId, status: next.status };
      const entries = [...(index?.entries ?? []).filter((e) => e.id !== id), entry];
      return {
        write: { [ticketKey(id)]: { ...next, eTag: stored?.eTag ?? absentETag }, [indexKey]: { entries, eTag: index?.eTag ?? absentETag } },
        result: next,
      };
    });
    if (!outcome.settled) throw new HandoffStoreError(handoffStoreErrorCodes.conflict, id, `Ticket ${id}: gave up after repeated concurrent writes`);
    return outcome.value;
  }

  private readonly write = (changes: Record<string, unknown>): Promise<void> => this.store.write(changes);

  private async readIndex(): Promise<TicketIndex> {
    const index = (await this.store.read([indexKey]))[indexKey] as TicketIndex | undefined;
    return { entries: index?.entries ?? [] };
  }
}

function ticketKey(id: string): string {
  return `handoff/ticket/${encodeURIComponent(id)}`;
}
