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
import type { ChildDialogHandler } from '../dialogs/flowDialog';
import { faqDialogId } from '../dialogs/faqDialog';
import type { FaqDialogOptions, FaqOutcome } from '../dialogs/faqDialog';
import { noPersonDialogId, personDialogId } from '../dialogs/mainDialog';
import type { MainDialogOptions } from '../dialogs/mainDialog';
import { resolutionDialogId } from '../dialogs/resolutionDialog';
import type { ResolutionOptions, ResolutionResult } from '../dialogs/resolutionDialog';
import type { ConversationSession } from '../dialogs/turnState';
import type { FlowSet } from '../flows/flowDefinition';
import type { FlowRequest } from '../flows/flowEffect';
import { FlowExecutor } from '../flows/flowExecutor';
import { escalationReasons } from '../handoff/escalation';
import type { EscalationReason } from '../handoff/escalation';
import type { QueueConfig } from '../handoff/routing';
import { maskForAgents } from '../privacy/sensitiveData';

/** What the flow dialog is built from. */
export interface FlowHostParts {
  /** The published flow set, if any. */
  readonly flows: () => FlowSet | undefined;
  readonly session: ConversationSession;
  readonly profiles: CustomerProfiles;
  readonly backends?: FlowBackends;
  /** The queue a message or callback is left with: the one named, else the one routing picks for the reason. */
  readonly queueFor: (id: string | undefined, reason: EscalationReason) => QueueConfig;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** Flow sets seen by this process, by version, so a topic finishes on the version it started with. */
const keptVersions = 20;

/** The flow dialog, or undefined when no flows are published. */
export function createFlowDialog(parts: FlowHostParts): FlowDialog {
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
  const text = (request: FlowRequest): string => ('note' in request && request.note ? request.note : '');
  const knowledge: ChildDialogHandler = {
    dialogId: faqDialogId,
    options: (request, locale) => ({ text: request.kind === 'answer-from-knowledge' ? (request.question ?? '') : '', locale }) satisfies FaqDialogOptions,
    result: (value) => {
      const outcome = value as FaqOutcome | undefined;
      if (outcome?.kind === 'answered') return { kind: 'knowledge', answered: true, entryId: outcome.entryId, ...(outcome.topic ? { topic: outcome.topic } : {}) };
      return { kind: 'knowledge', answered: false, ...(outcome?.kind === 'no-match' ? { reason: outcome.via } : {}) };
    },
  };
  const resolution: ChildDialogHandler = {
    dialogId: resolutionDialogId,
    options: (request, locale) => ({ locale, subject: { kind: 'answer', entryId: `flow:${request.topicId}` } }) satisfies ResolutionOptions,
    result: (value) => {
      const result = value as ResolutionResult | undefined;
      if (result?.kind === 'resolved') return { kind: 'resolution', resolved: true, ...(result.csat ? { csat: result.csat } : {}) };
      return { kind: 'resolution', resolved: false };
    },
  };
  const transfer: ChildDialogHandler = {
    dialogId: personDialogId,
    options: (request, locale) => {
      const reason = request.kind === 'transfer-to-agent' ? request.reason : 'requested';
      const known = (escalationReasons as readonly string[]).includes(reason);
      const variables = 'variables' in request ? describe(request.variables) : '';
      // What the topic collected reaches the agent's summary, masked (P2, P10).
      const detail = maskForAgents([known ? '' : reason, text(request), variables].filter((p) => p !== '').join(' · '));
      const queue = request.kind === 'transfer-to-agent' ? request.queue : undefined;
      return { mode: 'person', locale, reason: (known ? reason : 'requested') as EscalationReason, ...(detail ? { detail } : {}), ...(queue ? { queue } : {}) } satisfies MainDialogOptions;
    },
    result: () => ({ kind: 'done' }),
  };
  const message: ChildDialogHandler = {
    dialogId: noPersonDialogId,
    options: (request, locale) => {
      const asked = request.kind === 'take-message-or-callback' ? (request.reason ?? 'requested') : 'requested';
      const reason = ((escalationReasons as readonly string[]).includes(asked) ? asked : 'requested') as EscalationReason;
      const queue = parts.queueFor(request.kind === 'take-message-or-callback' ? request.queue : undefined, reason);
      return { mode: 'no-person', locale, why: 'no-agent', reason, queueId: queue.id, queueName: queue.names[locale], timeZone: queue.hours.timeZone } satisfies MainDialogOptions;
    },
    result: () => ({ kind: 'done' }),
  };
  return new FlowDialog({
    executor: new FlowExecutor({ flowSetOf: (version) => seen.get(version) }),
    published,
    children: { 'answer-from-knowledge': knowledge, 'check-resolution': resolution, 'transfer-to-agent': transfer, 'take-message-or-callback': message },
    ...(parts.backends ? { http: (request) => (parts.backends as FlowBackends).call(request) } : {}),
    scopes: async (context, locale) => scopes(parts, context, locale),
    remember: async (context, scope, name, value) => {
      const target = scope === 'conversation' ? await parts.session.conversation(context) : await parts.session.profile(context);
      const variables = ((target as { flowVariables?: Record<string, unknown> }).flowVariables ??= {});
      if (value === undefined) delete variables[name];
      else variables[name] = value;
    },
    logger: parts.logger,
    ...(parts.now ? { now: parts.now } : {}),
  });
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

/** A topic's collected values as one line for the agent ("orderNumber: LM-200300"). */
function describe(variables: Readonly<Record<string, unknown>>): string {
  return Object.entries(variables)
    .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}
