/**
 * Opens the analytics store the settings call for: PostgreSQL when `DATABASE_URL` is set, else the
 * embedded SQLite database (the bot's own file with STORAGE=sqlite or redis, a private in-memory one
 * with STORAGE=memory).
 */
import type { StorageSettings } from '../config';
import { openSqliteDatabase } from '../storage/sqliteDatabase';
import type { AnalyticsStore } from './analyticsStore';
import { openPostgresAnalytics } from './postgresAnalyticsStore';
import { sqliteAnalyticsStore } from './sqliteAnalyticsStore';
import type { SqliteAnalyticsOptions } from './sqliteAnalyticsStore';

/** What decides where analytics go. */
export interface AnalyticsSettings {
  readonly databaseUrl: string | undefined;
  /** The SQLite file used when the bot's storage is Redis (its SQLITE_PATH). */
  readonly sqlitePath: string;
  readonly storage: StorageSettings;
}

/**
 * Opens the store; throws (naming no password) when PostgreSQL cannot be reached or the file opened.
 * `backgroundWrites` (a running bot): the embedded file's events are written from a worker thread,
 * which tells `log` if it stops.
 */
export async function openAnalyticsStore(settings: AnalyticsSettings, options: SqliteAnalyticsOptions = {}): Promise<AnalyticsStore> {
  if (settings.databaseUrl) {
    try {
      return await openPostgresAnalytics(settings.databaseUrl);
    } catch (error) {
      throw new Error(`Cannot open the analytics database at ${redactedUrl(settings.databaseUrl)}: ${(error as Error).message}`, { cause: error });
    }
  }
  const file = settings.storage.kind === 'memory' ? ':memory:' : settings.storage.kind === 'sqlite' ? settings.storage.path : settings.sqlitePath;
  return sqliteAnalyticsStore(openSqliteDatabase(file), true, options);
}

/** A database URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable URL)';
  }
}
