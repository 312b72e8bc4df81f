/**
 * Typed state kept per conversation and per customer. Stored through botbuilder's BotState in the
 * configured Storage, so it survives restarts and is shared by every instance.
 */
import type { SupportedLocale } from '../locale/locale';

/** What the bot remembers about one conversation. */
export interface ConversationData {
  /** Language of the last reply, so short answers like "ok" keep the conversation's language. */
  locale?: SupportedLocale;
  /** Whether this conversation has been greeted (the greeting is sent once). */
  welcomed?: boolean;
  /** When the bot first saw this conversation (ISO 8601). */
  startedAt?: string;
  /** Customer messages handled in this conversation. */
  messageCount?: number;
  /** The FAQ entry answered last, so its context-only follow-ups can match. */
  lastEntryId?: string;
  /** Topic (knowledge metadata) of the last answer. */
  lastTopic?: string;
  /** Questions in a row the FAQ could not answer; escalation counts these (step 3). */
  consecutiveNoMatches?: number;
}

/** What the bot remembers about one customer across conversations. */
export interface UserProfile {
  /** Language the customer last used or picked. */
  locale?: SupportedLocale;
  /** First and latest contact (ISO 8601). */
  firstSeen?: string;
  lastSeen?: string;
}
