/**
 * The desk's live events between instances: each instance publishes on one Redis channel and every
 * instance (itself included) hands what arrives to its own listeners, the pages connected to it. A
 * publish that fails is logged and dropped: events are hints, and a page that missed one refetches.
 */
import type { Logger } from 'pino';
import { LocalDeskEventBus } from '../handoff/deskEvents';
import type { DeskEvent, DeskEventBus } from '../handoff/deskEvents';
import { RedisPubSub } from './redisPubSub';

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
  private readonly log: Logger;

  /**
   * Listens on the deployment's desk channel of `pubsub` (see {@link listen}).
   * @param owned Close `pubsub` with the bus (it was opened for the bus alone).
   */
  constructor(
    private readonly pubsub: RedisPubSub,
    keyPrefix: string,
    logger: Logger,
    private readonly owned = false,
  ) {
    this.log = logger.child({ area: 'desk-events' });
    this.channel = `${keyPrefix}${deskEventChannel}`;
  }

  /** The Redis channel this bus publishes on and listens to. */
  readonly channel: string;

  /** Connects its own publisher and subscriber and starts listening. */
  static async open(options: RedisDeskEventBusOptions, logger: Logger): Promise<RedisDeskEventBus> {
    const pubsub = await RedisPubSub.open(options, logger);
    const bus = new RedisDeskEventBus(pubsub, options.keyPrefix ?? '', logger, true);
    await bus.listen().catch(async (err: unknown) => {
      await pubsub.close();
      throw err;
    });
    return bus;
  }

  /** Starts handing what arrives on the channel to this instance's listeners. */
  async listen(): Promise<void> {
    await this.pubsub.subscribe(this.channel, (message) => this.arrived(message));
  }

  async publish(event: DeskEvent): Promise<void> {
    try {
      await this.pubsub.publish(this.channel, JSON.stringify(event));
    } catch (err) {
      this.log.warn({ err, type: event.type }, 'desk events: could not publish; pages catch up on their next refetch');
    }
  }

  subscribe(listener: (event: DeskEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    if (this.owned) await this.pubsub.close();
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
