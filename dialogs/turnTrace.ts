/**
 * What fired in a turn, for the studio's test chat (issue 12): the guard that took the message, the
 * FAQ's candidates and decision, the escalation policy's decision, the topics and actions that ran.
 * Each is a Bot Framework trace activity (`context.sendTraceActivity`), which Web Chat ignores and the
 * Emulator shows, sent only when the turn asked for them ({@link traceThisTurn}): a customer's turn
 * pays one Map look-up per point and builds no value.
 */
import type { TurnContext } from 'botbuilder';
import type { FlowStep } from '../flows/flowExecutor';
import type { AnswerThresholds } from '../knowledge/answerPolicy';
import type { FaqAnswer } from '../knowledge/faqService';

/** The `valueType` of every Warmline trace activity, and the start of its `name`. */
export const turnTraceType = 'https://warmline.dev/schemas/trace';

/** The names of the trace activities, one per kind of thing that fires. */
export const turnTraceNames = {
  /** `{ guard }`: the message guard that took the message (bots/messageGuards.ts). */
  guard: 'warmline.guard',
  /** `{ query, locale, version, decision, entryId?, candidates, thresholds }`: the FAQ's ranking and its answer policy. */
  faq: 'warmline.faq',
  /** `{ decision }`: what the escalation policy decided. */
  escalation: 'warmline.escalation',
  /** `{ event, topicId, actionId?, kind?, ... }`: a topic started, an action sent or asked, a topic ended. */
  flow: 'warmline.flow',
  /** `{ kind, topicId? }`: a question asked where a Question waited, answered before the Question is asked again. */
  interruption: 'warmline.interruption',
} as const;

/** One of {@link turnTraceNames}. */
export type TurnTraceName = (typeof turnTraceNames)[keyof typeof turnTraceNames];

const tracedKey = Symbol('warmline.traceTurn');

/** Asks for this turn's trace activities (the preview adapter does, for every turn it runs). */
export function traceThisTurn(context: TurnContext): void {
  context.turnState.set(tracedKey, true);
}

/** True when this turn asked for trace activities. */
export function isTraced(context: TurnContext): boolean {
  return context.turnState.get(tracedKey) === true;
}

/** Sends a trace activity when the turn asked for them; `value` is built only then. */
export async function traceTurn(context: TurnContext, name: TurnTraceName, value: () => object): Promise<void> {
  if (context.turnState.get(tracedKey) !== true) return;
  await context.sendTraceActivity(name, value(), turnTraceType, name.replace(/^warmline\./, ''));
}

/** The FAQ's part of a trace: the candidates with their scores, and what the answer policy made of them. */
export function faqTrace(query: string, asked: FaqAnswer, thresholds: AnswerThresholds, exclude?: readonly string[]): object {
  const { decision } = asked;
  return {
    query,
    locale: asked.locale,
    version: asked.version,
    decision: decision.kind,
    ...(decision.kind === 'answer' ? { entryId: decision.candidate.entry.id } : {}),
    ...(decision.kind === 'suggest' ? { suggestions: decision.suggestions.map((c) => c.entry.id) } : {}),
    candidates: decision.candidates.map((c) => ({ entryId: c.entry.id, question: c.matchedQuestion, confidence: Math.round(c.confidence * 1000) / 1000 })),
    thresholds,
    ...(exclude && exclude.length > 0 ? { excluded: exclude } : {}),
  };
}

/** One executor step as a trace: the actions that sent or logged, topics that ended (with their variables), problems, and what it waits for. */
export function flowStepTrace(step: FlowStep): object {
  const actions = step.effects.flatMap((e) => (e.kind === 'send' || e.kind === 'log-event' ? [{ topicId: e.topicId, actionId: e.actionId, effect: e.kind }] : []));
  const ended = step.effects.flatMap((e) => (e.kind === 'topic-ended' ? [{ topicId: e.topicId, outcome: e.outcome.kind === 'error' ? e.outcome.code : e.outcome.kind, variables: e.variables }] : []));
  const problems = step.effects.flatMap((e) => (e.kind === 'diagnostic' ? [{ topicId: e.topicId, actionId: e.actionId ?? null, code: e.code, detail: e.detail }] : []));
  const request = step.request ? { kind: step.request.kind, topicId: step.request.topicId, actionId: step.request.actionId } : null;
  return { event: 'step', actions, ended, problems, request };
}
