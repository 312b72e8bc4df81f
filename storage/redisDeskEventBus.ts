/**
 * The desk's live events between instances: each instance publishes on one Redis channel and every
 * instance (itself included) hands what arrives to its own listeners, the pages connected to it. A
 * publish that fails is logged and dropped: events are hints, and a page that missed one refetches.
 */
import { createClient } from 'redis';
import type { Logger } from 'pino';
import { LocalDeskEventBus } from '../handoff/deskEvents';
import type { DeskEvent, DeskEventBus } from '../handoff/deskEvents';

/** The channel desk events travel on, after the deployment's key prefix (REDIS_KEY_PREFIX). */
export const deskEventChannel = 'desk-events';

/** How the bus connects. */
export interface RedisDeskEventBusOptions {
  readonly url: string;
  /** Prefix of this deployment's keys; the channel gets it too, so deployments sharing Redis stay apart. */
  readonly keyPrefix?: string;
  /** A publish that takes longer is given up (the turn never waits on it longer). */
  readonly commandTimeoutMs?: number;
}

/** A {@link DeskEventBus} over Redis pub/sub. */
export class RedisDeskEventBus implements DeskEventBus {
  private readonly local = new LocalDeskEventBus();

  private constructor(
    private readonly publisher: ReturnType<typeof createClient>,
    private readonly subscriber: ReturnType<typeof createClient>,
    /** The Redis channel this bus publishes on and listens to. */
    readonly channel: string,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  /** Connects a publisher and a subscriber and starts listening. */
  static async open(options: RedisDeskEventBusOptions, logger: Logger): Promise<RedisDeskEventBus> {
    const log = logger.child({ area: 'desk-events' });
    const channel = `${options.keyPrefix ?? ''}${deskEventChannel}`;
    const publisher = createClient({ url: options.url, disableOfflineQueue: true, socket: { connectTimeout: 5000 } });
    publisher.on('error', (err: unknown) => log.debug({ err }, 'desk events: Redis publisher error'));
    await publisher.connect();
    const subscriber = publisher.duplicate();
    subscriber.on('error', (err: unknown) => log.debug({ err }, 'desk events: Redis subscriber error'));
    await subscriber.connect();
    const bus = new RedisDeskEventBus(publisher, subscriber, channel, options.commandTimeoutMs ?? 2000, log);
    await subscriber.subscribe(channel, (message) => bus.arrived(message));
    return bus;
  }

  async publish(event: DeskEvent): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      await Promise.race([this.publisher.publish(this.channel, JSON.stringify(event)), late]);
    } catch (err) {
      this.log.warn({ err, type: event.type }, 'desk events: could not publish; pages catch up on their next refetch');
    } finally {
      clearTimeout(timer);
    }
  }

  subscribe(listener: (event: DeskEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    // A server that stopped answering never acknowledges QUIT: close the sockets instead.
    for (const client of [this.subscriber, this.publisher]) {
      if (client.isOpen) client.destroy();
    }
  }

  private arrived(message: string): void {
    let event: DeskEvent;
    try {
      event = JSON.parse(message) as DeskEvent;
    } catch {
      this.log.warn('desk events: ignored a message that is not JSON');
      return;
    }
    if (typeof event?.type !== 'string') return;
    this.local.deliver(event);
  }
}
