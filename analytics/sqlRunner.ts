/**
 * The little an analytics store needs from a SQL database, so one set of queries serves SQLite and
 * PostgreSQL: run a query with `?` placeholders and get rows, keep a batch of events, close.
 */
import type { AnalyticsEvent } from './analyticsEvent';

/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;

/** One database connection (or pool) with the analytics table in place. */
export interface SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  /** Rows of a query whose parameters are `?` placeholders. */
  all(sql: string, params: readonly SqlValue[]): Promise<Record<string, unknown>[]>;
  /** Runs a statement; resolves with how many rows it changed. */
  run(sql: string, params: readonly SqlValue[]): Promise<number>;
  /** Keeps events in one transaction, ignoring a repeated `conversation-started`. */
  insert(events: readonly AnalyticsEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** The table's columns, in the order `insert` binds them. */
export const eventColumns = ['at', 'day', 'kind', 'conversation_id', 'channel', 'locale', 'customer_ref', 'topic', 'entry_id', 'handoff_id', 'offer_id', 'detail', 'value', 'text'] as const;

/** An event's values in {@link eventColumns} order. */
export function eventRow(e: AnalyticsEvent): SqlValue[] {
  return [e.at, e.at.slice(0, 10), e.kind, e.conversationId, e.channel, e.locale ?? null, e.customerRef ?? null, e.topic ?? null, e.entryId ?? null, e.handoffId ?? null, e.offerId ?? null, e.detail ?? null, e.value ?? null, e.text ?? null];
}

/**
 * The table and its indexes; `id` is the dialect's own auto-increment. Times are ISO 8601 UTC text
 * (they sort as they read) and `day` their UTC date, so every query is the same in both databases.
 */
export function analyticsSchema(idColumn: string): string {
  return `
    CREATE TABLE IF NOT EXISTS analytics_events (
      id              ${idColumn},
      at              TEXT NOT NULL,
      day             TEXT NOT NULL,
      kind            TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      channel         TEXT NOT NULL,
      locale          TEXT,
      customer_ref    TEXT,
      topic           TEXT,
      entry_id        TEXT,
      handoff_id      TEXT,
      offer_id        TEXT,
      detail          TEXT,
      value           DOUBLE PRECISION,
      text            TEXT
    );
    CREATE INDEX IF NOT EXISTS analytics_events_by_kind_time ON analytics_events (kind, at);
    CREATE INDEX IF NOT EXISTS analytics_events_by_conversation ON analytics_events (conversation_id, kind);
    CREATE INDEX IF NOT EXISTS analytics_events_by_customer ON analytics_events (customer_ref);
    CREATE INDEX IF NOT EXISTS analytics_events_by_time ON analytics_events (at);
    CREATE UNIQUE INDEX IF NOT EXISTS analytics_events_one_start ON analytics_events (conversation_id, channel) WHERE kind = 'conversation-started';
  `;
}
