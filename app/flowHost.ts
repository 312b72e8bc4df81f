/**
 * Builds the flow dialog over the bot's parts: which dialog answers each flow request, what the
 * flows' scopes read, and where `conversation.*` and `user.*` writes go. Kept apart from the rest
 * of the wiring so that the mapping between the flow runtime and today's dialogs is in one place.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { FlowBackends } from '../adapters/flowBackends';
import type { CustomerProfiles } from '../customers/customerProfiles';
import { FlowDialog } from '../dialogs/flowDialog';
import type { ChildDialogHandler, FlowHostContext } from '../dialogs/flowDialog';
import type { SystemTopics } from '../dialogs/systemTopics';
import { evaluateCondition } from '../flows/flowExpressions';
import { flowEntryPrefix } from '../flows/topicTriggers';
import type { SupportedLocale } from '../locale/locale';
import { faqDialogId } from '../dialogs/faqDialog';
import type { FaqDialogOptions, FaqOutcome } from '../dialogs/faqDialog';
import { noPersonDialogId, personDialogId } from '../dialogs/mainDialog';
import type { MainDialogOptions } from '../dialogs/mainDialog';
import { resolutionDialogId } from '../dialogs/resolutionDialog';
import type { ResolutionOptions, ResolutionResult } from '../dialogs/resolutionDialog';
import type { ConversationSession } from '../dialogs/turnState';
import type { FlowSet, Topic } from '../flows/flowDefinition';
import type { FlowRequest } from '../flows/flowEffect';
import { FlowExecutor } from '../flows/flowExecutor';
import { escalationReasons } from '../handoff/escalation';
import type { EscalationReason } from '../handoff/escalation';
import type { QueueConfig } from '../handoff/routing';
import { maskForAgents } from '../privacy/sensitiveData';
import type { AnalyticsRecorder } from '../analytics/analyticsRecorder';

/** What the flow dialog is built from. */
export interface FlowHostParts {
  /** The published flow set, if any. */
  readonly flows: () => FlowSet | undefined;
  readonly session: ConversationSession;
  readonly profiles: CustomerProfiles;
  readonly backends?: FlowBackends;
  /** The knowledge base's confident answer to a text, if any (and the topic its entry names): what may interrupt a Question. */
  readonly answers?: (text: string, locale: SupportedLocale) => { readonly entryId: string; readonly topicId?: string } | undefined;
  /** An earlier published version by id, for topics begun before this process started. */
  readonly versionOf?: (version: string) => Promise<FlowSet | undefined>;
  /** The queue a message or callback is left with: the one named, else the one routing picks for the reason. */
  readonly queueFor: (id: string | undefined, reason: EscalationReason) => QueueConfig;
  readonly logger: Logger;
  /** Told when topics start and end (P11). */
  readonly analytics?: AnalyticsRecorder;
  readonly now?: () => Date;
}

/** Flow sets seen by this process, by version, so a topic finishes on the version it started with. */
const keptVersions = 20;

