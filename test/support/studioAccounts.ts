/**
 * Accounts for tests that call the studio's API: an account of a role made straight in the app's
 * store (cheap hashing), signed in over HTTP, and an API token made through the API.
 */
import { UserAccounts } from '../../accounts/userAccounts';
import type { Role } from '../../accounts/roles';
import type { WarmlineApp } from '../../index';

/** A signed-in session: the cookie to send back and its CSRF token. */
export interface TestSession {
  readonly user: string;
  readonly cookie: string;
  readonly csrf: string;
}

/** A password good enough for every test account. */
export const testPassword = 'quiet-harbour-lantern-3';

/** Makes the account `name` with `role` (unless it exists) and signs it in. */
export async function signedIn(app: WarmlineApp, name: string, role: Role): Promise<TestSession> {
  const accounts = new UserAccounts(app.storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  if (!(await accounts.find(name))) await accounts.add(name, role, testPassword);
  const login = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password: testPassword }) });
  if (login.status !== 200) throw new Error(`sign-in of ${name} answered ${login.status}`);
  const body = (await login.json()) as { csrfToken: string };
  return { user: name, cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: body.csrfToken };
}

/** The headers a browser page of `session` sends. */
export function sessionHeaders(session: TestSession): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrf };
}

/** Makes an API token for the session's user through `POST /api/auth/tokens`; resolves with the token and its id. */
export async function madeToken(app: WarmlineApp, session: TestSession, name = 'test'): Promise<{ token: string; id: string }> {
  const res = await fetch(`${app.url}/api/auth/tokens`, { method: 'POST', headers: { ...sessionHeaders(session), 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  if (res.status !== 201) throw new Error(`token for ${session.user} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { token: string; id: string };
}

/** A viewer (vera), an editor (ed) and an admin (ada), each signed in: what most studio API tests call as. */
export async function signedInAsEachRole(app: WarmlineApp): Promise<Record<'viewer' | 'editor' | 'admin', TestSession>> {
  return { viewer: await signedIn(app, 'vera', 'viewer'), editor: await signedIn(app, 'ed', 'editor'), admin: await signedIn(app, 'ada', 'admin') };
}
