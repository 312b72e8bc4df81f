/**
 * Posting activities over HTTP: who may post as whom, what a valid activity is, what reaches the
 * bot, and that nothing is lost when the bot is down or many posts arrive at once.
 */
import { expect } from 'chai';
import type { Harness } from './directLineHarness';
import { call, startHarness, testSecret } from './directLineHarness';

describe('local Direct Line activity route', () => {
  let harness: Harness;
  let token: string;
  let conversationId: string;
  let path: string;

  beforeEach(async () => {
    harness = await startHarness({ maxMessageChars: 20 });
    const generated = await call(harness, 'POST', '/v3/directline/tokens/generate', { auth: testSecret, json: { user: { id: 'u-alice' } } });
    token = String(generated.body.token);
    conversationId = String(generated.body.conversationId);
    expect((await call(harness, 'POST', '/v3/directline/conversations', { auth: token })).status).to.equal(201);
    path = `/v3/directline/conversations/${conversationId}/activities`;
  });
  afterEach(() => harness.close());

  const history = async (): Promise<Array<{ id: string; text?: string; type: string }>> =>
    (await call(harness, 'GET', path, { auth: token })).body.activities as Array<{ id: string; text?: string; type: string }>;

  it('returns the id only after the bot answered, and stamps the activity as Direct Line does', async () => {
    const res = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: 'hi', channelId: 'webchat', serviceUrl: 'http://evil.example/' } });
    expect(res.status).to.equal(200);
    expect(res.body.id).to.equal(`${conversationId}|0000002`);
    const stored = (await history()).find((a) => a.id === res.body.id);
    expect(stored).to.deep.include({ channelId: 'directline', conversation: { id: conversationId }, text: 'hi' });
    expect(stored).to.deep.include({ from: { id: 'u-alice', role: 'user' }, recipient: { id: 'warmline-bot', name: 'Warmline', role: 'bot' } });
    expect(stored).to.not.have.property('serviceUrl');
    expect((await history()).map((a) => a.text)).to.include('echo: hi');
    const delivered = harness.botReceived.at(-1) as Record<string, unknown>;
    expect(delivered.serviceUrl).to.equal(`${harness.base}/directline-connector/`);
  });

  it('answers 403 to a token posting as another user, and stores nothing', async () => {
    const res = await call(harness, 'POST', path, { auth: token, json: { type: 'message', from: { id: 'u-mallory' }, text: 'hi' } });
    expect([res.status, res.body.code]).to.deep.equal([403, 'WL_DL_WRONG_USER']);
    expect((await history()).map((a) => a.text)).to.deep.equal(['welcome u-alice']);
  });

  it('answers 400 to text over maxMessageChars, and accepts text at the limit', async () => {
    const tooLong = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: 'x'.repeat(21) } });
    expect([tooLong.status, tooLong.body.code]).to.deep.equal([400, 'WL_DL_MESSAGE_TOO_LONG']);
    expect(tooLong.body.message).to.contain('21 characters; the limit is 20');
    const atLimit = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: '好'.repeat(20) } });
    expect(atLimit.status).to.equal(200);
  });

  it('answers 400 with a clear message to bodies that are not activities', async () => {
    const cases: Array<{ json?: unknown; body?: string; headers?: Record<string, string> }> = [
      { json: [{ type: 'message' }] },
      { json: { text: 'no type' } },
      { json: { type: 'message', text: 42 } },
      { json: 'message' },
      { body: 'hello', headers: { 'content-type': 'text/plain' } },
      { body: '{"type":', headers: { 'content-type': 'application/json' } },
    ];
    for (const request of cases) {
      const res = await call(harness, 'POST', path, { auth: token, ...request });
      expect(res.status, JSON.stringify(request)).to.equal(400);
      expect(res.body.message, JSON.stringify(request)).to.be.a('string').and.not.equal('');
    }
    const missingType = await call(harness, 'POST', path, { auth: token, json: { text: 'no type' } });
    expect(missingType.body.code).to.equal('WL_DL_BAD_ACTIVITY');
    expect(missingType.body.message).to.contain('type');
    expect(await history()).to.have.length(1);
  });

  it('answers 404 to an unknown conversation', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'no|such']) {
      const res = await call(harness, 'POST', `/v3/directline/conversations/${encodeURIComponent(id)}/activities`, {
        auth: testSecret,
        json: { type: 'message', from: { id: 'u' }, text: 'hi' },
      });
      expect([res.status, res.body.code], id).to.deep.equal([404, 'WL_DL_CONVERSATION_NOT_FOUND']);
    }
  });

  it('answers 502 when the bot fails, keeping the activity in the conversation', async () => {
    harness.botDown = true;
    const res = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: 'still here?' } });
    expect([res.status, res.body.code]).to.deep.equal([502, 'WL_DL_BOT_UNAVAILABLE']);
    expect(res.body.message).to.contain('HTTP 500');
    expect((await history()).map((a) => a.text)).to.deep.equal(['welcome u-alice', 'still here?']);
  });

  it('keeps every one of many concurrent posts, in one order, with distinct ids', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `m${i}`);
    const answers = await Promise.all(texts.map((text) => call(harness, 'POST', path, { auth: token, json: { type: 'message', text } })));
    expect(answers.map((a) => a.status)).to.deep.equal(texts.map(() => 200));
    const stored = await history();
    expect(stored).to.have.length(1 + 2 * texts.length);
    expect(new Set(stored.map((a) => a.id)).size).to.equal(stored.length);
    expect(stored.map((a) => a.id)).to.deep.equal([...stored.map((a) => a.id)].sort());
    const userTexts = stored.filter((a) => !a.text?.startsWith('echo') && !a.text?.startsWith('welcome')).map((a) => a.text);
    expect([...userTexts].sort()).to.deep.equal([...texts].sort());
  });

  it('forwards typing to the bot without storing it', async () => {
    const res = await call(harness, 'POST', path, { auth: token, json: { type: 'typing' } });
    expect(res.status).to.equal(200);
    expect(harness.botReceived.at(-1)?.type).to.equal('typing');
    expect((await history()).map((a) => a.type)).to.deep.equal(['message']);
  });

  it('refuses file uploads with a clear 415', async () => {
    const res = await call(harness, 'POST', `/v3/directline/conversations/${conversationId}/upload?userId=u-alice`, { auth: token, json: {} });
    expect([res.status, res.body.code]).to.deep.equal([415, 'WL_DL_UPLOAD_UNSUPPORTED']);
  });
});
