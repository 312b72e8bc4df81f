/** One call to the bot's JSON API as a signed-in page makes it: same origin, the CSRF token on every request. */
import type { SignedIn } from './session';

/** What a call came to: the answer's body, or the error code the server gave (`Failed` when it gave none). */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: string; readonly message?: string };

/** Calls `path` with `method` (and a JSON `body`); never throws. */
export async function call<T>(session: SignedIn, method: string, path: string, body?: unknown): Promise<Outcome<T>> {
  try {
    const headers: Record<string, string> = { 'X-CSRF-Token': session.csrfToken };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, { method, credentials: 'same-origin', headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return { ok: true, value: answer as T };
    return { ok: false, code: typeof answer.code === 'string' ? answer.code : 'Failed', ...(typeof answer.message === 'string' ? { message: answer.message } : {}) };
  } catch {
    return { ok: false, code: 'Failed' };
  }
}
