/**
 * Token generation and refresh over HTTP, and what happens to expired, forged, misdirected and
 * refreshed tokens (also after a restart).
 */
import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { DirectLineTokens } from '../../../adapters/directLine/directLineTokens';
import type { Harness } from './directLineHarness';
import { call, startHarness, streamStatus, testSecret } from './directLineHarness';

/** Every way a client uses a token on conversation `id`, and the status each answers (the stream: 101 once open). */
async function usesOf(harness: Harness, id: string, token: string): Promise<Record<string, [number, string | undefined]>> {
  const conversations = `/v3/directline/conversations`;
  const answers: Record<string, [number, string | undefined]> = {};
  const routes = [
    ['start', 'POST', conversations, undefined],
    ['reconnect', 'GET', `${conversations}/${id}`, undefined],
    ['read', 'GET', `${conversations}/${id}/activities`, undefined],
    ['post', 'POST', `${conversations}/${id}/activities`, { type: 'message', text: 'hello' }],
    ['upload', 'POST', `${conversations}/${id}/upload`, {}],
  ] as const;
  for (const [name, method, path, json] of routes) {
    const res = await call(harness, method, path, { auth: token, ...(json ? { json } : {}) });
    answers[name] = [res.status, res.body.code];
  }
  const stream = await streamStatus(`${harness.base.replace(/^http/, 'ws')}${conversations}/${id}/stream?t=${encodeURIComponent(token)}`);
  answers.stream = [stream.status, stream.code];
  return answers;
}

const replaced: [number, string] = [403, 'WL_DL_TOKEN_REPLACED'];
const retired = { start: replaced, reconnect: replaced, read: replaced, post: replaced, upload: replaced, stream: replaced };

