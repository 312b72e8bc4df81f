/**
 * The Warmline Studio session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites
 * cannot send it), scoped to `/api/`, and Secure when the public URL is https.
 */

/** Name of the session cookie. */
export const sessionCookieName = 'warmline_session';

/** The `Set-Cookie` value that stores `token` for `maxAgeSeconds`. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${sessionCookieName}=${token}`, 'Path=/api/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, ...(secure ? ['Secure'] : [])].join('; ');
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

/** The session token in a `Cookie` header, or undefined. */
export function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  return cookieValueOf(cookieHeader, sessionCookieName);
}

/** The value of the cookie `name` in a `Cookie` header, or undefined when it is absent or empty. */
export function cookieValueOf(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}
