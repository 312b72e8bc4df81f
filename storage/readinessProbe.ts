/**
 * Readiness checks that do what a turn does: write a value and read it back. A store that answers
 * PING but cannot write (a damaged SQLite file, a Redis out of memory or read-only) is not ready.
 * Each check overwrites one small item, so checking often never grows the store.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Storage } from 'botbuilder';
import type { RedisCommandClient } from './redisCommandClient';
import { StorageError, describeCause, storageErrorCodes } from './storageErrors';
import { sqliteOutageCode } from './storageOutage';

/** Resolves when the store took a write and gave it back; throws a coded {@link StorageError} otherwise. */
export type ReadinessProbe = () => Promise<void>;

/** The one `storage_items` row SQLite readiness overwrites (per file, so restarts add nothing). */
export const sqliteReadinessKey = 'warmline/readiness';
/** How long a Redis readiness key outlives its last check (it belongs to one process). */
export const redisReadinessTtlMs = 60_000;

/**
 * Writes and reads back {@link sqliteReadinessKey} in one transaction, after dropping this
 * connection's page cache so that the read comes from the file, where a disk fault would be.
 */
export function sqliteReadinessProbe(db: Database, filePath: string): ReadinessProbe {
  const upsert = db.prepare<[string, string, string]>(
    'INSERT INTO storage_items (key, etag, value) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value',
  );
  const select = db.prepare<[string], { etag: string }>('SELECT etag FROM storage_items WHERE key = ?');
  const roundTrip = db.transaction((token: string) => {
    upsert.run(sqliteReadinessKey, token, JSON.stringify({ checkedAt: new Date().toISOString() }));
    return select.get(sqliteReadinessKey)?.etag;
  });
  return async () => {
    const token = randomUUID();
    try {
      db.pragma('shrink_memory');
      const readBack = roundTrip.immediate(token);
      if (readBack !== token) throw new Error('the row read back is not the row written');
    } catch (error) {
      const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? sqliteOutageCode(error.code) : undefined;
      throw new StorageError(code ?? storageErrorCodes.unavailable, `SQLite database ${JSON.stringify(filePath)} failed its write and read-back check: ${describeCause(error)}`, { cause: error });
    }
  };
}

/** Sets and gets back a key of this process under `keyPrefix`, expiring after {@link redisReadinessTtlMs}. */
export function redisReadinessProbe(client: RedisCommandClient, keyPrefix: string): ReadinessProbe {
  const key = `${keyPrefix}readiness:${randomUUID()}`;
  return async () => {
    const token = randomUUID();
    try {
      await client.sendCommand(['SET', key, token, 'PX', String(redisReadinessTtlMs)]);
      const readBack = await client.sendCommand(['GET', key]);
      if (readBack !== token) throw new Error('the value read back is not the value written');
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError(storageErrorCodes.unavailable, `Redis failed its write and read-back check: ${describeCause(error)}`, { cause: error });
    }
  };
}

/** Writes, reads back and deletes an item of this process through the `Storage` interface. */
export function memoryReadinessProbe(storage: Storage): ReadinessProbe {
  const key = `warmline/readiness/${randomUUID()}`;
  return async () => {
    const token = randomUUID();
    await storage.write({ [key]: { token } });
    const readBack = (await storage.read([key]))[key] as { token?: string } | undefined;
    await storage.delete([key]);
    if (readBack?.token !== token) throw new StorageError(storageErrorCodes.unavailable, 'Storage failed its write and read-back check: the item read back is not the item written');
  };
}
