/**
 * Where a conversation is in its topics: a stack of frames, each the topic, the flow-set version it
 * started on, its place in the nested action lists and its `topic.*` variables. Plain JSON, so the
 * host saves it with the conversation and any instance can take the next turn.
 */
import { z } from 'zod';
import type { QuestionEntity } from './flowDefinition';
import { FlowRunError, flowRunCodes } from './flowEffect';
import type { FlowRequestKind } from './flowEffect';

/**
 * One nested action list: the trigger's `actions`, a ConditionGroup's branch (its index) or
 * `else`, an HttpRequest's `onError`.
 */
export type ActionList = 'actions' | 'else' | 'onError' | number;

/** A place in one list; a cursor is one of these per nesting level, outermost first. */
export interface CursorStep {
  readonly list: ActionList;
  readonly index: number;
}

/** A Question waiting for the customer's answer. */
export interface PendingQuestion {
  readonly kind: 'ask';
  readonly actionId: string;
  readonly variable: string;
  readonly entity: QuestionEntity;
  readonly allowInterruptions: boolean;
  /** Answers that did not contain the entity so far. */
  readonly failures: number;
}

/** Any other request waiting for the host. */
export interface PendingRequest {
  readonly kind: Exclude<FlowRequestKind, 'ask'>;
  readonly actionId: string;
}

/** One topic in progress. */
export interface TopicFrame {
  readonly topicId: string;
  /** The flow-set version the topic started on; it finishes on it. */
  readonly version: string;
  readonly cursor: readonly CursorStep[];
  /** `topic.*`. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly pending?: PendingQuestion | PendingRequest;
  /** Started by the host (a trigger, an interruption) or by another topic's BeginDialog. */
  readonly begunBy: 'host' | 'dialog';
}

/** The topics in progress, the one running last. */
export interface FlowState {
  readonly frames: readonly TopicFrame[];
}

/** No topic in progress. */
export function emptyFlowState(): FlowState {
  return { frames: [] };
}

/** What a Question waits for, so the host's guardrails can decide whether a message may interrupt it. */
export interface WaitingQuestion {
  readonly topicId: string;
  readonly actionId: string;
  readonly variable: string;
  readonly entity: QuestionEntity;
  readonly allowInterruptions: boolean;
  /** Which answer the next message is, from 1. */
  readonly attempt: number;
}

/** The Question the running topic waits on, if it waits on one. */
export function waitingQuestion(state: FlowState): WaitingQuestion | undefined {
  const top = state.frames.at(-1);
  const pending = top?.pending;
  if (!top || pending?.kind !== 'ask') return undefined;
  const { actionId, variable, entity, allowInterruptions, failures } = pending;
  return { topicId: top.topicId, actionId, variable, entity, allowInterruptions, attempt: failures + 1 };
}

const localeText = z.object({ 'en-US': z.string(), 'zh-CN': z.string() });
const localePhrases = z.object({ 'en-US': z.array(z.string()), 'zh-CN': z.array(z.string()) });
const entitySchema = z.union([
  z.object({ kind: z.enum(['number', 'datetime', 'boolean', 'email', 'phone', 'text']) }),
  z.object({
    kind: z.literal('choice'),
    choices: z.array(z.object({ value: z.string(), title: localeText, synonyms: localePhrases.optional() })),
  }),
  z.object({ kind: z.literal('regex'), pattern: z.string(), flags: z.string().optional() }),
]);
const actionId = z.string().min(1);
const frameSchema = z.object({
  topicId: z.string().min(1),
  version: z.string().min(1),
  cursor: z
    .array(
      z.object({
        list: z.union([z.enum(['actions', 'else', 'onError']), z.number().int().nonnegative()]),
        index: z.number().int().nonnegative(),
      }),
    )
    .min(1),
  variables: z.record(z.string(), z.unknown()),
  pending: z
    .union([
      z.object({ kind: z.literal('ask'), actionId, variable: z.string(), entity: entitySchema, allowInterruptions: z.boolean(), failures: z.number().int().nonnegative() }),
      z.object({ kind: z.enum(['answer-from-knowledge', 'check-resolution', 'transfer-to-agent', 'take-message-or-callback', 'http-request']), actionId }),
    ])
    .optional(),
  begunBy: z.enum(['host', 'dialog']),
});
const stateSchema = z.object({ frames: z.array(frameSchema) });

/**
 * Reads a saved state (e.g. from Storage), checking its shape. Throws a `WL_FLOW_STATE_INVALID`
 * {@link FlowRunError} naming the first wrong field; the host then starts afresh.
 */
export function parseFlowState(saved: unknown): FlowState {
  // Every flow turn reads the state back: a plain check first (the usual case), the schema (which
  // names what is wrong) only when that check fails.
  if (isFlowState(saved)) return saved;
  const parsed = stateSchema.safeParse(saved);
  if (parsed.success) return parsed.data as FlowState;
  const issue = parsed.error.issues[0];
  const where = issue ? issue.path.map(String).join('.') || '(top level)' : '(top level)';
  throw new FlowRunError(flowRunCodes.stateInvalid, `Saved flow state is not usable: ${where}: ${issue?.message ?? 'invalid'}`);
}

const builtInKinds: ReadonlySet<unknown> = new Set(['number', 'datetime', 'boolean', 'email', 'phone', 'text']);
const listNames: ReadonlySet<unknown> = new Set(['actions', 'else', 'onError']);
const requestKinds: ReadonlySet<unknown> = new Set(['answer-from-knowledge', 'check-resolution', 'transfer-to-agent', 'take-message-or-callback', 'http-request']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isFilled = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isLocaleText = (v: unknown): boolean => isRecord(v) && typeof v['en-US'] === 'string' && typeof v['zh-CN'] === 'string';
const isLocalePhrases = (v: unknown): boolean => isRecord(v) && isStrings(v['en-US']) && isStrings(v['zh-CN']);

function isEntity(v: unknown): boolean {
  if (!isRecord(v)) return false;
  if (builtInKinds.has(v.kind)) return true;
  if (v.kind === 'regex') return typeof v.pattern === 'string' && (v.flags === undefined || typeof v.flags === 'string');
  return v.kind === 'choice' && Array.isArray(v.choices) && v.choices.every((c) => isRecord(c) && typeof c.value === 'string' && isLocaleText(c.title) && (c.synonyms === undefined || isLocalePhrases(c.synonyms)));
}

function isPending(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isRecord(v) || !isFilled(v.actionId)) return false;
  if (v.kind === 'ask') return typeof v.variable === 'string' && isEntity(v.entity) && typeof v.allowInterruptions === 'boolean' && isCount(v.failures);
  return requestKinds.has(v.kind);
}

function isFrame(v: unknown): boolean {
  if (!isRecord(v) || !isFilled(v.topicId) || !isFilled(v.version) || !isRecord(v.variables) || (v.begunBy !== 'host' && v.begunBy !== 'dialog')) return false;
  const cursor = v.cursor;
  return Array.isArray(cursor) && cursor.length > 0 && cursor.every((c) => isRecord(c) && (listNames.has(c.list) || isCount(c.list)) && isCount(c.index)) && isPending(v.pending);
}

/** The same rules as the schema above, without building a copy: true when `v` may be used as it is. */
function isFlowState(v: unknown): v is FlowState {
  return isRecord(v) && Array.isArray(v.frames) && v.frames.every(isFrame);
}
