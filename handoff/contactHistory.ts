/**
 * Each customer's earlier contacts (when, topic, how it ended), so the next agent sees them in the
 * summary. Kept per customer, newest first, a bounded list.
 */
import { storageErrorCodes } from '../storage/storageErrors';
import type { EarlierContact } from './handoffSummary';

/** The part of a botbuilder `Storage` this needs. */
export interface HistoryStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
}

interface HistoryDocument {
  eTag?: string;
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

  /** Adds a contact; retries when another instance wrote at the same time. */
  async add(customerId: string, contact: EarlierContact): Promise<void> {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const doc = (await this.read(customerId)) ?? { contacts: [] };
      doc.contacts = [contact, ...doc.contacts].slice(0, contactHistoryLimit);
      try {
        await this.store.write({ [key(customerId)]: { ...doc, eTag: doc.eTag ?? '*' } });
        return;
      } catch (err) {
        if ((err as { code?: unknown }).code !== storageErrorCodes.etagConflict) throw err;
      }
    }
    throw new Error(`ContactHistory: too many concurrent writes for one customer`);
  }

  private async read(customerId: string): Promise<HistoryDocument | undefined> {
    const items = await this.store.read([key(customerId)]);
    return items[key(customerId)] as HistoryDocument | undefined;
  }
}

function key(customerId: string): string {
  return `handoff/contacts/${encodeURIComponent(customerId)}`;
}
