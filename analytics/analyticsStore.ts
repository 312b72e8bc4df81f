/**
 * Where analytics events are kept and asked about: the embedded SQLite database by default, or
 * PostgreSQL when `DATABASE_URL` is set (so several instances share one record). Both answer the
 * same questions with the same SQL (`SqlAnalyticsStore`) and pass the same conformance tests.
 */
import type { AnalyticsEvent } from './analyticsEvent';
import type { AnalyticsQuery } from './analyticsQuery';
import type { AnalyticsSummary } from './analyticsSummary';

/** How a conversation ended up, most telling first: a person took it, the last check's answer, no answer, nothing to tell. */
export const conversationOutcomes = ['escalated', 'resolved', 'not-resolved', 'unanswered', 'none'] as const;

/** One of {@link conversationOutcomes}. */
export type ConversationOutcome = (typeof conversationOutcomes)[number];

/** What a conversation search asks for, besides the period and filters. */
export interface ConversationSearch extends AnalyticsQuery {
  readonly outcome?: ConversationOutcome;
  /** A knowledge or flow topic the conversation touched. */
  readonly topic?: string;
  /** The customer's reference (privacy/customerRef.ts of their channel user id). */
  readonly customerRef?: string;
  /** Most conversations returned, newest first. */
  readonly limit: number;
}

/** One conversation found. */
export interface ConversationListing {
  readonly conversationId: string;
  readonly channel: string;
  readonly locale: string | null;
  readonly startedAt: string;
  readonly lastAt: string;
  readonly outcome: ConversationOutcome;
  /** The last rating given, if any. */
  readonly csat: number | null;
}

/** Keeps and answers about analytics events. */
export interface AnalyticsStore {
  /** `sqlite` or `postgres`, for logs and the health of the screens. */
  readonly kind: 'sqlite' | 'postgres';
  /** Keeps events (a second `conversation-started` of the same conversation is ignored). */
  append(events: readonly AnalyticsEvent[]): Promise<void>;
  /** The figures for a period. */
  summary(query: AnalyticsQuery): Promise<AnalyticsSummary>;
  /** Conversations started in a period that match, newest first. */
  searchConversations(search: ConversationSearch): Promise<ConversationListing[]>;
  /** One conversation (undefined when no start of it was recorded) and its events, oldest first. */
  conversation(conversationId: string): Promise<{ listing: ConversationListing; events: AnalyticsEvent[] } | undefined>;
  /** Removes events before `cutoff`; resolves with how many went. */
  purgeOlderThan(cutoff: Date): Promise<number>;
  /** Removes every event of a customer (by reference); resolves with how many went. */
  forget(customerRef: string): Promise<number>;
  /** How many events a customer has (privacy export and erasure checks). */
  countFor(customerRef: string): Promise<number>;
  /** Releases the connection; safe to call twice. */
  close(): Promise<void>;
}
