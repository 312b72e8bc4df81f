import { expect } from 'chai';
import type { WarmlineApp } from '../../../index';
import { startTestApp } from '../../support/testApp';
import { sessionHeaders, signedIn, testPassword } from '../../support/studioAccounts';
import type { TestSession } from '../../support/studioAccounts';

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Accounts and API tokens through the studio's API, as an admin, another role, a token and nobody. */
describe('adapters/studio/userRoutes: users, API tokens and the audit of accounts', function () {
  this.timeout(30_000);
  let app: WarmlineApp;
  let ada: TestSession;
  let vera: TestSession;

  before(async () => {
    app = await startTestApp();
    ada = await signedIn(app, 'ada', 'admin');
    vera = await signedIn(app, 'vera', 'viewer');
  });
  after(() => app?.stop());

  /** Calls the API with a session (cookie + CSRF), a bearer token, or nothing. */
  async function call(as: TestSession | string | undefined, method: string, urlPath: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (typeof as === 'string') headers.authorization = `Bearer ${as}`;
    else if (as) Object.assign(headers, sessionHeaders(as));
    const res = await fetch(`${app.url}${urlPath}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  const statusAndCode = (a: Answer): [number, unknown] => [a.status, a.body.code];

  it('lets only admins manage users: 401 signed out, 403 for a viewer, and nothing changes', async () => {
    const newUser = { name: 'nobody-1', role: 'admin', password: testPassword };
    expect(statusAndCode(await call(undefined, 'POST', '/api/users', newUser))).to.deep.equal([401, 'NotSignedIn']);
    expect(statusAndCode(await call(vera, 'POST', '/api/users', newUser))).to.deep.equal([403, 'Forbidden']);
    expect(statusAndCode(await call(vera, 'GET', '/api/users'))).to.deep.equal([403, 'Forbidden']);
    expect(statusAndCode(await call(vera, 'PATCH', '/api/users/vera', { role: 'admin' }))).to.deep.equal([403, 'Forbidden']);
    expect(statusAndCode(await call(vera, 'POST', '/api/users/ada/password', { password: 'hijacked-password-1' }))).to.deep.equal([403, 'Forbidden']);
    const listed = await call(ada, 'GET', '/api/users');
    expect((listed.body.users as { name: string; role: string }[]).map((u) => `${u.name}:${u.role}`)).to.deep.equal(['ada:admin', 'vera:viewer']);
    expect(JSON.stringify(listed.body)).not.to.contain('salt');
  });

  it('adds a user (201), refuses a taken name (409) and bad input (400) with the reason', async () => {
    const added = await call(ada, 'POST', '/api/users', { name: 'Bob', role: 'editor', password: testPassword });
    expect(added.status).to.equal(201);
    expect(added.body.user).to.include({ name: 'bob', role: 'editor', disabled: false });
    expect(statusAndCode(await call(ada, 'POST', '/api/users', { name: 'bob', role: 'viewer', password: testPassword }))).to.deep.equal([409, 'WL_ACCOUNT_EXISTS']);
    const cases: [unknown, string][] = [
      [{ name: 'x', role: 'viewer', password: testPassword }, 'WL_ACCOUNT_INVALID_NAME'],
      [{ name: 'cara', role: 'root', password: testPassword }, 'WL_ACCOUNT_INVALID_ROLE'],
      [{ name: 'cara', role: 'viewer', password: 'short' }, 'WL_ACCOUNT_PASSWORD_TOO_SHORT'],
      [{ name: 'cara', role: 'viewer' }, 'InvalidUser'],
      [{ name: 'cara', role: 'viewer', password: testPassword, admin: true }, 'InvalidUser'],
      ['[]', 'InvalidUser'],
    ];
    for (const [body, code] of cases) expect(statusAndCode(await call(ada, 'POST', '/api/users', body)), JSON.stringify(body)).to.deep.equal([400, code]);
    // The CSRF token is required of a session.
    const noCsrf = await fetch(`${app.url}/api/users`, { method: 'POST', headers: { cookie: ada.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'cara', role: 'viewer', password: testPassword }) });
    expect(noCsrf.status).to.equal(403);
    expect((await call(ada, 'GET', '/api/users')).body.users).to.have.length(3);
  });

  it('changes a role, disables and enables; refuses removing the last admin and disabling yourself (409)', async () => {
    await signedIn(app, 'dee', 'editor');
    const changed = await call(ada, 'PATCH', '/api/users/dee', { role: 'supervisor' });
    expect([changed.status, (changed.body.user as { role: string }).role]).to.deep.equal([200, 'supervisor']);
    expect(statusAndCode(await call(ada, 'PATCH', '/api/users/ada', { role: 'editor' }))).to.deep.equal([409, 'WL_ACCOUNT_LAST_ADMIN']);
    expect(statusAndCode(await call(ada, 'PATCH', '/api/users/ada', { disabled: true }))).to.deep.equal([409, 'WL_ACCOUNT_SELF_DISABLE']);
    expect(statusAndCode(await call(ada, 'PATCH', '/api/users/nobody', { disabled: true }))).to.deep.equal([404, 'WL_ACCOUNT_UNKNOWN_USER']);
    for (const body of [{}, { role: 5 }, { disabled: 'yes' }, { name: 'x' }]) expect(statusAndCode(await call(ada, 'PATCH', '/api/users/dee', body)), JSON.stringify(body)).to.deep.equal([400, 'InvalidUserChange']);
    const deeSession = await signedIn(app, 'dee', 'supervisor');
    expect((await call(ada, 'PATCH', '/api/users/dee', { disabled: true })).status).to.equal(200);
    expect((await call(deeSession, 'GET', '/api/auth/me')).status, 'a disabled user is signed out').to.equal(401);
    expect(((await call(ada, 'PATCH', '/api/users/dee', { disabled: false })).body.user as { disabled: boolean }).disabled).to.equal(false);
    expect((await call(ada, 'PATCH', '/api/users/ada', { role: 'admin' })).status, 'no change is fine').to.equal(200);
  });

  it('resets a password: the old one stops working and the user’s sessions end', async () => {
    const erin = await signedIn(app, 'erin', 'editor');
    expect(statusAndCode(await call(ada, 'POST', '/api/users/erin/password', { password: 'short' }))).to.deep.equal([400, 'WL_ACCOUNT_PASSWORD_TOO_SHORT']);
    expect(statusAndCode(await call(ada, 'POST', '/api/users/erin/password', {}))).to.deep.equal([400, 'InvalidPassword']);
    expect((await call(ada, 'POST', '/api/users/erin/password', { password: 'a-fresh-password-42' })).status).to.equal(200);
    expect((await call(erin, 'GET', '/api/auth/me')).status).to.equal(401);
    const old = await call(undefined, 'POST', '/api/auth/login', { username: 'erin', password: testPassword });
    const fresh = await call(undefined, 'POST', '/api/auth/login', { username: 'erin', password: 'a-fresh-password-42' });
    expect([old.status, fresh.status]).to.deep.equal([401, 200]);
  });

  it('makes an API token once for the signed-in user; it works as Bearer without a CSRF token until revoked', async () => {
    expect(statusAndCode(await call(undefined, 'GET', '/api/auth/tokens'))).to.deep.equal([401, 'NotSignedIn']);
    const made = await call(vera, 'POST', '/api/auth/tokens', { name: 'reports' });
    expect(made.status).to.equal(201);
    const token = made.body.token as string;
    expect(token).to.match(/^wlt_/);
    expect(made.body).to.include({ user: 'vera', name: 'reports', lastUsedAt: null, expiresAt: null });
    expect((await call(token, 'GET', '/api/flows')).status).to.equal(200);
    expect((await call(token, 'GET', '/api/auth/me')).body).to.deep.equal({ user: 'vera', role: 'viewer', via: 'token' });
    // The token has its user's role, no more.
    expect(statusAndCode(await call(token, 'GET', '/api/users'))).to.deep.equal([403, 'Forbidden']);
    // A token cannot make tokens.
    expect(statusAndCode(await call(token, 'POST', '/api/auth/tokens', { name: 'more' }))).to.deep.equal([403, 'SessionRequired']);
    const listed = await call(vera, 'GET', '/api/auth/tokens');
    const tokens = listed.body.tokens as { id: string; name: string; lastUsedAt: string | null }[];
    expect(tokens.map((t) => t.name)).to.deep.equal(['reports']);
    expect(tokens[0]?.lastUsedAt).to.be.a('string');
    expect(JSON.stringify(listed.body)).not.to.contain(token);
    // Someone else's token list is their own.
    expect((await call(ada, 'GET', '/api/auth/tokens')).body.tokens).to.deep.equal([]);
    expect(statusAndCode(await call(ada, 'DELETE', `/api/auth/tokens/${made.body.id as string}`))).to.deep.equal([404, 'WL_ACCOUNT_UNKNOWN_TOKEN']);
    expect((await call(vera, 'DELETE', `/api/auth/tokens/${made.body.id as string}`)).status).to.equal(204);
    expect(statusAndCode(await call(token, 'GET', '/api/flows'))).to.deep.equal([401, 'InvalidApiToken']);
    for (const body of [{}, { name: '' }, { name: 'x', expiresInDays: 0 }, { name: 'x', expiresInDays: 'soon' }]) expect((await call(vera, 'POST', '/api/auth/tokens', body)).status, JSON.stringify(body)).to.equal(400);
  });

  it('stops a disabled user’s tokens, and takes them up again when the user is enabled', async () => {
    const fay = await signedIn(app, 'fay', 'editor');
    const { token } = (await call(fay, 'POST', '/api/auth/tokens', { name: 'sync', expiresInDays: 30 })).body as { token: string };
    await call(ada, 'PATCH', '/api/users/fay', { disabled: true });
    expect((await call(token, 'GET', '/api/flows')).status).to.equal(401);
    await call(ada, 'PATCH', '/api/users/fay', { disabled: false });
    expect((await call(token, 'GET', '/api/flows')).status).to.equal(200);
  });

  it('merges account changes into GET /api/audit for admins (kind=accounts for them alone); other roles see content only', async () => {
    const entries = async (as: TestSession, query = ''): Promise<Record<string, unknown>[]> => (await call(as, 'GET', `/api/audit${query}`)).body.entries as Record<string, unknown>[];
    const accounts = await entries(ada, '?kind=accounts');
    expect(accounts.every((e) => e.kind === 'accounts')).to.equal(true);
    const roleChange = accounts.find((e) => e.action === 'role-changed' && e.user === 'dee');
    expect(roleChange).to.deep.include({ who: 'ada', before: { role: 'editor' }, after: { role: 'supervisor' } });
    expect(roleChange?.at).to.be.a('string');
    expect(accounts.map((e) => e.action)).to.include.members(['user-added', 'user-disabled', 'user-enabled', 'password-reset', 'token-created', 'token-revoked']);
    expect(JSON.stringify(accounts)).not.to.contain('a-fresh-password-42');
    // Newest first, and merged with content entries in one list.
    const times = accounts.map((e) => e.at as string);
    expect([...times].sort().reverse()).to.deep.equal(times);
    expect((await entries(ada)).filter((e) => e.kind === 'accounts')).to.have.length(accounts.length);
    expect((await entries(ada, '?kind=accounts&who=vera')).map((e) => e.action)).to.deep.equal(['token-revoked', 'token-created']);
    expect(await entries(ada, '?kind=accounts&from=2000-01-01&to=2000-01-02')).to.deep.equal([]);
    // A viewer sees content entries only, and may not ask for the accounts.
    expect((await entries(vera)).some((e) => e.kind === 'accounts')).to.equal(false);
    expect(statusAndCode(await call(vera, 'GET', '/api/audit?kind=accounts'))).to.deep.equal([403, 'Forbidden']);
    expect((await call(ada, 'GET', '/api/audit?kind=people')).status).to.equal(400);
  });
});
