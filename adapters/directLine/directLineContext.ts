/**
 * Everything the local Direct Line's routes and streams share, built once by `LocalDirectLine`.
 */
import type { Logger } from 'pino';
import type { DirectLineLimits } from './activityLimits';
import type { BotClient } from './botClient';
import type { ConversationGreeter } from './conversationGreeter';
import type { ConversationStore } from './conversationStore';
import type { DirectLineTokens } from './directLineTokens';
import type { WireAccount } from './wireActivity';

/** Lifecycle of a `LocalDirectLine`: clients are refused from `closing` on, the bot's callbacks only once `closed`. */
export type DirectLineState = 'open' | 'closing' | 'closed';

/** Shared services and settings of the local Direct Line. */
export interface DirectLineContext {
  readonly tokens: DirectLineTokens;
  readonly store: ConversationStore;
  readonly bot: BotClient;
  readonly greeter: ConversationGreeter;
  readonly log: Logger;
  /** The bot as it appears in activities (`recipient` of user activities, `from` of the bot's). */
  readonly botAccount: WireAccount;
  readonly maxMessageChars: number;
  /** What one activity may carry, from a client and from the bot. */
  readonly limits: DirectLineLimits;
  /** Direct Line's `referenceGrammarId` (used by speech clients); fixed per instance. */
  readonly referenceGrammarId: string;
  now(): Date;
  state(): DirectLineState;
  /** Where the bot sends replies: `${internalBaseUrl}/directline-connector/`. */
  serviceUrl(): string;
  /** The WebSocket URL a browser connects to for `conversationId`, preauthorised by `token`. */
  streamUrl(conversationId: string, token: string, watermark?: number): string;
}
