import { expect } from 'chai';
import { ConnectorStandIn, messageActivity } from '../support/connectorStandIn';
import { post, startTestApp } from '../support/testApp';
import type { WarmlineApp } from '../../index';

describe('handoff API', () => {
  const code = 'wallboard-code-123';
  let connector: ConnectorStandIn;
  let app: WarmlineApp;

  before(async () => {
    connector = await new ConnectorStandIn().start();
    app = await startTestApp({ AGENT_ACCESS_CODE: code });
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

  it('refuses requests without the access code, and is off when no code is set', async () => {
    expect((await get('/api/handoffs')).status).to.equal(401);
    expect((await get('/api/handoffs', 'wallboard-code-124')).status).to.equal(401);
    const closed = await startTestApp();
    try {
      const response = await fetch(`${closed.url}/api/handoffs`, { headers: { Authorization: 'Bearer anything' } });
      expect(response.status).to.equal(404);
      expect(await response.json()).to.have.property('code', 'HandoffApiDisabled');
    } finally {
      await closed.stop();
    }
  });
});
