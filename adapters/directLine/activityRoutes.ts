/**
 * `POST /v3/directline/conversations/:id/activities`: a client sends an activity. It is stamped,
 * stored and echoed to the conversation first (Web Chat marks a message sent when its
 * `channelData.clientActivityID` comes back), then delivered to the bot; the client gets `{ id }`
 * once the bot accepted it, or 502 with the activity still in the conversation.
 */
import type { Server } from 'restify';
import { parseClientActivity, resolveSender, stampClientActivity } from './clientActivity';
import { transientActivityId } from './conversationRecord';
import type { DirectLineContext } from './directLineContext';
import { conversationRequest, directLineRoute } from './directLineRoute';
import type { WireActivity } from './wireActivity';

/** Registers the route clients post activities to. */
export function registerActivityRoutes(server: Server, ctx: DirectLineContext): void {
  server.post(
    '/v3/directline/conversations/:conversationId/activities',
    directLineRoute(
      ctx,
      async (req, res) => {
        const { caller, conversationId, record } = await conversationRequest(ctx, req);
        const posted = parseClientActivity(req.body, ctx.maxMessageChars);
        const from = resolveSender(posted, caller, record);
        const stamp = (activityId: string): WireActivity =>
          stampClientActivity(posted, { activityId, conversationId, from, bot: ctx.botAccount, timestamp: ctx.now() });

        // Typing is forwarded but neither stored nor echoed (Direct Line streams typing only from the bot).
        const activity =
          posted.type === 'typing'
            ? stamp(transientActivityId(conversationId))
            : await ctx.store.append(conversationId, stamp);
        ctx.log.debug({ conversationId, activityId: activity.id, type: activity.type }, 'direct line activity from client');

        await ctx.bot.deliver({ ...activity, serviceUrl: ctx.serviceUrl() });
        res.send(200, { id: activity.id });
      },
      { cors: true },
    ),
  );
}
