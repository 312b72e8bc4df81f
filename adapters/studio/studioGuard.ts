/**
 * Who is calling a Warmline Studio route: the session in the cookie, the CSRF token every
 * state-changing request must carry with it, and the roles a route admits. Answers 401/403 itself
 * and returns undefined, or returns the caller.
 */
import { timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Role } from '../../accounts/roles';
import type { ActiveSession, StudioSessions } from '../../accounts/studioSessions';
import { sendError } from '../httpServer';
import { clearedSessionCookie, sessionTokenOf } from './sessionCookie';

/** A signed-in caller: the session and the token it was found by. */
export interface StudioCaller {
  readonly session: ActiveSession;
  readonly token: string;
}

/** Why {@link StudioGuard.check} refuses a request: no live session, no CSRF token, or the wrong role. */
export type StudioRefusal = { readonly refused: 'notSignedIn' } | { readonly refused: 'csrf' } | { readonly refused: 'role'; readonly role: Role };

/** Methods that change nothing; every other method must carry the CSRF token. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Checks sessions, CSRF tokens and roles for the Studio routes. */
export class StudioGuard {
  constructor(
    private readonly sessions: StudioSessions,
    private readonly secureCookie: boolean,
  ) {}

  /**
   * The caller when the request has a live session, its CSRF token when it changes state, and (when
   * `roles` are given) one of them; otherwise answers 401 or 403 and resolves undefined.
   */
  async requireRole(req: restify.Request, res: restify.Response, ...roles: Role[]): Promise<StudioCaller | undefined> {
    const checked = await this.check(req, roles);
    if ('session' in checked) return checked;
    this.refuse(req, res, checked, roles);
    return undefined;
  }

  /** Answers a refused request: 401 (clearing a dead cookie) or 403, with a coded error. */
  refuse(req: restify.Request, res: restify.Response, refusal: StudioRefusal, roles: readonly Role[] = []): void {
    if (refusal.refused === 'notSignedIn') {
      if (sessionTokenOf(req.headers.cookie) !== undefined) res.setHeader('Set-Cookie', clearedSessionCookie(this.secureCookie));
      sendError(res, 401, 'NotSignedIn', 'Sign in first: POST /api/auth/login. Sessions end after a time without use.');
    } else if (refusal.refused === 'csrf') {
      sendError(res, 403, 'CsrfTokenInvalid', 'Send the session’s CSRF token (from login or GET /api/auth/me) in the X-CSRF-Token header.');
    } else {
      sendError(res, 403, 'Forbidden', `This needs the role ${roles.join(' or ')}; you are signed in as ${refusal.role}.`);
    }
  }

  /** What {@link requireRole} decides, without answering: the caller, or why they are refused. */
  async check(req: restify.Request, roles: readonly Role[] = []): Promise<StudioCaller | StudioRefusal> {
    const token = sessionTokenOf(req.headers.cookie);
    const session = token === undefined ? undefined : await this.sessions.resolve(token);
    if (token === undefined || session === undefined) return { refused: 'notSignedIn' };
    if (!safeMethods.has(req.method ?? 'GET') && !sameToken(req.headers['x-csrf-token'], session.csrfToken)) return { refused: 'csrf' };
    if (roles.length > 0 && !roles.includes(session.role)) return { refused: 'role', role: session.role };
    return { session, token };
  }
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
