/**
 * What the flow executor asks of its host, as plain data (like `handoff/deskEffect.ts`): effects the
 * host carries out and moves on (send a message, record an event, remember a value), and at most one
 * request per step that the host must answer with `resume` before the topic goes on (wait for the
 * customer's answer, ask the knowledge base, call a backend, hand over to a person).
 */
import type { QuestionEntity } from './flowDefinition';

/** Every code a run of flows can end or warn with. Hosts branch on `code`, never on message text. */
export const flowRunCodes = {
  /** More actions ran in one call than the step limit allows (usually a GotoAction loop). */
  stepLimit: 'WL_FLOW_STEP_LIMIT',
  /** The flow-set version a topic started on is no longer available. */
  versionMissing: 'WL_FLOW_VERSION_MISSING',
  /** A topic to start or begin is not in the flow set. */
  topicMissing: 'WL_FLOW_TOPIC_MISSING',
  /** A GotoAction names an action its topic does not have. */
  gotoTargetMissing: 'WL_FLOW_GOTO_TARGET_MISSING',
  /** The saved position does not point at an action of the topic (state from elsewhere). */
  positionInvalid: 'WL_FLOW_POSITION_INVALID',
  /** An HTTP call failed and the action has no `onError` path. */
  httpFailed: 'WL_FLOW_HTTP_FAILED',
  /** The host could not carry out a request (the knowledge base, the desk). */
  requestFailed: 'WL_FLOW_REQUEST_FAILED',
  /** Warning: an expression could not be evaluated; a condition counts as false, a value as none. */
  expressionFailed: 'WL_FLOW_EXPRESSION_FAILED',
  /** Warning: a flow tried to write a read-only or unknown scope. */
  variableNotWritable: 'WL_FLOW_VARIABLE_NOT_WRITABLE',
  /** Warning: a value cannot be kept (not JSON); the variable is left without one. */
  valueNotSerialisable: 'WL_FLOW_VALUE_NOT_SERIALISABLE',
  /** `resume` was called while nothing was pending. */
  nothingPending: 'WL_FLOW_NOTHING_PENDING',
  /** `resume` got a result that does not answer the pending request. */
  resultMismatch: 'WL_FLOW_RESULT_MISMATCH',
  /** A saved flow state does not have the expected shape. */
  stateInvalid: 'WL_FLOW_STATE_INVALID',
} as const;

/** One of the values of {@link flowRunCodes}. */
export type FlowRunCode = (typeof flowRunCodes)[keyof typeof flowRunCodes];

/** Raised only for a host's mistake (resuming the wrong thing, an unreadable state); never for flow content. */
export class FlowRunError extends Error {
  constructor(
    readonly code: FlowRunCode,
    message: string,
  ) {
    super(message);
    this.name = 'FlowRunError';
  }
}

/** How a topic ended. */
export type TopicOutcome =
  | { readonly kind: 'completed' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'error'; readonly code: FlowRunCode; readonly detail: string };

/** A message in the conversation's language, `${…}` already filled in. */
export interface FlowMessage {
  readonly text?: string;
  readonly buttons?: readonly { readonly title: string; readonly value: string }[];
  /** Adaptive Card JSON. */
  readonly card?: Readonly<Record<string, unknown>>;
}

/** Where an effect or request comes from. */
interface FromAction {
  readonly topicId: string;
  readonly actionId: string;
}

/** Something the host carries out, in order, before going on. */
export type FlowEffect =
  | ({ readonly kind: 'send'; readonly message: FlowMessage } & FromAction)
  | ({ readonly kind: 'log-event'; readonly name: string; readonly properties: Readonly<Record<string, unknown>> } & FromAction)
  /** `name` is the path below the scope (`tier`, `address.city`); `value` undefined removes it. */
  | { readonly kind: 'set-conversation' | 'set-user'; readonly name: string; readonly value: unknown }
  /** A topic left the stack; `variables` are its `topic.*` values at the end. */
  | { readonly kind: 'topic-ended'; readonly topicId: string; readonly outcome: TopicOutcome; readonly variables: Readonly<Record<string, unknown>> }
  /** Something an admin should fix in a flow; the run went on. Log it; never show it to a customer. */
  | { readonly kind: 'diagnostic'; readonly topicId: string; readonly actionId?: string; readonly code: FlowRunCode; readonly detail: string };

/** What the host must answer (with `resume`) before the topic goes on. */
export type FlowRequest =
  /** The customer's next message answers a Question: recognise `entity` in it. `attempt` counts from 1. */
  | ({
      readonly kind: 'ask';
      readonly variable: string;
      readonly entity: QuestionEntity;
      readonly allowInterruptions: boolean;
      readonly attempt: number;
    } & FromAction)
  /** Answer from the knowledge base; no `question` means the customer's last message. */
  | ({ readonly kind: 'answer-from-knowledge'; readonly question?: string; readonly filters: Readonly<Record<string, string>> } & FromAction)
  /** "Did that solve your issue?" and, after yes, the rating. */
  | ({ readonly kind: 'check-resolution' } & FromAction)
  /** The warm handoff; `variables` are what the topics in progress collected, for the agent's summary (P2). */
  | ({
      readonly kind: 'transfer-to-agent';
      readonly queue?: string;
      readonly reason: string;
      readonly note?: string;
      readonly variables: Readonly<Record<string, unknown>>;
    } & FromAction)
  | ({ readonly kind: 'take-message-or-callback'; readonly queue?: string; readonly reason?: string; readonly variables: Readonly<Record<string, unknown>> } & FromAction)
  /** A JSON call to a backend named in settings; the host adds its base URL and secrets. */
  | ({
      readonly kind: 'http-request';
      readonly backend: string;
      readonly method: 'GET' | 'POST';
      readonly path: string;
      readonly body?: Readonly<Record<string, unknown>>;
      readonly timeoutMs: number;
    } & FromAction);

/** The kinds of request. */
export type FlowRequestKind = FlowRequest['kind'];

/** The host's answer to a request. `failed` answers any request. */
export type FlowResult =
  /** ask: the recognised value. */
  | { readonly kind: 'answer'; readonly value: unknown }
  /** ask: the message did not contain the entity. */
  | { readonly kind: 'no-match' }
  | { readonly kind: 'knowledge'; readonly answered: boolean; readonly entryId?: string; readonly topic?: string; readonly reason?: string }
  | { readonly kind: 'resolution'; readonly resolved: boolean; readonly csat?: number }
  /** transfer-to-agent, take-message-or-callback: carried out. */
  | { readonly kind: 'done' }
  | { readonly kind: 'http'; readonly status: number; readonly body: unknown }
  /** The request could not be carried out: a timeout, a refusal, a non-2xx answer, a broken service. */
  | { readonly kind: 'failed'; readonly code: string; readonly status?: number };

/** Which results answer which request. */
export const resultsFor: Readonly<Record<FlowRequestKind, readonly FlowResult['kind'][]>> = {
  ask: ['answer', 'no-match', 'failed'],
  'answer-from-knowledge': ['knowledge', 'failed'],
  'check-resolution': ['resolution', 'failed'],
  'transfer-to-agent': ['done', 'failed'],
  'take-message-or-callback': ['done', 'failed'],
  'http-request': ['http', 'failed'],
};
