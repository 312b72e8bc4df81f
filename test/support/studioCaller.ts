/** Signs studio users in on a running app, one per role, and calls its API as them. */
import type { Role } from '../../accounts/roles';
import type { WarmlineApp } from '../../index';
import { scriptedDay } from '../analytics/analyticsStoreConformance';
import { signedIn } from './studioAccounts';
import { startTestApp } from './testApp';

/** Adds a user `<role>-user` for each role, signs each in, and returns a GET as one of them (or as nobody). */
export async function studioCaller(app: WarmlineApp, roles: readonly Role[]) {
  const cookies: Partial<Record<Role, string>> = {};
  for (const role of roles) cookies[role] = (await signedIn(app, `${role}-user`, role)).cookie;
  return (role: Role | undefined, urlPath: string): Promise<Response> => fetch(`${app.url}${urlPath}`, { headers: role ? { cookie: cookies[role] ?? '' } : {} });
}

/** An app whose clock stands at noon on 3 March 2026, with the conformance suite's scripted days recorded. */
export async function appWithScriptedDay(): Promise<WarmlineApp> {
  const app = await startTestApp({}, { now: () => new Date('2026-03-03T12:00:00.000Z') });
  await app.analytics.store.append(scriptedDay());
  return app;
}
