/** Signs studio users in on a running app, one per role, and calls its API as them. */
import { expect } from 'chai';
import { UserAccounts } from '../../accounts/userAccounts';
import type { Role } from '../../accounts/roles';
import type { WarmlineApp } from '../../index';
import { scriptedDay } from '../analytics/analyticsStoreConformance';
import { startTestApp } from './testApp';

/** The password every test user gets. */
export const testPassword = 'quiet-harbour-lantern-3';

/** Adds a user `<role>-user` for each role, signs each in, and returns a GET as one of them (or as nobody). */
export async function studioCaller(app: WarmlineApp, roles: readonly Role[]) {
  const password = testPassword;
  const accounts = new UserAccounts(app.storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  const cookies: Partial<Record<Role, string>> = {};
  for (const role of roles) {
    await accounts.add(`${role}-user`, role, password);
    const login = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `${role}-user`, password }) });
    expect(login.status).to.equal(200);
    cookies[role] = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }
  return (role: Role | undefined, urlPath: string): Promise<Response> => fetch(`${app.url}${urlPath}`, { headers: role ? { cookie: cookies[role] ?? '' } : {} });
}


/** An app whose clock stands at noon on 3 March 2026, with the conformance suite's scripted days recorded. */
export async function appWithScriptedDay(): Promise<WarmlineApp> {
  const app = await startTestApp({}, { now: () => new Date('2026-03-03T12:00:00.000Z') });
  await app.analytics.store.append(scriptedDay());
  return app;
}
