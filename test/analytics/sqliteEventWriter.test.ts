import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { AnalyticsEvent } from '../../analytics/analyticsEvent';
import { openAnalyticsStore } from '../../analytics/openAnalyticsStore';
import { sqliteAnalyticsStore } from '../../analytics/sqliteAnalyticsStore';
import { EventWriterStopped, startEventWriter } from '../../analytics/sqliteEventWriter';
import { openSqliteDatabase } from '../../storage/sqliteDatabase';
import { LogCapture } from '../storage/logCapture';
import { analyticsStoreConformance } from './analyticsStoreConformance';

const event = (n: number, kind: AnalyticsEvent['kind'] = 'answered'): AnalyticsEvent => ({
  at: `2026-12-06T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
  kind,
  conversationId: `c-${kind === 'conversation-started' ? 'same' : n}`,
  channel: 'webchat',
  locale: 'en-US',
  entryId: String(n),
});

/** How many events of conversation `c-<n>` the database holds. */
const eventsOf = (db: Database, n: number): number => (db.prepare('SELECT COUNT(*) AS n FROM analytics_events WHERE conversation_id = ?').get(`c-${n}`) as { n: number }).n;

/** A stand-in for better-sqlite3 whose worker ends its thread as soon as it is asked to write. */
function dyingDriver(dir: string): string {
  const file = path.join(dir, 'dying-driver.js');
  writeFileSync(
    file,
    `module.exports = class { pragma() {} prepare() { return { run() { process.exit(3); } }; } transaction(fn) { const f = (...a) => fn(...a); f.immediate = f; return f; } close() {} };\n`,
  );
  return file;
}

describe('SQLite analytics store writing from a worker thread', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-event-writer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('answers every analytics question as the in-thread store does', () => {
    let conformanceDir: string;
    before(() => {
      conformanceDir = mkdtempSync(path.join(tmpdir(), 'warmline-event-writer-conformance-'));
    });
    after(() => rmSync(conformanceDir, { recursive: true, force: true }));
    let n = 0;
    analyticsStoreConformance(async () => {
      const file = path.join(conformanceDir, `a-${(n += 1)}.db`);
      return sqliteAnalyticsStore(openSqliteDatabase(file), true, { backgroundWrites: { log: new LogCapture().logger } });
    });
  });

  it('commits every batch before its promise resolves, in short transactions, and ignores a repeated conversation start', async () => {
    const file = path.join(dir, 'a.db');
    const log = new LogCapture();
    const store = await openAnalyticsStore({ databaseUrl: undefined, sqlitePath: file, storage: { kind: 'sqlite', path: file, retentionDays: 30 } }, { backgroundWrites: { log: log.logger } });
    const reader = openSqliteDatabase(file);
    try {
      const events = [...Array.from({ length: 100 }, (_, i) => event(i)), event(100, 'conversation-started'), event(101, 'conversation-started')];
      await store.append(events);
      expect(reader.prepare('SELECT COUNT(*) AS n FROM analytics_events').get()).to.deep.equal({ n: 101 });
      // Batches not awaited one by one are all there once the last resolves (the worker takes them in order).
      await Promise.all([store.append([event(200)]), store.append([event(201)]), store.append([event(202)])]);
      expect(reader.prepare('SELECT COUNT(*) AS n FROM analytics_events').get()).to.deep.equal({ n: 104 });
      expect(log.entries.filter((e) => e.level >= 40)).to.deep.equal([]);
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('writes what was sent before close, then stops', async () => {
    const file = path.join(dir, 'a.db');
    const store = sqliteAnalyticsStore(openSqliteDatabase(file), true, { backgroundWrites: { log: new LogCapture().logger } });
    const pending = store.append(Array.from({ length: 500 }, (_, i) => event(i)));
    await store.close();
    await pending;
    const reader = openSqliteDatabase(file);
    try {
      expect(reader.prepare('SELECT COUNT(*) AS n FROM analytics_events').get()).to.deep.equal({ n: 500 });
    } finally {
      reader.close();
    }
  });

  it('rejects a batch the database refuses with its error, and keeps taking the next ones', async () => {
    const file = path.join(dir, 'a.db');
    const db = openSqliteDatabase(file);
    const store = sqliteAnalyticsStore(db, true, { backgroundWrites: { log: new LogCapture().logger } });
    try {
      const broken = { ...event(1), entryId: { not: 'a value' } } as unknown as AnalyticsEvent;
      let failure: unknown;
      await store.append([broken]).catch((err: unknown) => (failure = err));
      expect(String(failure)).to.match(/parameter/);
      await store.append([event(2)]);
      expect(eventsOf(db, 1)).to.equal(0);
      expect(eventsOf(db, 2)).to.equal(1);
    } finally {
      await store.close();
    }
  });

  it('writes on the main connection, and says so, when the worker cannot start', async () => {
    const file = path.join(dir, 'a.db');
    const log = new LogCapture();
    const db = openSqliteDatabase(file);
    const store = sqliteAnalyticsStore(db, true, { backgroundWrites: { log: log.logger, driver: path.join(dir, 'no-such-driver.js') } });
    try {
      await log.waitFor('the analytics writer thread stopped; events are written on the main thread again');
      await store.append([event(1), event(2)]);
      expect([eventsOf(db, 1), eventsOf(db, 2)]).to.deep.equal([1, 1]);
    } finally {
      await store.close();
    }
  });

  it('loses no batch when the worker ends while writing it: the main connection writes it', async () => {
    const file = path.join(dir, 'a.db');
    const log = new LogCapture();
    const db = openSqliteDatabase(file);
    const store = sqliteAnalyticsStore(db, true, { backgroundWrites: { log: log.logger, driver: dyingDriver(dir) } });
    try {
      await store.append([event(1), event(2), event(3)]);
      await log.waitFor('the analytics writer thread stopped; events are written on the main thread again');
      expect([1, 2, 3].map((n) => eventsOf(db, n))).to.deep.equal([1, 1, 1]);
      await store.append([event(4)]);
      expect(eventsOf(db, 4)).to.equal(1);
    } finally {
      await store.close();
    }
  });

  it('refuses nonsense settings and batches after stop', async () => {
    const file = path.join(dir, 'a.db');
    openSqliteDatabase(file).close();
    expect(() => startEventWriter(file, 'SELECT 1', () => undefined, { rowsPerTransaction: 0 })).to.throw(TypeError, /rowsPerTransaction/);
    const writer = startEventWriter(file, 'SELECT ?', () => undefined);
    await writer.stop();
    await writer.stop();
    expect(writer.running).to.equal(false);
    let refused: unknown;
    await writer.insert([[1]]).catch((err: unknown) => (refused = err));
    expect(refused).to.be.instanceOf(EventWriterStopped);
  });
});
