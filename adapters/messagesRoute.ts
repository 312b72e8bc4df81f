/**
 * `POST /api/messages`: where Bot Framework channels (Azure Bot Service, Teams, the Emulator and
 * the local Direct Line) deliver activities. Requests that cannot be an activity are refused with a
 * clear 400 before they reach the adapter; authentication is the adapter's (401 when it fails).
 */
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from 'pino';
import { sendError } from './httpServer';

/** Anything that can run a turn (an ActivityHandler). */
export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

/** Registers the messaging endpoint on a server. */
export function registerMessagesRoute(server: restify.Server, adapter: CloudAdapter, bot: TurnRunner, logger: Logger): void {
  const log = logger.child({ area: 'messages' });
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const problem = activityProblem(req.body);
    if (problem) {
      log.debug({ problem }, 'rejected activity');
      sendError(res, 400, 'InvalidActivity', problem);
      return;
    }
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      log.error({ err }, 'activity could not be processed');
      if (!res.headersSent) sendError(res, 500, 'InternalError', 'The activity could not be processed.');
    }
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Says what is wrong with a request body that should be a Bot Framework activity, or returns
 * undefined when it has what every turn needs (type, channel, conversation, where to reply).
 */
export function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'The request body must be a JSON Bot Framework activity object.';
  if (!nonEmpty(body.type)) return 'activity.type is required.';
  if (!nonEmpty(body.channelId)) return 'activity.channelId is required.';
  if (!isObject(body.conversation) || !nonEmpty(body.conversation.id)) return 'activity.conversation.id is required.';
  if (!nonEmpty(body.serviceUrl) || !/^https?:\/\//i.test(body.serviceUrl)) return 'activity.serviceUrl must be an http(s) URL.';
  if (body.from !== undefined && (!isObject(body.from) || !nonEmpty(body.from.id))) return 'activity.from.id must be a non-empty string.';
  if (body.type === 'message' && body.from === undefined) return 'A message activity needs activity.from.id.';
  if (body.text !== undefined && body.text !== null && typeof body.text !== 'string') return 'activity.text must be a string.';
  return undefined;
}
