import { expect } from 'chai';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../adapters/httpServer';
import type { HttpServer } from '../../adapters/httpServer';
import { contentSecurityPolicy, securityHeaders } from '../../adapters/securityHeaders';
import { registerWebChatPage } from '../../adapters/webChatPage';
import { LogCapture } from '../storage/logCapture';
import { post } from '../support/testApp';

/**
 * The Web Chat page's browser protections and its refusal log (issue 10 extras), on a real restify
 * server with the shipped web/ folder. That Web Chat really works under the policy is proven in
 * Chromium (test/web/webChatPage.browser.test.ts).
 */
describe('Web Chat page security', () => {
  const webRoot = path.resolve(__dirname, '..', '..', 'web');
  let http: HttpServer;
  let logs: LogCapture;
  let url: string;

  before(async () => {
    logs = new LogCapture();
    http = createHttpServer({ maxBodyBytes: 4096, logger: logs.logger });
    registerWebChatPage(http.server, {
      webRoot,
      tokens: { domain: 'https://europe.directline.botframework.com/v3/directline', generateToken: async () => ({ token: 't', conversationId: 'c', expires_in: 1800 }) },
      logger: logs.logger,
      agents: { agentIdOf: (userId) => (userId === 'agent-ana' ? 'ana' : undefined), accessCode: 'open-sesame-123', openToAgents: false, sessions: { open: async () => undefined } },
    });
    await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => http.server.close(() => resolve())));

  it('sends a policy, no framing, no sniffing and no referrer with the page and every asset', async () => {
    for (const route of ['/', '/app.js', '/app.css', '/webchat/webchat.js']) {
      const response = await fetch(`${url}${route}`);
      expect(response.status, route).to.equal(200);
      expect(response.headers.get('x-frame-options'), route).to.equal('DENY');
      expect(response.headers.get('x-content-type-options'), route).to.equal('nosniff');
      expect(response.headers.get('referrer-policy'), route).to.equal('no-referrer');
      expect(response.headers.get('content-security-policy'), route).to.contain("frame-ancestors 'none'");
      await response.arrayBuffer();
    }
    const asset = await fetch(`${url}/app.js`);
    expect(asset.headers.get('content-security-policy')).to.match(/^default-src 'none'/);
  });

  it('gives each page response its own style nonce, in the policy and on the script that hands it to Web Chat', async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${url}/`);
      const policy = response.headers.get('content-security-policy') ?? '';
      const html = await response.text();
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? '';
      expect(nonce).to.match(/^[A-Za-z0-9+/]{22}==$/);
      expect(html).to.contain(`<script src="/app.js" nonce="${nonce}"></script>`).and.not.contain('__CSP_NONCE__');
      expect(response.headers.get('cache-control')).to.equal('no-store');
      nonces.push(nonce);
    }
    expect(nonces[0]).to.not.equal(nonces[1]);
  });

  it('lets the page run only its own scripts, and connect only to itself and Direct Line', async () => {
    const policy = (await fetch(`${url}/`)).headers.get('content-security-policy') ?? '';
    const directives = new Map(policy.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('script-src')).to.equal("'self'");
    expect(directives.get('connect-src')).to.equal("'self' https://europe.directline.botframework.com wss://europe.directline.botframework.com");
    expect(directives.get('img-src')).to.equal("'self' data: blob:");
    expect(directives.get('object-src')).to.equal("'none'");
    expect(directives.get('base-uri')).to.equal("'none'");
    expect(policy).to.not.contain('unsafe-inline').and.not.contain('unsafe-eval');
  });

  it('logs the first refused agent user id, not one line per refusal', async () => {
    for (let i = 0; i < 25; i += 1) {
      const refused = await post(`${url}/api/webchat/token`, { userId: 'agent-ana', agentCode: `guess-${i}` });
      expect(refused.status).to.equal(403);
    }
    const lines = logs.entries.filter((e) => String(e.msg).startsWith('refused an agent user id'));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ level: 40, userId: 'agent-ana' });
    expect(logs.text()).to.not.contain('guess-');
  });
});

describe('securityHeaders', () => {
  it('builds a page policy around the nonce and the Direct Line origin, and a closed one for assets', () => {
    expect(contentSecurityPolicy({ nonce: 'abc', directLine: 'http://localhost:3978/v3/directline' })).to.contain("connect-src 'self' http://localhost:3978 ws://localhost:3978");
    expect(contentSecurityPolicy({ nonce: 'abc', directLine: 'not a url' })).to.contain("connect-src 'self';");
    expect(contentSecurityPolicy({ nonce: 'abc', directLine: 'javascript:alert(1)' })).to.contain("connect-src 'self';");
    expect(contentSecurityPolicy()).to.equal("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(Object.keys(securityHeaders())).to.deep.equal(['Content-Security-Policy', 'X-Frame-Options', 'X-Content-Type-Options', 'Referrer-Policy']);
  });
});
