/**
 * Analytics in the embedded SQLite database: the bot's own database file (its own table, created
 * when missing), or a private in-memory one for `':memory:'`. A running bot writes the events from
 * a worker thread (`sqliteEventWriter.ts`); queries, erasures and short-lived tools use this
 * connection.
 */
import type { Database } from 'better-sqlite3';
import { SqlAnalyticsStore } from './sqlAnalyticsStore';
import { analyticsSchema, eventColumns, eventRow } from './sqlRunner';
import type { SqlRunner, SqlValue } from './sqlRunner';
import { EventWriterStopped, startEventWriter } from './sqliteEventWriter';
import type { EventWriterOptions } from './sqliteEventWriter';

/** Where a store's events are written from. */
export interface SqliteAnalyticsOptions {
  /**
   * Write events from a worker thread with its own connection to the database's file; `log` is told
   * when that worker stops and this connection writes again. Ignored for an in-memory database, which
   * no other connection can open.
   */
  readonly backgroundWrites?: { readonly log: { warn(details: object, message: string): void } } & EventWriterOptions;
}

const insertSql = `INSERT OR IGNORE INTO analytics_events (${eventColumns.join(', ')}) VALUES (${eventColumns.map(() => '?').join(', ')})`;

/** A {@link SqlRunner} over an open better-sqlite3 database; `ownsDatabase`: close it with the store. */
export function sqliteRunner(db: Database, ownsDatabase: boolean, options: SqliteAnalyticsOptions = {}): SqlRunner {
  db.exec(analyticsSchema('INTEGER PRIMARY KEY AUTOINCREMENT'));
  const insertOne = db.prepare(insertSql);
  const insertHere = db.transaction((rows: readonly (readonly SqlValue[])[]) => {
    for (const row of rows) insertOne.run(...row);
  });
  const background = options.backgroundWrites;
  const writer =
    background && !db.memory
      ? startEventWriter(db.name, insertSql, (reason, err) => background.log.warn({ err, reason }, 'the analytics writer thread stopped; events are written on the main thread again'), background)
      : undefined;
  return {
    dialect: 'sqlite',
    all: async (sql: string, params: readonly SqlValue[]) => db.prepare(sql).all(...params) as Record<string, unknown>[],
    run: async (sql: string, params: readonly SqlValue[]) => db.prepare(sql).run(...params).changes,
    insert: async (events) => {
      const rows = events.map(eventRow);
      if (writer?.running) {
        try {
          return await writer.insert(rows);
        } catch (error) {
          // The worker ended before answering: the batch is written here instead (if the worker had
          // committed part of it, that part is there twice; a repeated conversation start is ignored).
          if (!(error instanceof EventWriterStopped)) throw error;
        }
      }
      insertHere(rows);
    },
    close: async () => {
      await writer?.stop();
      if (ownsDatabase && db.open) db.close();
    },
  };
}

/** The analytics store in an open SQLite database. */
export function sqliteAnalyticsStore(db: Database, ownsDatabase: boolean, options: SqliteAnalyticsOptions = {}): SqlAnalyticsStore {
  return new SqlAnalyticsStore(sqliteRunner(db, ownsDatabase, options));
}
