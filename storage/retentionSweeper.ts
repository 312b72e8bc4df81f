/**
 * Keeps transcripts only as long as the retention setting allows: purges as soon as it is
 * created, then every hour until stopped. Further retention tasks (the other records, see
 * `privacy/recordSweep.ts`) run in the same sweep. Logs how many went, never what they said.
 */
import type { Logger } from '../logger';
import { StorageArgumentError } from './storageErrors';
import type { TranscriptArchive } from './transcriptArchive';
import type { Lease } from './lease';

const dayMs = 24 * 60 * 60 * 1000;

/** Optional settings of a {@link RetentionSweeper}. */
export interface RetentionSweeperOptions {
  /** Clock; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Time between sweeps after the first; one hour by default. */
  readonly intervalMs?: number;
  /** Run after the transcripts in every sweep, each on its own: one failing does not stop the others. */
  readonly tasks?: readonly RetentionTask[];
  /** With several instances: only the one holding this lease sweeps on its timer (`sweepNow` always runs). */
  readonly lease?: Lease;
}

/** Retention work a sweep does besides transcripts. */
export interface RetentionTask {
  /** Names the task in logs. */
  readonly name: string;
  /** Applies retention as of `now`; resolves with how many records it removed or changed. */
  run(now: Date): Promise<number>;
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
  private readonly tasks: readonly RetentionTask[];
  private readonly lease: Lease | undefined;

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
    this.tasks = options.tasks ?? [];
    this.lease = options.lease;
    this.timer = setInterval(() => void this.sweepLogged(), options.intervalMs ?? 60 * 60 * 1000);
    this.timer.unref();
    void this.sweepLogged();
  }

  /** Stops future sweeps and gives up the lease, if any; one already running finishes. Safe to call twice. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.lease?.release().catch((error: unknown) => this.log.warn({ err: error }, 'could not give up the retention lease; it expires on its own'));
  }

  /** Purges now (then runs the tasks) and resolves with how many activities were removed; joins a sweep already running. */
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
    const now = this.now();
    const cutoff = new Date(now.getTime() - this.retentionDays * dayMs);
    let removed: number;
    try {
      removed = await this.archive.purgeOlderThan(cutoff);
    } finally {
      // The other records are swept even when the transcripts could not be.
      await this.runTasks(now);
    }
    const entry = { removed, cutoff: cutoff.toISOString(), retentionDays: this.retentionDays };
    if (removed > 0) this.log.info(entry, 'old transcript activities purged');
    else this.log.debug(entry, 'no transcript activities past retention');
    return removed;
  }

  private async runTasks(now: Date): Promise<void> {
    for (const task of this.tasks) {
      try {
        const changed = await task.run(now);
        if (changed > 0) this.log.info({ task: task.name, changed }, 'records past retention removed or trimmed');
        else this.log.debug({ task: task.name }, 'no records past retention');
      } catch (error) {
        this.log.error({ err: error, task: task.name }, 'retention task failed');
      }
    }
  }

  private async sweepLogged(): Promise<void> {
    try {
      // Another instance holds the lease: it sweeps for everyone.
      if (this.lease && (await this.lease.acquire()) === undefined) return;
      await this.sweepNow();
    } catch (error) {
      this.log.error({ err: error }, 'transcript retention sweep failed');
    }
  }
}
