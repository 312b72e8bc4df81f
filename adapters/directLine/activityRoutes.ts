/**
 * `POST /v3/directline/conversations/:id/activities`: a client sends an activity. It is checked
 * against the limits (nothing is stored from a refused one), stamped, stored and echoed to the
 * conversation first in its kept, masked form (Web Chat marks a message sent when its
 * `channelData.clientActivityID` comes back), then delivered to the bot as posted; the client gets
 * `{ id }` once the bot accepted it, or 502 with the activity still in the conversation.
 */
import type { Server } from 'restify';
import { parseClientActivity, resolveSender, stampClientActivity } from './clientActivity';
import { transientActivityId } from './conversationRecord';
import type { DirectLineContext } from './directLineContext';
import { conversationRequest, directLineRoute } from './directLineRoute';
import { keptClientActivity } from './keptActivity';
import type { WireActivity } from './wireActivity';

/** Registers the route clients post activities to. */
export function registerActivityRoutes(server: Server, ctx: DirectLineContext): void {
  server.post(
    '/v3/directline/conversations/:conversationId/activities',
    directLineRoute(
      ctx,
      async (req, res) => {
        const { caller, conversationId, record } = await conversationRequest(ctx, req);
        const posted = parseClientActivity(req.body, ctx.maxMessageChars, ctx.limits.client);
        const from = resolveSender(posted, caller, record);
        const timestamp = ctx.now();
        const stamp = (activityId: string): WireActivity =>
          stampClientActivity(posted, { activityId, conversationId, from, bot: ctx.botAccount, timestamp });

        // Typing is forwarded but neither stored nor echoed (Direct Line streams typing only from the bot).
        let activityId = transientActivityId(conversationId);
        if (posted.type !== 'typing') {
          await ctx.store.append(conversationId, (id) => {
            activityId = id;
            return keptClientActivity(stamp(id));
          });
        }
        // The bot reads the customer's own words this turn; it masks what it keeps on its side.
        const activity = stamp(activityId);
        ctx.log.debug({ conversationId, activityId: activity.id, type: activity.type }, 'direct line activity from client');

        await ctx.bot.deliver({ ...activity, serviceUrl: ctx.serviceUrl() });
        res.send(200, { id: activity.id });
      },
      { cors: true },
    ),
  );
}
