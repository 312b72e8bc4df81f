/**
 * The Warmline Studio sign-in API: `POST /api/auth/login`, `POST /api/auth/logout`,
 * `POST /api/auth/logout-everywhere`, `GET /api/auth/me`, and `GET /api/auth/users` (admins).
 * Thin: the decisions are in accounts/; this reads requests and writes answers and cookies.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { SignIn } from '../../accounts/signIn';
import type { ActiveSession, StudioSessions } from '../../accounts/studioSessions';
import type { UserAccounts } from '../../accounts/userAccounts';
import { sendError } from '../httpServer';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './sessionCookie';
import type { StudioGuard } from './studioGuard';

/** What the routes use. */
export interface AuthRoutesDeps {
  readonly accounts: UserAccounts;
  readonly sessions: StudioSessions;
  readonly signIn: SignIn;
  readonly guard: StudioGuard;
  /** The cookie is `Secure` (the public URL is https). */
  readonly secureCookie: boolean;
  readonly now: () => Date;
  readonly logger: Logger;
}

const loginBody = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

/** Registers the sign-in routes. */
export function registerAuthRoutes(server: restify.Server, deps: AuthRoutesDeps): void {
  const log = deps.logger.child({ area: 'studio-auth' });
  const { guard, secureCookie } = deps;

  server.post('/api/auth/login', async (req: restify.Request, res: restify.Response) => {
    const body = loginBody.safeParse(req.body);
    if (!body.success) {
      sendError(res, 400, 'InvalidLogin', 'Send JSON {"username": "...", "password": "..."}.');
      return;
    }
    const address = req.socket?.remoteAddress ?? 'unknown';
    const result = await deps.signIn.attempt(body.data.username, body.data.password, address);
    if (result.status === 'limited') {
      log.warn({ address }, 'sign-in refused: too many failures');
      res.setHeader('Retry-After', String(result.retryAfterSeconds));
      sendError(res, 429, 'TooManyAttempts', `Too many failed sign-ins. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minute(s).`);
      return;
    }
    if (result.status === 'refused') {
      // The name is not logged: people type passwords into the name field.
      log.info({ address }, 'sign-in refused: wrong user name or password');
      sendError(res, 401, 'InvalidCredentials', 'The user name or password is not right.');
      return;
    }
    if (result.status === 'disabled') {
      log.info({ user: result.user, address }, 'sign-in refused: account disabled');
      sendError(res, 403, 'AccountDisabled', 'This account is disabled. Ask an admin to enable it.');
      return;
    }
    const earlier = sessionTokenOf(req.headers.cookie);
    if (earlier !== undefined) await deps.sessions.end(earlier);
    const { session } = result;
    log.info({ user: session.user, role: session.role, address }, 'signed in');
    res.setHeader('Set-Cookie', sessionCookie(session.token, (session.expiresAt - deps.now().getTime()) / 1000, secureCookie));
    res.send(200, describe(session));
  });

  server.post('/api/auth/logout', async (req: restify.Request, res: restify.Response) => {
    // Signing out of a session that has already ended is done; one still live needs its CSRF token.
    const checked = await guard.check(req);
    if (!('session' in checked) && checked.refused !== 'notSignedIn') {
      guard.refuse(req, res, checked);
      return;
    }
    if ('session' in checked && checked.via === 'session') {
      await deps.sessions.end(checked.token);
      log.info({ user: checked.session.user }, 'signed out');
    }
    res.setHeader('Set-Cookie', clearedSessionCookie(secureCookie));
    res.send(204);
  });

  server.post('/api/auth/logout-everywhere', async (req: restify.Request, res: restify.Response) => {
    const caller = await guard.requireRole(req, res);
    if (!caller) return;
    await deps.accounts.endSessions(caller.session.user);
    log.info({ user: caller.session.user }, 'signed out everywhere');
    res.setHeader('Set-Cookie', clearedSessionCookie(secureCookie));
    res.send(204);
  });

  server.get('/api/auth/me', async (req: restify.Request, res: restify.Response) => {
    const caller = await guard.requireRole(req, res);
    if (!caller) return;
    res.send(200, caller.via === 'session' ? describe(caller.session) : { user: caller.session.user, role: caller.session.role, via: 'token' });
  });

  server.get('/api/auth/users', async (req: restify.Request, res: restify.Response) => {
    if (!(await guard.requireRole(req, res, 'admin'))) return;
    res.send(200, { users: await deps.accounts.list() });
  });
}

/** What the client is told about its session. */
function describe(session: ActiveSession): Record<string, unknown> {
  return {
    user: session.user,
    role: session.role,
    csrfToken: session.csrfToken,
    idleExpiresAt: new Date(session.idleExpiresAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
}