describe('local Direct Line token routes', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.close());

  const generate = async (json?: unknown): Promise<{ token: string; conversationId: string }> => {
    const res = await call(harness, 'POST', '/v3/directline/tokens/generate', { auth: testSecret, ...(json ? { json } : {}) });
    expect(res.status).to.equal(200);
    return { token: String(res.body.token), conversationId: String(res.body.conversationId) };
  };
  const claimsOf = (token: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

  it('generates a token bound to a new conversation and the requested user, readable as a JWT by Web Chat', async () => {
    const { token, conversationId } = await generate({ user: { id: 'u-alice', name: 'Alice' } });
    expect(claimsOf(token)).to.include({ conv: conversationId, user: 'u-alice', name: 'Alice' });
    const other = await generate({ user: { id: 'u-alice' } });
    expect(other.conversationId).to.not.equal(conversationId);
  });

  it('makes up a dl_ user id when none is asked for', async () => {
    const { token } = await generate();
    expect(claimsOf(token).user).to.match(/^dl_[A-Za-z0-9_-]+$/);
  });

  it('generates only for the secret: 401 without credentials, 403 with a token', async () => {
    const { token } = await generate();
    const anonymous = await call(harness, 'POST', '/v3/directline/tokens/generate');
    expect([anonymous.status, anonymous.body.code]).to.deep.equal([401, 'WL_DL_AUTH_MISSING']);
    const withToken = await call(harness, 'POST', '/v3/directline/tokens/generate', { auth: token });
    expect([withToken.status, withToken.body.code]).to.deep.equal([403, 'WL_DL_SECRET_REQUIRED']);
    expect(withToken.body.error).to.deep.equal({ code: 'WL_DL_SECRET_REQUIRED', message: withToken.body.message });
  });

  it('refreshes a token into a new one for the same conversation and user that lasts longer', async () => {
    const { token, conversationId } = await generate({ user: { id: 'u-alice' } });
    harness.advanceClock(600);
    const res = await call(harness, 'POST', '/v3/directline/tokens/refresh', { auth: token });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ conversationId, expires_in: 1800 });
    const refreshed = String(res.body.token);
    expect(refreshed).to.not.equal(token);
    expect(claimsOf(refreshed)).to.include({ conv: conversationId, user: 'u-alice' });
    // 600 s later on the clock (601 when a second boundary passed between the two requests).
    expect(Number(claimsOf(refreshed).exp) - Number(claimsOf(token).exp)).to.be.within(600, 601);

    harness.advanceClock(1500); // the first token has expired, the refreshed one has not
    expect((await call(harness, 'POST', '/v3/directline/conversations', { auth: token })).status).to.equal(403);
    // The refresh recorded the conversation (to remember which tokens it retired), so starting it answers 200.
    expect((await call(harness, 'POST', '/v3/directline/conversations', { auth: refreshed })).status).to.equal(200);
    expect(harness.botReceived.map((a) => a.type)).to.deep.equal(['conversationUpdate']);
  });

  it('refuses to refresh the secret', async () => {
    const res = await call(harness, 'POST', '/v3/directline/tokens/refresh', { auth: testSecret });
    expect([res.status, res.body.code]).to.deep.equal([403, 'WL_DL_TOKEN_REQUIRED']);
  });

  it('answers 403 to an expired token, for use and for refresh', async () => {
    const { token } = await generate();
    harness.advanceClock(1800);
    for (const [method, path] of [
      ['POST', '/v3/directline/conversations'],
      ['POST', '/v3/directline/tokens/refresh'],
    ] as const) {
      const res = await call(harness, method, path, { auth: token });
      expect([res.status, res.body.code], path).to.deep.equal([403, 'WL_DL_TOKEN_EXPIRED']);
    }
  });

  it('answers 403 to forged tokens: edited claims, another signing secret, or junk', async () => {
    const { token } = await generate({ user: { id: 'u-alice' } });
    const [head, , signature] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ ...claimsOf(token), user: 'u-mallory' })).toString('base64url');
    const forged = [
      `${head}.${edited}.${signature}`,
      new DirectLineTokens('another-secret-0123456789', 1800, () => new Date()).issue('AAAAAAAAAAAAAAAA').token,
      'not-a-token',
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${edited}.`,
    ];
    for (const candidate of forged) {
      const res = await call(harness, 'POST', '/v3/directline/conversations', { auth: candidate });
      expect([res.status, res.body.code], candidate).to.deep.equal([403, 'WL_DL_TOKEN_INVALID']);
    }
  });

  it('answers 403 when a token is used on another conversation', async () => {
    const mine = await generate();
    const theirs = await generate();
    expect((await call(harness, 'POST', '/v3/directline/conversations', { auth: theirs.token })).status).to.equal(201);
    for (const [method, path] of [
      ['GET', `/v3/directline/conversations/${theirs.conversationId}`],
      ['GET', `/v3/directline/conversations/${theirs.conversationId}/activities`],
      ['POST', `/v3/directline/conversations/${theirs.conversationId}/activities`],
    ] as const) {
      const res = await call(harness, method, path, { auth: mine.token, ...(method === 'POST' ? { json: { type: 'message', text: 'hi' } } : {}) });
      expect([res.status, res.body.code], path).to.deep.equal([403, 'WL_DL_WRONG_CONVERSATION']);
    }
  });

  it('retires the refreshed token on every route and the stream, while the new one works', async () => {
    const { token, conversationId } = await generate({ user: { id: 'u-alice' } });
    expect((await call(harness, 'POST', '/v3/directline/conversations', { auth: token })).status).to.equal(201);
    const first = await call(harness, 'POST', '/v3/directline/tokens/refresh', { auth: token });
    const refreshed = String(first.body.token);

    expect(await usesOf(harness, conversationId, token)).to.deep.equal(retired);
    const again = await call(harness, 'POST', '/v3/directline/tokens/refresh', { auth: token });
    expect([again.status, again.body.code], 'an old token cannot mint a new one').to.deep.equal(replaced);
    expect(await usesOf(harness, conversationId, refreshed)).to.deep.equal({
      start: [200, undefined],
      reconnect: [200, undefined],
      read: [200, undefined],
      post: [200, undefined],
      upload: [415, 'WL_DL_UPLOAD_UNSUPPORTED'],
      stream: [101, undefined],
    });

    // Refreshing again retires the middle token too; the secret is never retired.
    const third = String((await call(harness, 'POST', '/v3/directline/tokens/refresh', { auth: refreshed })).body.token);
    expect((await call(harness, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: refreshed })).body.code).to.equal('WL_DL_TOKEN_REPLACED');
    expect((await call(harness, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: third })).status).to.equal(200);
    const viaSecret = await call(harness, 'GET', `/v3/directline/conversations/${conversationId}`, { auth: testSecret });
    expect((await call(harness, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: String(viaSecret.body.token) })).status).to.equal(200);
  });

  it('retires a token refreshed before its conversation started, so it cannot start it', async () => {
    const { token, conversationId } = await generate({ user: { id: 'u-alice' } });
    const refreshed = String((await call(harness, 'POST', '/v3/directline/tokens/refresh', { auth: token })).body.token);
    const start = await call(harness, 'POST', '/v3/directline/conversations', { auth: token });
    expect([start.status, start.body.code]).to.deep.equal(replaced);
    expect(harness.botReceived, 'the bot hears of no conversation started with the old token').to.deep.equal([]);
    const started = await call(harness, 'POST', '/v3/directline/conversations', { auth: refreshed });
    expect([started.status, started.body.conversationId]).to.deep.equal([200, conversationId]);
  });
});

describe('local Direct Line token refresh across a restart', () => {
  const harnesses: Harness[] = [];
  afterEach(() => Promise.all(harnesses.splice(0).map((h) => h.close())));

  it('still refuses the refreshed token after a restart with the same secret and Storage, and takes the new one', async () => {
    const storage = new MemoryStorage();
    const before = await startHarness({ storage });
    harnesses.push(before);
    const generated = await call(before, 'POST', '/v3/directline/tokens/generate', { auth: testSecret, json: { user: { id: 'u-alice' } } });
    const token = String(generated.body.token);
    const conversationId = String(generated.body.conversationId);
    expect((await call(before, 'POST', '/v3/directline/conversations', { auth: token })).status).to.equal(201);
    const refreshed = String((await call(before, 'POST', '/v3/directline/tokens/refresh', { auth: token })).body.token);
    await before.close();
    harnesses.pop();

    const after = await startHarness({ storage });
    harnesses.push(after);
    expect(await usesOf(after, conversationId, token)).to.deep.equal(retired);
    const refreshOld = await call(after, 'POST', '/v3/directline/tokens/refresh', { auth: token });
    expect([refreshOld.status, refreshOld.body.code]).to.deep.equal(replaced);
    const read = await call(after, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: refreshed });
    expect([read.status, (read.body.activities as Array<{ text?: string }>).map((a) => a.text)]).to.deep.equal([200, ['welcome u-alice']]);
    expect((await call(after, 'POST', '/v3/directline/tokens/refresh', { auth: refreshed })).status).to.equal(200);
  });
});
