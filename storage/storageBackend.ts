/**
 * Opens the store chosen in the settings (SQLite file, Redis server or memory) and hands back
 * bot state storage and the transcript archive over it, with a readiness check and a close.
 */
import type { Storage } from 'botbuilder';
import type { StorageSettings } from '../config';
import type { Logger } from '../logger';
import { MemoryStorage } from './memoryStorage';
import { MemoryTranscriptStore } from './memoryTranscriptStore';
import { connectRedis } from './redisConnection';
import { RedisStorage } from './redisStorage';
import { RedisTranscriptStore } from './redisTranscriptStore';
import { memoryReadinessProbe, redisReadinessProbe, sqliteReadinessProbe } from './readinessProbe';
import { startBackgroundCheckpoints } from './sqliteCheckpointer';
import { openSqliteDatabase } from './sqliteDatabase';
import { SqliteStorage } from './sqliteStorage';
import { SqliteTranscriptStore } from './sqliteTranscriptStore';
import { sqliteWriteBatch } from './sqliteWriteBatch';
import { StorageError, storageErrorCodes } from './storageErrors';
import type { TranscriptArchive } from './transcriptArchive';
import type { KeyListing } from './keyListing';
import type { Coordination } from './coordination';
import { localCoordination, redisCoordination } from './coordination';

/** An opened store: what bots and the transcript logger use, plus its lifecycle. */
export interface StorageBackend {
  readonly kind: 'sqlite' | 'redis' | 'memory';
  /** Bot state (botbuilder `Storage`) with eTag concurrency, and a listing of its keys (retention, privacy requests). */
  readonly storage: Storage & KeyListing;
  readonly transcripts: TranscriptArchive;
  /** Turn locks and task leases: in this process, or shared through Redis by every instance. */
  readonly coordination: Coordination;
  /**
   * Resolves when the store takes a write and reads it back, as a turn would; throws a coded
   * {@link StorageError} otherwise (GET /readyz). Repeated checks never grow the store.
   */
  ping(): Promise<void>;
  /** Releases the file or connection; safe to call more than once. */
  close(): Promise<void>;
}

/** Opens the store described by `settings`; throws a coded {@link StorageError} when it cannot. */
export async function openStorageBackend(settings: StorageSettings, logger: Logger): Promise<StorageBackend> {
  const log = logger.child({ area: 'storage' });
  switch (settings.kind) {
    case 'sqlite':
      return openSqlite(settings.path, log);
    case 'redis':
      return openRedis(settings.url, settings.keyPrefix, settings.commandTimeoutMs, log);
    case 'memory':
      return openMemory(log);
  }
}

function openSqlite(filePath: string, log: Logger): StorageBackend {
  const db = openSqliteDatabase(filePath);
  const probe = sqliteReadinessProbe(db, filePath);
  // WAL checkpoints (copying the log back and syncing) run on a worker thread, not in a turn's commit.
  const checkpoints = startBackgroundCheckpoints(db, log);
  log.info({ kind: 'sqlite', path: filePath }, 'storage opened');
  return {
    kind: 'sqlite',
    storage: new SqliteStorage(db),
    transcripts: new SqliteTranscriptStore(db),
    coordination: localCoordination(),
    async ping() {
      if (!db.open) throw closedError('sqlite');
      await probe();
    },
    async close() {
      await checkpoints?.stop();
      if (!db.open) return;
      sqliteWriteBatch(db).flush();
      db.close();
    },
  };
}

async function openRedis(url: string, keyPrefix: string, commandTimeoutMs: number, log: Logger): Promise<StorageBackend> {
  const connection = await connectRedis(url, log, { commandTimeoutMs });
  const probe = redisReadinessProbe(connection.client, keyPrefix);
  log.info({ kind: 'redis', url: connection.safeUrl, keyPrefix }, 'storage opened');
  return {
    kind: 'redis',
    storage: new RedisStorage(connection.client, keyPrefix),
    transcripts: new RedisTranscriptStore(connection.client, keyPrefix),
    coordination: redisCoordination(connection.client, keyPrefix, log),
    async ping() {
      await connection.ping();
      await probe();
    },
    close: () => connection.close(),
  };
}

function openMemory(log: Logger): StorageBackend {
  let closed = false;
  const storage = new MemoryStorage();
  const probe = memoryReadinessProbe(storage);
  log.info({ kind: 'memory' }, 'storage opened; nothing survives a restart');
  return {
    kind: 'memory',
    storage,
    transcripts: new MemoryTranscriptStore(),
    coordination: localCoordination(),
    async ping() {
      if (closed) throw closedError('memory');
      await probe();
    },
    async close() {
      closed = true;
    },
  };
}

function closedError(kind: string): StorageError {
  return new StorageError(storageErrorCodes.closed, `The ${kind} storage backend is closed`);
}
