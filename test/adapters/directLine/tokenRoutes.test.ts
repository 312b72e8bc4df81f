/**
 * Token generation and refresh over HTTP, and what happens to expired, forged and misdirected tokens.
 */
import { expect } from 'chai';
import { DirectLineTokens } from '../../../adapters/directLine/directLineTokens';
import type { Harness } from './directLineHarness';
import { call, startHarness, testSecret } from './directLineHarness';

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
    expect((await call(harness, 'POST', '/v3/directline/conversations', { auth: refreshed })).status).to.equal(201);
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
});
