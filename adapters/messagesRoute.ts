/**
 * `POST /api/messages`: where Bot Framework channels (Azure Bot Service, Teams, the Emulator and
 * the local Direct Line) deliver activities. Requests that cannot be an activity are refused with a
 * clear 400 before they reach the adapter; authentication is the adapter's (401 when it fails).
 * Without an app id (local anonymous mode) only this machine may deliver, replies go only to this
 * machine, and the local Direct Line's `serviceUrl` is taken only with its seal. What the sender has
 * proven (agent, hub) is worked out here and handed to the bot as the turn's origin.
 */
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from 'pino';
import { customerOrigin, setTurnOrigin } from '../bots/turnOrigin';
import { sendError } from './httpServer';
import { localCallerProblem, localServiceUrlProblem } from './localCallers';
import type { CallerProblem } from './localCallers';
import { connectorBasePath } from './directLine/connectorRoutes';
import { deliverySealHeader } from './directLine/deliverySeal';
import type { SealedFields } from './directLine/deliverySeal';
import type { TurnOrigins } from './turnOrigins';
import { LogThrottle } from './logThrottle';

/** Anything that can run a turn (an ActivityHandler). */
export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

/** Options of {@link registerMessagesRoute}. */
export interface MessagesRouteOptions {
  /** No Bot Framework authentication: apply the local-only rules. */
  readonly anonymous: boolean;
  /** Works out who the sender has proven to be; without it every turn is a customer's. */
  readonly origins?: TurnOrigins;
  /** Checks the local Direct Line's seal on a delivery; undefined when it is off. */
  readonly localDirectLine?: () => { vouchesFor(seal: string | string[] | undefined, activity: SealedFields): boolean } | undefined;
}

/** Registers the messaging endpoint on a server. */
export function registerMessagesRoute(server: restify.Server, adapter: CloudAdapter, bot: TurnRunner, logger: Logger, options: MessagesRouteOptions): void {
  const log = logger.child({ area: 'messages' });
  // A probe sends thousands of refused activities; the log gets the first and a count.
  const refusals = new LogThrottle(log);
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const body: unknown = req.body;
    const problem = activityProblem(body);
    if (problem) {
      log.debug({ problem }, 'rejected activity');
      sendError(res, 400, 'InvalidActivity', problem);
      return;
    }
    const activity = body as SealedFields & { channelId: string; serviceUrl: string; from?: { id: string; aadObjectId?: unknown } };
    let viaLocalDirectLine = false;
    if (options.anonymous) {
      viaLocalDirectLine = options.localDirectLine?.()?.vouchesFor(req.headers[deliverySealHeader], activity) ?? false;
      const refused = localProblem(req, activity, viaLocalDirectLine);
      if (refused) {
        refusals.warn({ code: refused.code }, `refused an activity in local anonymous mode: ${refused.code}`);
        sendError(res, refused.status, refused.code, refused.message);
        return;
      }
    }
    // An Entra object id is an identity only when Teams says so under a validated token.
    if (activity.from && 'aadObjectId' in activity.from && (options.anonymous || activity.channelId !== 'msteams')) delete activity.from.aadObjectId;
    try {
      await adapter.process(req, res, async (context) => {
        setTurnOrigin(context, options.origins ? await options.origins.of(context, { viaLocalDirectLine }) : customerOrigin);
        await bot.run(context);
      });
    } catch (err) {
      log.error({ err }, 'activity could not be processed');
      if (!res.headersSent) sendError(res, 500, 'InternalError', 'The activity could not be processed.');
    }
  });
}

/** Anonymous mode: the caller must be local, the reply address local, and the local Direct Line's address sealed. */
function localProblem(req: restify.Request, activity: SealedFields & { serviceUrl: string }, sealed: boolean): CallerProblem | undefined {
  const caller = localCallerProblem({ remoteAddress: req.socket?.remoteAddress, headers: req.headers });
  if (caller) return caller;
  const target = localServiceUrlProblem(activity.serviceUrl);
  if (target) return target;
  const claimsLocalDirectLine = new URL(activity.serviceUrl).pathname.startsWith(`${connectorBasePath}/`);
  if (claimsLocalDirectLine && !sealed) {
    return { status: 403, code: 'ServiceUrlNotAllowed', message: "Only the local Direct Line may deliver activities that answer at its serviceUrl." };
  }
  return undefined;
}

/** Upper bounds of what one activity may carry besides its text (the bot limits text itself). */
export const activityLimits = Object.freeze({
  idChars: 256,
  channelDataBytes: 32 * 1024,
  valueBytes: 64 * 1024,
  attachments: 20,
  entities: 50,
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const jsonBytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v) ?? '');

/**
 * Says what is wrong with a request body that should be a Bot Framework activity, or returns
 * undefined when it has what every turn needs (type, channel, conversation, where to reply) and
 * nothing larger than {@link activityLimits}.
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
  const ids: [string, unknown][] = [['id', body.id], ['channelId', body.channelId], ['conversation.id', body.conversation.id], ['from.id', isObject(body.from) ? body.from.id : undefined]];
  for (const [name, value] of ids) {
    if (typeof value === 'string' && value.length > activityLimits.idChars) return `activity.${name} is longer than ${activityLimits.idChars} characters.`;
  }
  if (body.channelData !== undefined && jsonBytes(body.channelData) > activityLimits.channelDataBytes) return `activity.channelData is larger than ${activityLimits.channelDataBytes / 1024} KB.`;
  if (body.value !== undefined && jsonBytes(body.value) > activityLimits.valueBytes) return `activity.value is larger than ${activityLimits.valueBytes / 1024} KB.`;
  if (body.attachments !== undefined && (!Array.isArray(body.attachments) || body.attachments.length > activityLimits.attachments)) return `activity.attachments must be a list of at most ${activityLimits.attachments}.`;
  if (body.entities !== undefined && (!Array.isArray(body.entities) || body.entities.length > activityLimits.entities)) return `activity.entities must be a list of at most ${activityLimits.entities}.`;
  return undefined;
}
