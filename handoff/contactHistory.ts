/**
 * Each customer's earlier contacts (when, topic, how it ended), so the next agent sees them in the
 * summary. Kept per customer, newest first, a bounded list.
 */
import type { EarlierContact } from './handoffSummary';
import { HandoffStoreError, absentETag, defaultConflictRetries, handoffStoreErrorCodes, retryOnConflict } from './handoffStoreErrors';
import type { Stored } from './handoffStoreErrors';

/** The part of a botbuilder `Storage` this needs. */
export interface HistoryStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
}

interface HistoryDocument {
  contacts: EarlierContact[];
}

/** Contacts kept per customer. */
export const contactHistoryLimit = 10;

/** Reads and appends a customer's contact history. */
export class ContactHistory {
  constructor(private readonly store: HistoryStore) {
    if (!store) throw new TypeError('ContactHistory needs a store');
  }

  /** Earlier contacts, newest first. */
  async list(customerId: string): Promise<EarlierContact[]> {
    return (await this.read(customerId))?.contacts ?? [];
  }

  /**
   * Adds a contact, keeping the newest {@link contactHistoryLimit}. Contacts added at the same time
   * by other instances are all kept; after repeated lost races it throws a `WL_HANDOFF_CONFLICT`
   * {@link HandoffStoreError}.
   */
  async add(customerId: string, contact: EarlierContact): Promise<void> {
    const outcome = await retryOnConflict(this.write, defaultConflictRetries, async () => {
      const stored = await this.read(customerId);
      const contacts = [contact, ...(stored?.contacts ?? [])].slice(0, contactHistoryLimit);
      return { write: { [key(customerId)]: { contacts, eTag: stored?.eTag ?? absentETag } }, result: undefined };
    });
    if (!outcome.settled) throw new HandoffStoreError(handoffStoreErrorCodes.conflict, customerId, 'ContactHistory: gave up after repeated concurrent writes for one customer');
  }

  private async read(customerId: string): Promise<Stored<HistoryDocument> | undefined> {
    const items = await this.store.read([key(customerId)]);
    return items[key(customerId)] as Stored<HistoryDocument> | undefined;
  }

  private readonly write = (changes: Record<string, unknown>): Promise<void> => this.store.write(changes);
}

function key(customerId: string): string {
  return `handoff/contacts/${encodeURIComponent(customerId)}`;
}
