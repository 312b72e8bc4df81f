/**
 * Keeps transcripts only as long as the retention setting allows: purges as soon as it is
 * created, then every hour until stopped. Logs how many activities went, never what they said.
 */
import type { Logger } from '../logger';
import { StorageArgumentError } from './storageErrors';
import type { TranscriptArchive } from './transcriptArchive';

const dayMs = 24 * 60 * 60 * 1000;

/** Optional settings of a {@link RetentionSweeper}. */
export interface RetentionSweeperOptions {
  /** Clock; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Time between sweeps after the first; one hour by default. */
  readonly intervalMs?: number;
}

/**
 * Periodically purges transcript activities older than the retention period. Its timer does not
 * keep the process alive; a failed sweep is logged and the next one tries again.
 */
export class RetentionSweeper {
  private readonly log: Logger;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  /**
   * Starts sweeping at once.
   * @param archive Where transcripts are kept.
   * @param retentionDays Activities older than this many days are removed.
   */
  constructor(
    private readonly archive: Pick<TranscriptArchive, 'purgeOlderThan'>,
    private readonly retentionDays: number,
    logger: Logger,
    options: RetentionSweeperOptions = {},
  ) {
    if (!Number.isFinite(retentionDays) || retentionDays <= 0) {
      throw new StorageArgumentError(`RetentionSweeper: retentionDays must be a positive number, got ${retentionDays}`);
    }
    this.log = logger.child({ area: 'storage', task: 'retention' });
    this.now = options.now ?? (() => new Date());
    this.timer = setInterval(() => void this.sweepLogged(), options.intervalMs ?? 60 * 60 * 1000);
    this.timer.unref();
    void this.sweepLogged();
  }

  /** Stops future sweeps; one already running finishes. Safe to call twice. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Purges now and resolves with how many activities were removed; joins a sweep already running. */
  sweepNow(): Promise<number> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves once no sweep is running (whether the last one succeeded or not). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async sweep(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.retentionDays * dayMs);
    const removed = await this.archive.purgeOlderThan(cutoff);
    const entry = { removed, cutoff: cutoff.toISOString(), retentionDays: this.retentionDays };
    if (removed > 0) this.log.info(entry, 'old transcript activities purged');
    else this.log.debug(entry, 'no transcript activities past retention');
    return removed;
  }

  private async sweepLogged(): Promise<void> {
    try {
      await this.sweepNow();
    } catch (error) {
      this.log.error({ err: error }, 'transcript retention sweep failed');
    }
  }
}
