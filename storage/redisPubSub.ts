/**
 * Redis pub/sub for the messages instances send each other (desk events, Direct Line activities):
 * one publishing and one subscribed connection per process, shared by every channel. Pub/sub
 * delivers at most once: what a channel carries are hints whose receivers can catch up from the
 * store, so a publish that fails is reported to the caller and never retried here.
 */
import { createClient } from 'redis';
import type { Logger } from 'pino';

/** How to connect. */
export interface RedisPubSubOptions {
  readonly url: string;
  /** A publish that takes longer is given up. Default 2 s. */
  readonly commandTimeoutMs?: number;
}

type Client = ReturnType<typeof createClient>;

/** Publishes to and listens on Redis channels. */
export class RedisPubSub {
  private readonly handlers = new Map<string, Set<(message: string) => void>>();

  private constructor(
    private readonly publisher: Client,
    private readonly subscriber: Client,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  /** Connects both connections; throws when Redis cannot be reached. */
  static async open(options: RedisPubSubOptions, logger: Logger): Promise<RedisPubSub> {
    const log = logger.child({ area: 'pubsub' });
    const publisher = createClient({ url: options.url, disableOfflineQueue: true, socket: { connectTimeout: 5000 } });
    publisher.on('error', (err: unknown) => log.debug({ err }, 'Redis publisher error'));
    await publisher.connect();
    const subscriber = publisher.duplicate();
    subscriber.on('error', (err: unknown) => log.debug({ err }, 'Redis subscriber error'));
    try {
      await subscriber.connect();
    } catch (err) {
      publisher.destroy();
      throw err;
    }
    return new RedisPubSub(publisher, subscriber, options.commandTimeoutMs ?? 2000, log);
  }

  /** Sends `message` to every process listening on `channel` (this one included); rejects when Redis does not take it in time. */
  async publish(channel: string, message: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not take a publish within ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      await Promise.race([this.publisher.publish(channel, message), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Hands every message on `channel` to `handler` (a throwing handler is logged); resolves once listening, with the way to stop. */
  async subscribe(channel: string, handler: (message: string) => void): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      const listeners = set;
      await this.subscriber.subscribe(channel, (message) => {
        for (const listener of [...listeners]) {
          try {
            listener(message);
          } catch (err) {
            this.log.warn({ err, channel }, 'a pub/sub listener failed');
          }
        }
      });
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Closes both connections without waiting for a server that may not answer. */
  close(): Promise<void> {
    this.handlers.clear();
    for (const client of [this.subscriber, this.publisher]) {
      if (client.isOpen) client.destroy();
    }
    return Promise.resolve();
  }
}
