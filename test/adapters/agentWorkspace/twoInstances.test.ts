import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { ConnectorStandIn, messageActivity } from '../../support/connectorStandIn';
import { post, startTestApp } from '../../support/testApp';
import { sessionHeaders, signedIn } from '../../support/studioAccounts';
import { openAgentEvents } from '../../support/agentEvents';
import { requireRedis } from '../../support/services';
import type { WarmlineApp } from '../../../index';

/**
 * Two servers on one Redis (as behind a load balancer): the agent's page is connected to one, the
 * customer's channel and the agent's requests reach the other, and the live events still arrive.
 */
describe('agent workspace across two instances (Redis state and pub/sub)', function () {
  this.timeout(30_000);
  let channel: ConnectorStandIn;
  const apps: WarmlineApp[] = [];

  before(async function () {
    const url = await requireRedis(this);
    channel = await new ConnectorStandIn().start();
    const env = { STORAGE: 'redis', REDIS_URL: url, REDIS_KEY_PREFIX: `wltest:${randomBytes(6).toString('hex')}:` };
    apps.push(await startTestApp(env), await startTestApp(env));
  });
  after(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await channel?.stop();
  });

  it('delivers the queue, the customer’s lines and typing to a page connected to the other instance', async () => {
    const [a, b] = apps as [WarmlineApp, WarmlineApp];
    const ana = await signedIn(a, 'ana', 'agent');
    const events = await openAgentEvents(a.url, ana);
    try {
      await post(`${b.url}/api/messages`, messageActivity(channel.serviceUrl, 'two-1', 'I need a person about order 12345678', { channelId: 'webchat', from: { id: 'two-cust', name: 'Robin' } }));
      await channel.waitFor('two-1', (x) => (x.text ?? '').includes('connecting you'));
      await events.waitFor((e) => e.type === 'inbox');
      const record = await b.desk.openFor('two-1');
      expect(record).to.not.equal(undefined);
      const accepted = await fetch(`${b.url}/api/agent/handoffs/${record?.id}/accept`, { method: 'POST', headers: sessionHeaders(ana) });
      expect(accepted.status).to.equal(200);
      await events.waitFor((e) => e.type === 'session' && e.data.change === 'assigned');
      await post(`${b.url}/api/messages`, messageActivity(channel.serviceUrl, 'two-1', 'still nothing here', { id: 'two-line', channelId: 'webchat', from: { id: 'two-cust', name: 'Robin' } }));
      const line = await events.waitFor((e) => e.type === 'message');
      expect(line.data.line).to.include({ id: 'two-line', from: 'customer', text: 'still nothing here' });
      const sent = await fetch(`${a.url}/api/agent/handoffs/${record?.id}/messages`, { method: 'POST', headers: { ...sessionHeaders(ana), 'content-type': 'application/json' }, body: JSON.stringify({ text: 'On it, Robin.' }) });
      expect(sent.status).to.equal(200);
      await channel.waitFor('two-1', (x) => (x.text ?? '').includes('On it, Robin.'));
    } finally {
      events.close();
    }
  });
});
