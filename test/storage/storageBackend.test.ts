import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import type { StorageSettings } from '../../config';
import { openStorageBackend } from '../../storage/storageBackend';
import type { StorageBackend } from '../../storage/storageBackend';
import { StorageError } from '../../storage/storageErrors';
import { redisReadinessTtlMs, sqliteReadinessKey } from '../../storage/readinessProbe';
import { damageSqliteFile } from './damageSqliteFile';
import { LogCapture } from './logCapture';
import { useRedisPerTest } from './redisTestClients';

const message = { type: 'message', id: 'm1', text: 'hi', channelId: 'webchat', conversation: { id: 'c1' }, timestamp: new Date(Date.UTC(2025, 0, 1)) } as Activity;

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).to.be.instanceOf(StorageError);
  return error as StorageError;
}

/** What every backend must do: state, transcripts, ping, and a close that can be repeated. */
async function exerciseBackend(backend: StorageBackend): Promise<void> {
  await backend.storage.write({ 'user/1': { name: 'Ana' } });
  expect(await backend.storage.read(['user/1'])).to.have.nested.property('user/1.name', 'Ana');
  await backend.transcripts.logActivity(message);
  const page = await backend.transcripts.getTranscriptActivities('webchat', 'c1');
  expect(page.items.map((a) => a.text)).to.deep.equal(['hi']);
  await backend.ping();
  await backend.close();
  await backend.close();
  expect((await rejection(backend.ping())).code).to.equal('WL_STORAGE_CLOSED');
}

describe('openStorageBackend', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-backend-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens memory storage', async () => {
    const backend = await openStorageBackend({ kind: 'memory', retentionDays: 30 }, new LogCapture().logger);
    expect(backend.kind).to.equal('memory');
    await exerciseBackend(backend);
  });

  it('opens a SQLite file whose contents survive closing and reopening', async () => {
    const settings: StorageSettings = { kind: 'sqlite', path: path.join(dir, 'data', 'warmline.db'), retentionDays: 30 };
    const backend = await openStorageBackend(settings, new LogCapture().logger);
    expect(backend.kind).to.equal('sqlite');
    await exerciseBackend(backend);
    const reopened = await openStorageBackend(settings, new LogCapture().logger);
    try {
      expect(await reopened.storage.read(['user/1'])).to.have.nested.property('user/1.name', 'Ana');
      expect((await reopened.transcripts.getTranscriptActivities('webchat', 'c1')).items).to.have.length(1);
    } finally {
      await reopened.close();
    }
  });

  it('checks SQLite readiness by writing one row and reading it back; repeated checks add no rows', async () => {
    const file = path.join(dir, 'warmline.db');
    const backend = await openStorageBackend({ kind: 'sqlite', path: file, retentionDays: 30 }, new LogCapture().logger);
    const reader = new BetterSqlite3(file, { readonly: true });
    try {
      const row = reader.prepare<[string], { etag: string }>('SELECT etag FROM storage_items WHERE key = ?');
      const count = reader.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM storage_items');
      await backend.ping();
      const first = row.get(sqliteReadinessKey)?.etag;
      for (let i = 0; i < 20; i++) await backend.ping();
      expect(row.get(sqliteReadinessKey)?.etag).to.be.a('string').and.not.equal(first);
      expect(count.get()?.n).to.equal(1);
    } finally {
      reader.close();
      await backend.close();
    }
  });

  it('reports a SQLite file damaged while it runs as WL_STORAGE_CORRUPT, and turns fail on it too', async () => {
    const file = path.join(dir, 'warmline.db');
    const backend = await openStorageBackend({ kind: 'sqlite', path: file, retentionDays: 30 }, new LogCapture().logger);
    try {
      for (let i = 0; i < 100; i++) await backend.storage.write({ [`conversation/${i}`]: { text: 'x'.repeat(500) } });
      await backend.ping();
      damageSqliteFile(file);
      const error = await rejection(backend.ping());
      expect(error.code).to.equal('WL_STORAGE_CORRUPT');
      expect(error.message).to.contain(file).and.contain('database disk image is malformed');
      const turn = await backend.storage.read(['conversation/7']).then(() => undefined, (e: unknown) => e);
      expect(turn).to.have.property('code', 'SQLITE_CORRUPT');
    } finally {
      await backend.close();
    }
  });

  it('fails with a coded error naming the SQLite path when it cannot open it', async () => {
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, 'x');
    const bad = path.join(blocker, 'warmline.db');
    const error = await rejection(openStorageBackend({ kind: 'sqlite', path: bad, retentionDays: 30 }, new LogCapture().logger));
    expect(error.code).to.equal('WL_STORAGE_OPEN_FAILED');
    expect(error.message).to.contain(bad);
  });

  it('fails with a coded error naming the Redis URL, without password, when Redis is unreachable', async () => {
    const settings: StorageSettings = { kind: 'redis', url: 'redis://default:topsecret@127.0.0.1:1', keyPrefix: 'x:', commandTimeoutMs: 2000, retentionDays: 30 };
    const error = await rejection(openStorageBackend(settings, new LogCapture().logger));
    expect(error.code).to.equal('WL_STORAGE_UNAVAILABLE');
    expect(error.message).to.contain('redis://default:***@127.0.0.1:1').and.not.contain('topsecret');
  });

  describe('redis', () => {
    const redis = useRedisPerTest();

    it('opens Redis storage under the configured key prefix', async () => {
      const log = new LogCapture();
      const backend = await openStorageBackend({ kind: 'redis', url: redis.url, keyPrefix: redis.clients.prefix, commandTimeoutMs: 2000, retentionDays: 30 }, log.logger);
      expect(backend.kind).to.equal('redis');
      await exerciseBackend(backend);
      const keys = await redis.clients.keys();
      expect(keys).to.include(`${redis.clients.prefix}state:user/1`);
      expect(keys.every((k) => k.startsWith(redis.clients.prefix))).to.equal(true);
      expect(await log.waitFor('storage opened')).to.include({ kind: 'redis', area: 'storage' });
    });

    it('checks Redis readiness with one expiring key of this process under the prefix', async () => {
      const backend = await openStorageBackend({ kind: 'redis', url: redis.url, keyPrefix: redis.clients.prefix, commandTimeoutMs: 2000, retentionDays: 30 }, new LogCapture().logger);
      try {
        for (let i = 0; i < 10; i++) await backend.ping();
        const keys = await redis.clients.keys();
        expect(keys).to.have.length(1);
        expect(keys[0]).to.match(new RegExp(`^${redis.clients.prefix}readiness:`));
        const ttl = Number(await (await redis.clients.connect()).sendCommand(['PTTL', keys[0]!]));
        expect(ttl).to.be.above(0).and.at.most(redisReadinessTtlMs);
      } finally {
        await backend.close();
      }
    });
  });
});
