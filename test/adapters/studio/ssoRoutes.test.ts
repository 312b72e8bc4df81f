import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AccountAudit } from '../../../accounts/accountAudit';
import { UserAccounts } from '../../../accounts/userAccounts';
import type { WarmlineApp } from '../../../index';
import { startFakeOidcIssuer } from '../../support/fakeOidcIssuer';
import type { FakeOidcIssuer, FakeOidcUser } from '../../support/fakeOidcIssuer';
import { freePort, startTestApp } from '../../support/testApp';

const samOid = '5d1e6c2a-8b7f-4e3d-9a1c-0b2d3e4f5a6b';
const groups = { admins: '11111111-aaaa-4bbb-8ccc-000000000001', editors: '11111111-aaaa-4bbb-8ccc-000000000002' };

/** Where a sign-in through the fake provider ended: the callback's answer, and the session cookie it set. */
interface Outcome {
  readonly status: number;
  readonly location: string | null;
  readonly body: { code?: string } | undefined;
  readonly session: string | undefined;
}

/** Single sign-on through a fake Entra ID: start, the provider, the callback, and the session it gives. */
describe('adapters/studio/ssoRoutes: single sign-on with an OpenID provider', function () {
  this.timeout(20_000);
  let dir: string;
  let idp: FakeOidcIssuer;
  let app: WarmlineApp;
  let accounts: UserAccounts;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wl-sso-'));
    const agentsFile = path.join(dir, 'agents.yaml');
    writeFileSync(agentsFile, readFileSync(path.join(__dirname, '..', '..', '..', 'content', 'agents.yaml'), 'utf8').replace('# aad_object_id: 00000000-0000-0000-0000-000000000000', `aad_object_id: ${samOid}`));
    idp = await startFakeOidcIssuer();
    const port = await freePort();
    app = await startTestApp({
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      AGENTS_FILE: agentsFile,
      OIDC_ISSUER_URL: idp.issuer,
      ENTRA_CLIENT_ID: idp.clientId,
      ENTRA_CLIENT_SECRET: idp.clientSecret,
      ENTRA_GROUP_ROLES: `${groups.admins}=admin,${groups.editors}=editor`,
    });
    accounts = new UserAccounts(app.storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  });
  after(async () => {
    await app?.stop();
    await idp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cookieOf = (res: Response, name: string): string | undefined =>
    res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

  /** Start → provider → callback, as a browser would, with `user` signing in at the provider. */
  async function signIn(user: FakeOidcUser, change: { state?: 'missing' | 'changed'; binder?: string; accept?: string } = {}): Promise<Outcome> {
    idp.signInAs(user);
    const start = await fetch(`${app.url}/api/auth/sso/start`, { redirect: 'manual' });
    expect(start.status).to.equal(302);
    const binder = cookieOf(start, 'warmline_sso');
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.href.startsWith(`${idp.issuer}/authorize`)).to.equal(true);
    const back = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(back.headers.get('location') ?? '');
    if (change.state === 'changed') callback.searchParams.set('state', `${(callback.searchParams.get('state') ?? '').slice(0, -1)}A`);
    if (change.state === 'missing') callback.searchParams.delete('state');
    const cookie = change.binder ?? binder;
    const res = await fetch(callback, { redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...(change.accept ? { accept: change.accept } : {}) } });
    const text = await res.text();
    return { status: res.status, location: res.headers.get('location'), body: text ? (JSON.parse(text) as { code?: string }) : undefined, session: cookieOf(res, 'warmline_session') };
  }
  const me = async (session: string | undefined): Promise<{ status: number; body: { user?: string; role?: string; csrfToken?: string } }> => {
    const res = await fetch(`${app.url}/api/auth/me`, { headers: session ? { cookie: session } : {} });
    return { status: res.status, body: (await res.json()) as { user?: string; role?: string; csrfToken?: string } };
  };

  it('says single sign-on is on, so the sign-in page shows the button', async () => {
    expect(await (await fetch(`${app.url}/api/auth/sso`)).json()).to.deep.equal({ enabled: true });
  });

  it('signs an admin group member in through the provider: a session that works, an account without a password, an audit entry', async () => {
    const start = await fetch(`${app.url}/api/auth/sso/start`, { redirect: 'manual' });
    const asked = new URL(start.headers.get('location') ?? '').searchParams;
    expect(asked.get('code_challenge_method')).to.equal('S256');
    expect(asked.get('redirect_uri')).to.equal(`${app.url}/api/auth/sso/callback`);
    expect(asked.get('nonce')).to.be.a('string');

    const outcome = await signIn({ oid: 'a0a0a0a0-0000-4000-8000-000000000001', preferred_username: 'Ada.Admin@Contoso.com', groups: ['unmapped', groups.admins.toUpperCase()] });
    expect(outcome).to.include({ status: 302, location: '/studio/' });
    const session = await me(outcome.session);
    expect(session.status).to.equal(200);
    expect(session.body).to.include({ user: 'ada.admin.contoso.com', role: 'admin' });
    // The same session as a password sign-in: its CSRF token lets it change state (here: sign out).
    const logout = await fetch(`${app.url}/api/auth/logout`, { method: 'POST', headers: { cookie: outcome.session ?? '', 'x-csrf-token': session.body.csrfToken ?? '' } });
    expect(logout.status).to.equal(204);
    expect((await me(outcome.session)).status).to.equal(401);

    expect((await accounts.find('ada.admin.contoso.com'))?.password).to.equal(undefined);
    const users = (await accounts.list()).filter((u) => u.name === 'ada.admin.contoso.com');
    expect(users).to.have.length(1);
    expect(users[0]?.sso).to.equal(true);
    const login = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ada.admin.contoso.com', password: 'any password at all' }) });
    expect(login.status).to.equal(401);
    const audit = await new AccountAudit(app.storage.storage).list({ who: 'sso' });
    expect(audit.map((e) => e.summary)).to.include('added ada.admin.contoso.com as admin');
  });

  it('signs a roster agent in as that agent by object id, and gives the higher role of a mapped group, audited', async () => {
    const agent = await signIn({ oid: samOid.toUpperCase(), preferred_username: 'sam.taylor@contoso.com' });
    expect(agent.status).to.equal(302);
    expect((await me(agent.session)).body).to.include({ user: 'sam', role: 'agent' });
    const editor = await signIn({ oid: samOid, groups: [groups.editors] });
    expect((await me(editor.session)).body).to.include({ user: 'sam', role: 'editor' });
    const audit = await new AccountAudit(app.storage.storage).list({ who: 'sso' });
    expect(audit.map((e) => e.summary)).to.include.members(['added sam as agent', 'role of sam: agent → editor']);
  });

  it('refuses a person with no roster entry and no mapped group: 403 SsoNoRole, or back to the studio page saying so', async () => {
    const stranger = { oid: 'b0b0b0b0-0000-4000-8000-000000000002', preferred_username: 'eve@contoso.com', groups: ['unmapped'] };
    const refused = await signIn(stranger);
    expect(refused.status).to.equal(403);
    expect(refused.body?.code).to.equal('SsoNoRole');
    expect(refused.session).to.equal(undefined);
    const page = await signIn(stranger, { accept: 'text/html,application/xhtml+xml' });
    expect(page).to.include({ status: 302, location: '/studio/?sso-error=SsoNoRole' });
    expect(await accounts.find('eve.contoso.com')).to.equal(undefined);
  });

  it('refuses a missing, changed or foreign state with 400 and no session, and a state used twice', async () => {
    const user = { oid: 'c0c0c0c0-0000-4000-8000-000000000003', groups: [groups.editors] };
    for (const change of [{ state: 'missing' as const }, { state: 'changed' as const }, { binder: 'warmline_sso=someone-elses-binder' }]) {
      const outcome = await signIn(user, change);
      expect(outcome.status).to.equal(400);
      expect(outcome.body?.code).to.equal('SsoStateInvalid');
      expect(outcome.session).to.equal(undefined);
    }
    const exchanged = idp.exchanges;
    idp.signInAs(user);
    const start = await fetch(`${app.url}/api/auth/sso/start`, { redirect: 'manual' });
    const back = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const cookie = cookieOf(start, 'warmline_sso') ?? '';
    expect((await fetch(back.headers.get('location') ?? '', { redirect: 'manual', headers: { cookie } })).status).to.equal(302);
    expect((await fetch(back.headers.get('location') ?? '', { redirect: 'manual', headers: { cookie } })).status).to.equal(400);
    expect(idp.exchanges).to.equal(exchanged + 1);
  });

  it('refuses an ID token whose signature does not fit, or with another nonce or audience: 401 SsoFailed, no session', async () => {
    for (const how of ['signature', 'nonce', 'audience'] as const) {
      idp.tamperNext(how);
      const outcome = await signIn({ oid: 'd0d0d0d0-0000-4000-8000-000000000004', preferred_username: 'mallory@contoso.com', groups: [groups.editors] });
      expect(outcome.status, how).to.equal(401);
      expect(outcome.body?.code).to.equal('SsoFailed');
      expect(JSON.stringify(outcome.body)).to.not.match(/eyJ/);
      expect(outcome.session).to.equal(undefined);
    }
    expect(await accounts.find('mallory.contoso.com')).to.equal(undefined);
  });

  it('keeps a disabled account refused, and never signs anyone in as a password account of the same name', async () => {
    const dee = { oid: 'e0e0e0e0-0000-4000-8000-000000000005', preferred_username: 'dee@contoso.com', groups: [groups.editors] };
    expect((await signIn(dee)).status).to.equal(302);
    await accounts.setDisabled('dee.contoso.com', true);
    const refused = await signIn(dee);
    expect(refused.status).to.equal(403);
    expect(refused.body?.code).to.equal('AccountDisabled');
    expect(refused.session).to.equal(undefined);

    await accounts.add('pat.contoso.com', 'viewer', 'quiet-harbour-lantern-3');
    const taken = await signIn({ oid: 'f0f0f0f0-0000-4000-8000-000000000006', preferred_username: 'pat@contoso.com', groups: [groups.admins] });
    expect(taken.status).to.equal(403);
    expect(taken.body?.code).to.equal('SsoAccountConflict');
    expect((await accounts.find('pat.contoso.com'))?.role).to.equal('viewer');
  });
});

describe('adapters/studio/ssoRoutes: without single sign-on settings', () => {
  it('says single sign-on is off and has no start or callback', async () => {
    const app = await startTestApp();
    try {
      expect(await (await fetch(`${app.url}/api/auth/sso`)).json()).to.deep.equal({ enabled: false });
      expect((await fetch(`${app.url}/api/auth/sso/start`, { redirect: 'manual' })).status).to.equal(404);
    } finally {
      await app.stop();
    }
  });
});
