/**
 * The guard in front of Warmline's JSON APIs: `Authorization: Bearer <code>`, compared in constant
 * time. Without a configured code the API is off (404), so nothing is exposed by default.
 */
import { timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Logger } from 'pino';
import { sendError } from './httpServer';
import { LogThrottle } from './logThrottle';

/** Which API, and the setting that turns it on, for the error messages. */
export interface AccessCodeGuard {
  /** Error code returned while the API is off, e.g. `HandoffApiDisabled`. */
  readonly disabledCode: string;
  /** The environment setting holding the code, e.g. `AGENT_ACCESS_CODE`. */
  readonly setting: string;
}

/** A check that answers 404/401 itself and returns false, or returns true for an authorised request. */
export function accessCodeCheck(accessCode: string | undefined, guard: AccessCodeGuard, log: Logger): (req: restify.Request, res: restify.Response) => boolean {
  // A probe sends thousands of refused requests: log the first, then a count per minute.
  const refusals = new LogThrottle(log);
  return (req, res) => {
    if (!accessCode) {
      sendError(res, 404, guard.disabledCode, `This API is off. Set ${guard.setting} to turn it on.`);
      return false;
    }
    const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(accessCode);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      refusals.warn({ api: guard.disabledCode }, 'API request refused: no valid access code');
      sendError(res, 401, 'Unauthorized', `Send Authorization: Bearer <${guard.setting}>.`);
      return false;
    }
    return true;
  };
}