/** The flow dialog and the way the main dialog finds the system topics of the published flows. */
export function createFlowDialog(parts: FlowHostParts): { dialog: FlowDialog; systemTopics: SystemTopics } {
  const seen = new Map<string, FlowSet>();
  const remember = (set: FlowSet): FlowSet => {
    seen.delete(set.version);
    seen.set(set.version, set);
    while (seen.size > keptVersions) seen.delete(seen.keys().next().value as string);
    return set;
  };
  const published = (): FlowSet => {
    const set = parts.flows();
    if (!set) throw new Error('no dialog flows are published');
    return remember(set);
  };
  const knowledge: ChildDialogHandler = {
    dialogId: faqDialogId,
    options: (request, locale) => ({ text: request.kind === 'answer-from-knowledge' ? (request.question ?? '') : '', locale }) satisfies FaqDialogOptions,
    result: (value) => {
      const outcome = value as FaqOutcome | undefined;
      if (outcome?.kind === 'answered') return { kind: 'knowledge', answered: true, entryId: outcome.entryId, ...(outcome.topic ? { topic: outcome.topic } : {}) };
      // Small talk ("thanks") answered no question; its reply has been sent.
      return { kind: 'knowledge', answered: false, ...(outcome?.kind === 'no-match' ? { reason: outcome.via } : outcome?.kind === 'small-talk' ? { reason: 'small-talk' } : {}) };
    },
  };
  const resolution: ChildDialogHandler = {
    dialogId: resolutionDialogId,
    // A system topic checks what the bot passed (the answer, the agent's chat); an admin's own topic checks itself.
    options: (request, locale, host) => ({ locale, subject: host?.resolutionSubject ?? { kind: 'answer', entryId: `flow:${request.topicId}` } }) satisfies ResolutionOptions,
    result: (value) => {
      const result = value as ResolutionResult | undefined;
      if (result?.kind === 'resolved') return { kind: 'resolution', resolved: true, ...(result.csat ? { csat: result.csat } : {}) };
      return { kind: 'resolution', resolved: false };
    },
  };
  const transfer: ChildDialogHandler = {
    dialogId: personDialogId,
    options: (request, locale, host) => personOptions(request, locale, host),
    result: () => ({ kind: 'done' }),
  };
  const message: ChildDialogHandler = {
    dialogId: noPersonDialogId,
    options: (request, locale, host) => {
      const asked = request.kind === 'take-message-or-callback' ? (request.reason ?? 'requested') : 'requested';
      const known = isEscalationReason(asked);
      const reason = (known ? asked : host?.escalation?.reason ?? 'requested') as EscalationReason;
      const queue = parts.queueFor(request.kind === 'take-message-or-callback' ? request.queue : host?.escalation?.queue, reason);
      // The ticket shows what the topic collected, as a transfer's summary does (P2, P10).
      const detail = agentDetail(request, host, host?.escalation?.detail, known ? '' : asked);
      return { mode: 'no-person', locale, why: 'no-agent', reason, queueId: queue.id, queueName: queue.names[locale], timeZone: queue.hours.timeZone, ...(detail ? { detail } : {}) } satisfies MainDialogOptions;
    },
    result: () => ({ kind: 'done' }),
  };
  const dialog = new FlowDialog({
    executor: new FlowExecutor({ flowSetOf: (version) => seen.get(version) }),
    published,
    children: { 'answer-from-knowledge': knowledge, 'check-resolution': resolution, 'transfer-to-agent': transfer, 'take-message-or-callback': message },
    ...(parts.backends ? { http: (request) => (parts.backends as FlowBackends).call(request) } : {}),
    scopes: async (context, locale) => scopes(parts, context, locale),
    ...(parts.analytics ? { analytics: parts.analytics } : {}),
    interruption: async (context, text, locale) => {
      const found = parts.answers?.(text, locale);
      if (!found) return undefined;
      if (found.topicId && (await systemTopics.applies(context, found.topicId, locale))) return { kind: 'topic', topicId: found.topicId };
      // Trigger queries of a topic that does not apply now answer nothing.
      if (found.entryId.startsWith(flowEntryPrefix)) return undefined;
      return { kind: 'answer', dialogId: faqDialogId, options: { text, locale } satisfies FaqDialogOptions };
    },
    loadVersions: async (versions) => {
      for (const version of new Set(versions)) {
        if (seen.has(version) || !parts.versionOf) continue;
        const set = await parts.versionOf(version);
        if (set) remember(set);
      }
    },
    remember: async (context, scope, name, value) => {
      const target = scope === 'conversation' ? await parts.session.conversation(context) : await parts.session.profile(context);
      const variables = ((target as { flowVariables?: Record<string, unknown> }).flowVariables ??= {});
      if (value === undefined) delete variables[name];
      else variables[name] = value;
    },
    logger: parts.logger,
    ...(parts.now ? { now: parts.now } : {}),
  });
  /** Whether a topic's trigger condition holds now (no condition: it does); a failing one does not. */
  const triggerHolds = async (context: TurnContext, topic: Topic, locale: SupportedLocale): Promise<boolean> => {
    const condition = topic.trigger.condition;
    if (!condition) return true;
    const holds = evaluateCondition(condition, { ...(await scopes(parts, context, locale)), topic: {} });
    if (!holds.ok) parts.logger.warn({ topicId: topic.id, code: holds.code, detail: holds.message }, 'a trigger condition failed; the topic does not start');
    return holds.ok && holds.value === true;
  };
  const systemTopics: SystemTopics = {
    find: async (context, moment, locale) => {
      const set = parts.flows();
      const topic = set?.topics.find((t) => t.trigger.kind === moment);
      if (!set || !topic) return undefined;
      remember(set);
      return (await triggerHolds(context, topic, locale)) ? topic.id : undefined;
    },
    applies: async (context, topicId, locale) => {
      const topic = parts.flows()?.topics.find((t) => t.id === topicId && t.trigger.kind === 'OnRecognizedIntent');
      return topic ? triggerHolds(context, topic, locale) : false;
    },
  };
  return { dialog, systemTopics };
}

