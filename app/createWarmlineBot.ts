/**
 * Wires the bot, its dialogs and the built-in contact centre over parts the caller opened: the
 * composition root of a turn's objects. `startWarmline` uses it with a CloudAdapter; hosts and tests
 * use it with their own adapter and sink.
 */
import type { Storage } from 'botbuilder';
import { SnapshotConversationState, SnapshotUserState } from '../bots/snapshotState';
import type { FlowSet } from '../flows/flowDefinition';
import type { FlowBackends } from '../adapters/flowBackends';
import { createFlowDialog } from './flowHost';
import type { Logger } from 'pino';
import { WarmlineBot } from '../bots/warmlineBot';
import { BotStateSession } from '../bots/botStateSession';
import { MainDialog } from '../dialogs/mainDialog';
import { FaqDialog } from '../dialogs/faqDialog';
import { ResolutionDialog, noPostResolution } from '../dialogs/resolutionDialog';
import type { PostResolutionHook, ResolutionEvent } from '../dialogs/resolutionDialog';
import { ContactRequestDialog } from '../dialogs/contactRequestDialog';
import { RoutedEscalationPolicy } from '../handoff/routedEscalationPolicy';
import type { Live } from '../handoff/liveConfig';
import { RuleSummarizer } from '../handoff/ruleSummarizer';
import { HandoffRepository } from '../handoff/handoffRepository';
import { TicketRepository } from '../handoff/ticketRepository';
import { PresenceRepository } from '../handoff/presenceRepository';
import { ContactHistory } from '../handoff/contactHistory';
import { HandoffDesk } from '../handoff/handoffDesk';
import { AgentDesk } from '../handoff/agentDesk';
import { ResolutionLog } from '../handoff/resolutionLog';
import type { ResumeCustomer } from '../adapters/handoff/proactiveMessenger';
import type { EffectSink } from '../handoff/deskEffect';
import type { AgentRoster, RoutingConfig } from '../handoff/routing';
import type { CustomerProfiles } from '../customers/customerProfiles';
import type { OfferCatalogue } from '../offers/offerCatalogue';
import { OfferEngine } from '../offers/offerEngine';
import type { AcceptanceSink } from '../offers/offerEngine';
import { OfferStore } from '../offers/offerStore';
import { OfferPresenter } from '../dialogs/offerPresenter';
import { OfferReplies } from '../dialogs/offerReplies';
import type { TranscriptArchive } from '../storage/transcriptArchive';
import { CustomerHandoff } from '../adapters/handoff/customerHandoff';
import { ArchiveTranscripts } from '../adapters/handoff/archiveTranscripts';
import { AgentHistory } from '../handoff/agentHistory';
import type { DeskEventBus } from '../handoff/deskEvents';
import type { KeyedLock } from '../storage/keyedLock';
import { TurnLock } from '../bots/turnLock';
import { SerialQueue } from '../storage/serialQueue';
import { ReplayGuard } from '../adapters/replayGuard';
import { SessionMoves } from '../handoff/sessionMoves';
import { WorkspaceDesk } from '../handoff/workspaceDesk';
import type { FaqService } from '../knowledge/faqService';
import { flowTopicKey } from '../flows/topicTriggers';
import type { ActiveLearning } from '../knowledge/activeLearning';
import type { AnalyticsRecorder } from '../analytics/analyticsRecorder';
import { noAnalytics } from '../analytics/analyticsRecorder';
import { handoffEvent } from '../analytics/handoffEvents';
import type { AnalyticsInput } from '../analytics/analyticsEvent';

/** A resolution answer or rating as an analytics event. */
function resolutionEvent(event: ResolutionEvent): AnalyticsInput {
  const base = { at: event.at, conversationId: event.conversationId, channel: event.channelId, locale: event.locale, customerId: event.customerId, detail: event.how };
  if (event.csat !== undefined) return { ...base, kind: 'csat', value: event.csat };
  return {
    ...base,
    kind: 'resolution',
    value: event.resolved ? 1 : 0,
    ...(event.topic !== undefined ? { topic: event.topic } : {}),
    ...(event.entryId !== undefined ? { entryId: event.entryId } : {}),
    ...(event.handoffId !== undefined ? { handoffId: event.handoffId } : {}),
  };
}


