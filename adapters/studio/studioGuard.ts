/**
 * Who is calling a Warmline Studio route: a per-user API token (`Authorization: Bearer wlt_…`), or
 * the session in the cookie with the CSRF token every state-changing request must carry with it;
 * and the roles a route admits. Answers 401/403 itself and returns undefined, or returns the caller.
 * A request with a bearer token needs no CSRF token: it carries no cookie a browser adds on its own.
 */
import { timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { TokenCaller } from '../../accounts/apiTokens';
import type { Role } from '../../accounts/roles';
import type { ActiveSession, StudioSessions } from '../../accounts/studioSessions';
import { sendError } from '../httpServer';
import { clearedSessionCookie, sessionTokenOf } from './sessionCookie';

/** Who a bearer-token request acts as (there is no session, so no CSRF token or expiry). */
export interface TokenIdentity {
  readonly user: string;
  readonly role: Role;
}

/**
 * A signed-in caller: `session.user` and `session.role` are who it is, either way. `via` says how:
 * the session cookie (with the session's token) or an API token (with the token's public id).
 */
export type StudioCaller =
  | { readonly via: 'session'; readonly session: ActiveSession; readonly token: string }
  | { readonly via: 'token'; readonly session: TokenIdentity; readonly tokenId: string };

/** Why {@link StudioGuard.check} refuses a request: no live session, an unusable API token, no CSRF token, or the wrong role. */
export type StudioRefusal =
  | { readonly refused: 'notSignedIn' }
  | { readonly refused: 'badToken' }
  | { readonly refused: 'csrf' }
  | { readonly refused: 'role'; readonly role: Role };

/** What the guard checks API tokens with. */
export interface TokenResolver {
  resolve(token: string): Promise<TokenCaller | undefined>;
}

/** Methods that change nothing; every other method must carry the CSRF token. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token of an `Authorization: Bearer <token>` header, or undefined when there is none. */
export function bearerTokenOf(req: restify.Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** Checks sessions, API tokens, CSRF tokens and roles for the Studio routes. */
export class StudioGuard {
  constructor(
    private readonly sessions: StudioSessions,
    private readonly secureCookie: boolean,
    /** Per-user API tokens; without them a bearer token is refused. */
    private readonly tokens?: TokenResolver,
  ) {}

  /**
   * The caller when the request has a live API token, or a live session and (when it changes state)
   * its CSRF token, and (when `roles` are given) one of them; otherwise answers 401 or 403 and
   * resolves undefined.
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
      sendError(res, 401, 'NotSignedIn', 'Sign in first: POST /api/auth/login (sessions end after a time without use), or send an API token as Authorization: Bearer <token>.');
    } else if (refusal.refused === 'badToken') {
      sendError(res, 401, 'InvalidApiToken', 'This API token is not known: it was revoked, it expired, its user is disabled, or it was mistyped. Make a new one in the studio or with npm run users -- token add.');
    } else if (refusal.refused === 'csrf') {
      sendError(res, 403, 'CsrfTokenInvalid', 'Send the session’s CSRF token (from login or GET /api/auth/me) in the X-CSRF-Token header.');
    } else {
      sendError(res, 403, 'Forbidden', `This needs the role ${roles.join(' or ')}; you are signed in as ${refusal.role}.`);
    }
  }

  /** What {@link requireRole} decides, without answering: the caller, or why they are refused. */
  async check(req: restify.Request, roles: readonly Role[] = []): Promise<StudioCaller | StudioRefusal> {
    const bearer = bearerTokenOf(req);
    if (bearer !== undefined) {
      const found = this.tokens ? await this.tokens.resolve(bearer) : undefined;
      if (!found) return { refused: 'badToken' };
      if (roles.length > 0 && !roles.includes(found.role)) return { refused: 'role', role: found.role };
      return { via: 'token', session: { user: found.user, role: found.role }, tokenId: found.tokenId };
    }
    const token = sessionTokenOf(req.headers.cookie);
    const session = token === undefined ? undefined : await this.sessions.resolve(token);
    if (token === undefined || session === undefined) return { refused: 'notSignedIn' };
    if (!safeMethods.has(req.method ?? 'GET') && !sameToken(req.headers['x-csrf-token'], session.csrfToken)) return { refused: 'csrf' };
    if (roles.length > 0 && !roles.includes(session.role)) return { refused: 'role', role: session.role };
    return { via: 'session', session, token };
  }
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
