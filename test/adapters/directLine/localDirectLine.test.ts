/**
 * The local Direct Line end to end, driven by the real botframework-directlinejs client (what Web
 * Chat uses) against a real botbuilder bot: start, echo, welcome, resume, restart, bot down, close.
 */
import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { WebSocket } from 'ws';
import type { Harness } from './directLineHarness';
import { call, startHarness, testSecret } from './directLineHarness';
import { TestDirectLineClient, installBrowserGlobals } from './directLineTestClient';

describe('LocalDirectLine with botframework-directlinejs', () => {
  let restoreGlobals: () => void;
  let harness: Harness;
  let clients: TestDirectLineClient[];

  before(() => {
    restoreGlobals = installBrowserGlobals();
  });
  after(() => restoreGlobals());
  beforeEach(async () => {
    clients = [];
    harness = await startHarness();
  });
  afterEach(async () => {
    clients.forEach((c) => c.end());
    await harness.close();
  });

  const client = (options: ConstructorParameters<typeof TestDirectLineClient>[0]): TestDirectLineClient => {
    const c = new TestDirectLineClient({ pollingInterval: 200, ...options });
    clients.push(c);
    return c;
  };
  const generateToken = async (h: Harness, userId = 'u-alice'): Promise<{ token: string; conversationId: string }> => {
    const res = await call(h, 'POST', '/v3/directline/tokens/generate', { auth: testSecret, json: { user: { id: userId, name: 'Alice' } } });
    expect(res.status).to.equal(200);
    expect(res.body.expires_in).to.equal(1800);
    return { token: String(res.body.token), conversationId: String(res.body.conversationId) };
  };

  for (const webSocket of [true, false]) {
    it(`starts from a generated token, welcomes the user and echoes a message (${webSocket ? 'WebSocket' : 'polling'})`, async () => {
      const { token, conversationId } = await generateToken(harness);
      const c = client({ token, domain: harness.domain, webSocket });

      await c.waitForText('welcome u-alice');
      const id = await c.post({ type: 'message', from: { id: 'u-alice', name: 'Alice' }, text: 'hello', channelData: { clientActivityID: 'c-1' } });
      expect(id).to.match(new RegExp(`^${conversationId}\\|\\d{7}$`));
      const own = await c.waitFor((a) => a.id === id, 'the echo of the posted message');
      expect(own.channelData).to.deep.include({ clientActivityID: 'c-1' });
      expect(own).to.deep.include({ channelId: 'directline', text: 'hello' });
      expect(own.from.id).to.equal('u-alice');
      expect(own.conversation?.id).to.equal(conversationId);
      await c.waitForText('echo: hello');

      expect(c.texts()).to.deep.equal(['welcome u-alice', 'hello', 'echo: hello']);
      expect(c.received.map((a) => a.type)).to.not.include('conversationUpdate');
      const update = harness.botReceived[0];
      expect(update?.type).to.equal('conversationUpdate');
      expect(update?.membersAdded?.map((m) => m.id)).to.deep.equal(['warmline-bot', 'u-alice']);
    });
  }

  it('starts with the secret: the bot is told only about itself, and the user is whoever the activity says', async () => {
    const c = client({ secret: testSecret, domain: harness.domain, webSocket: true });
    await c.post({ type: 'message', from: { id: 'u-secret' }, text: 'hi' });
    await c.waitForText('echo: hi');
    expect(c.texts()).to.deep.equal(['hi', 'echo: hi']);
    expect(harness.botReceived[0]?.membersAdded?.map((m) => m.id)).to.deep.equal(['warmline-bot']);
    expect(harness.botReceived[1]?.from?.id).to.equal('u-secret');
  });

  for (const webSocket of [true, false]) {
    it(`lets a second client resume from a watermark and get only newer activities (${webSocket ? 'WebSocket' : 'polling'})`, async () => {
      const { token, conversationId } = await generateToken(harness);
      const first = client({ token, domain: harness.domain, webSocket: true });
      await first.post({ type: 'message', from: { id: 'u-alice' }, text: 'one' });
      await first.waitForText('echo: one');
      const seen = await call(harness, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: token });
      const watermark = String(seen.body.watermark);
      await first.post({ type: 'message', from: { id: 'u-alice' }, text: 'two' });
      await first.waitForText('echo: two');

      const second = client({ token, conversationId, watermark, domain: harness.domain, webSocket });
      await second.waitForText('echo: two');
      expect(second.texts()).to.deep.equal(['two', 'echo: two']);
    });
  }

  it('keeps conversations, history and watermarks across a restart on the same Storage', async () => {
    const storage = new MemoryStorage();
    const before = await startHarness({ storage });
    const { token, conversationId } = await generateToken(before);
    const c1 = client({ token, domain: before.domain, webSocket: true });
    await c1.post({ type: 'message', from: { id: 'u-alice' }, text: 'hello' });
    await c1.waitForText('echo: hello');
    const seen = await call(before, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: token });
    c1.end();
    await before.close();

    const after = await startHarness({ storage });
    try {
      const history = await call(after, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: token });
      expect(history.status).to.equal(200);
      expect((history.body.activities as Array<{ text: string }>).map((a) => a.text)).to.deep.equal(['welcome u-alice', 'hello', 'echo: hello']);
      expect(history.body.watermark).to.equal(seen.body.watermark);

      const c2 = client({ token, conversationId, watermark: String(seen.body.watermark), domain: after.domain, webSocket: true });
      const id = await c2.post({ type: 'message', from: { id: 'u-alice' }, text: 'again' });
      expect(id).to.equal(`${conversationId}|0000004`);
      await c2.waitForText('echo: again');
      expect(c2.texts()).to.deep.equal(['again', 'echo: again']);
      expect(after.botReceived.map((a) => a.type)).to.deep.equal(['message']);
    } finally {
      clients.forEach((c) => c.end());
      await after.close();
    }
  });

  it('answers 502 when the bot is down, keeps the activity, and carries on once the bot is back', async () => {
    const { token, conversationId } = await generateToken(harness);
    const c = client({ token, domain: harness.domain, webSocket: true });
    await c.waitForText('welcome u-alice');

    harness.botDown = true;
    // directlinejs turns a 5xx into "retry"; the raw status is checked in activityRoutes.test.ts.
    expect(await c.post({ type: 'message', from: { id: 'u-alice' }, text: 'anyone there?' })).to.equal('retry');
    await c.waitForText('anyone there?');
    harness.botDown = false;
    await c.post({ type: 'message', from: { id: 'u-alice' }, text: 'back?' });
    await c.waitForText('echo: back?');

    const history = await call(harness, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: token });
    expect((history.body.activities as Array<{ text: string }>).map((a) => a.text)).to.deep.equal([
      'welcome u-alice',
      'anyone there?',
      'back?',
      'echo: back?',
    ]);
  });

  it('keeps a long conversation of large posts under its byte budget; a resuming client gets what is kept, in order, once each', async () => {
    const budget = 64 * 1024;
    const small = await startHarness({ maxRecordBytes: budget, limits: { client: { activityBytes: 24 * 1024 }, bot: { activityBytes: 24 * 1024 } } });
    try {
      const { token, conversationId } = await generateToken(small);
      await call(small, 'POST', '/v3/directline/conversations', { auth: token });
      const path = `/v3/directline/conversations/${conversationId}/activities`;
      const key = `directline/conversation/${conversationId}`;
      let largest = 0;
      for (let i = 1; i <= 95; i += 1) {
        const text = `post ${i} ${'y'.repeat(3000)}`;
        const res = await call(small, 'POST', path, { auth: token, json: { type: 'message', text, channelData: { clientActivityID: `c-${i}`, blob: 'z'.repeat(7 * 1024) } } });
        expect(res.status, `post ${i}`).to.equal(200);
        largest = Math.max(largest, Buffer.byteLength(JSON.stringify((await small.storage.read([key]))[key])));
      }
      expect(largest, 'the stored record never outgrew its budget').to.be.at.most(budget);
      expect((small.botReceived.at(-1)?.channelData as { blob?: string } | undefined)?.blob, 'the bot got the whole channelData').to.have.length(7 * 1024);

      const kept = (await call(small, 'GET', `${path}?watermark=1`, { auth: token })).body.activities as Array<{ id: string; text: string }>;
      const texts = kept.map((a) => a.text.slice(0, 14).trim());
      expect(kept.length).to.be.within(8, 20);
      expect(texts.at(-1)).to.equal('echo: post 95');
      expect(kept.map((a) => a.id), 'in order').to.deep.equal([...kept.map((a) => a.id)].sort());

      const resumed = client({ token, conversationId, watermark: '1', domain: small.domain, webSocket: true });
      await resumed.waitFor((a) => a.id === kept.at(-1)?.id, 'the newest kept activity');
      await resumed.post({ type: 'message', from: { id: 'u-alice' }, text: 'after' });
      await resumed.waitForText('echo: after');
      expect(resumed.received.map((a) => a.id), 'what is kept, then the new ones, each once').to.deep.equal([
        ...kept.map((a) => a.id),
        `${conversationId}|0000192`,
        `${conversationId}|0000193`,
      ]);
    } finally {
      clients.forEach((c) => c.end());
      await small.close();
    }
  });

  it('gives a resume token for a started conversation only to the user it was started for', async () => {
    const { token, conversationId } = await generateToken(harness);
    expect((await call(harness, 'POST', '/v3/directline/conversations', { auth: token })).status).to.equal(201);
    const resumed = await harness.directLine.resumeToken(conversationId, 'u-alice');
    expect(resumed?.conversationId).to.equal(conversationId);
    const reconnect = await call(harness, 'GET', `/v3/directline/conversations/${conversationId}?watermark=0`, { auth: resumed?.token });
    expect(reconnect.status).to.equal(200);
    expect(await harness.directLine.resumeToken(conversationId, 'u-mallory')).to.equal(undefined);
    expect(await harness.directLine.resumeToken('NoSuchConversation0123', 'u-alice')).to.equal(undefined);
    expect(await harness.directLine.resumeToken('../../etc', 'u-alice')).to.equal(undefined);
    // A token was issued but the conversation never started: nothing to resume.
    const unstarted = await generateToken(harness);
    expect(await harness.directLine.resumeToken(unstarted.conversationId, 'u-alice')).to.equal(undefined);
  });

  it('reports a conversation whose stream stayed closed past the grace period, and back when it streams again', async () => {
    const reports: Array<[string, boolean]> = [];
    let reported: () => void = () => undefined;
    const watched = await startHarness({ presence: { graceMs: 50, listener: (id, present) => { reports.push([id, present]); reported(); } } });
    try {
      const { token, conversationId } = await generateToken(watched);
      const started = await call(watched, 'POST', '/v3/directline/conversations', { auth: token });
      const next = (): Promise<void> => new Promise((resolve) => (reported = resolve));
      const gone = next();
      const first = new WebSocket(String(started.body.streamUrl));
      await new Promise((resolve) => first.once('open', resolve));
      first.close();
      await gone;
      expect(reports).to.deep.equal([[conversationId, false]]);
      const back = next();
      const second = new WebSocket(String(started.body.streamUrl));
      await Promise.all([back, new Promise((resolve) => second.once('open', resolve))]);
      expect(reports).to.deep.equal([[conversationId, false], [conversationId, true]]);
      second.terminate();
    } finally {
      await watched.close();
    }
  });

  it('closes its streams on close(), can be closed twice, and then refuses clients with 503', async () => {
    const { token } = await generateToken(harness);
    const c = client({ token, domain: harness.domain, webSocket: true });
    await c.waitForText('welcome u-alice');

    await Promise.all([harness.directLine.close(), harness.directLine.close()]);
    await harness.directLine.close();
    const res = await call(harness, 'POST', '/v3/directline/conversations', { auth: token });
    expect(res.status).to.equal(503);
    expect(res.body.code).to.equal('WL_DL_CLOSED');
    let refused: unknown;
    await harness.directLine.generateToken().catch((err: unknown) => (refused = err));
    expect(refused).to.have.property('code', 'WL_DL_CLOSED');
  });
});
