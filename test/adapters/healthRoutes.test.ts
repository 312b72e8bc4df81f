import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../adapters/httpServer';
import { registerHealthRoutes } from '../../adapters/healthRoutes';
import { silentLogger } from '../../logger';

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
      expect(await down.json()).to.deep.equal({ status: 'unavailable', storage: 'unreachable' });
      storageUp = true;
      expect((await fetch(`${base}/readyz`)).status).to.equal(200);
      stopping = true;
      expect(await (await fetch(`${base}/readyz`)).json()).to.deep.equal({ status: 'stopping' });
    } finally {
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
    }
  });
});
