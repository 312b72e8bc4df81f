/**
 * The accuracy rows of the FAQ benchmark: which data set, which cut, which metric. Each row loads
 * its data only when it runs, from the shared data sets folder.
 */
import { loadBanking77, loadChitChat, loadClinc150 } from '../datasets';
import type { IntentDataset } from '../datasets';

/** `top1`: plain accuracy on `test`. `openSet`: in-scope accuracy and out-of-scope recall at a threshold. */
export type AccuracyMetric = 'top1' | 'openSet';

/** One accuracy row. */
export interface AccuracyRow {
  /** Stable id, also what `--only` matches (with the title). */
  readonly id: string;
  readonly title: string;
  readonly metric: AccuracyMetric;
  load(): IntentDataset;
}

/** In table order. */
export const accuracyRows: readonly AccuracyRow[] = Object.freeze([
  { id: 'banking77-full', title: 'BANKING77 full', metric: 'top1', load: () => loadBanking77('full') },
  { id: 'banking77-10shot', title: 'BANKING77 10-shot', metric: 'top1', load: () => loadBanking77('10-shot') },
  { id: 'clinc150-full', title: 'CLINC150 full', metric: 'openSet', load: () => loadClinc150() },
  { id: 'chitchat-en-professional', title: 'Chit-chat en professional', metric: 'top1', load: () => loadChitChat('english', 'professional') },
  { id: 'chitchat-en-friendly', title: 'Chit-chat en friendly', metric: 'top1', load: () => loadChitChat('english', 'friendly') },
  { id: 'chitchat-zh-professional', title: 'Chit-chat zh professional', metric: 'top1', load: () => loadChitChat('chinese_simplified', 'professional') },
  { id: 'chitchat-zh-friendly', title: 'Chit-chat zh friendly', metric: 'top1', load: () => loadChitChat('chinese_simplified', 'friendly') },
] satisfies AccuracyRow[]);
