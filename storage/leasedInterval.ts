/**
 * A periodic task that exactly one instance runs at a time: every tick, the instance that holds (or
 * takes) the lease runs it under the lease's fencing token; the others skip the tick. A tick never
 * overlaps the previous one, and a failure is logged and tried again at the next tick.
 */
import type { Logger } from 'pino';
import type { Lease } from './lease';

/** Runs a task every `everyMs` on the instance holding `lease`. */
export class LeasedInterval {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly lease: Lease,
    private readonly everyMs: number,
    private readonly task: (fence: number) => Promise<void>,
    private readonly log: Logger,
  ) {
    if (!(everyMs > 0)) throw new TypeError('LeasedInterval: everyMs must be positive');
  }

  /** Starts ticking; the timer does not keep the process alive. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  /** Runs one tick now (if this instance holds or takes the lease); joins a tick already running. */
  tick(): Promise<void> {
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops ticking, waits for a tick in flight and gives the lease up so another instance takes over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.lease.release().catch((err: unknown) => this.log.warn({ err, task: this.name }, 'could not give up a lease; it expires on its own'));
  }

  private async runOnce(): Promise<void> {
    try {
      const fence = await this.lease.acquire();
      if (fence === undefined) return;
      await this.task(fence);
    } catch (err) {
      this.log.error({ err, task: this.name }, 'periodic task failed');
    }
  }
}
