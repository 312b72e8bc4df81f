/**
 * One test-chat turn as the studio's trace panel shows it: what fired (the guard, the FAQ's
 * candidates and decision, the topics and the kinds of their actions, the escalation policy, an
 * interruption, an error) from the turn's trace activities, and the variables after the turn, read
 * from the conversation's state. Plain data, made on the server so the panel only lays it out.
 */
import type { Activity } from 'botbuilder';
import { actionSites } from '../flows/actionTree';
import type { FlowSet } from '../flows/flowDefinition';
import { turnTraceNames } from '../dialogs/turnTrace';
import { flowDialogId } from '../dialogs/flowDialog';

/** The variables after a turn: each topic in progress with its `topic.*`, and `conversation.*` and `user.*`. */
export interface PreviewVariables {
  readonly topics: readonly { readonly topicId: string; readonly variables: Readonly<Record<string, unknown>>; readonly waitingFor?: string }[];
  readonly conversation: Readonly<Record<string, unknown>>;
  readonly user: Readonly<Record<string, unknown>>;
  /** What the bot itself keeps and the escalation policy reads (last answer, counters). */
  readonly bot: Readonly<Record<string, unknown>>;
}

/** One action that ran, with its kind from the topic's definition. */
export interface PreviewAction {
  readonly topicId: string;
  readonly actionId: string;
  readonly kind: string;
}

/** What fired in one turn. */
export interface PreviewTurnTrace {
  readonly turn: number;
  readonly at: string;
  readonly input: { readonly type: string; readonly text?: string; readonly name?: string };
  /** The message guard that took the message (null: none; absent for events). */
  readonly guard?: string | null;
  /** Topics that ran in the turn, in the order they first did something. */
  readonly topics: readonly string[];
  readonly actions: readonly PreviewAction[];
  /** The FAQ's rankings and decisions (more than one when a question was asked again). */
  readonly faq: readonly Readonly<Record<string, unknown>>[];
  readonly escalation: readonly Readonly<Record<string, unknown>>[];
  readonly interruptions: readonly Readonly<Record<string, unknown>>[];
  /** Topics that ended, how, and their variables at the end. */
  readonly ended: readonly Readonly<Record<string, unknown>>[];
  /** Problems the topics reported (expressions that failed) and a turn that failed. */
  readonly problems: readonly string[];
  readonly variables: PreviewVariables;
}

/** What a turn's trace is made of. */
export interface TurnTraceInput {
  readonly turn: number;
  readonly at: string;
  readonly input: PreviewTurnTrace['input'];
  readonly traces: readonly Partial<Activity>[];
  readonly flows: FlowSet | undefined;
  /** The conversation's and the user's stored state after the turn (botbuilder's ConversationState and UserState documents). */
  readonly conversationState: unknown;
  readonly userState: unknown;
}

type Value = Readonly<Record<string, unknown>>;

/** Makes the panel's view of one turn; see the module comment. */
export function previewTurnTrace(input: TurnTraceInput): PreviewTurnTrace {
  const of = (name: string): Value[] => input.traces.filter((t) => t.name === name).map((t) => (typeof t.value === 'object' && t.value !== null ? (t.value as Value) : { value: t.value }));
  const guard = of(turnTraceNames.guard).at(-1)?.guard as string | null | undefined;
  const flowEvents = of(turnTraceNames.flow);
  const kindOf = actionKinds(input.flows);
  const topics: string[] = [];
  const actions: PreviewAction[] = [];
  const ended: Value[] = [];
  const problems: string[] = [];
  const saw = (topicId: unknown): void => {
    if (typeof topicId === 'string' && !topics.includes(topicId)) topics.push(topicId);
  };
  for (const event of flowEvents) {
    saw(event.topicId);
    for (const action of (event.actions as { topicId: string; actionId: string }[] | undefined) ?? []) {
      saw(action.topicId);
      actions.push({ topicId: action.topicId, actionId: action.actionId, kind: kindOf(action.topicId, action.actionId) });
    }
    const request = event.request as { topicId: string; actionId: string } | null | undefined;
    if (request) {
      saw(request.topicId);
      actions.push({ topicId: request.topicId, actionId: request.actionId, kind: kindOf(request.topicId, request.actionId) });
    }
    for (const end of (event.ended as Value[] | undefined) ?? []) {
      saw(end.topicId);
      ended.push(end);
    }
    for (const p of (event.problems as { topicId: string; actionId: string | null; code: string; detail: string }[] | undefined) ?? []) problems.push(`${p.topicId}${p.actionId ? `/${p.actionId}` : ''}: ${p.code} ${p.detail}`);
  }
  for (const failed of input.traces.filter((t) => t.label === 'TurnError')) problems.push(`The turn failed: ${String(failed.value)}`);
  return {
    turn: input.turn,
    at: input.at,
    input: input.input,
    ...(guard !== undefined ? { guard } : {}),
    topics,
    actions,
    faq: of(turnTraceNames.faq),
    escalation: of(turnTraceNames.escalation),
    interruptions: of(turnTraceNames.interruption),
    ended,
    problems,
    variables: variablesOf(input.conversationState, input.userState),
  };
}

/** The kind of an action by topic and action id, from the flow set the preview runs. */
function actionKinds(flows: FlowSet | undefined): (topicId: string, actionId: string) => string {
  const kinds = new Map<string, string>();
  for (const topic of flows?.topics ?? []) for (const site of actionSites(topic)) kinds.set(`${topic.id}\u0000${site.action.id}`, site.action.kind);
  return (topicId, actionId) => kinds.get(`${topicId}\u0000${actionId}`) ?? 'unknown';
}

/** The variables in the stored state: flow instances anywhere in the dialog stack, and the flows' own scopes. */
export function variablesOf(conversationState: unknown, userState: unknown): PreviewVariables {
  const conversation = (conversationState ?? {}) as { conversationData?: Record<string, unknown>; dialogState?: { dialogStack?: unknown[] } };
  const user = (userState ?? {}) as { userProfile?: { flowVariables?: Record<string, unknown> } };
  const data = conversation.conversationData ?? {};
  const topics: PreviewVariables['topics'][number][] = [];
  const visit = (stack: unknown[] | undefined): void => {
    for (const instance of stack ?? []) {
      const { id, state } = (instance ?? {}) as { id?: unknown; state?: Record<string, unknown> };
      if (id === flowDialogId) {
        const frames = ((state?.flow as { frames?: unknown[] } | undefined)?.frames ?? []) as { topicId: string; variables?: Record<string, unknown>; pending?: { actionId?: string } }[];
        for (const f of frames) topics.push({ topicId: f.topicId, variables: f.variables ?? {}, ...(f.pending?.actionId ? { waitingFor: f.pending.actionId } : {}) });
      }
      visit((state?.dialogs as { dialogStack?: unknown[] } | undefined)?.dialogStack);
    }
  };
  visit(conversation.dialogState?.dialogStack);
  const botKeys = ['locale', 'lastEntryId', 'lastTopic', 'consecutiveNoMatches', 'notResolvedCount', 'escalating', 'escalations', 'takingContact'];
  return {
    topics,
    conversation: (data.flowVariables as Record<string, unknown> | undefined) ?? {},
    user: user.userProfile?.flowVariables ?? {},
    bot: Object.fromEntries(botKeys.filter((k) => data[k] !== undefined).map((k) => [k, data[k]])),
  };
}
