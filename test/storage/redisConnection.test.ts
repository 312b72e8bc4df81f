import { expect } from 'chai';
import { connectRedis, redactRedisUrl } from '../../storage/redisConnection';
import type { RedisConnection } from '../../storage/redisConnection';
import { StorageError } from '../../storage/storageErrors';
import { requireRedis } from '../support/services';
import { LogCapture } from './logCapture';
import { RedisTestClients } from './redisTestClients';
import { StallingRedisProxy } from './stallingRedisProxy';

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
    const error = await rejection(connectRedis('redis://app:hunter2@127.0.0.1:1', new LogCapture().logger, { connectTimeoutMs: 1000 }));
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

    it("passes the server's own error replies through unchanged, so a script can be reloaded after NOSCRIPT", async () => {
      connection = await connectRedis(url, new LogCapture().logger);
      const error = await connection.client.sendCommand(['EVALSHA', 'f'.repeat(40), '0']).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(Error).and.not.be.instanceOf(StorageError);
      expect((error as Error).message).to.match(/^NOSCRIPT/);
    });

    describe('when the server stops answering', () => {
      const commandTimeoutMs = 300;
      let proxy: StallingRedisProxy;
      beforeEach(async () => {
        proxy = await new StallingRedisProxy(url).start();
      });
      afterEach(async () => {
        await connection?.close();
        connection = undefined;
        await proxy.close();
      });

      it('fails the waiting command after the command timeout, fails the next at once, and recovers when it answers again', async () => {
        const log = new LogCapture();
        connection = await connectRedis(proxy.url, log.logger, { commandTimeoutMs, connectTimeoutMs: 1000 });
        const key = `${admin.prefix}k`;
        await connection.client.sendCommand(['SET', key, 'before']);
        proxy.stall();

        const started = Date.now();
        const timedOut = await rejection(connection.client.sendCommand(['GET', key]));
        const waited = Date.now() - started;
        expect(timedOut.code).to.equal('WL_STORAGE_UNAVAILABLE');
        expect(timedOut.message).to.contain(`no answer to GET within ${commandTimeoutMs} ms`);
        expect(waited).to.be.at.least(commandTimeoutMs - 20).and.below(commandTimeoutMs + 700);
        expect((await log.waitFor('Redis stopped answering; reconnecting')).level).to.equal(40);

        const next = Date.now();
        expect((await rejection(connection.client.sendCommand(['GET', key]))).code).to.equal('WL_STORAGE_UNAVAILABLE');
        expect((await rejection(connection.ping())).code).to.equal('WL_STORAGE_UNAVAILABLE');
        expect(Date.now() - next).to.be.below(commandTimeoutMs);

        proxy.resume();
        await log.waitFor('Redis connection restored');
        await connection.ping();
        expect(await connection.client.sendCommand(['GET', key])).to.equal('before');
      });

      it('closes within the command timeout even with a command in flight', async () => {
        connection = await connectRedis(proxy.url, new LogCapture().logger, { commandTimeoutMs });
        proxy.stall();
        const inFlight = connection.client.sendCommand(['PING']).then(() => undefined, (e: unknown) => e);
        const started = Date.now();
        await connection.close();
        expect(Date.now() - started).to.be.below(commandTimeoutMs + 500);
        expect(await inFlight).to.be.instanceOf(StorageError);
      });
    });

    it('closes once, however often asked, and then refuses to ping', async () => {
      connection = await connectRedis(url, new LogCapture().logger);
      await connection.close();
      await connection.close();
      expect((await rejection(connection.ping())).code).to.equal('WL_STORAGE_CLOSED');
    });
  });
});
