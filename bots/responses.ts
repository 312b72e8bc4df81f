/**
 * Everything the bot itself says to a customer, in every supported locale: a typed view over the
 * message catalogue (content/messages/), which the loader checks has each message in each language.
 */
import type { SupportedLocale } from '../locale/locale';
import { byLocale, messages, messageView } from '../messages/currentMessages';

/** The bot's own messages in one language. */
export interface BotResponses {
  welcome: string;
  turnError: string;
  /** The apology when the store failed: the message was not saved, so the usual one would not be true. */
  storageError: string;
  tooLong: (limit: number) => string;
  nonText: string;
  /** A dialog-flow topic left on "cancel" / "never mind" / "算了". */
  topicCancelled: string;
}

/** The bot's messages by locale, read from the message catalogue (`bot.*`). */
export const botResponses: Readonly<Record<SupportedLocale, BotResponses>> = byLocale((locale) =>
  messageView<BotResponses>(locale, {
    welcome: 'bot.welcome',
    turnError: 'bot.turnError',
    storageError: 'bot.storageError',
    nonText: 'bot.nonText',
    topicCancelled: 'bot.topicCancelled',
    tooLong: (limit) => messages().format(locale, 'bot.tooLong', { limit }),
  }),
);
