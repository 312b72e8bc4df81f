/**
 * What the instances of one deployment tell each other about local Direct Line conversations, so a
 * customer's stream hears every reply whichever instance produced it: the activities stored or sent
 * in a conversation, and that a stream of it opened (its page is still there, though on another
 * instance). Carried by pub/sub (Redis with several instances); delivery is at most once, and a
 * stream that missed something catches up from the store when it reconnects with its watermark.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ActivitySet } from './wireActivity';

/** One message between instances. */
export type FanoutMessage = { readonly kind: 'activities'; readonly conversationId: string; readonly set: ActivitySet } | { readonly kind: 'stream-opened'; readonly conversationId: string };

/** Sends to and hears from the other instances. */
export interface ActivityFanout {
  /** Tells the other instances; never throws (a failure is logged). */
  announce(message: FanoutMessage): void;
  /** Hands every other instance's message to `handler`; resolves once listening. */
  listen(handler: (message: FanoutMessage) => void): Promise<void>;
}

/** The part of a pub/sub connection the fan-out uses (`storage/redisPubSub.ts` fits). */
export interface PubSubChannels {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<() => void>;
}

/** Name of the channel, after the deployment's key prefix. */
export const directLineChannel = 'directline';

/** An {@link ActivityFanout} over pub/sub channels; each message carries this instance's id so it skips its own. */
export class PubSubActivityFanout implements ActivityFanout {
  private readonly origin = randomUUID();
  private readonly channel: string;
  private readonly log: Logger;

  constructor(
    private readonly pubsub: PubSubChannels,
    keyPrefix: string,
    logger: Logger,
  ) {
    this.channel = `${keyPrefix}${directLineChannel}`;
    this.log = logger.child({ area: 'directline-fanout' });
  }

  announce(message: FanoutMessage): void {
    this.pubsub.publish(this.channel, JSON.stringify({ origin: this.origin, ...message })).catch((err: unknown) => {
      this.log.warn({ err, conversationId: message.conversationId, kind: message.kind }, 'could not tell the other instances; their streams catch up on reconnect');
    });
  }

  async listen(handler: (message: FanoutMessage) => void): Promise<void> {
    await this.pubsub.subscribe(this.channel, (raw) => {
      const message = parseMessage(raw);
      if (!message) {
        this.log.warn('ignored a Direct Line fan-out message that is not one');
        return;
      }
      if (message.origin !== this.origin) handler(message.body);
    });
  }
}

function parseMessage(raw: string): { origin: string; body: FanoutMessage } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { origin, kind, conversationId, set } = value as Record<string, unknown>;
  if (typeof origin !== 'string' || typeof conversationId !== 'string') return undefined;
  if (kind === 'stream-opened') return { origin, body: { kind, conversationId } };
  if (kind !== 'activities' || typeof set !== 'object' || set === null) return undefined;
  const { activities, watermark } = set as Record<string, unknown>;
  if (!Array.isArray(activities) || typeof watermark !== 'string') return undefined;
  return { origin, body: { kind, conversationId, set: set as ActivitySet } };
}
