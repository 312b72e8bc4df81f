/**
 * The shape of bench/results/faq.json: when, where, on which commit, with which rules, and the
 * figures (numbers only; no text from the data sets).
 */
import type { AccuracyRowResult } from './accuracyResult';
import type { GitInfo, MachineInfo } from './machineInfo';
import type { PerfCellResult } from './perfResult';

/** One run of `npm run bench:faq`. */
export interface FaqBenchResults {
  /** ISO time the run started. */
  readonly date: string;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly git: GitInfo;
  /** The options of a partial run (empty lists: everything). */
  readonly selection: { readonly only: readonly string[]; readonly systems: readonly string[]; readonly skipPerf: boolean };
  /** How open-set thresholds were chosen, in words, so the file explains itself. */
  readonly thresholdCriterion: string;
  readonly accuracy: readonly AccuracyRowResult[];
  readonly performance: readonly PerfCellResult[];
}
