import { expect } from 'chai';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FlowBackends } from '../../adapters/flowBackends';
import type { FlowRequest } from '../../flows/flowEffect';
import { silentLogger } from '../../logger';

type HttpRequest = Extract<FlowRequest, { kind: 'http-request' }>;
const request = (over: Partial<HttpRequest>): HttpRequest => ({ kind: 'http-request', topicId: 't', actionId: 'a', backend: 'orders', method: 'GET', path: '/orders/LM-200300', timeoutMs: 1000, ...over });

describe('FlowBackends: HTTP calls from flows', () => {
  let server: Server;
  let base: string;
  const seen: { url: string; auth: string | undefined; body: string }[] = [];

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', auth: req.headers.authorization, body: Buffer.concat(chunks).toString('utf8') });
        const url = req.url ?? '';
        // restify, loaded by other suites, patches writeHead so that it no longer returns the response.
        const answer = (status: number, body: string, type = 'application/json'): void => {
          res.writeHead(status, { 'content-type': type });
          res.end(body);
        };
        if (url.endsWith('/slow')) return void setTimeout(() => res.end('{}'), 2000);
        if (url.endsWith('/missing')) return void answer(404, '{"error":"no"}');
        if (url.endsWith('/html')) return void answer(200, '<p>hi</p>', 'text/html');
        if (url.endsWith('/huge')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('"');
          for (let i = 0; i < 40; i += 1) res.write('x'.repeat(10_000));
          return void res.end('"');
        }
        answer(200, JSON.stringify({ id: 'LM-200300', status: 'shipped' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const backends = (): FlowBackends => new FlowBackends([{ name: 'orders', baseUrl: base, token: 'secret-token' }], silentLogger());

  it('calls a named backend with its token and returns the JSON answer', async () => {
    const result = await backends().call(request({}));
    expect(result).to.deep.equal({ kind: 'http', status: 200, body: { id: 'LM-200300', status: 'shipped' } });
    expect(seen.at(-1)).to.include({ url: '/api/orders/LM-200300', auth: 'Bearer secret-token' });
  });

  it('posts a JSON body', async () => {
    await backends().call(request({ method: 'POST', path: 'returns', body: { order: 'LM-200300', reason: 'too small' } }));
    expect(seen.at(-1)).to.deep.include({ url: '/api/returns', body: '{"order":"LM-200300","reason":"too small"}' });
  });

  it('never throws: an unknown backend, a path that climbs out, a timeout, an error status, HTML, a huge answer', async () => {
    const b = backends();
    expect(await b.call(request({ backend: 'crm' }))).to.deep.equal({ kind: 'failed', code: 'unknown-backend' });
    for (const path of ['/../admin', '//evil.example/x', 'http://evil.example/']) {
      expect(await b.call(request({ path })), path).to.deep.equal({ kind: 'failed', code: 'path-not-allowed' });
    }
    expect(await b.call(request({ path: '/slow', timeoutMs: 100 }))).to.deep.equal({ kind: 'failed', code: 'timeout' });
    expect(await b.call(request({ path: '/missing' }))).to.deep.equal({ kind: 'failed', code: 'http-status', status: 404 });
    expect(await b.call(request({ path: '/html' }))).to.deep.equal({ kind: 'failed', code: 'not-json', status: 200 });
    expect(await b.call(request({ path: '/huge' }))).to.deep.equal({ kind: 'failed', code: 'too-large', status: 200 });
    const refused = new FlowBackends([{ name: 'orders', baseUrl: 'http://127.0.0.1:9/' }], silentLogger());
    expect(await refused.call(request({}))).to.deep.equal({ kind: 'failed', code: 'unreachable' });
  });
});
