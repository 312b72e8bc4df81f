/**
 * The part of the Bot Framework connector API the bot calls back at its `serviceUrl`
 * (`/directline-connector/`): send and reply, update, delete, and list members. In local anonymous
 * mode these calls carry no authentication, so they are taken only from this machine, and never
 * through a proxy or from a browser page. An activity over the bot's limits is refused with 413;
 * what is stored and shown is the masked copy.
 */
import type { Request, Server } from 'restify';
import { z } from 'zod';
import { assertWithinLimits } from './activityLimits';
import { transientActivityId } from './conversationRecord';
import type { DirectLineContext } from './directLineContext';
import { DirectLineError } from './directLineErrors';
import { conversationIdOf, directLineRoute } from './directLineRoute';
import { isLoopbackAddress } from './isLoopbackAddress';
import { keptBotActivity } from './keptActivity';
import type { WireAccount, WireActivity } from './wireActivity';

const accountSchema = z.looseObject({ id: z.string().min(1), name: z.string().optional() });
const botActivitySchema = z.looseObject({ type: z.string().min(1).max(64), recipient: accountSchema.optional() });

/** Base path of the connector emulation; the bot's `serviceUrl` is `${internalBaseUrl}/directline-connector/`. */
export const connectorBasePath = '/directline-connector';

/** Registers the connector routes the bot calls back. */
export function registerConnectorRoutes(server: Server, ctx: DirectLineContext): void {
  const base = `${connectorBasePath}/v3/conversations/:conversationId`;
  const route = (handler: Parameters<typeof directLineRoute>[1]) =>
    directLineRoute(ctx, async (req, res) => {
      assertLocalBot(ctx, req);
      await handler(req, res);
    });

  const send = route(async (req, res) => {
    const conversationId = conversationIdOf(req);
    const record = await ctx.store.require(conversationId);
    const replyToId = activityIdOf(req);
    const sent = botActivity(ctx, req.body, conversationId, record.user);
    const build = (id: string): WireActivity => keptBotActivity({ ...sent, id, timestamp: ctx.now().toISOString(), ...(replyToId ? { replyToId } : {}) });
    // Typing reaches open streams but is not stored (Direct Line does not return it from GET).
    const activity =
      sent.type === 'typing'
        ? await publishTyping(ctx, conversationId, build(transientActivityId(conversationId)))
        : await ctx.store.append(conversationId, build);
    res.send(200, { id: activity.id });
  });
  server.post(`${base}/activities`, send);
  server.post(`${base}/activities/:activityId`, send);

  server.put(
    `${base}/activities/:activityId`,
    route(async (req, res) => {
      const conversationId = conversationIdOf(req);
      const record = await ctx.store.require(conversationId);
      const activityId = requireActivityId(req);
      const next = botActivity(ctx, req.body, conversationId, record.user);
      await ctx.store.replace(conversationId, activityId, (old) =>
        keptBotActivity({
          ...next,
          id: activityId,
          timestamp: old.timestamp,
          ...(old.replyToId ? { replyToId: old.replyToId } : {}),
        }),
      );
      res.send(200, { id: activityId });
    }),
  );

  server.del(
    `${base}/activities/:activityId`,
    route(async (req, res) => {
      await ctx.store.remove(conversationIdOf(req), requireActivityId(req));
      res.send(200);
    }),
  );

  const members = route(async (req, res) => {
    const record = await ctx.store.require(conversationIdOf(req));
    const list: WireAccount[] = record.user ? [ctx.botAccount, record.user] : [ctx.botAccount];
    res.send(200, list);
  });
  server.get(`${base}/members`, members);
  server.get(`${base}/activities/:activityId/members`, members);
}

/** Throws 403 unless the request comes straight from this machine and not from a browser page. */
function assertLocalBot(ctx: DirectLineContext, req: Request): void {
  if (ctx.state() === 'closed') throw new DirectLineError('WL_DL_CLOSED');
  const viaProxy = req.header('x-forwarded-for') || req.header('forwarded');
  // Browsers always send Origin on POST/PUT/DELETE; the bot's connector client never does.
  const fromPage = req.header('origin');
  if (!isLoopbackAddress(req.socket.remoteAddress) || viaProxy || fromPage) {
    ctx.log.warn({ remoteAddress: req.socket.remoteAddress, viaProxy: Boolean(viaProxy), fromPage: Boolean(fromPage) }, 'direct line connector call refused');
    throw new DirectLineError('WL_DL_CONNECTOR_LOCAL_ONLY');
  }
}

/** The activity the bot sent, within the bot's limits: from the bot, in this conversation, on the directline channel. */
function botActivity(ctx: DirectLineContext, body: unknown, conversationId: string, user: WireAccount | undefined): WireActivity {
  const parsed = botActivitySchema.safeParse(body);
  if (!parsed.success) throw new DirectLineError('WL_DL_BAD_ACTIVITY');
  try {
    assertWithinLimits(parsed.data, ctx.limits.bot, "The bot's activity");
  } catch (err) {
    // A bot that sends too much is a defect to fix, not a client mistake: say so at warn level.
    if (err instanceof DirectLineError) ctx.log.warn({ conversationId, code: err.code, reason: err.message }, 'direct line refused an activity from the bot');
    throw err;
  }
  const { serviceUrl: _serviceUrl, recipient, ...rest } = parsed.data;
  const to = recipient ?? user;
  return {
    ...rest,
    channelId: 'directline',
    conversation: { id: conversationId },
    from: ctx.botAccount,
    ...(to ? { recipient: to } : {}),
  };
}

async function publishTyping(ctx: DirectLineContext, conversationId: string, activity: WireActivity): Promise<WireActivity> {
  await ctx.store.publishTransient(conversationId, activity);
  return activity;
}

function activityIdOf(req: Request): string | undefined {
  const id = (req.params as Record<string, unknown> | undefined)?.activityId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

function requireActivityId(req: Request): string {
  const id = activityIdOf(req);
  if (!id) throw new DirectLineError('WL_DL_ACTIVITY_NOT_FOUND');
  return id;
}
