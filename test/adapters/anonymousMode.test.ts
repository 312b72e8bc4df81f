import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { agentHandoffResponses, customerHandoffResponses } from '../../handoff/responses';
import { ConnectorStandIn, messageActivity } from '../support/connectorStandIn';
import { post, startTestApp } from '../support/testApp';
import type { WarmlineApp } from '../../index';
import { startWarmline } from '../../index';
import { loadConfig } from '../../config';
import { LogCapture } from '../storage/logCapture';
import { fixtureKnowledgeDir } from '../support/faqFixture';
import { fixtureOffersFile } from '../support/testApp';
import { sessionHeaders, signedIn } from '../support/studioAccounts';

const agentCode = 'agent-code-for-tests-1';

/** The local Direct Line as the page uses it: a token from the page's endpoint, then the REST API. */
async function directLineConversation(app: WarmlineApp, userId: string, code?: string, headers: Record<string, string> = {}): Promise<{ conversationId: string; token: string; say(text: string): Promise<number>; texts(): Promise<string[]> }> {
  const issued = await post(`${app.url}/api/webchat/token`, { userId, ...(code ? { agentCode: code } : {}) }, headers);
  expect(issued.status, JSON.stringify(issued.body)).to.equal(200);
  const { token, conversationId } = issued.body as { token: string; conversationId: string };
  const auth = { Authorization: `Bearer ${token}` };
  const started = await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: auth });
  expect(started.status).to.be.oneOf([200, 201]);
  return {
    conversationId,
    token,
    say: async (text) => (await post(`${app.url}/v3/directline/conversations/${conversationId}/activities`, { type: 'message', from: { id: userId }, text }, auth)).status,
    texts: async () => {
      const res = await fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities`, { headers: auth });
      const body = (await res.json()) as { activities: Partial<Activity>[] };
      return body.activities.filter((a) => a.from?.id !== userId && a.type === 'message').map((a) => a.text ?? '');
    },
  };
}

describe('local anonymous mode (issue 10 item 1: nobody acts as an agent, replies stay on this machine)', () => {
  let connector: ConnectorStandIn;
  before(async () => {
    connector = await new ConnectorStandIn().start();
  });
  after(async () => {
    await connector.stop();
  });

  describe('production without an app id (ALLOW_ANONYMOUS=true, a private network)', () => {
    let app: WarmlineApp;
    before(async () => {
      app = await startTestApp({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true', DIRECTLINE_ENABLED: 'true', DIRECTLINE_SECRET: 'local-secret-for-tests-0123456789', AGENT_ACCESS_CODE: agentCode });
    });
    after(async () => {
      await app?.stop();
    });

    it('treats an activity posted as "agent-ana" as a customer: no agent commands, no transcript, not signed in', async () => {
      expect((await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-fake-agent', '/available', { from: { id: 'agent-ana', name: 'Ana Souza' } }))).status).to.equal(200);
      const reply = await connector.waitFor('conv-fake-agent', (a) => a.type === 'message');
      expect(reply.text).to.equal(customerHandoffResponses['en-US'].commandsAreForAgents);
      await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-fake-agent', '/transcript', { from: { id: 'agent-ana', name: 'Ana Souza' } }));
      const texts = (): string[] => connector.messagesIn('conv-fake-agent').map((a) => a.text ?? '');
      await connector.waitFor('conv-fake-agent', () => texts().length >= 2);
      expect(texts().join('\n')).to.not.contain(agentHandoffResponses['en-US'].nowAvailable(0));
      expect(await app.desk.deps.presence.get('ana')).to.equal(undefined);
    });

    it('lets an agent who gave the access code on the page work as the agent', async () => {
      const agent = await directLineConversation(app, 'agent-ana', agentCode);
      expect(await agent.say('/available')).to.equal(200);
      expect((await agent.texts()).join('\n')).to.contain(agentHandoffResponses['en-US'].nowAvailable(0));
      expect((await app.desk.deps.presence.get('ana'))?.status).to.equal('available');
    });

    it('lets an agent signed in with their own account work as the agent, without the code', async () => {
      const sam = await signedIn(app, 'sam', 'agent');
      const agent = await directLineConversation(app, 'agent-sam', undefined, sessionHeaders(sam));
      expect(await agent.say('/available')).to.equal(200);
      expect((await agent.texts()).join('\n')).to.contain(agentHandoffResponses['en-US'].nowAvailable(0));
      expect((await app.desk.deps.presence.get('sam'))?.status).to.equal('available');
      // The session proves sam, not another agent.
      expect((await post(`${app.url}/api/webchat/token`, { userId: 'agent-li' }, sessionHeaders(sam))).status).to.equal(403);
    });

    it('does not make a customer conversation an agent one because the same user id posts into it', async () => {
      const customer = await directLineConversation(app, 'customer-plain');
      // A second page tab with the agent's user id but no code is refused outright.
      expect((await post(`${app.url}/api/webchat/token`, { userId: 'agent-li' })).status).to.equal(403);
      expect(await customer.say('/available')).to.equal(200);
      expect(await customer.texts()).to.include(customerHandoffResponses['en-US'].commandsAreForAgents);
    });
  });

  describe('any anonymous mode', () => {
    let app: WarmlineApp;
    before(async () => {
      app = await startTestApp();
    });
    after(async () => {
      await app?.stop();
    });

    it('refuses to reply to a serviceUrl off this machine, and runs no turn', async () => {
      const response = await post(`${app.url}/api/messages`, messageActivity('https://attacker.invalid/', 'conv-far', 'return policy'));
      expect(response.status).to.equal(403);
      expect(response.body).to.have.property('code', 'ServiceUrlNotAllowed');
      const transcript = await app.storage.transcripts.getTranscriptActivities('emulator', 'conv-far');
      expect(transcript.items).to.deep.equal([]);
    });

    it("refuses an activity that claims the local Direct Line's serviceUrl without coming through it: no message lands in the customer's Web Chat", async () => {
      const victim = await directLineConversation(app, 'customer-victim');
      expect(await victim.say('hello')).to.equal(200);
      const before = await victim.texts();
      const forged = messageActivity(`${app.url}/directline-connector/`, victim.conversationId, 'hi', { channelId: 'directline', from: { id: 'customer-victim', name: 'Victim' } });
      const response = await post(`${app.url}/api/messages`, forged);
      expect(response.status).to.equal(403);
      expect(response.body).to.have.property('code', 'ServiceUrlNotAllowed');
      expect(await victim.texts()).to.deep.equal(before);
    });

    it('refuses requests that came through a proxy or from a browser page, even on loopback', async () => {
      for (const headers of [{ 'X-Forwarded-For': '203.0.113.7' }, { Forwarded: 'for=203.0.113.7' }, { Origin: 'https://attacker.example' }] as Record<string, string>[]) {
        const response = await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-proxied', 'hi'), headers);
        expect(response.status, JSON.stringify(headers)).to.equal(403);
        expect(response.body).to.have.property('code', 'LocalCallersOnly');
      }
      expect(connector.messagesIn('conv-proxied')).to.deep.equal([]);
    });

    it('logs a flood of refused activities once, with a count later, instead of a line each', async () => {
      const logs = new LogCapture();
      const logged = await startWarmline(loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', NODE_ENV: 'test', KNOWLEDGE_DIR: fixtureKnowledgeDir, OFFERS_FILE: fixtureOffersFile }), { logger: logs.logger });
      try {
        for (let i = 0; i < 40; i += 1) {
          expect((await post(`${logged.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-flood', 'hi'), { 'X-Forwarded-For': '203.0.113.7' })).status).to.equal(403);
        }
        expect(logs.entries.filter((e) => String(e.msg).startsWith('refused an activity'))).to.have.length(1);
      } finally {
        await logged.stop();
      }
    });

    it('puts nosniff, no framing, no referrer and a deny-all CSP on JSON answers too', async () => {
      const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(response.status).to.equal(400);
      expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(response.headers.get('x-frame-options')).to.equal('DENY');
      expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(response.headers.get('content-security-policy')).to.contain("default-src 'none'").and.contain("frame-ancestors 'none'");
    });

    it("ignores a client's from.aadObjectId: a forged Entra id does not take a VIP's profile", async () => {
      // customer-demo's Entra id, from content/customers.yaml; the forger would get their name and tier.
      const forged = messageActivity(connector.serviceUrl, 'conv-forged-aad', 'agent', { from: { id: 'stranger-1', name: 'X', aadObjectId: '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f' } as Activity['from'] });
      expect((await post(`${app.url}/api/messages`, forged)).status).to.equal(200);
      await connector.waitFor('conv-forged-aad', (a) => a.type === 'message');
      const transcript = await app.storage.transcripts.getTranscriptActivities('emulator', 'conv-forged-aad');
      expect(transcript.items[0]?.from).to.not.have.property('aadObjectId');
      const [open] = await app.desk.deps.handoffs.open();
      expect(JSON.stringify(open?.summary ?? {})).to.not.contain('Mei');
    });
  });
});
