/**
 * The studio's test chat API (issue 12): conversations with the bot running the drafts (not the
 * published version), turn by turn with what fired in each, and the draft's flow tests. Editors and
 * admins only: a test conversation runs content nobody has published yet. Thin: the bots live in
 * app/previewBots.ts; this reads requests and answers `{code, message}` errors.
 */
import type restify from 'restify';
import { guardedRoute } from './guardedRoute';
import type { StudioWork } from './guardedRoute';
import type { Logger } from 'pino';
import { z } from 'zod';
import { PreviewConversationMissing, PreviewTurnLimit } from '../../app/previewBots';
import type { PreviewBots, PreviewInput } from '../../app/previewBots';
import { PreviewBlockedError } from '../../app/previewContent';
import { runDraftFlowTests } from '../../app/previewFlowTests';
import { supportedLocales } from '../../locale/locale';
import type { ContentFile } from '../../publishing/contentBundle';
import { sendError } from '../httpServer';
import { editorRoles } from './publishRoutes';
import type { StudioGuard } from './studioGuard';

/** What the routes use. */
export interface PreviewRoutesDeps {
  readonly guard: StudioGuard;
  readonly bots: Pick<PreviewBots, 'start' | 'send' | 'end'>;
  /** The flows draft composed over the published flows (topics and their tests). */
  readonly flowFiles: () => Promise<readonly ContentFile[]>;
  /** Longest text the test chat passes on (longer is refused; the bot's own limit still answers in the chat). */
  readonly maxTextChars: number;
  readonly logger: Logger;
}

const startBody = z.strictObject({ locale: z.enum(supportedLocales).optional() });
/** Web Chat posts whole activities; only these fields reach the bot, the server sets the rest. */
const activityBody = z.object({
  type: z.enum(['message', 'event']),
  text: z.string().optional(),
  value: z.unknown().optional(),
  name: z.string().min(1).max(100).optional(),
  locale: z.string().max(20).optional(),
  channelData: z.object({ clientActivityID: z.string().max(100).optional() }).optional(),
});
const conversationIdPattern = /^preview-[0-9a-f]{16}$/;
const maxValueChars = 10_000;

/** Registers `/api/preview/conversations`, its activities, and `/api/preview/flow-tests`. */
export function registerPreviewRoutes(server: restify.Server, deps: PreviewRoutesDeps): void {
  const log = deps.logger.child({ area: 'preview-routes' });
  const run = (work: StudioWork) => guardedRoute(deps.guard, editorRoles, work, (res, error) => sendPreviewError(res, error, log));
  const conversationOf = (req: restify.Request): string => {
    const id = String((req.params as { id?: unknown }).id ?? '');
    if (!conversationIdPattern.test(id)) throw new PreviewConversationMissing('No such test conversation.');
    return id;
  };

  server.post('/api/preview/conversations', run(async (req, res, caller) => {
    const body = startBody.safeParse(req.body ?? {});
    if (!body.success) return sendError(res, 400, 'InvalidPreviewStart', `Send JSON {"locale": "${supportedLocales.join('" | "')}"} (or nothing).`);
    const turn = await deps.bots.start(caller.session.user, body.data.locale ?? 'en-US');
    res.send(201, turn);
  }));

  server.post('/api/preview/conversations/:id/activities', run(async (req, res, caller) => {
    const id = conversationOf(req);
    const body = activityBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'InvalidActivity', 'Send JSON {"type": "message", "text": "…"} or {"type": "event", "name": "…", "value": …}.');
    const { type, text, value, name, locale, channelData } = body.data;
    if (text !== undefined && text.length > deps.maxTextChars) return sendError(res, 400, 'TextTooLong', `A test message holds at most ${deps.maxTextChars} characters.`);
    if (value !== undefined && JSON.stringify(value).length > maxValueChars) return sendError(res, 400, 'ValueTooLarge', `A message's value holds at most ${maxValueChars} characters of JSON.`);
    if (type === 'event' && name === undefined) return sendError(res, 400, 'InvalidActivity', 'An event needs a name.');
    const input: PreviewInput = { type, ...(text !== undefined ? { text } : {}), ...(value !== undefined ? { value } : {}), ...(name !== undefined ? { name } : {}), ...(locale !== undefined ? { locale } : {}), ...(channelData?.clientActivityID ? { clientActivityId: channelData.clientActivityID } : {}) };
    res.send(200, await deps.bots.send(caller.session.user, id, input));
  }));

  server.del('/api/preview/conversations/:id', run(async (req, res, caller) => {
    deps.bots.end(caller.session.user, conversationOf(req));
    res.send(204);
  }));

  server.post('/api/preview/flow-tests', run(async (_req, res) => {
    res.send(200, runDraftFlowTests(await deps.flowFiles()));
  }));
}

/** Answers an error of the test chat with its status; anything unexpected is a logged 500. */
function sendPreviewError(res: restify.Response, error: unknown, log: Logger): void {
  if (error instanceof PreviewBlockedError) {
    res.send(422, { code: 'PreviewBlocked', message: 'The drafts do not load, so the test chat cannot run them. Fix the problems (or discard the draft) and try again.', problems: error.problems });
    return;
  }
  if (error instanceof PreviewConversationMissing) return sendError(res, 404, 'PreviewConversationNotFound', error.message);
  if (error instanceof PreviewTurnLimit) return sendError(res, 429, 'PreviewTurnLimit', error.message);
  log.error({ err: error }, 'a test chat request failed');
  sendError(res, 500, 'PreviewFailed', 'The test chat failed on our side; the server log has the details.');
}
