/**
 * Analytics in the embedded SQLite database: the bot's own database file (its own table, created
 * when missing), or a private in-memory one for `':memory:'`.
 */
import type { Database } from 'better-sqlite3';
import type { AnalyticsEvent } from './analyticsEvent';
import { SqlAnalyticsStore } from './sqlAnalyticsStore';
import { analyticsSchema, eventColumns, eventRow } from './sqlRunner';
import type { SqlRunner, SqlValue } from './sqlRunner';

/** A {@link SqlRunner} over an open better-sqlite3 database; `ownsDatabase`: close it with the store. */
export function sqliteRunner(db: Database, ownsDatabase: boolean): SqlRunner {
  db.exec(analyticsSchema('INTEGER PRIMARY KEY AUTOINCREMENT'));
  const insertOne = db.prepare(`INSERT OR IGNORE INTO analytics_events (${eventColumns.join(', ')}) VALUES (${eventColumns.map(() => '?').join(', ')})`);
  const insertAll = db.transaction((events: readonly AnalyticsEvent[]) => {
    for (const e of events) insertOne.run(...eventRow(e));
  });
  return {
    dialect: 'sqlite',
    all: async (sql: string, params: readonly SqlValue[]) => db.prepare(sql).all(...params) as Record<string, unknown>[],
    run: async (sql: string, params: readonly SqlValue[]) => db.prepare(sql).run(...params).changes,
    insert: async (events) => {
      insertAll(events);
    },
    close: async () => {
      if (ownsDatabase && db.open) db.close();
    },
  };
}

/** The analytics store in an open SQLite database. */
export function sqliteAnalyticsStore(db: Database, ownsDatabase: boolean): SqlAnalyticsStore {
  return new SqlAnalyticsStore(sqliteRunner(db, ownsDatabase));
}
