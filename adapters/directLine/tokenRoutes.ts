/**
 * Direct Line token routes: `POST /v3/directline/tokens/generate` (with the secret) and
 * `POST /v3/directline/tokens/refresh` (with a token; the token refreshed stops working).
 */
import type { Server } from 'restify';
import { z } from 'zod';
import { newConversationId, newUserId } from './conversationRecord';
import type { DirectLineContext } from './directLineContext';
import { DirectLineError } from './directLineErrors';
import type { DirectLineTokens } from './directLineTokens';
import { assertOpen, callerOf, directLineRoute } from './directLineRoute';
import type { WireAccount } from './wireActivity';

/** Direct Line's answer to token generation and refresh. */
export interface TokenResponse {
  readonly conversationId: string;
  readonly token: string;
  readonly expires_in: number;
}

const userSchema = z.object({ id: z.string().min(1).max(256).optional(), name: z.string().max(256).optional() });
const userBodySchema = z.looseObject({ user: userSchema.optional() });

/** The user a token or start request asks for; either part may be missing. */
export interface UserRequest {
  readonly id?: string;
  readonly name?: string;
}

/** Reads the optional `{ user: { id, name } }` of a token or start request; throws 400 when the body is not of that shape. */
export function parseUserBody(body: unknown): UserRequest | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  const parsed = userBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new DirectLineError('WL_DL_BAD_REQUEST', 'The body must be empty or {"user":{"id":"...","name":"..."}} with strings of up to 256 characters.');
  }
  return parsed.data.user;
}

/** Signs a token for a new conversation; a user without an id gets a generated `dl_` id. */
export function issueStartToken(tokens: DirectLineTokens, user?: UserRequest): TokenResponse {
  const conversationId = newConversationId();
  const account: WireAccount = { id: user?.id || newUserId(), ...(user?.name ? { name: user.name } : {}) };
  const issued = tokens.issue(conversationId, account);
  return { conversationId, token: issued.token, expires_in: issued.expiresIn };
}

/** Registers the token routes. */
export function registerTokenRoutes(server: Server, ctx: DirectLineContext): void {
  server.post(
    '/v3/directline/tokens/generate',
    directLineRoute(
      ctx,
      async (req, res) => {
        assertOpen(ctx);
        if (callerOf(ctx, req).kind !== 'secret') throw new DirectLineError('WL_DL_SECRET_REQUIRED');
        res.send(200, issueStartToken(ctx.tokens, parseUserBody(req.body)));
      },
      { cors: true },
    ),
  );

  server.post(
    '/v3/directline/tokens/refresh',
    directLineRoute(
      ctx,
      async (req, res) => {
        assertOpen(ctx);
        const caller = callerOf(ctx, req);
        if (caller.kind !== 'token') throw new DirectLineError('WL_DL_TOKEN_REQUIRED');
        const { conversationId, user, generation } = caller.claims;
        // Recorded with the conversation, so the old token stays refused after a restart.
        const next = await ctx.store.nextTokenGeneration(conversationId, generation, user ? { user } : {});
        const issued = ctx.tokens.issue(conversationId, user, next);
        const body: TokenResponse = { conversationId, token: issued.token, expires_in: issued.expiresIn };
        res.send(200, body);
      },
      { cors: true },
    ),
  );
}
