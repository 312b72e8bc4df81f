/**
 * Opens Warmline's SQLite file: creates its folder, tunes it for one writer and many readers
 * (WAL), and brings its schema up to date.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { sqliteMigrations } from './sqliteMigrations';
import { StorageError, describeCause, storageErrorCodes } from './storageErrors';

/** How long a connection waits for another one's write lock before failing with SQLITE_BUSY. */
export const sqliteBusyTimeoutMs = 5000;

/** The schema version this build writes; a file with a newer one is refused. */
export const sqliteSchemaVersion: number = Math.max(...sqliteMigrations.map((m) => m.version));

/**
 * Opens (creating if needed) the database at `filePath`, or a private in-memory one for
 * `':memory:'`, and applies pending migrations. Throws a {@link StorageError} naming the path and
 * the cause when the file cannot be opened or is not a Warmline database.
 */
export function openSqliteDatabase(filePath: string): Database {
  const inMemory = filePath === ':memory:';
  let db: Database | undefined;
  try {
    if (!inMemory) mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
    db = new BetterSqlite3(filePath, { timeout: sqliteBusyTimeoutMs });
    db.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Deleted and overwritten content is zeroed, so an erased customer's data does not linger in free pages.
    db.pragma('secure_delete = ON');
    migrate(db);
    return db;
  } catch (error) {
    if (db?.open) db.close();
    throw new StorageError(
      storageErrorCodes.openFailed,
      `Cannot open SQLite database ${JSON.stringify(filePath)}: ${describeCause(error)}`,
      { cause: error },
    );
  }
}

function migrate(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const currentVersion = db.prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_version');
  const record = db.prepare<[number, string]>('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
  // IMMEDIATE: two processes opening a fresh file at once must not both run a migration.
  db.transaction(() => {
    const current = currentVersion.get()?.version ?? 0;
    if (current > sqliteSchemaVersion) {
      throw new Error(`schema version ${current} is newer than this build understands (${sqliteSchemaVersion})`);
    }
    for (const migration of sqliteMigrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
