/**
 * The performance rows: synthetic knowledge bases of growing size, each measured in its own child
 * process with a hard time limit. node-nlp is left out: it trains one neural output per entry, which
 * is not how a 100,000-entry FAQ would be served. MiniSearch stops at 10,000 entries: at 100,000 its
 * OR search scores every question sharing a common word, and 2,000 queries did not finish in 360 s.
 */
import type { PerfRequest } from './perfResult';

/** One knowledge-base size. */
export interface PerfRow {
  readonly id: string;
  readonly title: string;
  readonly entries: number;
  /** Hard limit for one child process (generation, build and all queries). */
  readonly timeoutSeconds: number;
  /** Systems measured at this size. */
  readonly systems: readonly PerfRequest['systemId'][];
}

/** Seed of the synthetic data, fixed so every run measures the same knowledge and queries. */
export const perfSeed = 20240601;

/** Smallest first. */
export const perfRows: readonly PerfRow[] = Object.freeze([
  { id: 'perf-1k', title: 'Performance 1,000 entries', entries: 1_000, timeoutSeconds: 90, systems: ['warmline', 'minisearch'] },
  { id: 'perf-10k', title: 'Performance 10,000 entries', entries: 10_000, timeoutSeconds: 180, systems: ['warmline', 'minisearch'] },
  { id: 'perf-100k', title: 'Performance 100,000 entries', entries: 100_000, timeoutSeconds: 360, systems: ['warmline'] },
]);
