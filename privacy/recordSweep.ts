/**
 * Applies the retention periods to every record in the store (P10): lists the keys, reads them a
 * batch at a time, and deletes or trims what is past its period ({@link retentionDecision}).
 * Trimmed documents are written back with the eTag they were read with, so an entry added meanwhile
 * is never lost (that record waits for the next sweep). A deleted record was idle for its whole
 * period, so a customer writing in the very millisecond it goes is the only way to lose a change.
 */
import { storageErrorCodes } from '../storage/storageErrors';
import { recordOf } from './recordKinds';
import { retentionDecision } from './recordRetention';
import type { RetentionDays } from './retentionPolicy';

/** The store a sweep works on: botbuilder's `Storage` plus key listing (structurally; no botbuilder import). */
export interface ListableStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<void>;
  listKeys(prefix: string): AsyncIterable<readonly string[]>;
}

/** What one sweep did. */
export interface RecordSweepReport {
  /** Records deleted whole. */
  deleted: number;
  /** Records written back without their entries past the period (or stamped with a first-seen date). */
  rewritten: number;
  /** Trims given up because the record changed meanwhile (tried again next sweep). */
  conflicts: number;
}

/** Keys read at once. */
const readBatch = 100;

/** Retention for every record kind in one store; `run` is a task for the retention sweeper. */
export class RecordRetention {
  /** Names the task in logs. */
  readonly name = 'records';

  constructor(
    private readonly store: ListableStore,
    private readonly days: RetentionDays,
  ) {
    if (!store || typeof store.listKeys !== 'function') throw new TypeError('RecordRetention needs a store that can list its keys');
  }

  /** One sweep as of `now`; resolves with how many records were deleted or trimmed. */
  async run(now: Date): Promise<number> {
    const report = await this.sweep(now);
    return report.deleted + report.rewritten;
  }

  /** One sweep as of `now`, with what it did. */
  async sweep(now: Date): Promise<RecordSweepReport> {
    const report: RecordSweepReport = { deleted: 0, rewritten: 0, conflicts: 0 };
    for await (const page of this.store.listKeys('')) {
      for (let i = 0; i < page.length; i += readBatch) {
        await this.sweepBatch(page.slice(i, i + readBatch), now, report);
        // SQLite answers synchronously: let waiting turns run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    return report;
  }

  private async sweepBatch(keys: string[], now: Date, report: RecordSweepReport): Promise<void> {
    const swept = keys.filter((key) => recordOf(key).kind !== 'other');
    if (swept.length === 0) return;
    const items = await this.store.read(swept);
    const doomed: string[] = [];
    for (const key of swept) {
      const value = items[key];
      if (typeof value !== 'object' || value === null) continue;
      const decision = retentionDecision(recordOf(key), value as Record<string, unknown>, now, this.days);
      if (decision.action === 'delete') doomed.push(key);
      if (decision.action !== 'rewrite') continue;
      try {
        await this.store.write({ [key]: decision.value });
        report.rewritten += 1;
      } catch (error) {
        if ((error as { code?: unknown }).code !== storageErrorCodes.etagConflict) throw error;
        report.conflicts += 1;
      }
    }
    if (doomed.length > 0) await this.store.delete(doomed);
    report.deleted += doomed.length;
  }
}