/**
 * The person dialog's options for a TransferToAgent. In the OnEscalate topic a transfer "requested"
 * (the default) keeps what the bot knew when the customer was sent there: the real reason
 * (complaint, priority tier…), its detail, the answer's topic that picks the queue. What the topic
 * collected and its note reach the agent's summary, masked (P2, P10). Reason codes the escalation
 * policy does not know (`order-late`) go to the agent as words, under "requested".
 */
function personOptions(request: FlowRequest, locale: SupportedLocale, host: FlowHostContext | undefined): MainDialogOptions {
  const asked = request.kind === 'transfer-to-agent' ? request.reason : 'requested';
  const known = isEscalationReason(asked);
  const base = host?.escalation && asked === 'requested' ? host.escalation : undefined;
  const detail = agentDetail(request, host, base?.detail, known ? '' : asked);
  const queue = (request.kind === 'transfer-to-agent' ? request.queue : undefined) ?? base?.queue;
  const reason = base?.reason ?? ((known ? asked : 'requested') as EscalationReason);
  return { mode: 'person', direct: true, locale, reason, ...(detail ? { detail } : {}), ...(base?.topic ? { topic: base.topic } : {}), ...(queue ? { queue } : {}) };
}

/** `conversation.*`, `user.*`, `turn.*`, `system.*`, `customer.*` for a turn. */
async function scopes(parts: FlowHostParts, context: TurnContext, locale: string): Promise<Record<string, Readonly<Record<string, unknown>>>> {
  const conversation = await parts.session.conversation(context);
  const profile = await parts.session.profile(context);
  const customer = await customerOf(parts, context);
  const now = (parts.now ?? (() => new Date()))();
  return {
    conversation: { ...((conversation as { flowVariables?: Record<string, unknown> }).flowVariables ?? {}), lastTopic: conversation.lastTopic ?? null, locale: conversation.locale ?? locale },
    user: { ...((profile as { flowVariables?: Record<string, unknown> }).flowVariables ?? {}), locale: profile.locale ?? locale },
    turn: { text: typeof context.activity.text === 'string' ? context.activity.text : '', locale, channel: context.activity.channelId },
    system: { channel: context.activity.channelId, now: now.toISOString() },
    customer: customer ? { name: customer.name ?? null, tier: customer.tier ?? null } : {},
  };
}

/** Profiles looked up this turn: the scopes are read before every executor call, the CRM once a turn. */
const profilesThisTurn = new WeakMap<TurnContext, Promise<Awaited<ReturnType<CustomerProfiles['get']>> | undefined>>();

function customerOf(parts: FlowHostParts, context: TurnContext): Promise<Awaited<ReturnType<CustomerProfiles['get']>> | undefined> {
  let found = profilesThisTurn.get(context);
  if (!found) {
    found = parts.profiles.get({ id: context.activity.from?.id ?? '' }).catch(() => undefined);
    profilesThisTurn.set(context, found);
  }
  return found;
}

function isEscalationReason(code: string): code is EscalationReason {
  return (escalationReasons as readonly string[]).includes(code);
}

/**
 * The line the agent reads about a handover from a topic, masked (P10): what the bot knew, a reason
 * code the policy does not know, the topic's note, and what the topic collected.
 */
function agentDetail(request: FlowRequest, host: FlowHostContext | undefined, known: string | undefined, unknownReason: string): string {
  const note = 'note' in request && request.note ? request.note : '';
  const variables = 'variables' in request ? describe(request.variables, host) : '';
  return maskForAgents([known ?? '', unknownReason, note, variables].filter((p) => p !== '').join(' · '));
}

/** A topic's collected values as one line for the agent ("orderNumber: LM-200300"), without the inputs the bot gave it. */
function describe(variables: Readonly<Record<string, unknown>>, host: FlowHostContext | undefined): string {
  const given = new Set(host?.givenInputs ?? []);
  return Object.entries(variables)
    .filter(([k, v]) => !given.has(k) && v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}
