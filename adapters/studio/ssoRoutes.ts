/**
 * Single sign-on to Warmline Studio with Microsoft Entra ID (OpenID Connect, authorization code flow
 * with PKCE, state and nonce): `GET /api/auth/sso` (is it on), `GET /api/auth/sso/start` (off to the
 * provider) and `GET /api/auth/sso/callback` (back, signed in: the same session cookie and CSRF token
 * as a password sign-in). openid-client speaks the protocol and checks the ID token, its signature
 * included; accounts/ssoSignIn.ts decides who the person is here. Tokens are never logged or shown.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import * as oidc from 'openid-client';
import type { SsoAttempts } from '../../accounts/ssoAttempts';
import { ssoAttemptLifetimeMs } from '../../accounts/ssoAttempts';
import type { SsoClaims, SsoSignIn } from '../../accounts/ssoSignIn';
import type { StudioSessions } from '../../accounts/studioSessions';
import type { SsoSettings } from '../../config';
import { sendError } from '../httpServer';
import { cookieValueOf, sessionCookie, sessionTokenOf } from './sessionCookie';

/** What the routes use; without `settings` single sign-on is off and only `GET /api/auth/sso` answers. */
export interface SsoRoutesDeps {
  readonly settings: SsoSettings | undefined;
  readonly signIn: SsoSignIn;
  readonly attempts: SsoAttempts;
  readonly sessions: StudioSessions;
  readonly secureCookie: boolean;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** The cookie that ties a callback to the browser that started the sign-in (Lax: the provider's redirect back is a cross-site navigation). */
const binderCookieName = 'warmline_sso';
const binderPath = '/api/auth/sso/';
/** Where a browser lands after signing in, and where it is told what went wrong. */
const studioPath = '/studio/';

/** Registers the single sign-on routes. */
export function registerSsoRoutes(server: restify.Server, deps: SsoRoutesDeps): void {
  const log = deps.logger.child({ area: 'studio-sso' });
  const { settings } = deps;

  server.get('/api/auth/sso', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { enabled: settings !== undefined });
  });
  if (!settings) return;
  const provider = new ProviderConfiguration(settings);

  server.get('/api/auth/sso/start', async (req: restify.Request, res: restify.Response) => {
    const configuration = await provider.get().catch((error: unknown) => {
      log.error({ err: errorSummary(error) }, 'single sign-on: the provider could not be reached');
      return undefined;
    });
    if (!configuration) {
      refuse(req, res, 502, 'SsoUnavailable', 'The sign-in service could not be reached. Try again in a minute, or sign in with a password.');
      return;
    }
    const attempt = await deps.attempts.begin();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUrl,
      scope: 'openid profile email',
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
    });
    res.setHeader('Set-Cookie', binderCookie(attempt.binder, ssoAttemptLifetimeMs / 1000, deps.secureCookie));
    res.setHeader('Cache-Control', 'no-store');
    redirect(res, url.href);
  });

  server.get('/api/auth/sso/callback', async (req: restify.Request, res: restify.Response) => {
    const query = new URL(req.url ?? '/', 'http://callback.invalid').searchParams;
    res.setHeader('Cache-Control', 'no-store');
    const attempt = await deps.attempts.take(query.get('state') ?? undefined, cookieValueOf(req.headers.cookie, binderCookieName));
    if (!attempt) {
      log.info('single sign-on refused: unknown, expired or foreign state');
      refuse(req, res, 400, 'SsoStateInvalid', 'This sign-in link has expired or was not started in this browser. Start again from the sign-in page.');
      return;
    }
    // The binder is spent: remove its cookie whatever happens next.
    const cleared = binderCookie('', 0, deps.secureCookie);
    let claims: SsoClaims | undefined;
    try {
      const currentUrl = new URL(settings.redirectUrl);
      currentUrl.search = query.toString();
      const tokens = await oidc.authorizationCodeGrant(await provider.get(), currentUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: query.get('state') ?? '',
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      log.warn({ err: errorSummary(error) }, 'single sign-on refused: the provider’s answer did not check out');
    }
    if (!claims) {
      refuse(req, res, 401, 'SsoFailed', 'Signing in with Microsoft did not succeed. Start again from the sign-in page.', cleared);
      return;
    }
    const result = await deps.signIn.signIn(claims as unknown as SsoClaims);
    if (result.status === 'noRole') {
      log.info('single sign-on refused: no roster agent and no mapped group');
      refuse(req, res, 403, 'SsoNoRole', 'Your Microsoft account has no role in Warmline Studio. Ask an admin to add you to a group that has one.', cleared);
      return;
    }
    if (result.status === 'disabled') {
      log.info({ user: result.user }, 'single sign-on refused: account disabled');
      refuse(req, res, 403, 'AccountDisabled', 'This account is disabled. Ask an admin to enable it.', cleared);
      return;
    }
    if (result.status === 'conflict') {
      log.warn({ user: result.user }, 'single sign-on refused: the name belongs to another account');
      refuse(req, res, 403, 'SsoAccountConflict', `The account "${result.user}" exists already and does not sign in with Microsoft. Ask an admin.`, cleared);
      return;
    }
    const earlier = sessionTokenOf(req.headers.cookie);
    if (earlier !== undefined) await deps.sessions.end(earlier);
    const { session } = result;
    log.info({ user: session.user, role: session.role, created: result.created }, 'signed in with single sign-on');
    res.setHeader('Set-Cookie', [sessionCookie(session.token, (session.expiresAt - deps.now().getTime()) / 1000, deps.secureCookie), cleared]);
    redirect(res, studioPath);
  });
}

/** The provider's discovered configuration, fetched once (again after a failure). */
class ProviderConfiguration {
  private pending: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: SsoSettings) {}

  get(): Promise<oidc.Configuration> {
    this.pending ??= this.discover().catch((error: unknown) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  private async discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuerUrl);
    // Plain http only reaches a provider on this machine (config.ts allows nothing else): a test one.
    const options = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
    const configuration = await oidc.discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, options);
    // Check the ID token's signature against the provider's keys too, not only its claims.
    oidc.enableNonRepudiationChecks(configuration);
    return configuration;
  }
}

/** Answers a refused callback: a browser goes back to the studio, which says why; a program gets the coded error. */
function refuse(req: restify.Request, res: restify.Response, status: number, code: string, message: string, cookie?: string): void {
  if (cookie) res.setHeader('Set-Cookie', cookie);
  if ((req.headers.accept ?? '').includes('text/html')) {
    redirect(res, `${studioPath}?sso-error=${encodeURIComponent(code)}`);
    return;
  }
  sendError(res, status, code, message);
}

function redirect(res: restify.Response, location: string): void {
  res.setHeader('Location', location);
  res.send(302);
}

function binderCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${binderCookieName}=${value}`, `Path=${binderPath}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, ...(secure ? ['Secure'] : [])].join('; ');
}

/** An error's name and code for the log: never its message or cause, which may quote a token. */
function errorSummary(error: unknown): { name: string; code?: string } {
  const e = error as { name?: unknown; code?: unknown } | null;
  return { name: typeof e?.name === 'string' ? e.name : 'Error', ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
}
