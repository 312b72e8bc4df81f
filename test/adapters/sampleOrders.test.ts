import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../config';
import { createHttpServer } from '../../adapters/httpServer';
import type { HttpServer } from '../../adapters/httpServer';
import { registerSampleOrders, serveSampleOrders } from '../../adapters/sampleOrders';
import type { SampleOrderJson } from '../../adapters/sampleOrders';
import { loadSampleOrders, sampleOrderErrorCodes } from '../../samples/sampleOrderBook';
import { silentLogger } from '../../logger';
import { startTestApp } from '../support/testApp';

const shippedFile = path.resolve(__dirname, '..', '..', 'content', 'sampleOrders.yaml');

/** GETs a raw path (sent exactly as written, odd bytes included) and returns status and JSON body. */
function getRaw(base: string, rawPath: string, method = 'GET'): Promise<{ status: number; body: Record<string, unknown> }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function listen(http: HttpServer): Promise<string> {
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
}

describe('sample order service (GET /sample/orders/:id)', () => {
  let http: HttpServer;
  let base: string;

  before(async () => {
    http = createHttpServer({ maxBodyBytes: 64 * 1024, logger: silentLogger() });
    serveSampleOrders(http.server, loadSampleOrders(shippedFile), silentLogger());
    base = await listen(http);
  });
  after(() => http.server.close());

  it('answers an order as JSON: status, dates, carrier and items, named in English by default', async () => {
    const { status, body } = await getRaw(base, '/sample/orders/LM-200300');
    expect(status).to.equal(200);
    const order = body as unknown as SampleOrderJson;
    expect(order).to.include({ id: 'LM-200300', status: 'late', locale: 'en-US', orderedOn: '2026-11-14', shippedOn: '2026-11-16', expectedBy: '2026-11-19' });
    expect(order.carrier).to.deep.equal({ id: 'shunda', name: 'Shunda Express', names: { 'en-US': 'Shunda Express', 'zh-CN': '顺达快递' }, trackingNumber: 'SD7301948826' });
    expect(order.items.map((i) => [i.name, i.quantity])).to.deep.equal([
      ['Arc desk lamp', 1],
      ['Warm-white LED bulb (2-pack)', 1],
    ]);
  });

  it('names the carrier and items in Chinese with ?locale=zh-CN, and takes the id in any letter case', async () => {
    const { status, body } = await getRaw(base, '/sample/orders/lm-200302?locale=zh-CN');
    expect(status).to.equal(200);
    const order = body as unknown as SampleOrderJson;
    expect(order).to.include({ id: 'LM-200302', status: 'shipped', locale: 'zh-CN' });
    expect(order.carrier?.name).to.equal('云鸽速运');
    expect(order.items.map((i) => i.name)).to.deep.equal(['蓝牙音箱']);
  });

  it('shows an order still being processed without a carrier or shipping dates', async () => {
    const { body } = await getRaw(base, '/sample/orders/LM-200301');
    expect(body).to.include({ status: 'processing' });
    expect(body).to.not.have.any.keys('carrier', 'shippedOn', 'deliveredOn');
  });

  it('says 404 with a stable code for an order the sample store does not have', async () => {
    const { status, body } = await getRaw(base, '/sample/orders/LM-999999');
    expect(status).to.equal(404);
    expect(body).to.deep.equal({ code: 'OrderNotFound', message: 'The sample store has no order LM-999999.' });
  });

  it('says 400 for an id of the wrong shape, whatever is in it, and keeps answering afterwards', async () => {
    const odd = [
      'LM-20030', 'LM-2003000', 'XX-200300', '200300', 'LM200300', 'LM-200300%20', '%20LM-200300', 'LM-%EF%BC%92%EF%BC%90%EF%BC%90%EF%BC%93%EF%BC%90%EF%BC%90',
      '%00', '%E4%B8%AD%E6%96%87', 'LM-200300%0d%0aX-Injected:%201', '..%2F..%2Fetc%2Fpasswd', '%27%20OR%201%3D1', `LM-${'9'.repeat(5000)}`, 'LM-200300/items', '',
    ];
    const answers = await Promise.all(odd.map((id) => getRaw(base, `/sample/orders/${id}`)));
    expect(answers.map((a, i) => [odd[i]?.slice(0, 40), a.status, a.body['code']])).to.deep.equal(odd.map((id) => [id.slice(0, 40), 400, 'InvalidOrderId']));
    expect((await getRaw(base, '/sample/orders/LM-200300')).status).to.equal(200);
  });

  it('never fails on a broken percent-encoding or an unknown locale: a 4xx that says what is wrong', async () => {
    const broken = await getRaw(base, '/sample/orders/%E0%A4%A');
    expect(broken.status).to.be.within(400, 499);
    const french = await getRaw(base, '/sample/orders/LM-200300?locale=fr-FR');
    expect(french).to.deep.equal({ status: 400, body: { code: 'InvalidLocale', message: 'locale is en-US or zh-CN, given once.' } });
    expect((await getRaw(base, '/sample/orders/LM-200300?locale=en-US&locale=zh-CN')).status).to.equal(400);
    expect((await getRaw(base, '/sample/orders/LM-200300', 'POST')).status).to.equal(405);
    expect((await getRaw(base, '/sample/orders/LM-200300')).status).to.equal(200);
  });

  describe('setting and start-up', () => {
    it('is on by default outside production, off in production unless SAMPLE_ORDERS_ENABLED=true', () => {
      const production = { NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true' };
      expect(loadConfig({}).sampleOrders).to.deep.equal({ enabled: true, file: shippedFile });
      expect(loadConfig({ SAMPLE_ORDERS_ENABLED: 'false' }).sampleOrders.enabled).to.equal(false);
      expect(loadConfig(production).sampleOrders.enabled).to.equal(false);
      expect(loadConfig({ ...production, SAMPLE_ORDERS_ENABLED: 'true' }).sampleOrders.enabled).to.equal(true);
      expect(() => loadConfig({ SAMPLE_ORDERS_ENABLED: 'maybe' })).to.throw(/SAMPLE_ORDERS_ENABLED/);
    });

    it('is served by the whole reference bot by default, and not at all when switched off', async () => {
      const on = await startTestApp();
      const off = await startTestApp({ SAMPLE_ORDERS_ENABLED: 'false' });
      try {
        expect((await getRaw(on.url, '/sample/orders/LM-200303')).body).to.include({ id: 'LM-200303', status: 'delivered', deliveredOn: '2026-11-12' });
        expect((await getRaw(off.url, '/sample/orders/LM-200303')).status).to.equal(404);
        expect((await getRaw(off.url, '/sample/orders/LM-200303')).body['code']).to.equal('ResourceNotFound');
      } finally {
        await Promise.all([on.stop(), off.stop()]);
      }
    });

    it('stops start-up with a coded error when the orders file is broken, and reads nothing when switched off', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'warmline-sample-orders-'));
      const file = path.join(dir, 'sampleOrders.yaml');
      writeFileSync(file, 'carriers: {}\norders:\n  LM-1: {}\n');
      const server = createHttpServer({ maxBodyBytes: 1024, logger: silentLogger() }).server;
      expect(() => registerSampleOrders(server, { enabled: true, file }, silentLogger())).to.throw().with.property('code', sampleOrderErrorCodes.invalid);
      expect(() => registerSampleOrders(server, { enabled: false, file }, silentLogger())).to.not.throw();
    });
  });
});
