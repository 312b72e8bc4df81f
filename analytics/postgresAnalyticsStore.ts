/**
 * Analytics in PostgreSQL (`DATABASE_URL`), so every instance records into and reads from one place.
 * The table is created when missing; queries are the shared ones, with `?` turned into `$n`.
 */
import { Pool } from 'pg';
import type { AnalyticsEvent } from './analyticsEvent';
import { SqlAnalyticsStore } from './sqlAnalyticsStore';
import { analyticsSchema, eventColumns, eventRow } from './sqlRunner';
import type { SqlRunner, SqlValue } from './sqlRunner';

/** Most events in one INSERT (PostgreSQL takes at most 65535 parameters). */
const rowsPerInsert = 500;

/** `?` placeholders as PostgreSQL's `$1, $2, ...`. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Opens a pool on `url`, creates the table when missing, and returns the store. Throws when the server does not answer. */
export async function openPostgresAnalytics(url: string, options: { readonly maxConnections?: number } = {}): Promise<SqlAnalyticsStore> {
  const pool = new Pool({ connectionString: url, max: options.maxConnections ?? 5, connectionTimeoutMillis: 5000 });
  // An idle connection the server dropped is replaced on the next query; it must not crash the process.
  pool.on('error', () => undefined);
  try {
    // Two instances starting at once must not both create the table: one waits for the other.
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(74201)');
      await client.query(analyticsSchema('BIGSERIAL PRIMARY KEY'));
    } finally {
      await client.query('SELECT pg_advisory_unlock(74201)').catch(() => undefined);
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  let closed = false;
  const runner: SqlRunner = {
    dialect: 'postgres',
    all: async (sql: string, params: readonly SqlValue[]) => (await pool.query(numberedPlaceholders(sql), [...params])).rows as Record<string, unknown>[],
    run: async (sql: string, params: readonly SqlValue[]) => (await pool.query(numberedPlaceholders(sql), [...params])).rowCount ?? 0,
    insert: (events) => insertAll(pool, events),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  return new SqlAnalyticsStore(runner);
}

async function insertAll(pool: Pool, events: readonly AnalyticsEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += rowsPerInsert) {
    const batch = events.slice(i, i + rowsPerInsert);
    const values = batch.map((_, row) => `(${eventColumns.map((__, col) => `$${row * eventColumns.length + col + 1}`).join(', ')})`);
    await pool.query(`INSERT INTO analytics_events (${eventColumns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`, batch.flatMap(eventRow));
  }
}
