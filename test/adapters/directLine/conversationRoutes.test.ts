/**
 * Starting, resuming and reconnecting to conversations, and reading their activities, over HTTP.
 */
import { expect } from 'chai';
import type { Harness } from './directLineHarness';
import { call, startHarness, testSecret } from './directLineHarness';

describe('local Direct Line conversation routes', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.close());

  const generate = async (): Promise<{ token: string; conversationId: string }> => {
    const res = await call(harness, 'POST', '/v3/directline/tokens/generate', { auth: testSecret, json: { user: { id: 'u-alice' } } });
    return { token: String(res.body.token), conversationId: String(res.body.conversationId) };
  };

  it('starts the token\'s conversation once (201), resumes it after (200), and greets the bot once', async () => {
    const { token, conversationId } = await generate();
    const started = await call(harness, 'POST', '/v3/directline/conversations', { auth: token, json: { locale: 'zh-CN' } });
    expect(started.status).to.equal(201);
    expect(started.body).to.include({ conversationId, token });
    expect(started.body.expires_in).to.be.within(1799, 1800);
    expect(started.body.referenceGrammarId).to.be.a('string');
    expect(started.body.streamUrl).to.equal(
      `${harness.base.replace('http:', 'ws:')}/v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}`,
    );
    const resumed = await call(harness, 'POST', '/v3/directline/conversations', { auth: token });
    expect(resumed.status).to.equal(200);
    expect(resumed.body.conversationId).to.equal(conversationId);
    const updates = harness.botReceived.filter((a) => a.type === 'conversationUpdate');
    expect(updates).to.have.length(1);
    expect(updates[0]).to.include({ locale: 'zh-CN' });
  });

  it('starts a new conversation with a token of its own for each start with the secret', async () => {
    const a = await call(harness, 'POST', '/v3/directline/conversations', { auth: testSecret, json: { user: { id: 'u-bob' } } });
    const b = await call(harness, 'POST', '/v3/directline/conversations', { auth: testSecret });
    expect([a.status, b.status]).to.deep.equal([201, 201]);
    expect(a.body.conversationId).to.not.equal(b.body.conversationId);
    const history = await call(harness, 'GET', `/v3/directline/conversations/${String(a.body.conversationId)}/activities`, { auth: String(a.body.token) });
    expect((history.body.activities as Array<{ text: string }>).map((x) => x.text)).to.deep.equal(['welcome u-bob']);
  });

  it('answers 502 when the bot cannot be told the conversation started, and greets on the next start', async () => {
    const { token, conversationId } = await generate();
    harness.botDown = true;
    const failed = await call(harness, 'POST', '/v3/directline/conversations', { auth: token });
    expect([failed.status, failed.body.code]).to.deep.equal([502, 'WL_DL_BOT_UNAVAILABLE']);
    harness.botDown = false;
    const retried = await call(harness, 'POST', '/v3/directline/conversations', { auth: token });
    expect(retried.status).to.equal(200);
    const history = await call(harness, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: token });
    expect((history.body.activities as Array<{ text: string }>).map((x) => x.text)).to.deep.equal(['welcome u-alice']);
  });

  it('gives a fresh stream URL on reconnect, from the watermark asked for or from now', async () => {
    const { token, conversationId } = await generate();
    await call(harness, 'POST', '/v3/directline/conversations', { auth: token });
    await call(harness, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { auth: token, json: { type: 'message', text: 'hi' } });
    const fromOne = await call(harness, 'GET', `/v3/directline/conversations/${conversationId}?watermark=1`, { auth: token });
    expect(fromOne.status).to.equal(200);
    expect(fromOne.body).to.include({ conversationId, token });
    expect(String(fromOne.body.streamUrl)).to.match(/^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/[\w-]+\/stream\?t=[^&]+&watermark=1$/);
    const fromNow = await call(harness, 'GET', `/v3/directline/conversations/${conversationId}`, { auth: token });
    expect(String(fromNow.body.streamUrl)).to.match(/&watermark=3$/);
    const withSecret = await call(harness, 'GET', `/v3/directline/conversations/${conversationId}`, { auth: testSecret });
    expect(withSecret.body.token).to.be.a('string').and.not.equal(testSecret);
  });

  it('returns the activities after a watermark with the watermark to use next', async () => {
    const { token, conversationId } = await generate();
    await call(harness, 'POST', '/v3/directline/conversations', { auth: token });
    await call(harness, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { auth: token, json: { type: 'message', text: 'hi' } });
    const read = (watermark: string) => call(harness, 'GET', `/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, { auth: token });
    const all = await read('');
    expect((all.body.activities as Array<{ text: string }>).map((a) => a.text)).to.deep.equal(['welcome u-alice', 'hi', 'echo: hi']);
    expect(all.body.watermark).to.equal('3');
    const newer = await read('1');
    expect((newer.body.activities as Array<{ text: string }>).map((a) => a.text)).to.deep.equal(['hi', 'echo: hi']);
    const none = await read('3');
    expect(none.body).to.deep.equal({ activities: [], watermark: '3' });
    const bad = await read('abc');
    expect([bad.status, bad.body.code]).to.deep.equal([400, 'WL_DL_BAD_REQUEST']);
  });

  it('answers 404 for a conversation that does not exist', async () => {
    for (const path of ['/v3/directline/conversations/AAAAAAAAAAAAAAAAAAAAAAAA', '/v3/directline/conversations/AAAAAAAAAAAAAAAAAAAAAAAA/activities']) {
      const res = await call(harness, 'GET', path, { auth: testSecret });
      expect([res.status, res.body.code], path).to.deep.equal([404, 'WL_DL_CONVERSATION_NOT_FOUND']);
    }
  });

  it('lets pages on other origins call the client API (CORS)', async () => {
    const preflight = await fetch(`${harness.base}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).to.equal(204);
    expect(preflight.headers.get('access-control-allow-origin')).to.equal('*');
    expect(preflight.headers.get('access-control-allow-headers')).to.match(/authorization/i);
    const res = await fetch(`${harness.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${testSecret}` } });
    expect(res.status).to.equal(201);
    expect(res.headers.get('access-control-allow-origin')).to.equal('*');
  });
});
