/**
 * The context summary an agent reads before accepting (P2, P3), and the `Summarizer` interface that
 * produces it. The built-in summariser is deterministic and offline; a model-based one can implement
 * the same interface later.
 */
import type { SupportedLocale } from '../locale/locale';
import type { JournalItem } from './conversationJournal';
import type { EscalationReason } from './escalation';

/** An earlier contact of the same customer (from the contact history). */
export interface EarlierContact {
  readonly at: string;
  readonly topic?: string;
  /** How it ended. */
  readonly outcome: 'resolved-by-bot' | 'resolved-by-agent' | 'not-resolved' | 'message-left' | 'callback-booked' | 'cancelled';
}

/** Everything the summariser may use. */
export interface SummaryInput {
  readonly customer: {
    readonly id: string;
    readonly name?: string;
    readonly tier?: string;
    readonly locale: SupportedLocale;
    readonly channelId: string;
  };
  readonly reason: EscalationReason;
  readonly reasonDetail?: string;
  /** The conversation so far (masked text). */
  readonly journal: readonly JournalItem[];
  /** When the customer started talking to the bot (ISO 8601). */
  readonly startedAt: string;
  /** Now (ISO 8601), so the summary is reproducible. */
  readonly now: string;
  readonly earlierContacts: readonly EarlierContact[];
  /** On a transfer: the previous agent's note. */
  readonly transferNote?: { readonly agentName: string; readonly text: string };
}

/** A value recognised in what the customer wrote. */
export interface RecognisedEntity {
  readonly type: 'order-number' | 'amount' | 'date' | 'email' | 'phone';
  /** As the customer wrote it, masked where sensitive. */
  readonly text: string;
  /** Normalised value (e.g. `2026-11-20`, `49.99 USD`). */
  readonly value: string;
}

/** What the agent is advised to do first. */
export type NextStepCode =
  | 'handle-complaint'
  | 'process-cancellation'
  | 'secure-account'
  | 'give-expert-advice'
  | 'answer-open-question'
  | 'fix-unsolved-issue'
  | 'reassure-and-resolve'
  | 'serve-priority-customer'
  | 'greet-and-ask';

/** The context summary: rendered as an Adaptive Card for agents and returned as JSON by APIs. */
export interface HandoffSummary {
  readonly who: {
    readonly id: string;
    readonly name?: string;
    readonly tier?: string;
    readonly locale: SupportedLocale;
    readonly channelId: string;
  };
  /** The issue in the customer's own words (their first substantive message, masked). */
  readonly issue: string;
  /** Further things the customer wrote (masked), oldest first, at most a few. */
  readonly customerSaid: readonly string[];
  /** Topic of the last answer tried, if any. */
  readonly topic?: string;
  /** Knowledge entries the bot answered with, in order. */
  readonly entriesMatched: readonly { readonly id: string; readonly question: string }[];
  /** What the bot tried and how the customer reacted. */
  readonly tried: readonly { readonly what: string; readonly reaction: 'resolved' | 'not-resolved' | 'none-of-these' | 'no-answer' | 'no-reaction' }[];
  readonly entities: readonly RecognisedEntity[];
  readonly sentiment: { readonly trend: 'improving' | 'steady' | 'worsening'; readonly latest: number; readonly average: number };
  readonly reason: EscalationReason;
  readonly reasonDetail?: string;
  /** Whole minutes between the first message to the bot and the handoff. */
  readonly minutesWithBot: number;
  readonly earlierContacts: readonly EarlierContact[];
  readonly nextStep: NextStepCode;
  readonly transferNote?: { readonly agentName: string; readonly text: string };
  readonly generatedAt: string;
}

/** Turns a conversation into a summary for the agent. */
export interface Summarizer {
  summarize(input: SummaryInput): Promise<HandoffSummary>;
}
