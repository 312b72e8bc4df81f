/**
 * Tells the bot a Direct Line conversation has started, as Azure's Direct Line does: one
 * `conversationUpdate` with the bot and (when known) the user in `membersAdded`. It is not part of
 * what clients see. Until the bot accepts it, the next start or resume of the conversation retries.
 */
import type { Logger } from 'pino';
import type { BotClient } from './botClient';
import type { ConversationRecord } from './conversationRecord';
import { activityIdFor } from './conversationRecord';
import type { ConversationStore } from './conversationStore';
import type { WireAccount, WireActivity } from './wireActivity';

/** What {@link ConversationGreeter} needs. */
export interface ConversationGreeterOptions {
  readonly store: ConversationStore;
  readonly bot: BotClient;
  readonly botAccount: WireAccount;
  readonly serviceUrl: () => string;
  readonly now: () => Date;
  readonly log: Logger;
}

/** Sends each conversation's members-added `conversationUpdate` to the bot, once. */
export class ConversationGreeter {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly options: ConversationGreeterOptions) {}

  /** Resolves when the bot has accepted the greeting (now or earlier); throws 502 when it does not. */
  greetIfNeeded(record: ConversationRecord): Promise<void> {
    if (record.botGreeted) return Promise.resolve();
    const running = this.inFlight.get(record.id);
    if (running) return running;
    const greeting = this.greet(record).finally(() => this.inFlight.delete(record.id));
    this.inFlight.set(record.id, greeting);
    return greeting;
  }

  private async greet(stale: ConversationRecord): Promise<void> {
    // Another request may have finished greeting since `stale` was read.
    const record = await this.options.store.require(stale.id);
    if (record.botGreeted) return;
    await this.options.bot.deliver(this.conversationUpdate(record));
    await this.options.store.markGreeted(record.id);
    this.options.log.info({ conversationId: record.id, withUser: record.user !== undefined }, 'direct line conversation started');
  }

  private conversationUpdate(record: ConversationRecord): WireActivity {
    const bot = this.options.botAccount;
    return {
      type: 'conversationUpdate',
      // Sequence 0 is never used by a stored activity.
      id: activityIdFor(record.id, 0),
      timestamp: this.options.now().toISOString(),
      channelId: 'directline',
      serviceUrl: this.options.serviceUrl(),
      conversation: { id: record.id },
      // Bots key user state on from.id, so a conversation without a known user gets its own placeholder.
      from: record.user ?? { id: `directline:${record.id}`, name: 'Direct Line' },
      recipient: bot,
      membersAdded: record.user ? [bot, record.user] : [bot],
      ...(record.locale ? { locale: record.locale } : {}),
    };
  }
}
