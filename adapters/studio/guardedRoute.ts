/**
 * The shape of every studio route: the guard first (401/403 answered by it), then the route's work,
 * and any error it throws answered by the area's own mapping to `{code, message}`, never a 500 page.
 */
import type restify from 'restify';
import type { Role } from '../../accounts/roles';
import type { StudioCaller, StudioGuard } from './studioGuard';

/** What a route does once the caller is known. */
export type StudioWork = (req: restify.Request, res: restify.Response, caller: StudioCaller) => Promise<void>;

/** Answers an error the work threw (or throws it on, for restify's own 500). */
export type StudioErrorAnswer = (res: restify.Response, error: unknown) => void;

/** A restify handler that admits `roles` (every signed-in role when empty) and runs `work`. */
export function guardedRoute(guard: StudioGuard, roles: readonly Role[], work: StudioWork, answerError: StudioErrorAnswer) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const caller = await guard.requireRole(req, res, ...roles);
    if (!caller) return;
    try {
      await work(req, res, caller);
    } catch (error) {
      answerError(res, error);
    }
  };
}
