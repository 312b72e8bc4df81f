import { expect } from 'chai';
import { ConnectorStandIn, messageActivity } from '../support/connectorStandIn';
import { post, startTestApp } from '../support/testApp';
import { madeToken, sessionHeaders, signedIn } from '../support/studioAccounts';
import { LogCapture } from '../storage/logCapture';
import type { WarmlineApp } from '../../index';

describe('handoff API', () => {
  const code = 'wallboard-code-123';
  let connector: ConnectorStandIn;
  let app: WarmlineApp;
  let logs: LogCapture;

  before(async () => {
    connector = await new ConnectorStandIn().start();
    logs = new LogCapture();
    app = await startTestApp({ AGENT_ACCESS_CODE: code }, { logger: logs.logger });
    await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-agent', '/available', { from: { id: 'agent-ana', name: 'Ana' } }));
    await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-api', 'I want a human, my card 4111 1111 1111 1111 was charged twice', { from: { id: 'customer-api', name: 'Sky' } }));
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });

  const get = (path: string, token?: string) => fetch(`${app.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

  it('lists open handoffs with their summaries, masked, without conversation references', async () => {
    const response = await get('/api/handoffs', code);
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { handoffs: Record<string, unknown>[] };
    expect(body.handoffs).to.have.length(1);
    const [handoff] = body.handoffs;
    expect(handoff).to.include({ state: 'queued', reason: 'requested' });
    expect(handoff).to.have.nested.property('customer.userId', 'customer-api');
    expect(handoff).to.not.have.nested.property('customer.address');
    expect(handoff).to.not.have.property('summaryInput');
    expect(JSON.stringify(handoff)).to.contain('charged twice').and.not.contain('4111 1111 1111 1111');
  });

  it('returns one handoff with its events, and says clearly when the id is bad or unknown', async () => {
    const [open] = await app.desk.deps.handoffs.open();
    const one = await get(`/api/handoffs/${open?.id ?? ''}`, code);
    expect(one.status).to.equal(200);
    expect(((await one.json()) as { events: unknown[] }).events).to.have.length(1);
    expect((await get('/api/handoffs/not-an-id!', code)).status).to.equal(400);
    expect((await get('/api/handoffs/00000000-0000-4000-8000-000000000000', code)).status).to.equal(404);
  });

  it('lets agents, supervisors and admins in with their session or API token, and refuses the other roles (403)', async () => {
    for (const [name, role] of [['ana', 'agent'], ['sue', 'supervisor'], ['ada', 'admin']] as const) {
      const session = await signedIn(app, name, role);
      expect((await fetch(`${app.url}/api/handoffs`, { headers: sessionHeaders(session) })).status, `${role} session`).to.equal(200);
      const { token } = await madeToken(app, session);
      const byToken = await get('/api/handoffs', token);
      expect(byToken.status, `${role} token`).to.equal(200);
      expect(((await byToken.json()) as { handoffs: unknown[] }).handoffs).to.have.length(1);
    }
    for (const [name, role] of [['vic', 'viewer'], ['eve', 'editor']] as const) {
      const session = await signedIn(app, name, role);
      const refused = await fetch(`${app.url}/api/handoffs`, { headers: sessionHeaders(session) });
      expect([refused.status, ((await refused.json()) as { code: string }).code]).to.deep.equal([403, 'Forbidden']);
      expect((await get('/api/handoffs', (await madeToken(app, session)).token)).status).to.equal(403);
    }
  });

  it('still takes the deprecated access code, and warns about it once', async () => {
    expect((await get('/api/handoffs', code)).status).to.equal(200);
    expect((await get('/api/handoffs', code)).status).to.equal(200);
    const warnings = logs.entries.filter((e) => String(e.msg).startsWith('AGENT_ACCESS_CODE is deprecated'));
    expect(warnings).to.have.length(1);
    expect(logs.text()).to.not.contain(code);
  });

  it('refuses requests without a session, token or the access code (401)', async () => {
    const none = await get('/api/handoffs');
    expect([none.status, ((await none.json()) as { code: string }).code]).to.deep.equal([401, 'NotSignedIn']);
    const wrong = await get('/api/handoffs', 'wallboard-code-124');
    expect([wrong.status, ((await wrong.json()) as { code: string }).code]).to.deep.equal([401, 'InvalidApiToken']);
  });

  it('without an access code, takes accounts only: any other bearer is 401', async () => {
    const accountsOnly = await startTestApp();
    try {
      const response = await fetch(`${accountsOnly.url}/api/handoffs`, { headers: { Authorization: 'Bearer anything' } });
      expect(response.status).to.equal(401);
      const { token } = await madeToken(accountsOnly, await signedIn(accountsOnly, 'ana', 'agent'));
      expect((await fetch(`${accountsOnly.url}/api/handoffs`, { headers: { Authorization: `Bearer ${token}` } })).status).to.equal(200);
    } finally {
      await accountsOnly.stop();
    }
  });
});
