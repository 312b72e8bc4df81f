/**
 * Bot state in a SQLite file. Each `write` runs in one IMMEDIATE transaction (a savepoint of the
 * connection's group commit, `sqliteWriteBatch.ts`), so eTag checks and updates are atomic even when
 * several processes share the file.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';
import { checkPrefix, keyListingPageSize } from './keyListing';
import type { KeyListing } from './keyListing';
import { ETagConflictError } from './storageErrors';
import { checkKeys, decodeItem, encodeChanges, setItem } from './storeItemCodec';
import type { EncodedChange } from './storeItemCodec';
import { sqliteWriteBatch } from './sqliteWriteBatch';
import type { SqliteWriteBatch } from './sqliteWriteBatch';

interface Row {
  etag: string;
  value: string;
}

/** `Storage` over a database opened by `openSqliteDatabase` (table `storage_items`). */
export class SqliteStorage implements Storage, KeyListing {
  private readonly selectOne: Statement<[string], Row>;
  private readonly upsert: Statement<[string, string, string]>;
  private readonly deleteOne: Statement<[string]>;
  private readonly keysFrom: Statement<[string, number], { key: string }>;
  private readonly keysAfter: Statement<[string, number], { key: string }>;
  private readonly readAll: (keys: string[]) => StoreItems;
  private readonly batch: SqliteWriteBatch;

  /** @param db An open database whose schema is up to date; the caller closes it. */
  constructor(db: Database) {
    this.selectOne = db.prepare('SELECT etag, value FROM storage_items WHERE key = ?');
    this.upsert = db.prepare(
      'INSERT INTO storage_items (key, etag, value) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value',
    );
    this.deleteOne = db.prepare('DELETE FROM storage_items WHERE key = ?');
    // Keys sort bytewise (BINARY), so the keys sharing a prefix follow one another from the prefix on.
    this.keysFrom = db.prepare('SELECT key FROM storage_items WHERE key >= ? ORDER BY key LIMIT ?');
    this.keysAfter = db.prepare('SELECT key FROM storage_items WHERE key > ? ORDER BY key LIMIT ?');
    // Reads of several keys run in one transaction so that they see one consistent version of the
    // file; one key is one statement, consistent on its own.
    const readTx = db.transaction((keys: string[]) => this.readNow(keys));
    this.readAll = (keys) => (keys.length === 1 ? this.readNow(keys) : readTx.deferred(keys));
    this.batch = sqliteWriteBatch(db);
  }

  /** Returns the stored items among `keys`, each a fresh copy with its `eTag`; unknown keys are left out. */
  async read(keys: string[]): Promise<StoreItems> {
    checkKeys(keys, 'read');
    this.batch.flushFor(keys);
    return this.readAll(keys);
  }

  /** Stores every item, or none of them if any item's eTag is stale. */
  async write(changes: StoreItems): Promise<void> {
    const encoded = encodeChanges(changes);
    if (encoded.length > 0) await this.batch.run(() => this.writeNow(encoded), encoded.map((change) => change.key));
  }

  /** Removes the items; unknown keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    checkKeys(keys, 'delete');
    if (keys.length > 0) await this.batch.run(() => keys.forEach((key) => this.deleteOne.run(key)), keys);
  }

  /** Keys starting with `prefix`, in key order, a page at a time (each page is one short read). */
  async *listKeys(prefix: string): AsyncIterable<readonly string[]> {
    checkPrefix(prefix);
    this.batch.flush();
    let rows = this.keysFrom.all(prefix, keyListingPageSize);
    for (;;) {
      const page = rows.map((r) => r.key).filter((key) => key.startsWith(prefix));
      if (page.length > 0) yield page;
      const last = rows[rows.length - 1];
      if (!last || page.length < rows.length || rows.length < keyListingPageSize) return;
      rows = this.keysAfter.all(last.key, keyListingPageSize);
    }
  }

  private readNow(keys: string[]): StoreItems {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) setItem(items, key, decodeItem(row.value, row.etag));
    }
    return items;
  }

  private writeNow(changes: EncodedChange[]): void {
    for (const change of changes) {
      if (change.expectedETag === undefined) continue;
      const row = this.selectOne.get(change.key);
      if (row && row.etag !== change.expectedETag) throw new ETagConflictError(change.key);
    }
    for (const change of changes) this.upsert.run(change.key, change.newETag, change.json);
  }
}
