import { expect } from 'chai';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { openSqliteDatabase } from '../../storage/sqliteDatabase';
import { startBackgroundCheckpoints } from '../../storage/sqliteCheckpointer';
import type { SqliteCheckpointer } from '../../storage/sqliteCheckpointer';
import { openStorageBackend } from '../../storage/storageBackend';
import { silentLogger } from '../../logger';
import { LogCapture } from './logCapture';

const autoCheckpoint = (db: Database): number => db.pragma('wal_autocheckpoint', { simple: true }) as number;

/** Writes enough rows to put a few hundred pages in the WAL. */
function fill(db: Database, rows: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  const body = 'x'.repeat(2_000);
  for (let i = 0; i < rows; i += 1) insert.run(body);
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startBackgroundCheckpoints: WAL checkpoints on a worker thread', () => {
  let dir: string;
  let db: Database | undefined;
  let checkpointer: SqliteCheckpointer | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-checkpoints-'));
  });
  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = undefined;
    if (db?.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops the main connection checkpointing and copies its WAL back from the worker', async () => {
    const file = path.join(dir, 'w.db');
    db = openSqliteDatabase(file);
    const log = new LogCapture();
    checkpointer = startBackgroundCheckpoints(db, log.logger, { intervalMs: 50 });
    expect(checkpointer?.running).to.equal(true);
    expect(autoCheckpoint(db)).to.equal(0);
    fill(db, 2_000);
    // Every frame written so far is copied back by the worker; the main connection never checkpointed.
    const main = db;
    await until(() => {
      const [row] = main.pragma('wal_checkpoint(NOOP)') as Array<{ log: number; checkpointed: number }>;
      return row !== undefined && row.log > 0 && row.checkpointed === row.log;
    }, 'the worker to checkpoint the whole WAL');
    expect(main.prepare('SELECT COUNT(*) AS n FROM filler').get()).to.deep.equal({ n: 2_000 });
    await checkpointer?.stop();
    expect(checkpointer?.running).to.equal(false);
    expect(autoCheckpoint(db)).to.equal(1000);
    expect(log.entries.filter((e) => e.level >= 40)).to.deep.equal([]);
  });

  it('gives checkpointing back to the main connection, and says so, when the worker cannot start', async () => {
    const file = path.join(dir, 'w.db');
    db = openSqliteDatabase(file);
    const log = new LogCapture();
    checkpointer = startBackgroundCheckpoints(db, log.logger, { intervalMs: 50, driver: path.join(dir, 'no-such-driver.js') });
    await log.waitFor('background SQLite checkpoints stopped; the main connection checkpoints again');
    expect(checkpointer?.running).to.equal(false);
    expect(autoCheckpoint(db)).to.equal(1000);
    // The store keeps working, and stop() is still safe.
    fill(db, 10);
    await checkpointer?.stop();
    await checkpointer?.stop();
  });

  it('does nothing for an in-memory database and refuses a nonsense interval', () => {
    db = openSqliteDatabase(':memory:');
    expect(startBackgroundCheckpoints(db, silentLogger())).to.equal(undefined);
    const file = path.join(dir, 'w.db');
    const fileDb = openSqliteDatabase(file);
    try {
      expect(() => startBackgroundCheckpoints(fileDb, silentLogger(), { intervalMs: 0 })).to.throw(TypeError, /intervalMs/);
      expect(autoCheckpoint(fileDb)).to.equal(1000);
    } finally {
      fileDb.close();
    }
  });

  it('is part of the SQLite backend: closing it stops the worker and leaves no WAL behind', async () => {
    const file = path.join(dir, 'backend.db');
    const backend = await openStorageBackend({ kind: 'sqlite', path: file, retentionDays: 30 }, silentLogger());
    await backend.storage.write({ 'k/1': { v: 1 } });
    await backend.close();
    expect(() => statSync(`${file}-wal`)).to.throw(/ENOENT/);
    const reopened = await openStorageBackend({ kind: 'sqlite', path: file, retentionDays: 30 }, silentLogger());
    try {
      expect(await reopened.storage.read(['k/1'])).to.have.nested.property('k/1.v', 1);
    } finally {
      await reopened.close();
    }
  });
});
