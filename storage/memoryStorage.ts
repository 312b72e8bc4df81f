/**
 * Bot state kept in process memory, for tests and `STORAGE=memory`. Items are held as JSON so
 * that it behaves like the real stores: reads return copies, unserialisable values are rejected.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { checkPrefix, keyListingPageSize } from './keyListing';
import type { KeyListing } from './keyListing';
import { ETagConflictError } from './storageErrors';
import { checkKeys, decodeItem, encodeChanges, setItem } from './storeItemCodec';

/** What {@link MemoryStorage} keeps per key. Share one map between instances to share a store. */
export interface MemoryStorageEntry {
  readonly eTag: string;
  readonly json: string;
}

/** In-memory `Storage` with the same eTag rules as the SQLite and Redis stores. */
export class MemoryStorage implements Storage, KeyListing {
  /** @param entries Backing map; pass the same map to two instances to give them one store. */
  constructor(private readonly entries: Map<string, MemoryStorageEntry> = new Map()) {}

  /** Returns the stored items among `keys`, each a fresh copy with its `eTag`; unknown keys are left out. */
  async read(keys: string[]): Promise<StoreItems> {
    checkKeys(keys, 'read');
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry) setItem(items, key, decodeItem(entry.json, entry.eTag));
    }
    return items;
  }

  /** Stores every item, or none of them if any item's eTag is stale. */
  async write(changes: StoreItems): Promise<void> {
    const encoded = encodeChanges(changes);
    for (const change of encoded) {
      const stored = this.entries.get(change.key);
      if (change.expectedETag !== undefined && stored && stored.eTag !== change.expectedETag) {
        throw new ETagConflictError(change.key);
      }
    }
    for (const change of encoded) this.entries.set(change.key, { eTag: change.newETag, json: change.json });
  }

  /** Removes the items; unknown keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    checkKeys(keys, 'delete');
    for (const key of keys) this.entries.delete(key);
  }

  /** Keys starting with `prefix`, a page at a time. */
  async *listKeys(prefix: string): AsyncIterable<readonly string[]> {
    checkPrefix(prefix);
    const keys = [...this.entries.keys()].filter((key) => key.startsWith(prefix));
    for (let i = 0; i < keys.length; i += keyListingPageSize) yield keys.slice(i, i + keyListingPageSize);
  }
}
