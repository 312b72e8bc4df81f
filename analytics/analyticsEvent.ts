/**
 * What the bot records as it runs, for the studio's analytics and conversation search (P11): one
 * flat event per moment (a conversation starts, an answer is given or not, the resolution check is
 * answered, a person is asked for, a handoff moves, an offer is decided or answered, a topic runs).
 * Stored events hold no raw personal data: text is masked and the customer is a one-way reference.
 */

/** Every kind of event, and what its fields mean. */
export const analyticsEventKinds = [
  /** The customer's first message in a conversation. */
  'conversation-started',
  /** A knowledge-base answer was given (`entryId`, `topic`). */
  'answered',
  /** No answer (`text`: the masked question; `detail`: no-match | none-of-these). */
  'unanswered',
  /** The resolution check was answered (`value` 1 yes / 0 no; `detail` bot | agent; `entryId`, `topic`, `handoffId`). */
  'resolution',
  /** A CSAT rating (`value` 1–5; `detail` bot | agent). */
  'csat',
  /** A person was asked for or offered (`detail`: the escalation reason). */
  'escalation',
  /** The customer joined a queue (`handoffId`, `detail`: reason). */
  'handoff-queued',
  /** An agent accepted (`handoffId`, `value`: seconds waited). */
  'handoff-accepted',
  /** A handoff finished (`handoffId`, `detail`: resolved | cancelled | expired | rejected; `value`: seconds handled, when an agent had it). */
  'handoff-ended',
  /** An offer decision (`offerId` when one was chosen; `detail`: shown | held-out | none; `text`: the gate's reasons). */
  'offer-decided',
  /** The customer's answer to an offer (`offerId`; `detail`: accepted | declined | opted-out | ignored). */
  'offer-answered',
  /** A purchase attributed to an offer decision (`offerId`; `detail`: exposed | holdout). */
  'offer-converted',
  /** A dialog-flow topic began (`topic`). */
  'topic-started',
  /** A dialog-flow topic ended (`topic`; `detail`: completed | cancelled | error ...). */
  'topic-ended',
  /** A flow's LogEvent action (`topic`; `detail`: the event's name; its properties are not kept). */
  'flow-event',
] as const;

/** One of {@link analyticsEventKinds}. */
export type AnalyticsEventKind = (typeof analyticsEventKinds)[number];

/** An event as stored and read back. */
export interface AnalyticsEvent {
  /** When it happened (ISO 8601, UTC). */
  readonly at: string;
  readonly kind: AnalyticsEventKind;
  readonly conversationId: string;
  /** The channel the conversation is on (`directline`, `msteams`, ...). */
  readonly channel: string;
  /** The conversation's language when it happened (`en-US`, `zh-CN`). */
  readonly locale?: string;
  /** The customer as a one-way reference (privacy/customerRef.ts), never their id. */
  readonly customerRef?: string;
  readonly topic?: string;
  readonly entryId?: string;
  readonly handoffId?: string;
  readonly offerId?: string;
  /** The kind's one word of detail (a reason, an outcome, bot or agent). */
  readonly detail?: string;
  /** The kind's number (1/0, a rating, seconds). */
  readonly value?: number;
  /** Masked text (an unanswered question) or a list of reasons. */
  readonly text?: string;
}

/** What a tap hands the recorder: an event with the customer's channel user id, which is turned into a reference before it is kept. */
export type AnalyticsInput = Omit<AnalyticsEvent, 'customerRef'> & { readonly customerId?: string };

/** True when `value` names an event kind. */
export function isAnalyticsEventKind(value: unknown): value is AnalyticsEventKind {
  return typeof value === 'string' && (analyticsEventKinds as readonly string[]).includes(value);
}
