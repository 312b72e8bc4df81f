import { expect } from 'chai';
import { connectRedis, redactRedisUrl } from '../../storage/redisConnection';
import type { RedisConnection } from '../../storage/redisConnection';
import { StorageError } from '../../storage/storageErrors';
import { requireRedis } from '../support/services';
import { LogCapture } from './logCapture';
import { RedisTestClients } from './redisTestClients';

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).to.be.instanceOf(StorageError);
  return error as StorageError;
}

describe('redisConnection', () => {
  describe('redactRedisUrl', () => {
    it('hides the password and keeps everything else', () => {
      expect(redactRedisUrl('redis://app:s3cr%40t@cache.internal:6380/2')).to.equal('redis://app:***@cache.internal:6380/2');
      expect(redactRedisUrl('rediss://:pw@cache')).to.equal('rediss://:***@cache');
      expect(redactRedisUrl('redis://127.0.0.1:6379')).to.equal('redis://127.0.0.1:6379');
      expect(redactRedisUrl('redis://user:pw@[bad')).to.equal('redis://***@[bad');
    });
  });

  it('fails with a coded error naming the URL without its password when nothing listens', async () => {
    const error = await rejection(connectRedis('redis://app:hunter2@127.0.0.1:1', new LogCapture().logger, 1000));
    expect(error.code).to.equal('WL_STORAGE_UNAVAILABLE');
    expect(error.message).to.contain('redis://app:***@127.0.0.1:1').and.not.contain('hunter2');
  });

  describe('with a server', function () {
    let url = '';
    let admin: RedisTestClients;
    let connection: RedisConnection | undefined;
    before(async function () {
      url = await requireRedis(this);
    });
    beforeEach(() => {
      admin = new RedisTestClients(url);
    });
    afterEach(async () => {
      await connection?.close();
      await admin.cleanup();
    });

    it('survives a dropped connection: logs it, reports not ready, then reconnects', async () => {
      const log = new LogCapture();
      connection = await connectRedis(url, log.logger);
      await connection.ping();
      const id = String(await connection.client.sendCommand(['CLIENT', 'ID']));
      await (await admin.connect()).sendCommand(['CLIENT', 'KILL', 'ID', id]);

      const lost = await log.waitFor('Redis connection lost; reconnecting');
      expect(lost.level).to.equal(40);
      expect((await rejection(connection.ping())).code).to.equal('WL_STORAGE_UNAVAILABLE');
      await log.waitFor('Redis connection restored');
      await connection.ping();
      expect(await connection.client.sendCommand(['PING'])).to.equal('PONG');
    });

    it('closes once, however often asked, and then refuses to ping', async () => {
      connection = await connectRedis(url, new LogCapture().logger);
      await connection.close();
      await connection.close();
      expect((await rejection(connection.ping())).code).to.equal('WL_STORAGE_CLOSED');
    });
  });
});
