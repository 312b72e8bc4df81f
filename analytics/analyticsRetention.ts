/**
 * Keeps analytics events only as long as `RECORD_RETENTION_DAYS` allows (kind `analytics`): a task
 * of the hourly retention sweep.
 */
import type { AnalyticsStore } from './analyticsStore';

const dayMs = 86_400_000;

/** The retention sweep's task for analytics events (structurally a storage `RetentionTask`). */
export class AnalyticsRetention {
  readonly name = 'analytics events';

  constructor(
    private readonly store: Pick<AnalyticsStore, 'purgeOlderThan'>,
    private readonly days: number,
  ) {
    if (!(days > 0)) throw new RangeError(`AnalyticsRetention: days must be positive, got ${days}`);
  }

  /** Removes events older than the period as of `now`; resolves with how many went. */
  run(now: Date): Promise<number> {
    return this.store.purgeOlderThan(new Date(now.getTime() - this.days * dayMs));
  }
}
