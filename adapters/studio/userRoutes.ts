/**
 * The accounts API of Warmline Studio: admins list, add, re-role, disable, enable users and reset
 * their passwords (`/api/users`); every signed-in user makes, lists and revokes their own API tokens
 * (`/api/auth/tokens`). Thin: the rules and the audit log are in accounts/accountAdmin.ts; this reads
 * requests and answers `{code, message}` errors with the accounts' stable codes.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AccountError, accountErrorCodes } from '../../accounts/accountErrors';
import type { AccountErrorCode } from '../../accounts/accountErrors';
import type { AccountAdmin } from '../../accounts/accountAdmin';
import { sendError } from '../httpServer';
import type { StudioCaller, StudioGuard } from './studioGuard';

/** What the routes use. */
export interface UserRoutesDeps {
  readonly guard: StudioGuard;
  readonly admin: AccountAdmin;
  readonly logger: Logger;
}

const newUser = z.strictObject({ name: z.string().max(200), role: z.string().max(40), password: z.string().max(1024) });
const userChange = z.strictObject({ role: z.string().max(40).optional(), disabled: z.boolean().optional() }).refine((b) => b.role !== undefined || b.disabled !== undefined);
const newPassword = z.strictObject({ password: z.string().max(1024) });
const newToken = z.strictObject({ name: z.string().max(200), expiresInDays: z.number().int().optional() });

/** HTTP status of each account error (400 for the rest: bad name, role, password, token name or lifetime). */
const statusOf: Partial<Record<AccountErrorCode, number>> = {
  [accountErrorCodes.exists]: 409,
  [accountErrorCodes.conflict]: 409,
  [accountErrorCodes.lastAdmin]: 409,
  [accountErrorCodes.selfDisable]: 409,
  [accountErrorCodes.external]: 409,
  [accountErrorCodes.tooManyTokens]: 409,
  [accountErrorCodes.unknownUser]: 404,
  [accountErrorCodes.unknownToken]: 404,
  [accountErrorCodes.damaged]: 500,
};

/** Answers an {@link AccountError} with its status and code; rethrows anything else. */
export function sendAccountError(res: restify.Response, error: unknown): void {
  if (!(error instanceof AccountError)) throw error;
  sendError(res, statusOf[error.code] ?? 400, error.code, error.message);
}

/** Registers `/api/users…` (admins) and `/api/auth/tokens…` (every signed-in user). */
export function registerUserRoutes(server: restify.Server, deps: UserRoutesDeps): void {
  const log = deps.logger.child({ area: 'studio-accounts' });
  const { guard, admin } = deps;
  type Work = (req: restify.Request, res: restify.Response, caller: StudioCaller) => Promise<void>;
  const run = (adminOnly: boolean, work: Work) => async (req: restify.Request, res: restify.Response) => {
    const caller = adminOnly ? await guard.requireRole(req, res, 'admin') : await guard.requireRole(req, res);
    if (!caller) return;
    try {
      await work(req, res, caller);
    } catch (error) {
      sendAccountError(res, error);
    }
  };
  const nameOf = (req: restify.Request): string => String((req.params as { name?: unknown }).name ?? '');

  server.get('/api/users', run(true, async (_req, res) => {
    res.send(200, { users: await admin.accounts.list() });
  }));

  server.post('/api/users', run(true, async (req, res, caller) => {
    const body = newUser.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'InvalidUser', 'Send JSON {"name", "role", "password"} (strings).');
    const user = await admin.add(caller.session.user, body.data.name, body.data.role, body.data.password);
    log.info({ by: caller.session.user, user: user.name, role: user.role }, 'account added');
    res.send(201, { user });
  }));

  server.patch('/api/users/:name', run(true, async (req, res, caller) => {
    const body = userChange.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'InvalidUserChange', 'Send JSON {"role"?: "<role>", "disabled"?: true|false}, at least one of them.');
    const by = caller.session.user;
    let user = body.data.role === undefined ? undefined : await admin.setRole(by, nameOf(req), body.data.role);
    if (body.data.disabled !== undefined) user = await admin.setDisabled(by, nameOf(req), body.data.disabled);
    log.info({ by, user: user?.name, role: user?.role, disabled: user?.disabled }, 'account changed');
    res.send(200, { user });
  }));

  server.post('/api/users/:name/password', run(true, async (req, res, caller) => {
    const body = newPassword.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'InvalidPassword', 'Send JSON {"password": "<new password>"}.');
    const user = await admin.resetPassword(caller.session.user, nameOf(req), body.data.password);
    log.info({ by: caller.session.user, user: user.name }, 'password reset; the user’s sessions ended');
    res.send(200, { user });
  }));

  server.get('/api/auth/tokens', run(false, async (_req, res, caller) => {
    res.send(200, { tokens: await admin.tokens.list(caller.session.user) });
  }));

  server.post('/api/auth/tokens', run(false, async (req, res, caller) => {
    // A token cannot make tokens: one that leaks must not be able to outlive its revocation.
    if (caller.via !== 'session') return sendError(res, 403, 'SessionRequired', 'API tokens are made in a signed-in session (the studio), not with another token.');
    const body = newToken.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'InvalidToken', 'Send JSON {"name": "<what it is for>", "expiresInDays"?: <whole days>}.');
    const made = await admin.createToken(caller.session.user, caller.session.user, body.data.name, body.data.expiresInDays);
    log.info({ user: made.info.user, tokenId: made.info.id }, 'API token made');
    res.send(201, { token: made.token, ...made.info });
  }));

  server.del('/api/auth/tokens/:id', run(false, async (req, res, caller) => {
    const id = String((req.params as { id?: unknown }).id ?? '');
    const revoked = await admin.revokeToken(caller.session.user, caller.session.user, id);
    log.info({ user: revoked.user, tokenId: revoked.id }, 'API token revoked');
    res.send(204);
  }));
}
