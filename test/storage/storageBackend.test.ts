import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import type { StorageSettings } from '../../config';
import { openStorageBackend } from '../../storage/storageBackend';
import type { StorageBackend } from '../../storage/storageBackend';
import { StorageError } from '../../storage/storageErrors';
import { requireRedis } from '../support/services';
import { LogCapture } from './logCapture';
import { RedisTestClients } from './redisTestClients';

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

  it('fails with a coded error naming the SQLite path when it cannot open it', async () => {
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, 'x');
    const bad = path.join(blocker, 'warmline.db');
    const error = await rejection(openStorageBackend({ kind: 'sqlite', path: bad, retentionDays: 30 }, new LogCapture().logger));
    expect(error.code).to.equal('WL_STORAGE_OPEN_FAILED');
    expect(error.message).to.contain(bad);
  });

  it('fails with a coded error naming the Redis URL, without password, when Redis is unreachable', async () => {
    const settings: StorageSettings = { kind: 'redis', url: 'redis://default:topsecret@127.0.0.1:1', keyPrefix: 'x:', retentionDays: 30 };
    const error = await rejection(openStorageBackend(settings, new LogCapture().logger));
    expect(error.code).to.equal('WL_STORAGE_UNAVAILABLE');
    expect(error.message).to.contain('redis://default:***@127.0.0.1:1').and.not.contain('topsecret');
  });

  describe('redis', function () {
    let url = '';
    let redis: RedisTestClients;
    before(async function () {
      url = await requireRedis(this);
    });
    beforeEach(() => {
      redis = new RedisTestClients(url);
    });
    afterEach(async () => redis.cleanup());

    it('opens Redis storage under the configured key prefix', async () => {
      const log = new LogCapture();
      const backend = await openStorageBackend({ kind: 'redis', url, keyPrefix: redis.prefix, retentionDays: 30 }, log.logger);
      expect(backend.kind).to.equal('redis');
      await exerciseBackend(backend);
      const keys = await redis.keys();
      expect(keys).to.include(`${redis.prefix}state:user/1`);
      expect(keys.every((k) => k.startsWith(redis.prefix))).to.equal(true);
      expect(await log.waitFor('storage opened')).to.include({ kind: 'redis', area: 'storage' });
    });
  });
});
