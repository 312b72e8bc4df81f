/**
 * Direct Line conversation routes: start or resume (`POST /v3/directline/conversations`),
 * reconnect (`GET .../conversations/:id`), read activities (`GET .../activities?watermark=`), and
 * a clear refusal of file uploads.
 */
import type { Server } from 'restify';
import { activitySetAfter, newConversationId, parseWatermark } from './conversationRecord';
import type { DirectLineContext } from './directLineContext';
import { DirectLineError } from './directLineErrors';
import { assertOpen, callerOf, conversationRequest, directLineRoute, queryParam } from './directLineRoute';
import { assertTokenCurrent } from './directLineTokens';
import { parseUserBody } from './tokenRoutes';
import type { WireAccount } from './wireActivity';

/** Direct Line's `Conversation` object, the answer to start and reconnect. */
export interface ConversationResponse {
  readonly conversationId: string;
  readonly token: string;
  readonly expires_in: number;
  readonly streamUrl: string;
  readonly referenceGrammarId: string;
}

/** Registers the conversation routes. */
export function registerConversationRoutes(server: Server, ctx: DirectLineContext): void {
  const route = (handler: Parameters<typeof directLineRoute>[1]) => directLineRoute(ctx, handler, { cors: true });

  server.post(
    '/v3/directline/conversations',
    route(async (req, res) => {
      assertOpen(ctx);
      const caller = callerOf(ctx, req);
      const requested = parseUserBody(req.body);
      // A token names its conversation and user; the body cannot change either.
      const conversationId = caller.kind === 'token' ? caller.claims.conversationId : newConversationId();
      const user: WireAccount | undefined =
        caller.kind === 'token'
          ? caller.claims.user
          : requested?.id
            ? { id: requested.id, ...(requested.name ? { name: requested.name } : {}), role: 'user' }
            : undefined;
      const { token, expiresIn } =
        caller.kind === 'token' ? { token: caller.token, expiresIn: ctx.tokens.expiresIn(caller.claims) } : ctx.tokens.issue(conversationId, user);
      const locale = localeOf(req.body);
      const { record, created } = await ctx.store.open(conversationId, { ...(user ? { user } : {}), ...(locale ? { locale } : {}) });
      assertTokenCurrent(caller, record);
      await ctx.greeter.greetIfNeeded(record);
      const body: ConversationResponse = {
        conversationId,
        token,
        expires_in: expiresIn,
        streamUrl: ctx.streamUrl(conversationId, token),
        referenceGrammarId: ctx.referenceGrammarId,
      };
      res.send(created ? 201 : 200, body);
    }),
  );

  server.get(
    '/v3/directline/conversations/:conversationId',
    route(async (req, res) => {
      const { caller, conversationId, record } = await conversationRequest(ctx, req);
      // Without a watermark, only activities after this request are streamed (as Azure does).
      const watermark = parseWatermark(queryParam(req, 'watermark')) ?? record.lastSeq;
      const { token, expiresIn } =
        caller.kind === 'token'
          ? { token: caller.token, expiresIn: ctx.tokens.expiresIn(caller.claims) }
          : ctx.tokens.issue(conversationId, record.user, record.tokenGeneration);
      const body: ConversationResponse = {
        conversationId,
        token,
        expires_in: expiresIn,
        streamUrl: ctx.streamUrl(conversationId, token, watermark),
        referenceGrammarId: ctx.referenceGrammarId,
      };
      res.send(200, body);
    }),
  );

  server.get(
    '/v3/directline/conversations/:conversationId/activities',
    route(async (req, res) => {
      const { record } = await conversationRequest(ctx, req);
      res.send(200, activitySetAfter(record, parseWatermark(queryParam(req, 'watermark'))));
    }),
  );

  server.post(
    '/v3/directline/conversations/:conversationId/upload',
    route(async (req) => {
      await conversationRequest(ctx, req);
      throw new DirectLineError('WL_DL_UPLOAD_UNSUPPORTED');
    }),
  );
}

/** The `locale` of a start request when it looks like a BCP 47 tag (e.g. `zh-CN`). */
function localeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const locale = (body as { locale?: unknown }).locale;
  return typeof locale === 'string' && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(locale) ? locale : undefined;
}
