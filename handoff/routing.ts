/**
 * Routing settings, as read from `content/routing.yaml` and `content/agents.yaml`: which queues exist
 * and when they are staffed, which topics and escalation reasons go where, how customers' priority
 * tiers rank, and when the bot hands over. Plain data: loaders validate it, everything else reads it.
 */
import type { SupportedLocale } from '../locale/locale';
import type { EscalationReason } from './escalation';
import type { QuickReply } from './quickReplies';

/** Day of the week as written in the routing file. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A span of local time on one day, `HH:MM` to `HH:MM` (end exclusive; `24:00` allowed as an end). */
export interface TimeRange {
  readonly start: string;
  readonly end: string;
}

/** When a queue is staffed, in its own time zone. */
export interface OpeningHours {
  /** IANA time zone, e.g. `Europe/London`, `Asia/Shanghai`. */
  readonly timeZone: string;
  /** Staffed around the clock (weekly and holidays are ignored). */
  readonly always: boolean;
  /** Open spans per weekday; a day that is missing is closed. */
  readonly weekly: Readonly<Partial<Record<Weekday, readonly TimeRange[]>>>;
  /** Local dates (`YYYY-MM-DD`) on which the queue is closed all day. */
  readonly holidays: readonly string[];
}

/** One queue of customers waiting for a person. */
export interface QueueConfig {
  readonly id: string;
  /** What customers and agents are told the queue is called. */
  readonly names: Readonly<Record<SupportedLocale, string>>;
  readonly hours: OpeningHours;
  /** Longest a customer waits before the bot apologises and offers a message or a callback. */
  readonly maxWaitMinutes: number;
  /** Handle time assumed for wait estimates until real handle times have been measured. */
  readonly defaultHandleMinutes: number;
}

/** A priority tier from the customer profile (P9). Higher `priority` is served first. */
export interface PriorityTier {
  readonly id: string;
  readonly priority: number;
  /** Customers of this tier are offered a person after this many unanswered questions (overrides the default). */
  readonly noMatchLimit?: number;
}

/** When the bot hands over, and the words that ask for it. */
export interface EscalationSettings {
  /** Unanswered questions in a row before a person is offered (default 2). */
  readonly noMatchLimit: number;
  /** "Not resolved" answers in one conversation before a person is offered (default 2). */
  readonly notResolvedLimit: number;
  /** Negative messages in a row that count as sustained frustration (default 2). */
  readonly negativeTurns: number;
  /** Sentiment score (−1…1) at or below which a message counts as negative (default −0.3). */
  readonly negativeThreshold: number;
  /** Phrases that ask for a person, per locale, in addition to the built-in ones. */
  readonly agentPhrases: Readonly<Record<SupportedLocale, readonly string[]>>;
  /** Phrases that withdraw a request for a person ("never mind", "算了"), per locale, in addition to the built-in ones. */
  readonly cancelPhrases: Readonly<Record<SupportedLocale, readonly string[]>>;
  /** Knowledge topics that always go to a person, with the reason recorded. */
  readonly topics: Readonly<Record<string, EscalationReason>>;
}

/** The whole routing file. */
export interface RoutingConfig {
  /** Queue used when neither the topic nor the reason names one. */
  readonly defaultQueue: string;
  readonly queues: readonly QueueConfig[];
  /** Knowledge topic → queue id. */
  readonly topicQueues: Readonly<Record<string, string>>;
  /**
   * Escalation reason → queue id (e.g. fraud → specialists). For complaint, cancellation, fraud and
   * expert the reason's queue wins over the topic's; for the other reasons the topic's wins.
   */
  readonly reasonQueues: Readonly<Partial<Record<EscalationReason, string>>>;
  /** Priority tiers; a customer with no tier (or an unknown one) has priority 0. */
  readonly tiers: readonly PriorityTier[];
  readonly escalation: EscalationSettings;
}

/** A person who takes conversations, from `content/agents.yaml`. */
export interface AgentProfile {
  /** Stable id used in commands (`/transfer ana`) and records. */
  readonly id: string;
  /** Name the customer is told ("Ana has joined"). */
  readonly displayName: string;
  /** Queues this agent serves. */
  readonly queues: readonly string[];
  readonly skills: readonly string[];
  /** Channel user ids that are this agent (e.g. the Web Chat user id `agent-ana`). */
  readonly userIds: readonly string[];
  /** Microsoft Entra (AAD) object id, how Teams identifies the agent. */
  readonly aadObjectId?: string;
  /** Language of the agent's cards and messages. */
  readonly locale: SupportedLocale;
  /** Conversations the agent takes at once in the workspace ({@link defaultAgentCapacity} when not set). */
  readonly capacity?: number;
}

/** Conversations at once for an agent whose roster entry sets none. */
export const defaultAgentCapacity = 3;

/** The most conversations at once the roster or a supervisor may set. */
export const maxAgentCapacity = 10;

/** The agent roster. */
export interface AgentRoster {
  readonly agents: readonly AgentProfile[];
  /** Canned answers for agents (`quick_replies:`), in the file's order; empty when it has none. */
  readonly quickReplies: readonly QuickReply[];
}
