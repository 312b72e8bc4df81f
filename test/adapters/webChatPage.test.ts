import { expect } from 'chai';
import { post, startTestApp } from '../support/testApp';
import { DirectLineTokenError, RemoteDirectLineTokens } from '../../adapters/directLineTokenSource';
import type { WarmlineApp } from '../../index';
import { sessionHeaders, signedIn } from '../support/studioAccounts';
import { agentSessionPrefix } from '../../adapters/agentSessions';

describe('Web Chat page routes', () => {
  let app: WarmlineApp;
  before(async () => {
    app = await startTestApp({ DIRECTLINE_SECRET: 'local-secret-for-tests-0123456789' });
  });
  after(() => app?.stop());

  it('serves the page, its script and Web Chat itself from the installed package', async () => {
    const page = await fetch(`${app.url}/`);
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/text\/html/);
    expect(await page.text()).to.contain('<script src="/webchat/webchat.js"></script>');
    const bundle = await fetch(`${app.url}/webchat/webchat.js`);
    expect(bundle.status).to.equal(200);
    expect(bundle.headers.get('content-type')).to.match(/javascript/);
    expect((await bundle.text()).length).to.be.greaterThan(1_000_000);
    expect((await fetch(`${app.url}/app.js`)).status).to.equal(200);
  });

  it('issues a Direct Line token bound to the chosen user id', async () => {
    const response = await post(`${app.url}/api/webchat/token`, { userId: 'alice@example.com' });
    expect(response.status).to.equal(200);
    const body = response.body as { token: string; conversationId: string; userId: string; domain: string; expiresIn: number };
    expect(body.userId).to.equal('alice@example.com');
    expect(body.domain).to.equal(`${app.url}/v3/directline`);
    expect(body.token).to.be.a('string').with.length.greaterThan(20);
    expect(body.expiresIn).to.equal(1800);
    const started = await fetch(`${body.domain}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${body.token}` } });
    expect(started.status).to.equal(201);
    expect(await started.json()).to.have.property('conversationId', body.conversationId);
  });

  it('makes up a user id when none is given', async () => {
    const response = await post(`${app.url}/api/webchat/token`, {});
    expect((response.body as { userId: string }).userId).to.match(/^dl_[0-9a-f]{12}$/);
  });

  it('refuses user ids that are not plain identifiers', async () => {
    for (const userId of ['', 'a b', '<script>', 'x'.repeat(65), 42]) {
      const response = await post(`${app.url}/api/webchat/token`, { userId });
      expect(response.status, String(userId)).to.equal(400);
      expect(response.body).to.have.property('code', 'InvalidUserId');
    }
  });

  describe('agent user ids', () => {
    it('lets an agent user id in on a developer machine without a code', async () => {
      const response = await post(`${app.url}/api/webchat/token`, { userId: 'agent-ana' });
      expect(response.status).to.equal(200);
    });

    it('on a developer machine, still wants the code from a browser that is not on this machine (issue 10 item 1)', async () => {
      const proxied = await post(`${app.url}/api/webchat/token`, { userId: 'agent-ana' }, { 'X-Forwarded-For': '192.0.2.44' });
      expect(proxied.status).to.equal(403);
      expect(proxied.body).to.have.property('code', 'AgentSignInRequired');
      expect((await post(`${app.url}/api/webchat/token`, { userId: 'customer-lan' }, { 'X-Forwarded-For': '192.0.2.44' })).status).to.equal(200);
    });

    it('requires the agent access code when one is set, and refuses a wrong one', async () => {
      const guarded = await startTestApp({ DIRECTLINE_SECRET: 'local-secret-for-tests-0123456789', AGENT_ACCESS_CODE: 'open-sesame-123' });
      try {
        const without = await post(`${guarded.url}/api/webchat/token`, { userId: 'agent-ana' });
        expect(without.status).to.equal(403);
        expect(without.body).to.have.property('code', 'AgentSignInRequired');
        expect((await post(`${guarded.url}/api/webchat/token`, { userId: 'agent-ana', agentCode: 'open-sesame-124' })).status).to.equal(403);
        expect((await post(`${guarded.url}/api/webchat/token`, { userId: 'agent-ana', agentCode: 'open-sesame-123' })).status).to.equal(200);
        expect((await post(`${guarded.url}/api/webchat/token`, { userId: 'customer-vip' })).status).to.equal(200);
      } finally {
        await guarded.stop();
      }
    });

    it('refuses agent user ids in production without a code', async () => {
      const production = await startTestApp({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true', DIRECTLINE_ENABLED: 'true', DIRECTLINE_SECRET: 'local-secret-for-tests-0123456789' });
      try {
        expect((await post(`${production.url}/api/webchat/token`, { userId: 'agent-li' })).status).to.equal(403);
      } finally {
        await production.stop();
      }
    });

    it('in production, gives an agent’s user id to that agent’s signed-in account only (role agent or supervisor, with the CSRF token)', async () => {
      const production = await startTestApp({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true', DIRECTLINE_ENABLED: 'true', DIRECTLINE_SECRET: 'local-secret-for-tests-0123456789' });
      try {
        const token = (userId: string, headers: Record<string, string>) => post(`${production.url}/api/webchat/token`, { userId }, headers);
        const li = await signedIn(production, 'li', 'agent');
        const issued = await token('agent-li', sessionHeaders(li));
        expect(issued.status).to.equal(200);
        const { conversationId } = issued.body as { conversationId: string };
        const key = `${agentSessionPrefix}${conversationId}`;
        expect((await production.storage.storage.read([key]))[key]).to.include({ agentId: 'li', userId: 'agent-li', provenBy: 'account' });
        // Another agent's id, the cookie without its CSRF token, and an account of another role are refused.
        expect((await token('agent-ana', sessionHeaders(li))).status).to.equal(403);
        expect((await token('agent-li', { cookie: li.cookie })).status).to.equal(403);
        const sam = await signedIn(production, 'sam', 'viewer');
        const refused = await token('agent-sam', sessionHeaders(sam));
        expect([refused.status, (refused.body as { code: string }).code]).to.deep.equal([403, 'AgentSignInRequired']);
        // The account named like a user id works too, and supervisors take conversations as well.
        expect((await token('agent-ana', sessionHeaders(await signedIn(production, 'agent-ana', 'supervisor')))).status).to.equal(200);
        // A customer's chat needs nothing.
        expect((await token('customer-1', {})).status).to.equal(200);
      } finally {
        await production.stop();
      }
    });
  });

  describe('resuming a conversation after a reload', () => {
    interface TokenBody { token: string; conversationId: string; userId: string; resumeKey: string; resumed: boolean; domain: string }
    const token = async (body: unknown): Promise<{ status: number; body: TokenBody }> => (await post(`${app.url}/api/webchat/token`, body)) as { status: number; body: TokenBody };
    /** Starts the conversation the way Web Chat does, so the local Direct Line knows whose it is. */
    const startConversation = async (given: TokenBody): Promise<void> => {
      const started = await fetch(`${given.domain}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${given.token}` } });
      expect(started.status).to.equal(201);
    };

    it('gives the same user a token for their own conversation with the resume key it was given', async () => {
      const first = await token({ userId: 'dl_resume_1' });
      expect(first.body.resumed).to.equal(false);
      expect(first.body.resumeKey).to.match(/^[A-Za-z0-9_-]{20,}$/);
      await startConversation(first.body);
      const again = await token({ userId: 'dl_resume_1', resume: { conversationId: first.body.conversationId, key: first.body.resumeKey } });
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.include({ resumed: true, conversationId: first.body.conversationId, userId: 'dl_resume_1' });
      // The token works for that conversation (a reconnect, as Web Chat does with a conversation id).
      const reconnect = await fetch(`${again.body.domain}/conversations/${again.body.conversationId}?watermark=0`, { headers: { Authorization: `Bearer ${again.body.token}` } });
      expect(reconnect.status).to.equal(200);
    });

    it('gives a new conversation, never the other one, for another user id, a wrong key or a conversation that is gone', async () => {
      const first = await token({ userId: 'dl_resume_2' });
      await startConversation(first.body);
      const claim = { conversationId: first.body.conversationId, key: first.body.resumeKey };
      const asOther = await token({ userId: 'dl_mallory', resume: claim });
      const wrongKey = await token({ userId: 'dl_resume_2', resume: { ...claim, key: first.body.resumeKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) } });
      const withoutUser = await token({ resume: claim });
      for (const answer of [asOther, wrongKey, withoutUser]) {
        expect(answer.status).to.equal(200);
        expect(answer.body.resumed).to.equal(false);
        expect(answer.body.conversationId).to.not.equal(first.body.conversationId);
      }
      // A key for a conversation the Direct Line never started (or no longer has): a new one too.
      const unstarted = await token({ userId: 'dl_resume_3' });
      const stale = await token({ userId: 'dl_resume_3', resume: { conversationId: unstarted.body.conversationId, key: unstarted.body.resumeKey } });
      expect(stale.body.resumed).to.equal(false);
      expect(stale.body.conversationId).to.not.equal(unstarted.body.conversationId);
    });

    it('refuses a resume that is not {conversationId, key} with a clear error', async () => {
      for (const resume of ['x', { conversationId: 'a b', key: 'k' }, { conversationId: 'abc', key: 42 }, { conversationId: 'abc' }]) {
        const answer = await post(`${app.url}/api/webchat/token`, { userId: 'dl_resume_4', resume });
        expect(answer.status, JSON.stringify(resume)).to.equal(400);
        expect(answer.body).to.have.property('code', 'InvalidResume');
      }
    });

    it('tells the page whether a person is involved only with the key of that conversation', async () => {
      const first = await token({ userId: 'dl_resume_5' });
      const query = { userId: 'dl_resume_5', conversationId: first.body.conversationId, key: first.body.resumeKey };
      const answer = await post(`${app.url}/api/webchat/handoff`, query);
      expect(answer).to.deep.equal({ status: 200, body: { withPerson: null } });
      const foreign = await post(`${app.url}/api/webchat/handoff`, { ...query, userId: 'dl_mallory' });
      expect(foreign.status).to.equal(403);
      expect(foreign.body).to.have.property('code', 'ResumeKeyInvalid');
      const bad = await post(`${app.url}/api/webchat/handoff`, { userId: 'dl_resume_5' });
      expect(bad.status).to.equal(400);
      expect(bad.body).to.have.property('code', 'InvalidHandoffQuery');
    });
  });

  describe('RemoteDirectLineTokens', () => {
    it('gets a token from a Direct Line 3.0 service with the secret', async () => {
      const remote = new RemoteDirectLineTokens(`${app.url}/v3/directline`, 'local-secret-for-tests-0123456789');
      const token = await remote.generateToken({ id: 'dl_remote' });
      expect(token.token).to.be.a('string');
      expect(token.conversationId).to.be.a('string');
    });

    it('reports a refused secret and an unreachable service as DirectLineTokenError', async () => {
      const wrong = new RemoteDirectLineTokens(`${app.url}/v3/directline`, 'wrong-secret-0123456789abcdef');
      const refused = await wrong.generateToken({ id: 'x' }).catch((e: unknown) => e);
      expect(refused).to.be.instanceOf(DirectLineTokenError);
      expect((refused as DirectLineTokenError).status).to.equal(403);
      const down = new RemoteDirectLineTokens('http://127.0.0.1:1/v3/directline', 'secret', 1000);
      expect(await down.generateToken({ id: 'x' }).catch((e: unknown) => e)).to.be.instanceOf(DirectLineTokenError);
    });

    it('reconnects to a conversation the service has with the secret, and answers undefined for one it does not', async () => {
      const remote = new RemoteDirectLineTokens(`${app.url}/v3/directline`, 'local-secret-for-tests-0123456789');
      const started = await remote.generateToken({ id: 'dl_remote_resume' });
      await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${started.token}` } });
      const resumed = await remote.resumeToken(started.conversationId);
      expect(resumed?.conversationId).to.equal(started.conversationId);
      expect(resumed?.token).to.be.a('string');
      expect(await remote.resumeToken('NoSuchConversation0123')).to.equal(undefined);
      const down = new RemoteDirectLineTokens('http://127.0.0.1:1/v3/directline', 'secret', 1000);
      expect(await down.resumeToken('x').catch((e: unknown) => e)).to.be.instanceOf(DirectLineTokenError);
    });

    it('refuses a bad configuration at construction', () => {
      expect(() => new RemoteDirectLineTokens('ftp://x', 's')).to.throw(TypeError);
      expect(() => new RemoteDirectLineTokens('https://x', '')).to.throw(TypeError);
    });
  });
});
