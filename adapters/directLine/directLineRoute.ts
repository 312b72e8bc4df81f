/**
 * The shared shape of every local Direct Line route: coded errors become JSON answers, anything
 * else is logged and answered 500, and the small checks each route repeats live here once.
 */
import type { Next, Request, Response, Server } from 'restify';
import { routePath } from '../httpServer';
import type { ConversationRecord } from './conversationRecord';
import { conversationIdPattern } from './conversationRecord';
import type { DirectLineContext } from './directLineContext';
import { DirectLineError, sendDirectLineError } from './directLineErrors';
import type { DirectLineCaller } from './directLineTokens';
import { assertConversationAccess, assertTokenCurrent } from './directLineTokens';

/** A route body: answer the request or throw a {@link DirectLineError}. */
export type DirectLineHandler = (req: Request, res: Response) => Promise<void>;

/** Options of {@link directLineRoute}. */
export interface DirectLineRouteOptions {
  /** Let pages on any origin call the route (client API: credentials travel in a header, never in cookies). */
  readonly cors?: boolean;
}

/** Wraps a handler as a restify async handler with the local Direct Line's error handling. */
export function directLineRoute(
  ctx: DirectLineContext,
  handler: DirectLineHandler,
  options: DirectLineRouteOptions = {},
): (req: Request, res: Response) => Promise<void> {
  return async (req: Request, res: Response): Promise<void> => {
    if (options.cors) res.header('Access-Control-Allow-Origin', '*');
    try {
      await handler(req, res);
    } catch (err) {
      if (err instanceof DirectLineError) {
        const entry = { code: err.code, status: err.status, method: req.method, url: routePath(req) };
        if (err.status >= 500) ctx.log.warn(entry, 'direct line request failed');
        else ctx.log.debug(entry, 'direct line request rejected');
        if (!res.headersSent) sendDirectLineError(res, err);
        return;
      }
      ctx.log.error({ err, method: req.method, url: routePath(req) }, 'direct line route failed');
      if (!res.headersSent) sendDirectLineError(res, new DirectLineError('WL_DL_INTERNAL'));
    }
  };
}

/** Throws 503 once the local Direct Line has started closing. */
export function assertOpen(ctx: DirectLineContext): void {
  if (ctx.state() !== 'open') throw new DirectLineError('WL_DL_CLOSED');
}

/** The caller named by the request's `Authorization` header (401/403 when missing or invalid). */
export function callerOf(ctx: DirectLineContext, req: Request): DirectLineCaller {
  return ctx.tokens.authenticate(req.header('authorization') || undefined);
}

/** What a client route on one conversation starts from. */
export interface ConversationRequest {
  readonly caller: DirectLineCaller;
  readonly conversationId: string;
  readonly record: ConversationRecord;
}

/**
 * The checks every client route on `/conversations/:conversationId/...` makes first: open (503),
 * authenticated (401/403), allowed on this conversation (403), the conversation exists (404), and
 * the token has not been refreshed since (403).
 */
export async function conversationRequest(ctx: DirectLineContext, req: Request): Promise<ConversationRequest> {
  assertOpen(ctx);
  const caller = callerOf(ctx, req);
  const conversationId = conversationIdOf(req);
  assertConversationAccess(caller, conversationId);
  const record = await ctx.store.require(conversationId);
  assertTokenCurrent(caller, record);
  return { caller, conversationId, record };
}

/** The `:conversationId` route parameter; 404 when it cannot be a conversation id. */
export function conversationIdOf(req: Request): string {
  const params = req.params as Record<string, unknown> | undefined;
  const id = params?.conversationId;
  if (typeof id !== 'string' || !conversationIdPattern.test(id)) throw new DirectLineError('WL_DL_CONVERSATION_NOT_FOUND');
  return id;
}

/** A query parameter as parsed by restify's queryParser (a string, an array when repeated, or undefined). */
export function queryParam(req: Request, name: string): unknown {
  const query = req.query as Record<string, unknown> | undefined;
  return query?.[name];
}

/** Answers CORS preflight requests for the client API, so Web Chat on another origin can call it. */
export function registerClientPreflight(server: Server): void {
  server.opts('/v3/directline/*', (_req: Request, res: Response, next: Next) => {
    res.header('Access-Control-Allow-Origin', '*');
    res.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
    next();
  });
}
