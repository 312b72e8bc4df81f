/**
 * The desk's live events between instances: each instance publishes on one Redis channel and every
 * instance (itself included) hands what arrives to its own listeners, the pages connected to it. A
 * publish that fails is logged and dropped: events are hints, and a page that missed one refetches.
 */
import { createClient } from 'redis';
import type { Logger } from 'pino';
import { LocalDeskEventBus } from '../handoff/deskEvents';
import type { DeskEvent, DeskEventBus } from '../handoff/deskEvents';

/** The channel desk events travel on. */
export const deskEventChannel = 'warmline:desk-events';

/** A {@link DeskEventBus} over Redis pub/sub. */
export class RedisDeskEventBus implements DeskEventBus {
  private readonly local = new LocalDeskEventBus();

  private constructor(
    private readonly publisher: ReturnType<typeof createClient>,
    private readonly subscriber: ReturnType<typeof createClient>,
    private readonly log: Logger,
  ) {}

  /** Connects a publisher and a subscriber to `url` and starts listening. */
  static async open(url: string, logger: Logger): Promise<RedisDeskEventBus> {
    const log = logger.child({ area: 'desk-events' });
    const publisher = createClient({ url, disableOfflineQueue: true });
    publisher.on('error', (err: unknown) => log.debug({ err }, 'desk events: Redis publisher error'));
    await publisher.connect();
    const subscriber = publisher.duplicate();
    subscriber.on('error', (err: unknown) => log.debug({ err }, 'desk events: Redis subscriber error'));
    await subscriber.connect();
    const bus = new RedisDeskEventBus(publisher, subscriber, log);
    await subscriber.subscribe(deskEventChannel, (message) => bus.arrived(message));
    return bus;
  }

  async publish(event: DeskEvent): Promise<void> {
    try {
      await this.publisher.publish(deskEventChannel, JSON.stringify(event));
    } catch (err) {
      this.log.warn({ err, type: event.type }, 'desk events: could not publish; pages catch up on their next refetch');
    }
  }

  subscribe(listener: (event: DeskEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    for (const client of [this.subscriber, this.publisher]) {
      if (client.isOpen) await client.quit().catch(() => undefined);
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
