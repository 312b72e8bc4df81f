/**
 * The studio's conversations API: search conversations by date, customer, outcome and topic
 * (`GET /api/conversations`), and open one (`GET /api/conversations/:id`) with its masked transcript,
 * its handoffs (summary and moves), its offer decisions, its rating and its analytics events.
 * Transcripts are customer data: only supervisors and admins read them (viewers see the analytics only).
 */
import type restify from 'restify';
import type { Activity } from 'botbuilder';
import type { AnalyticsStore, ConversationOutcome } from '../../analytics/analyticsStore';
import { conversationOutcomes } from '../../analytics/analyticsStore';
import type { AnalyticsEvent } from '../../analytics/analyticsEvent';
import type { Role } from '../../accounts/roles';
import type { HandoffRecord } from '../../handoff/handoffRecord';
import { customerRef } from '../../privacy/customerRef';
import type { TranscriptArchive } from '../../storage/transcriptArchive';
import type { Logger } from '../../logger';
import { sendError } from '../httpServer';
import { analyticsQueryOf } from './analyticsRoutes';
import type { StudioGuard } from './studioGuard';

/** Who may read transcripts. */
export const conversationReaders: readonly Role[] = ['admin', 'supervisor'];

/** What the conversation routes read. */
export interface ConversationRoutesDeps {
  readonly guard: StudioGuard;
  readonly store: Pick<AnalyticsStore, 'searchConversations' | 'conversation'>;
  readonly transcripts: Pick<TranscriptArchive, 'getTranscriptActivities'>;
  readonly handoff: (id: string) => Promise<HandoffRecord | undefined>;
  readonly flush: () => Promise<void>;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** One line of a transcript as the studio shows it (text masked when it was stored). */
export interface TranscriptLine {
  readonly at: string;
  readonly from: 'customer' | 'bot';
  readonly name?: string;
  readonly text: string;
}

/** Most transcript pages read for one conversation. */
const maxPages = 10;
const defaultLimit = 50;

/** Registers the conversation routes. */
export function registerConversationRoutes(server: restify.Server, deps: ConversationRoutesDeps): void {
  const log = deps.logger.child({ area: 'studio-conversations' });
  const guarded = (work: (req: restify.Request, res: restify.Response) => Promise<void>) => async (req: restify.Request, res: restify.Response) => {
    if (!(await deps.guard.requireRole(req, res, ...conversationReaders))) return;
    try {
      await deps.flush();
      await work(req, res);
    } catch (err) {
      log.error({ err }, 'conversations could not be read');
      sendError(res, 503, 'AnalyticsUnavailable', 'The analytics database or the transcripts did not answer. Try again in a moment.');
    }
  };

  server.get('/api/conversations', guarded(async (req, res) => {
    const query = analyticsQueryOf(req, res, deps.now());
    if (!query) return;
    const q = (req.query ?? {}) as Record<string, unknown>;
    const text = (name: string): string => (typeof q[name] === 'string' ? (q[name] as string).trim() : '');
    const outcome = text('outcome');
    const limit = text('limit') === '' ? defaultLimit : Number(text('limit'));
    const problems: string[] = [];
    if (outcome && !(conversationOutcomes as readonly string[]).includes(outcome)) problems.push(`outcome must be one of ${conversationOutcomes.join(', ')}`);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) problems.push('limit must be a whole number from 1 to 500');
    if (text('topic').length > 100 || text('customer').length > 200) problems.push('topic or customer is too long');
    if (problems.length > 0) return sendError(res, 400, 'InvalidQuery', `${problems.join('; ')}.`);
    const conversations = await deps.store.searchConversations({
      ...query,
      limit,
      ...(outcome ? { outcome: outcome as ConversationOutcome } : {}),
      ...(text('topic') ? { topic: text('topic') } : {}),
      // The customer is found by the channel user id the bot saw (kept only as a one-way reference).
      ...(text('customer') ? { customerRef: customerRef(text('customer')) } : {}),
    });
    res.send(200, { query, conversations });
  }));

  server.get('/api/conversations/:id', guarded(async (req, res) => {
    const id = String((req.params as { id?: unknown }).id ?? '');
    const found = id ? await deps.store.conversation(id) : undefined;
    if (!found) return sendError(res, 404, 'ConversationNotFound', 'No conversation with that id was recorded (or it is past its retention period).');
    const { listing, events } = found;
    const handoffIds = [...new Set(events.flatMap((e) => (e.handoffId ? [e.handoffId] : [])))];
    const handoffs = (await Promise.all(handoffIds.map((h) => deps.handoff(h)))).flatMap((h) => (h ? [handoffView(h)] : []));
    res.send(200, {
      conversation: listing,
      transcript: await transcriptOf(deps.transcripts, listing.channel, listing.conversationId, events.find((e) => e.kind === 'conversation-started')?.customerRef),
      handoffs,
      offers: events.filter((e) => e.kind.startsWith('offer-')).map(offerView),
      rating: listing.csat,
      events: events.map(({ customerRef: _ref, ...rest }) => rest),
    });
  }));
}

/** The conversation's messages; the customer is told apart by their reference (a bot's activity may not say its role). */
async function transcriptOf(archive: ConversationRoutesDeps['transcripts'], channel: string, conversationId: string, customer: string | undefined): Promise<TranscriptLine[]> {
  const lines: TranscriptLine[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await archive.getTranscriptActivities(channel, conversationId, token);
    for (const activity of result.items ?? []) {
      const line = lineOf(activity, customer);
      if (line) lines.push(line);
    }
    token = result.continuationToken || undefined;
    if (!token) break;
  }
  return lines;
}

function lineOf(activity: Activity, customer: string | undefined): TranscriptLine | undefined {
  if (activity.type !== 'message' || typeof activity.text !== 'string' || activity.text.trim() === '') return undefined;
  const at = activity.timestamp instanceof Date ? activity.timestamp.toISOString() : String(activity.timestamp ?? '');
  const byCustomer = customer !== undefined && activity.from?.id ? customerRef(activity.from.id) === customer : activity.from?.role !== 'bot';
  const from = byCustomer ? 'customer' : 'bot';
  return { at, from, ...(from === 'bot' && activity.from?.name ? { name: activity.from.name } : {}), text: activity.text };
}

function handoffView(h: HandoffRecord) {
  return {
    id: h.id,
    state: h.state,
    reason: h.reason,
    queueId: h.queueId,
    createdAt: h.createdAt,
    ...(h.agentName ? { agentName: h.agentName } : {}),
    summary: h.summary,
    events: h.events,
  };
}

function offerView(e: AnalyticsEvent) {
  return { at: e.at, kind: e.kind, ...(e.offerId ? { offerId: e.offerId } : {}), ...(e.detail ? { outcome: e.detail } : {}), ...(e.text ? { reasons: e.text } : {}) };
}
