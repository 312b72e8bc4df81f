import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { openSqliteDatabase } from '../../storage/sqliteDatabase';
import { SqliteTranscriptStore } from '../../storage/sqliteTranscriptStore';
import { transcriptConformance } from './transcriptConformance';

describe('SqliteTranscriptStore', () => {
  transcriptConformance('SqliteTranscriptStore', async (now) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warmline-transcripts-'));
    const db = openSqliteDatabase(path.join(dir, 'transcripts.db'));
    return {
      archive: new SqliteTranscriptStore(db, now),
      close: async () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });

  it('keeps transcripts after the file is closed and reopened', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warmline-transcripts-'));
    const file = path.join(dir, 'transcripts.db');
    try {
      const db = openSqliteDatabase(file);
      const message = { type: 'message', id: 'm1', text: 'hello', channelId: 'webchat', conversation: { id: 'c1' }, timestamp: new Date(Date.UTC(2025, 0, 1)) } as Activity;
      await new SqliteTranscriptStore(db).logActivity(message);
      db.close();
      const reopened = openSqliteDatabase(file);
      const page = await new SqliteTranscriptStore(reopened).getTranscriptActivities('webchat', 'c1');
      reopened.close();
      expect(page.items.map((a) => [a.id, a.text, a.timestamp?.toISOString()])).to.deep.equal([['m1', 'hello', '2025-01-01T00:00:00.000Z']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
