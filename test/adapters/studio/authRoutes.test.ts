import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserAccounts } from '../../../accounts/userAccounts';
import type { WarmlineApp } from '../../../index';
import { startTestApp } from '../../support/testApp';
import { requireRedis } from '../../support/services';
import { RedisTestClients } from '../../storage/redisTestClients';

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const alicePassword = 'correct horse battery';

/** What a request came back with. */
interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

/** Calls `path` on `app` like a browser on the same origin would (the cookie and CSRF header as given). */
async function call(app: WarmlineApp, method: string, urlPath: string, options: { body?: unknown; raw?: string; cookie?: string; csrf?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  const res = await fetch(`${app.url}${urlPath}`, { method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

/** Signs in and returns the cookie to send back and the CSRF token. */
async function signIn(app: WarmlineApp, username: string, password: string): Promise<{ cookie: string; csrf: string; answer: Answer }> {
  const answer = await call(app, 'POST', '/api/auth/login', { body: { username, password } });
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  const setCookie = answer.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', csrf: answer.body.csrfToken as string, answer };
}

describe('adapters/studio/authRoutes: signing in to Warmline Studio', () => {
  let dir: string;
  let app: WarmlineApp;
  let clock: number;

  async function start(env: Record<string, string> = {}): Promise<WarmlineApp> {
    const started = await startTestApp({ STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db'), ...env }, { now: () => new Date(clock) });
    const accounts = new UserAccounts(started.storage.storage, { scrypt: cheap });
    await accounts.add('alice', 'admin', alicePassword);
    await accounts.add('edna', 'editor', 'editor password here');
    return started;
  }

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wl-auth-'));
    clock = Date.parse('2026-12-01T09:00:00Z');
    app = await start();
  });

  afterEach(async () => {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with the right password: an HttpOnly, SameSite=Strict cookie, the role and a CSRF token; GET /me knows the user', async () => {
    const { cookie, answer } = await signIn(app, 'Alice', alicePassword);
    expect(answer.body).to.include({ user: 'alice', role: 'admin', expiresAt: '2026-12-01T21:00:00.000Z', idleExpiresAt: '2026-12-01T09:30:00.000Z' });
    expect(answer.body.csrfToken).to.match(/^[A-Za-z0-9_-]{32}$/);
    const attributes = (answer.headers.get('set-cookie') ?? '').split('; ');
    expect(attributes).to.include.members(['HttpOnly', 'SameSite=Strict', 'Path=/api/', 'Max-Age=43200']);
    expect(attributes).not.to.include('Secure');
    const me = await call(app, 'GET', '/api/auth/me', { cookie });
    expect([me.status, me.body.user, me.body.role]).to.deep.equal([200, 'alice', 'admin']);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    await app.stop();
    dir = mkdtempSync(path.join(tmpdir(), 'wl-auth-'));
    app = await start({ PUBLIC_URL: 'https://studio.example' });
    const { answer } = await signIn(app, 'alice', alicePassword);
    expect((answer.headers.get('set-cookie') ?? '').split('; ')).to.include('Secure');
  });

  it('answers a wrong password and an unknown user alike, and sets no cookie', async () => {
    const wrong = await call(app, 'POST', '/api/auth/login', { body: { username: 'alice', password: 'not the password' } });
    const unknown = await call(app, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'not the password' } });
    expect([wrong.status, wrong.body]).to.deep.equal([401, { code: 'InvalidCredentials', message: 'The user name or password is not right.' }]);
    expect([unknown.status, unknown.body]).to.deep.equal([wrong.status, wrong.body]);
    expect(wrong.headers.get('set-cookie')).to.equal(null);
  });

  it('refuses a disabled user, and ends the sessions they had', async () => {
    const { cookie } = await signIn(app, 'alice', alicePassword);
    await new UserAccounts(app.storage.storage).setDisabled('alice', true);
    expect((await call(app, 'GET', '/api/auth/me', { cookie })).status).to.equal(401);
    const again = await call(app, 'POST', '/api/auth/login', { body: { username: 'alice', password: alicePassword } });
    expect([again.status, again.body.code]).to.deep.equal([403, 'AccountDisabled']);
    const wrong = await call(app, 'POST', '/api/auth/login', { body: { username: 'alice', password: 'not the password' } });
    expect(wrong.body.code).to.equal('InvalidCredentials');
  });

  it('refuses a state-changing request without the session’s CSRF token (403) and changes nothing', async () => {
    const { cookie, csrf } = await signIn(app, 'alice', alicePassword);
    const none = await call(app, 'POST', '/api/auth/logout-everywhere', { cookie });
    // Another last character (a token that already ends in x would otherwise be sent unchanged).
    const wrong = await call(app, 'POST', '/api/auth/logout-everywhere', { cookie, csrf: `${csrf.slice(0, -1)}${csrf.endsWith('x') ? 'y' : 'x'}` });
    const logout = await call(app, 'POST', '/api/auth/logout', { cookie });
    for (const refused of [none, wrong, logout]) expect([refused.status, refused.body.code]).to.deep.equal([403, 'CsrfTokenInvalid']);
    expect((await call(app, 'GET', '/api/auth/me', { cookie })).status).to.equal(200);
    const right = await call(app, 'POST', '/api/auth/logout', { cookie, csrf });
    expect(right.status).to.equal(204);
    expect(right.headers.get('set-cookie')).to.contain('Max-Age=0');
    expect((await call(app, 'GET', '/api/auth/me', { cookie })).status).to.equal(401);
    const again = await call(app, 'POST', '/api/auth/logout', { cookie });
    expect([again.status, again.headers.get('set-cookie')]).to.deep.equal([204, 'warmline_session=; Path=/api/; HttpOnly; SameSite=Strict; Max-Age=0']);
  });

  it('ends a session left idle for 30 minutes, but not one in use; and every session after 12 hours', async () => {
    const { cookie } = await signIn(app, 'alice', alicePassword);
    clock += 29 * 60_000;
    expect((await call(app, 'GET', '/api/auth/me', { cookie })).status).to.equal(200);
    clock += 29 * 60_000;
    const used = await call(app, 'GET', '/api/auth/me', { cookie });
    expect([used.status, used.body.idleExpiresAt]).to.deep.equal([200, '2026-12-01T10:28:00.000Z']);
    clock += 30 * 60_000;
    const idle = await call(app, 'GET', '/api/auth/me', { cookie });
    expect([idle.status, idle.body.code]).to.deep.equal([401, 'NotSignedIn']);
    expect(idle.headers.get('set-cookie')).to.contain('Max-Age=0');

    const busy = await signIn(app, 'alice', alicePassword);
    const signedInAt = clock;
    let lastOk = clock;
    while (clock - signedInAt < 13 * 3_600_000) {
      clock += 29 * 60_000; // never idle for 30 minutes
      if ((await call(app, 'GET', '/api/auth/me', { cookie: busy.cookie })).status !== 200) break;
      lastOk = clock;
    }
    expect(lastOk - signedInAt).to.be.below(12 * 3_600_000).and.at.least(12 * 3_600_000 - 29 * 60_000);
    expect(clock - signedInAt).to.be.at.least(12 * 3_600_000).and.below(13 * 3_600_000);
  });

  it('signs out everywhere: every session of the user ends, others’ go on', async () => {
    const laptop = await signIn(app, 'alice', alicePassword);
    const phone = await signIn(app, 'alice', alicePassword);
    const editor = await signIn(app, 'edna', 'editor password here');
    const out = await call(app, 'POST', '/api/auth/logout-everywhere', { cookie: phone.cookie, csrf: phone.csrf });
    expect(out.status).to.equal(204);
    expect((await call(app, 'GET', '/api/auth/me', { cookie: laptop.cookie })).status).to.equal(401);
    expect((await call(app, 'GET', '/api/auth/me', { cookie: phone.cookie })).status).to.equal(401);
    expect((await call(app, 'GET', '/api/auth/me', { cookie: editor.cookie })).status).to.equal(200);
  });

  it('closes sign-in for a user name after 5 failures in 15 minutes (429, Retry-After), even with the right password', async () => {
    for (let i = 0; i < 5; i += 1) expect((await call(app, 'POST', '/api/auth/login', { body: { username: 'alice', password: `guess number ${i}` } })).status).to.equal(401);
    clock += 60_000;
    const limited = await call(app, 'POST', '/api/auth/login', { body: { username: 'alice', password: alicePassword } });
    expect([limited.status, limited.body.code, limited.headers.get('retry-after')]).to.deep.equal([429, 'TooManyAttempts', '840']);
    clock += 14 * 60_000;
    await signIn(app, 'alice', alicePassword);
  });

  it('closes sign-in for a client address after 5 failures on any names', async () => {
    for (const name of ['amy', 'ben', 'cat', 'dan', 'eve']) expect((await call(app, 'POST', '/api/auth/login', { body: { username: name, password: 'some password' } })).status).to.equal(401);
    const limited = await call(app, 'POST', '/api/auth/login', { body: { username: 'edna', password: 'editor password here' } });
    expect([limited.status, limited.headers.get('retry-after')]).to.deep.equal([429, '900']);
  });

  it('lets only admins list users (401 signed out, 403 for an editor), without password hashes', async () => {
    expect((await call(app, 'GET', '/api/auth/users')).body.code).to.equal('NotSignedIn');
    expect((await call(app, 'GET', '/api/auth/users', { cookie: 'warmline_session=forged' })).status).to.equal(401);
    const editor = await signIn(app, 'edna', 'editor password here');
    const refused = await call(app, 'GET', '/api/auth/users', { cookie: editor.cookie });
    expect([refused.status, refused.body.code]).to.deep.equal([403, 'Forbidden']);
    const admin = await signIn(app, 'alice', alicePassword);
    const listed = await call(app, 'GET', '/api/auth/users', { cookie: admin.cookie });
    expect(listed.status).to.equal(200);
    expect((listed.body.users as Array<{ name: string; role: string }>).map((u) => `${u.name}:${u.role}`)).to.deep.equal(['alice:admin', 'edna:editor']);
    expect(JSON.stringify(listed.body)).not.to.match(/salt|hash|password/);
    await new UserAccounts(app.storage.storage).setRole('alice', 'viewer');
    expect((await call(app, 'GET', '/api/auth/users', { cookie: admin.cookie })).status).to.equal(403);
  });

  it('answers bad sign-in bodies with a coded 400 and keeps serving', async () => {
    const badJson = await call(app, 'POST', '/api/auth/login', { raw: '{"username": "alice", ' });
    expect(badJson.status).to.equal(400);
    expect(badJson.body).to.have.keys('code', 'message');
    for (const body of [[], { username: 'alice' }, { username: 'alice', password: 12 }, { username: 'alice', password: alicePassword, extra: true }]) {
      const answer = await call(app, 'POST', '/api/auth/login', { body });
      expect([answer.status, answer.body.code], JSON.stringify(body)).to.deep.equal([400, 'InvalidLogin']);
    }
    const huge = await call(app, 'POST', '/api/auth/login', { body: { username: 'alice', password: 'x'.repeat(300 * 1024) } });
    expect([huge.status, huge.body.code]).to.deep.equal([413, 'PayloadTooLarge']);
    await signIn(app, 'alice', alicePassword);
  });
});

describe('adapters/studio/authRoutes on Redis: sessions shared by instances', () => {
  let clients: RedisTestClients | undefined;
  const apps: WarmlineApp[] = [];

  before(async function () {
    clients = new RedisTestClients(await requireRedis(this));
  });

  after(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    await clients?.cleanup();
  });

  it('honours on a second instance a session made on the first, and a sign-out everywhere made there', async () => {
    const env = { STORAGE: 'redis', REDIS_URL: process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: clients!.prefix };
    apps.push(await startTestApp(env), await startTestApp(env));
    const [one, two] = apps as [WarmlineApp, WarmlineApp];
    await new UserAccounts(one.storage.storage, { scrypt: cheap }).add('alice', 'admin', alicePassword);
    const session = await signIn(one, 'alice', alicePassword);
    const me = await call(two, 'GET', '/api/auth/me', { cookie: session.cookie });
    expect([me.status, me.body.user, me.body.csrfToken]).to.deep.equal([200, 'alice', session.csrf]);
    expect((await call(two, 'POST', '/api/auth/logout-everywhere', { cookie: session.cookie, csrf: session.csrf })).status).to.equal(204);
    expect((await call(one, 'GET', '/api/auth/me', { cookie: session.cookie })).status).to.equal(401);
  });
});
