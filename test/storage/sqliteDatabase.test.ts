import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteDatabase, sqliteSchemaVersion } from '../../storage/sqliteDatabase';
import { StorageError } from '../../storage/storageErrors';

function tableNames(db: ReturnType<typeof openSqliteDatabase>): string[] {
  return db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
}

function openError(filePath: string): StorageError {
  try {
    openSqliteDatabase(filePath).close();
  } catch (error) {
    expect(error).to.be.instanceOf(StorageError);
    return error as StorageError;
  }
  throw new Error(`expected opening ${filePath} to fail`);
}

describe('openSqliteDatabase', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing folders and the file, in WAL mode with a busy timeout and NORMAL sync', () => {
    const file = path.join(dir, 'a', 'b', 'warmline.db');
    const db = openSqliteDatabase(file);
    try {
      expect(existsSync(file)).to.equal(true);
      expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
      expect(db.pragma('busy_timeout', { simple: true })).to.be.at.least(1000);
      expect(db.pragma('synchronous', { simple: true })).to.equal(1); // NORMAL
      expect(tableNames(db)).to.include.members(['schema_version', 'storage_items', 'transcript_activities']);
      expect(db.prepare('SELECT MAX(version) AS v FROM schema_version').get()).to.deep.equal({ v: sqliteSchemaVersion });
    } finally {
      db.close();
    }
  });

  it('runs each migration once, however often the file is opened', () => {
    const file = path.join(dir, 'warmline.db');
    const handles = [openSqliteDatabase(file), openSqliteDatabase(file)];
    handles.forEach((db) => db.close());
    const db = openSqliteDatabase(file);
    try {
      const versions = db.prepare<[], { version: number }>('SELECT version FROM schema_version ORDER BY version').all();
      expect(versions.map((v) => v.version)).to.deep.equal(Array.from({ length: sqliteSchemaVersion }, (_, i) => i + 1));
    } finally {
      db.close();
    }
  });

  it('opens a private in-memory database for ":memory:"', () => {
    const db = openSqliteDatabase(':memory:');
    try {
      expect(db.memory).to.equal(true);
      expect(tableNames(db)).to.include('storage_items');
      expect(existsSync(path.resolve(':memory:'))).to.equal(false);
    } finally {
      db.close();
    }
  });

  it('names the path and the cause when the path is a folder', () => {
    const folder = path.join(dir, 'is-a-folder');
    mkdirSync(folder);
    const error = openError(folder);
    expect(error.code).to.equal('WL_STORAGE_OPEN_FAILED');
    expect(error.message).to.contain(folder).and.match(/unable to open/i);
    expect(error.cause).to.be.instanceOf(Error);
  });

  it('names the path and the cause when a parent is a file', () => {
    const blocker = path.join(dir, 'plain-file');
    writeFileSync(blocker, 'x');
    const error = openError(path.join(blocker, 'warmline.db'));
    expect(error.code).to.equal('WL_STORAGE_OPEN_FAILED');
    expect(error.message).to.contain(blocker).and.match(/ENOTDIR|EEXIST/);
  });

  it('refuses a file that is not a SQLite database', () => {
    const file = path.join(dir, 'notes.db');
    writeFileSync(file, 'these are not the pages you are looking for '.repeat(200));
    const error = openError(file);
    expect(error.code).to.equal('WL_STORAGE_OPEN_FAILED');
    expect(error.message).to.contain(file).and.match(/not a database/i);
  });

  it('refuses a database written by a newer Warmline', () => {
    const file = path.join(dir, 'future.db');
    const db = openSqliteDatabase(file);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(sqliteSchemaVersion + 1, new Date().toISOString());
    db.close();
    const error = openError(file);
    expect(error.code).to.equal('WL_STORAGE_OPEN_FAILED');
    expect(error.message).to.contain(`schema version ${sqliteSchemaVersion + 1}`);
  });
});
