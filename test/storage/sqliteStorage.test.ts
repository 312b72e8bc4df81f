import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteDatabase } from '../../storage/sqliteDatabase';
import { SqliteStorage } from '../../storage/sqliteStorage';
import { storageConformance } from './storageConformance';

describe('SqliteStorage', () => {
  // Two connections to one file: the file's locks, not this process, decide who wins a race.
  storageConformance('SqliteStorage', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warmline-sqlite-'));
    const file = path.join(dir, 'state.db');
    const first = openSqliteDatabase(file);
    const second = openSqliteDatabase(file);
    return {
      storage: new SqliteStorage(first),
      other: new SqliteStorage(second),
      close: async () => {
        first.close();
        second.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });

  describe('on disk', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'warmline-sqlite-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps items and their eTags after the file is closed and reopened', async () => {
      const file = path.join(dir, 'nested', 'state.db');
      const db = openSqliteDatabase(file);
      await new SqliteStorage(db).write({ 'conv/1': { step: 'askOrder', history: ['hi', '你好'] } });
      const before = await new SqliteStorage(db).read(['conv/1']);
      db.close();

      const reopened = openSqliteDatabase(file);
      try {
        const after = await new SqliteStorage(reopened).read(['conv/1']);
        expect(after['conv/1']).to.deep.equal(before['conv/1']);
        expect(after['conv/1']).to.deep.include({ step: 'askOrder', history: ['hi', '你好'] });
      } finally {
        reopened.close();
      }
    });

    it('leaves no trace of a deleted item in the file (an erased customer stays erased)', async () => {
      const file = path.join(dir, 'erase.db');
      const db = openSqliteDatabase(file);
      const secret = `erase-me-${'q'.repeat(64)}`;
      const storage = new SqliteStorage(db);
      await storage.write({ 'k/1': { secret }, 'k/2': { kept: 'stays' } });
      // Into the main file first, as the WAL would be after a while, then deleted.
      db.pragma('wal_checkpoint(TRUNCATE)');
      await storage.delete(['k/1']);
      db.close();
      const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
      expect(bytes.includes('stays')).to.equal(true);
      expect(bytes.includes(secret)).to.equal(false);
    });
  });
});