/** The knowledge base's confident answer to a text (not a "Did you mean…?"), with the topic its entry names. */
function confidentAnswer(faq: FaqService, text: string, locale: 'en-US' | 'zh-CN'): { entryId: string; topicId?: string } | undefined {
  const { decision } = faq.ask({ text, locale });
  if (decision.kind !== 'answer') return undefined;
  const topicId = decision.candidate.entry.metadata[flowTopicKey];
  return { entryId: decision.candidate.entry.id, ...(topicId ? { topicId } : {}) };
}

/** An effect sink that can hand customers' conversations back to the bot. */
export interface ResumableSink extends EffectSink {
  onResume(resume: ResumeCustomer): void;
}

/** Everything the bot is made of, opened by the caller. */
export interface BotParts {
  readonly storage: Storage;
  readonly transcripts: TranscriptArchive;
  readonly faq: FaqService;
  readonly learning: ActiveLearning;
  /** The routing: a value, or a function returning the one in force (a published routing then applies from the next turn). */
  readonly routing: Live<RoutingConfig>;
  /** The agent roster: a value, or a function returning the one in force. */
  readonly roster: Live<AgentRoster>;
  readonly profiles: CustomerProfiles;
  readonly sink: ResumableSink;
  readonly hub: 'builtin' | 'external';
  readonly maxMessageChars: number;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly afterResolved?: PostResolutionHook;
  /** The offer catalogue (read on every decision, so a reloaded one applies at once); none: no offers. */
  readonly offers?: () => OfferCatalogue;
  /** Told about accepted offers (e.g. the OFFER_WEBHOOK_URL). */
  readonly acceptances?: AcceptanceSink;
  /** Random source for choosing offers (seeded in tests and simulations). */
  readonly random?: () => number;
  /** The published dialog flows (step 6); their topics start when a question fits their triggers. */
  readonly flows?: () => FlowSet | undefined;
  /** An earlier published flows version by id, so a topic begun before a restart finishes on it. */
  readonly flowVersion?: (version: string) => Promise<FlowSet | undefined>;
  /** The backends flows may call with HttpRequest. */
  readonly flowBackends?: FlowBackends;
  /** Where the bot records what happens, for the studio's analytics (P11); none: nothing is recorded. */
  readonly analytics?: AnalyticsRecorder;
  /** Where the contact centre announces what happens for the agents' live workspace (one process's bus by default). */
  readonly events?: DeskEventBus;
  /** Seconds after an agent's last workspace page closed before they are offline (default 30). */
  readonly agentGraceSeconds?: number;
  /** Serialises each conversation's turns; pass the storage backend's (shared by instances on Redis). Default: this process only. */
  readonly turnLock?: KeyedLock;
}

/**
 * Wires the bot, its dialogs and the built-in contact centre over opened parts. `startWarmline` uses
 * it with a CloudAdapter; hosts and tests can use it with their own adapter and sink.
 */
