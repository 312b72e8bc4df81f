import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import type { Database } from 'better-sqlite3';
import { openSqliteDatabase } from '../../storage/sqliteDatabase';
import { SqliteStorage } from '../../storage/sqliteStorage';
import { SqliteTranscriptStore } from '../../storage/sqliteTranscriptStore';
import { openStorageBackend } from '../../storage/storageBackend';
import { silentLogger } from '../../logger';

/** A message of a conversation, as the transcript middleware stores it. */
function message(conversationId: string, text: string): Activity {
  return { type: 'message', id: text, channelId: 'webchat', conversation: { id: conversationId }, from: { id: 'u' }, recipient: { id: 'bot' }, text, timestamp: new Date('2026-12-06T10:00:00Z') } as Activity;
}

describe('SQLite group commit (writes issued together)', () => {
  let dir: string;
  let db: Database;
  let other: Database;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-sqlite-batch-'));
    db = openSqliteDatabase(path.join(dir, 'w.db'));
    other = openSqliteDatabase(path.join(dir, 'w.db'));
  });
  afterEach(() => {
    db.close();
    other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every write of several turns at once, and another connection reads them once they resolve', async () => {
    const storage = new SqliteStorage(db);
    const transcripts = new SqliteTranscriptStore(db);
    await Promise.all([
      storage.write({ 'conv/a': { step: 1 } }),
      transcripts.logActivity(message('a', 'hello')),
      storage.write({ 'conv/b': { step: 2 }, 'user/b': { seen: true } }),
      transcripts.logActivity(message('a', 'hello again')),
    ]);
    const elsewhere = new SqliteStorage(other);
    expect(await elsewhere.read(['conv/a', 'conv/b', 'user/b'])).to.deep.include.keys('conv/a', 'conv/b', 'user/b');
    const page = await new SqliteTranscriptStore(other).getTranscriptActivities('webchat', 'a');
    expect(page.items.map((a) => a.text)).to.deep.equal(['hello', 'hello again']);
  });

  it('fails only the write whose eTag is stale; the others issued with it are stored', async () => {
    const storage = new SqliteStorage(db);
    await storage.write({ 'conv/a': { step: 1 } });
    const stale = (await storage.read(['conv/a']))['conv/a'];
    await storage.write({ 'conv/a': { ...stale, step: 2 } });
    const outcomes = await Promise.allSettled([storage.write({ 'conv/b': { step: 1 } }), storage.write({ 'conv/a': { ...stale, step: 3 }, 'conv/c': { step: 1 } }), storage.write({ 'conv/d': { step: 1 } })]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    const stored = await new SqliteStorage(other).read(['conv/a', 'conv/b', 'conv/c', 'conv/d']);
    expect(Object.keys(stored).sort()).to.deep.equal(['conv/a', 'conv/b', 'conv/d']);
    expect(stored['conv/a']).to.deep.include({ step: 2 });
  });

  it('lets a read see a write issued before it, even one not awaited yet', async () => {
    const storage = new SqliteStorage(db);
    const transcripts = new SqliteTranscriptStore(db);
    const written = storage.write({ 'conv/a': { step: 1 } });
    const logged = transcripts.logActivity(message('a', 'hello'));
    expect(await storage.read(['conv/a'])).to.have.key('conv/a');
    expect((await transcripts.getTranscriptActivities('webchat', 'a')).items).to.have.length(1);
    await Promise.all([written, logged]);
  });

  it('keeps queued writes batched through reads of other keys, and commits them for a read of a key they touch', async () => {
    const storage = new SqliteStorage(db);
    const writtenA = storage.write({ 'conv/a': { step: 1 } });
    const deletedB = storage.delete(['conv/b']);
    // conv/c has no queued write: the read answers from the file and leaves the batch queued.
    expect(await storage.read(['conv/c'])).to.deep.equal({});
    expect(await new SqliteStorage(other).read(['conv/a'])).to.deep.equal({});
    // conv/a has one: the read commits the queue first and sees it.
    expect(await storage.read(['conv/c', 'conv/a'])).to.have.key('conv/a');
    expect(await new SqliteStorage(other).read(['conv/a'])).to.have.key('conv/a');
    await Promise.all([writtenA, deletedB]);
    await storage.write({ 'conv/b': { step: 1 } });
    const deleting = storage.delete(['conv/b']);
    expect(await storage.read(['conv/b'])).to.deep.equal({});
    await deleting;
  });

  it('commits what is queued when the backend closes', async () => {
    const file = path.join(dir, 'closing.db');
    const backend = await openStorageBackend({ kind: 'sqlite', path: file, retentionDays: 30 }, silentLogger());
    const written = backend.storage.write({ 'conv/a': { step: 1 } });
    const logged = backend.transcripts.logActivity(message('a', 'last words'));
    await backend.close();
    await Promise.all([written, logged]);
    const reopened = openSqliteDatabase(file);
    try {
      expect(await new SqliteStorage(reopened).read(['conv/a'])).to.have.key('conv/a');
      expect((await new SqliteTranscriptStore(reopened).getTranscriptActivities('webchat', 'a')).items.map((a) => a.text)).to.deep.equal(['last words']);
    } finally {
      reopened.close();
    }
  });
});
