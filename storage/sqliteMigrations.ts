/**
 * The SQLite schema, as an ordered list of migrations. Append new versions; never edit one that
 * has shipped, since databases in the field already ran it.
 */

/** One step of the schema, applied once per database file. */
export interface SqliteMigration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** Every migration, oldest first. */
export const sqliteMigrations: readonly SqliteMigration[] = [
  {
    version: 1,
    description: 'bot state items and transcript activities',
    sql: `
      CREATE TABLE storage_items (
        key   TEXT PRIMARY KEY NOT NULL,
        etag  TEXT NOT NULL,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE transcript_activities (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_id      TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        ts              INTEGER NOT NULL,
        activity        TEXT NOT NULL
      );
      CREATE INDEX transcript_activities_by_conversation
        ON transcript_activities (channel_id, conversation_id, ts, seq);
      CREATE INDEX transcript_activities_by_time ON transcript_activities (ts);
    `,
  },
];
