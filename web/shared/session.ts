/** Signing in to the bot's pages (studio, agent workspace) with a user account: same origin, the session is an HttpOnly cookie, every change carries its CSRF token. */

/** A signed-in session as the pages keep it. */
export interface SignedIn {
  readonly user: string;
  readonly role: string;
  readonly csrfToken: string;
}

export type SignInResult =
  | { readonly kind: 'signed-in'; readonly session: SignedIn }
  | { readonly kind: 'refused' }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'failed' };

function readSession(body: unknown): SignedIn | undefined {
  const b = body as Partial<Record<keyof SignedIn, unknown>> | null;
  const user = typeof b?.user === 'string' ? b.user : typeof (b?.user as { name?: unknown } | undefined)?.name === 'string' ? (b?.user as { name: string }).name : undefined;
  if (!user || typeof b?.role !== 'string' || typeof b?.csrfToken !== 'string') return undefined;
  return { user, role: b.role, csrfToken: b.csrfToken };
}

/** Signs in with a user name and password. */
export async function signIn(username: string, password: string): Promise<SignInResult> {
  let res: Response;
  try {
    res = await fetch('/api/auth/login', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  } catch {
    return { kind: 'failed' };
  }
  if (res.status === 404) return { kind: 'unavailable' };
  if (res.status === 401 || res.status === 403) return { kind: 'refused' };
  if (res.status === 429) return { kind: 'rate-limited', retryAfterSeconds: Number(res.headers.get('Retry-After')) || 60 };
  if (!res.ok) return { kind: 'failed' };
  const session = readSession(await res.json().catch(() => undefined));
  return session ? { kind: 'signed-in', session } : { kind: 'failed' };
}

/** Whether the server offers "Sign in with Microsoft" (single sign-on); false when it cannot be asked. */
export async function singleSignOnEnabled(): Promise<boolean> {
  try {
    const res = await fetch('/api/auth/sso', { credentials: 'same-origin' });
    return res.ok && ((await res.json()) as { enabled?: unknown }).enabled === true;
  } catch {
    return false;
  }
}

/** Where the browser goes to sign in with Microsoft; it comes back to the studio signed in, or with `?sso-error=<code>`. */
export const singleSignOnStart = '/api/auth/sso/start';

/** The session this browser already has, if any. */
export async function currentSession(): Promise<SignedIn | undefined> {
  try {
    const res = await fetch('/api/auth/me', { credentials: 'same-origin' });
    return res.ok ? readSession(await res.json()) : undefined;
  } catch {
    return undefined;
  }
}

/** Ends this browser's session. */
export async function signOut(session: SignedIn): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': session.csrfToken } }).catch(() => undefined);
}