export function createWarmlineBot(parts: BotParts): {
  bot: WarmlineBot;
  desk: HandoffDesk;
  workspace: WorkspaceDesk;
  resolutions: ResolutionLog;
  offers?: OfferEngine;
  offerStore: OfferStore;
  /** Middleware skipping channel retries of activities already handled; add it before anything that records or answers. */
  replayGuard: ReplayGuard;
} {
  const { storage, logger, now } = parts;
  const analytics = parts.analytics ?? noAnalytics;
  const session = new BotStateSession(new SnapshotConversationState(storage), new SnapshotUserState(storage));
  // One lock for the replay guard and the bot, so the bot's turn enters the conversation the guard holds.
  const turns = new TurnLock(parts.turnLock ?? new SerialQueue());
  const policy = new RoutedEscalationPolicy(parts.routing);
  const resolutions = new ResolutionLog(storage);
  const history = new ContactHistory(storage);
  const handoffs = new HandoffRepository(storage, {
    now,
    onMoved: (record, previous) => {
      const event = handoffEvent(record, previous);
      if (event) analytics.record(event);
    },
  });
  const presence = new PresenceRepository(storage, { now });
  const summarizer = new RuleSummarizer();
  const { routing, roster } = parts;
  const tickets = new TicketRepository(storage);
  const desk = new HandoffDesk({ handoffs, tickets, presence, history, routing, roster, summarizer, logger, now, ...(parts.events ? { events: parts.events } : {}) });
  const transcripts = new ArchiveTranscripts(parts.transcripts);
  const agentHistory = new AgentHistory(storage);
  const moves = new SessionMoves({ desk, handoffs, presence, history, summarizer, agentHistory });
  const agentDesk = new AgentDesk({ desk, handoffs, presence, history, routing, roster, summarizer, transcripts, moves });
  const workspace = new WorkspaceDesk({ desk, moves, handoffs, presence, tickets, history, agentHistory, transcripts, sink: parts.sink, graceSeconds: parts.agentGraceSeconds ?? 30 });
  const customerHandoff = new CustomerHandoff({ desk, sink: parts.sink, session, profiles: parts.profiles, policy, hub: parts.hub, archive: parts.transcripts, logger, now });
  const recorder = {
    async record(event: ResolutionEvent): Promise<void> {
      await resolutions.record({ at: event.at, resolved: event.resolved, how: event.how, ...(event.topic ? { topic: event.topic } : {}), ...(event.csat ? { csat: event.csat } : {}) });
      analytics.record(resolutionEvent(event));
      // The next agent sees what the bot already solved for this customer (agent sessions are recorded by the desk).
      if (event.resolved && event.how === 'bot' && event.csat === undefined && event.customerId) {
        await history.add(event.customerId, { at: event.at, ...(event.topic ? { topic: event.topic } : {}), outcome: 'resolved-by-bot' });
      }
      // The customer's answer after an agent, and their rating, go back to that agent's history.
      if (event.how === 'agent' && event.handoffId) await workspace.rated(event.handoffId, { resolved: event.resolved, ...(event.csat !== undefined ? { csat: event.csat } : {}) });
    },
  };
  const offerStore = new OfferStore(storage);
  const offers = parts.offers
    ? new OfferEngine({ catalogue: parts.offers, store: offerStore, logger, analytics, ...(parts.acceptances ? { acceptances: parts.acceptances } : {}), ...(now ? { now } : {}), ...(parts.random ? { random: parts.random } : {}) })
    : undefined;
  const offerDeps = offers ? { engine: offers, profiles: parts.profiles, session, logger, ...(now ? { now } : {}) } : undefined;
  const afterResolved = parts.afterResolved ?? (offerDeps ? new OfferPresenter(offerDeps) : noPostResolution);
  const flowRuntime = parts.flows
    ? createFlowDialog({ flows: parts.flows, session, profiles: parts.profiles, queueFor: (id, reason) => (id ? desk.queue(id) : desk.queueFor(undefined, reason)), ...(parts.flowBackends ? { backends: parts.flowBackends } : {}), ...(parts.flowVersion ? { versionOf: parts.flowVersion } : {}), answers: (text, locale) => confidentAnswer(parts.faq, text, locale), logger, analytics, ...(now ? { now } : {}) })
    : undefined;
  const mainDialog = new MainDialog({
    faqDialog: new FaqDialog(
      parts.faq,
      parts.learning,
      flowRuntime ? (context, topicId, locale) => flowRuntime.systemTopics.applies(context, topicId, locale) : undefined,
      // Until the customer picks, the best choice's topic is the conversation's: a person asked for now
      // is routed by it ("my parcel never arrived" → Orders & delivery) instead of the default queue.
      async (context, offered) => {
        if (offered.topic) (await session.conversation(context)).lastTopic = offered.topic;
      },
    ),
    resolutionDialog: new ResolutionDialog(recorder, afterResolved, now, (question) => parts.faq.ask(question).decision.kind === 'answer'),
    contactDialog: new ContactRequestDialog(now),
    policy,
    people: customerHandoff,
    session,
    tierOf: (context) => customerHandoff.tierOf(context),
    analytics,
    ...(flowRuntime ? { flowDialog: flowRuntime.dialog, systemTopics: flowRuntime.systemTopics } : {}),
    now,
  });
  const bot = new WarmlineBot({
    session,
    mainDialog,
    logger,
    maxMessageChars: parts.maxMessageChars,
    policy,
    handoff: customerHandoff,
    agentDesk,
    sink: parts.sink,
    turnLock: turns,
    ...(offerDeps ? { offerReplies: new OfferReplies(offerDeps) } : {}),
    analytics,
    now,
  });
  parts.sink.onResume((context, effect) => bot.resume(context, effect));
  const replayGuard = new ReplayGuard(turns, session, { logger });
  return { bot, desk, workspace, resolutions, offerStore, replayGuard, ...(offers ? { offers } : {}) };
}
