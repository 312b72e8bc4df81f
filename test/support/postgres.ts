/**
 * PostgreSQL for the tests that need it: a fresh database per suite on the server at
 * `POSTGRES_TEST_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`), dropped afterwards.
 * In CI (`CI=true`) a server that does not answer fails the run; elsewhere the suite is skipped,
 * with the reason printed (like Redis, test/support/services.ts).
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { redactedUrl } from '../../analytics/openAnalyticsStore';

const adminUrl = (): string => process.env.POSTGRES_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database made for one suite: its URL and how to drop it. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * Call from a `before` hook: creates an empty database and resolves with it, or skips the suite
 * (locally) / throws (CI) when PostgreSQL does not answer.
 */
export async function requirePostgres(ctx: Mocha.Context): Promise<TestDatabase> {
  const admin = new Client({ connectionString: adminUrl(), connectionTimeoutMillis: 2000 });
  const name = `warmline_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    const reason = `PostgreSQL is not reachable at ${redactedUrl(adminUrl())} (${(error as Error).message})`;
    if (isCi()) throw new Error(`${reason}; CI must run the PostgreSQL tests`, { cause: error });
    console.log(`      skipping: ${reason}; set POSTGRES_TEST_URL or start PostgreSQL to run these tests`);
    ctx.skip();
  }
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new Client({ connectionString: adminUrl(), connectionTimeoutMillis: 2000 });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}

function isCi(): boolean {
  const ci = (process.env.CI ?? '').toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}
