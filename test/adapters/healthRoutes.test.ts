import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../adapters/httpServer';
import { registerHealthRoutes } from '../../adapters/healthRoutes';
import { botResponses } from '../../bots/responses';
import type { WarmlineApp } from '../../index';
import { silentLogger } from '../../logger';
import { StorageError } from '../../storage/storageErrors';
import { ConnectorStandIn, messageActivity } from '../support/connectorStandIn';
import { post, startTestApp } from '../support/testApp';
import { damageSqliteFile } from '../storage/damageSqliteFile';
import { useRedisPerTest } from '../storage/redisTestClients';
import { StallingRedisProxy } from '../storage/stallingRedisProxy';

async function readiness(app: WarmlineApp): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${app.url}/readyz`);
  return { status: res.status, body: await res.json() };
}

describe('health routes', () => {
  it('reports not ready when storage is unreachable or the server is stopping, while staying alive', async () => {
    let storageUp = false;
    let stopping = false;
    const http = createHttpServer({ maxBodyBytes: 1024, logger: silentLogger() });
    registerHealthRoutes(http.server, { pingStorage: async () => { if (!storageUp) throw new Error('ECONNREFUSED'); }, isStopping: () => stopping }, silentLogger());
    await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).to.equal(200);
      const down = await fetch(`${base}/readyz`);
      expect(down.status).to.equal(503);
      expect(await down.json()).to.include({ status: 'unavailable', storage: 'unreachable', code: 'WL_STORAGE_UNAVAILABLE' });
      storageUp = true;
      expect((await fetch(`${base}/readyz`)).status).to.equal(200);
      stopping = true;
      expect(await (await fetch(`${base}/readyz`)).json()).to.deep.equal({ status: 'stopping' });
    } finally {
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
    }
  });

  it('names the failure without the path or URL that the log keeps', async () => {
    const http = createHttpServer({ maxBodyBytes: 1024, logger: silentLogger() });
    const damaged = new StorageError('WL_STORAGE_CORRUPT', 'SQLite database "/srv/secret/warmline.db" failed: database disk image is malformed');
    registerHealthRoutes(http.server, { pingStorage: async () => { throw damaged; }, isStopping: () => false }, silentLogger());
    await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(http.server.address() as AddressInfo).port}/readyz`);
      const body = (await res.json()) as Record<string, string>;
      expect(body).to.include({ status: 'unavailable', storage: 'corrupt', code: 'WL_STORAGE_CORRUPT' });
      expect(body.message).to.contain('damaged').and.not.contain('/srv/secret');
    } finally {
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
    }
  });

  describe('over a whole app', () => {
    let connector: ConnectorStandIn;
    let app: WarmlineApp | undefined;
    before(async () => {
      connector = await new ConnectorStandIn().start();
    });
    after(async () => connector.stop());
    afterEach(async () => {
      await app?.stop();
      app = undefined;
    });

    describe('on a SQLite file', () => {
      let dir: string;
      beforeEach(() => {
        dir = mkdtempSync(path.join(tmpdir(), 'warmline-ready-'));
      });
      afterEach(() => rmSync(dir, { recursive: true, force: true }));

      it('is ready on a healthy file, and answers 503 with the reason once the file is damaged under it', async () => {
        const file = path.join(dir, 'warmline.db');
        app = await startTestApp({ STORAGE: 'sqlite', SQLITE_PATH: file });
        for (let i = 0; i < 5; i++) await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, `conv-sqlite-${i}`, 'where is my order'));
        expect(await readiness(app)).to.deep.equal({ status: 200, body: { status: 'ready', storage: 'ok' } });

        damageSqliteFile(file);
        const damaged = await readiness(app);
        expect(damaged.status).to.equal(503);
        expect(damaged.body).to.include({ status: 'unavailable', storage: 'corrupt', code: 'WL_STORAGE_CORRUPT' });
        expect((damaged.body as { message: string }).message).to.contain('database disk image is malformed');

        await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-sqlite-after', 'where is my order'));
        const apology = await connector.waitFor('conv-sqlite-after', (a) => a.type === 'message');
        expect(apology.text).to.equal(botResponses['en-US'].storageError);
      });
    });

    describe('on Redis', () => {
      const redis = useRedisPerTest();

      it('is ready on a healthy server, with one expiring readiness key under the prefix', async () => {
        app = await startTestApp({ STORAGE: 'redis', REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.clients.prefix });
        for (let i = 0; i < 5; i++) expect(await readiness(app)).to.deep.equal({ status: 200, body: { status: 'ready', storage: 'ok' } });
        const readinessKeys = (await redis.clients.keys()).filter((k) => k.startsWith(`${redis.clients.prefix}readiness:`));
        expect(readinessKeys).to.have.length(1);
        expect(Number(await (await redis.clients.connect()).sendCommand(['PTTL', readinessKeys[0]!]))).to.be.above(0);
      });

      it('answers a turn with the apology within seconds and reports 503 when Redis stops answering', async () => {
        const proxy = await new StallingRedisProxy(redis.url).start();
        try {
          app = await startTestApp({ STORAGE: 'redis', REDIS_URL: proxy.url, REDIS_KEY_PREFIX: redis.clients.prefix, REDIS_COMMAND_TIMEOUT_MS: '500' });
          expect((await readiness(app)).status).to.equal(200);
          proxy.stall();

          const started = Date.now();
          await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-hung', '我的订单在哪里', { locale: 'zh-CN' }));
          const turnMs = Date.now() - started;
          const apology = await connector.waitFor('conv-hung', (a) => a.type === 'message');
          expect(apology.text).to.equal(botResponses['zh-CN'].storageError);
          expect(turnMs).to.be.below(3000);

          const readyStarted = Date.now();
          const down = await readiness(app);
          expect(down.status).to.equal(503);
          expect(down.body).to.include({ status: 'unavailable', storage: 'unreachable', code: 'WL_STORAGE_UNAVAILABLE' });
          expect(Date.now() - readyStarted).to.be.below(3000);
        } finally {
          await app?.stop();
          app = undefined;
          await proxy.close();
        }
      });
    });
  });
});
