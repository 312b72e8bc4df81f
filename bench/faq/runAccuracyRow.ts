/**
 * Runs one accuracy row for one system with the fairness rules of docs/BENCHMARKS.md: thresholds
 * are tuned with `train` as knowledge and scored on validation; the reported figures come from one
 * training on `reportTrain` and one pass over `test`.
 */
import { performance } from 'node:perf_hooks';
import type { Example, IntentDataset } from '../datasets';
import type { BenchClassifier, BenchSystem } from './benchClassifier';
import type { AccuracyRow } from './accuracyRows';
import type { SystemRowResult } from './accuracyResult';
import { chooseThreshold, openSetScore } from './openSetScore';
import type { TopOutcome } from './openSetScore';

/** Top outcome of each query (gold label absent for out-of-scope queries), and the mean time per query. */
async function outcomes(classifier: BenchClassifier, queries: readonly { text: string; label?: string }[]): Promise<{ outcomes: TopOutcome[]; meanMs: number }> {
  const result: TopOutcome[] = [];
  const started = performance.now();
  for (const q of queries) {
    const [top] = await classifier.predict(q.text);
    result.push({ confidence: top?.confidence ?? 0, correct: q.label !== undefined && top?.label === q.label });
  }
  return { outcomes: result, meanMs: queries.length === 0 ? 0 : (performance.now() - started) / queries.length };
}

async function trained(system: BenchSystem, examples: readonly Example[], data: IntentDataset): Promise<{ classifier: BenchClassifier; seconds: number }> {
  const classifier = await system.create();
  const started = performance.now();
  await classifier.train(examples, data.locale);
  return { classifier, seconds: (performance.now() - started) / 1000 };
}

function sameExamples(a: readonly Example[], b: readonly Example[]): boolean {
  return a.length === b.length && a.every((e, i) => e.text === b[i]?.text && e.label === b[i]?.label);
}

const asQueries = (texts: readonly string[]): { text: string }[] => texts.map((text) => ({ text }));

/** Trains and scores one system on one row; errors are caught and recorded in the result. */
export async function runAccuracyRow(row: AccuracyRow, data: IntentDataset, system: BenchSystem): Promise<SystemRowResult> {
  const base = { systemId: system.id, system: system.name };
  try {
    if (row.metric === 'top1') {
      const { classifier, seconds } = await trained(system, data.reportTrain, data);
      const test = await outcomes(classifier, data.test);
      const top1Accuracy = test.outcomes.filter((o) => o.correct).length / Math.max(1, test.outcomes.length);
      return { ...base, trainSeconds: seconds, predictMeanMs: test.meanMs, top1Accuracy };
    }
    // Open set: choose the threshold on validation with `train` as knowledge.
    const tuning = await trained(system, data.train, data);
    const validation = await outcomes(tuning.classifier, data.validation);
    const validationOos = await outcomes(tuning.classifier, asQueries(data.outOfScopeValidation));
    const chosen = chooseThreshold(validation.outcomes, validationOos.outcomes);
    // Report: retrain on reportTrain (skipped when it is the same data, as for CLINC150), test once.
    const report = sameExamples(data.train, data.reportTrain) ? tuning : await trained(system, data.reportTrain, data);
    const test = await outcomes(report.classifier, data.test);
    const testOos = await outcomes(report.classifier, asQueries(data.outOfScopeTest));
    const top1Accuracy = test.outcomes.filter((o) => o.correct).length / Math.max(1, test.outcomes.length);
    const atChosen = openSetScore(test.outcomes, testOos.outcomes, chosen.threshold);
    const shipped = report.classifier.shippedThreshold?.(data.locale);
    return {
      ...base,
      trainSeconds: report.seconds,
      predictMeanMs: test.meanMs,
      top1Accuracy,
      validationThreshold: {
        ...atChosen,
        validationInScopeAccuracy: chosen.inScopeAccuracy,
        validationOutOfScopeRecall: chosen.outOfScopeRecall,
        tuneTrainSeconds: tuning.seconds,
      },
      ...(shipped === undefined ? {} : { shippedThreshold: openSetScore(test.outcomes, testOos.outcomes, shipped) }),
    };
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : String(error) };
  }
}
