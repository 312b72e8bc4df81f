/**
 * What the accuracy rows record, per row and per system: numbers only (never a sentence from the
 * data sets), so results can be committed and compared.
 */
import type { AccuracyMetric } from './accuracyRows';

/** Open-set figures at one threshold on the test split. */
export interface ThresholdFigures {
  readonly threshold: number;
  readonly inScopeAccuracy: number;
  readonly outOfScopeRecall: number;
}

/** One system on one row. */
export interface SystemRowResult {
  readonly systemId: string;
  readonly system: string;
  /** Set when the system could not load, train or predict; the figures below are then absent. */
  readonly error?: string;
  /** Seconds to train on `reportTrain` (the knowledge used for the reported figures). */
  readonly trainSeconds?: number;
  /** Mean milliseconds per `predict` call on the test queries. */
  readonly predictMeanMs?: number;
  /** Top-1 accuracy on the in-scope test queries, no threshold. */
  readonly top1Accuracy?: number;
  /** Open-set rows: the threshold chosen on validation, and the test figures at it. */
  readonly validationThreshold?: ThresholdFigures & { readonly validationInScopeAccuracy: number; readonly validationOutOfScopeRecall: number; readonly tuneTrainSeconds: number };
  /** Open-set rows: the figures at the threshold the system ships with, when it has one. */
  readonly shippedThreshold?: ThresholdFigures;
}

/** One row across systems. */
export interface AccuracyRowResult {
  readonly id: string;
  readonly title: string;
  readonly metric: AccuracyMetric;
  readonly sizes: {
    readonly labels: number;
    readonly train: number;
    readonly reportTrain: number;
    readonly validation: number;
    readonly test: number;
    readonly outOfScopeValidation: number;
    readonly outOfScopeTest: number;
  };
  readonly systems: readonly SystemRowResult[];
}
