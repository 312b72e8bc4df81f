/**
 * The guard in front of Warmline's JSON APIs (handoffs, offers). With accounts, a caller proves who
 * they are like anywhere in the studio: a signed-in session or a per-user API token
 * (`Authorization: Bearer wlt_…`) with one of the roles the API admits. The shared access code of
 * the settings (`Authorization: Bearer <code>`, compared in constant time) still works, as a
 * deprecated fallback that logs a warning the first time it is used. Without accounts (a host
 * wiring the API alone) the code is the only way in, and without a code the API is off (404).
 */
import { timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Logger } from 'pino';
import type { Role } from '../accounts/roles';
import { sendError } from './httpServer';
import { LogThrottle } from './logThrottle';
import { bearerTokenOf } from './studio/studioGuard';
import type { StudioGuard } from './studio/studioGuard';

/** Which API, and the setting that turns it on, for the error messages. */
export interface AccessCodeGuard {
  /** Error code returned while the API is off, e.g. `HandoffApiDisabled`. */
  readonly disabledCode: string;
  /** The environment setting holding the code, e.g. `AGENT_ACCESS_CODE`. */
  readonly setting: string;
}

/** How callers of an API prove who they are. */
export interface ApiAccess {
  /** Studio accounts (sessions and API tokens); undefined when the host has none. */
  readonly guard?: Pick<StudioGuard, 'requireRole'>;
  /** The shared access code of the settings (deprecated once accounts exist). */
  readonly code?: string;
}

/** A check that answers 401/403/404 itself and resolves false, or resolves true for an authorised request. */
export type ApiAccessCheck = (req: restify.Request, res: restify.Response) => Promise<boolean>;

/** True when `given` is `expected`, compared in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The check for an API that admits `roles` (and, deprecated, the shared code). */
export function apiAccessCheck(access: ApiAccess, roles: readonly Role[], guard: AccessCodeGuard, log: Logger): ApiAccessCheck {
  const { guard: accounts, code } = access;
  if (!accounts) {
    const byCode = accessCodeCheck(code, guard, log);
    return (req, res) => Promise.resolve(byCode(req, res));
  }
  let warned = false;
  return async (req, res) => {
    const given = bearerTokenOf(req);
    if (code && given !== undefined && sameSecret(given, code)) {
      if (!warned) {
        warned = true;
        log.warn({ setting: guard.setting }, `${guard.setting} is deprecated: give each program its own API token (a studio account with the right role, POST /api/auth/tokens or npm run users -- token add) and unset ${guard.setting}`);
      }
      return true;
    }
    return (await accounts.requireRole(req, res, ...roles)) !== undefined;
  };
}

/** A check by the shared code alone: answers 404/401 itself and returns false, or returns true for an authorised request. */
export function accessCodeCheck(accessCode: string | undefined, guard: AccessCodeGuard, log: Logger): (req: restify.Request, res: restify.Response) => boolean {
  // A probe sends thousands of refused requests: log the first, then a count per minute.
  const refusals = new LogThrottle(log);
  return (req, res) => {
    if (!accessCode) {
      sendError(res, 404, guard.disabledCode, `This API is off. Set ${guard.setting} to turn it on.`);
      return false;
    }
    if (!sameSecret(bearerTokenOf(req) ?? '', accessCode)) {
      refusals.warn({ api: guard.disabledCode }, 'API request refused: no valid access code');
      sendError(res, 401, 'Unauthorized', `Send Authorization: Bearer <${guard.setting}>.`);
      return false;
    }
    return true;
  };
}
