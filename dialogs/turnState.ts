/**
 * Typed state kept per conversation and per customer. Stored through botbuilder's BotState in the
 * configured Storage, so it survives restarts and is shared by every instance. The bot owns the
 * accessors; dialogs read and change the state through {@link ConversationSession}.
 */
import type { TurnContext } from 'botbuilder';
import type { SupportedLocale } from '../locale/locale';
import type { JournalItem } from '../handoff/conversationJournal';

/** What the bot remembers about one conversation. */
export interface ConversationData {
  /** Language of the last reply, so short answers like "ok" keep the conversation's language. */
  locale?: SupportedLocale;
  /** Whether this conversation has been greeted (the greeting is sent once). */
  welcomed?: boolean;
  /** When the bot first saw this conversation (ISO 8601). */
  startedAt?: string;
  /** When the last message in it arrived (ISO 8601); its retention period counts from here. */
  lastSeenAt?: string;
  /** The customer's channel user id, so a privacy request (export, erase) finds this conversation. */
  customerId?: string;
  /** Customer messages handled in this conversation. */
  messageCount?: number;
  /** Ids of the last activities handled in this conversation, so a channel's retry is not answered twice (`adapters/replayGuard.ts`). */
  handledActivityIds?: string[];
  /** The FAQ entry answered last, so its context-only follow-ups can match. */
  lastEntryId?: string;
  /**
   * Topic of the last answer (knowledge metadata), or the id of the dialog-flow topic that last
   * started, or (while "Did you mean…?" waits) the best choice's; routing's `topic_queues` reads it.
   */
  lastTopic?: string;
  /** Questions in a row the FAQ could not answer; the escalation policy counts these. */
  consecutiveNoMatches?: number;
  /** "Not resolved" answers to the resolution check in this conversation. */
  notResolvedCount?: number;
  /** True while the customer is leaving a message or booking a callback: their words are the message,
   * so "please have a real person call me" is not taken as a new request for a person. */
  takingContact?: boolean;
  /** True while the OnEscalate topic runs: asking for a person again then goes straight to the handoff (P1). */
  escalating?: boolean;
  /** Why this conversation went (or was offered) to a person, e.g. `complaint`; offers read it. */
  escalations?: string[];
  /** The offer on screen that the customer has not answered yet. */
  openOffer?: { decisionId: string; offerId: string; at: string };
  /** What was said and tried, masked, for the agent's summary (P2). */
  journal?: JournalItem[];
  /**
   * Labels of the buttons and suggested actions the bot has shown since the customer's last message
   * (lower case), so a press that arrives as plain text (an imBack) is recognised as one.
   */
  offeredButtons?: string[];
}

/** What the bot remembers about one customer across conversations. */
export interface UserProfile {
  /** Language the customer last used or picked. */
  locale?: SupportedLocale;
  /** First and latest contact (ISO 8601). */
  firstSeen?: string;
  lastSeen?: string;
}

/** How dialogs reach the turn's state without owning the accessors. */
export interface ConversationSession {
  conversation(context: TurnContext): Promise<ConversationData>;
  profile(context: TurnContext): Promise<UserProfile>;
}
