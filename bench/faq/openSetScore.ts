/**
 * Scoring with a "no match" option: in-scope accuracy and out-of-scope recall at a confidence
 * threshold, and the threshold that balances them best on validation data.
 */

/** The top prediction of one query, reduced to what open-set scoring needs. */
export interface TopOutcome {
  /** Confidence of the top label (0 when the system returned nothing). */
  readonly confidence: number;
  /** Whether the top label is the gold label (always false for out-of-scope queries). */
  readonly correct: boolean;
}

/** Figures at one threshold. */
export interface OpenSetScore {
  readonly threshold: number;
  /** Share of in-scope queries whose top label is right AND at or above the threshold. */
  readonly inScopeAccuracy: number;
  /** Share of out-of-scope queries whose top confidence is below the threshold. */
  readonly outOfScopeRecall: number;
}

/** Scores in-scope and out-of-scope outcomes at one threshold. */
export function openSetScore(inScope: readonly TopOutcome[], outOfScope: readonly TopOutcome[], threshold: number): OpenSetScore {
  const accepted = inScope.filter((o) => o.correct && o.confidence >= threshold).length;
  const rejected = outOfScope.filter((o) => o.confidence < threshold).length;
  return { threshold, inScopeAccuracy: share(accepted, inScope.length), outOfScopeRecall: share(rejected, outOfScope.length) };
}

/**
 * The threshold that maximises in-scope accuracy + out-of-scope recall (each a rate, so the two
 * count equally whatever the sizes of the two sets). Candidates are 0 and the midpoints between
 * consecutive distinct confidences seen; on a tie the lowest candidate wins.
 */
export function chooseThreshold(inScope: readonly TopOutcome[], outOfScope: readonly TopOutcome[]): OpenSetScore {
  const values = [...new Set([...inScope, ...outOfScope].map((o) => o.confidence))].sort((a, b) => a - b);
  const candidates = [0];
  for (let i = 1; i < values.length; i += 1) candidates.push(((values[i - 1] ?? 0) + (values[i] ?? 0)) / 2);
  const last = values[values.length - 1];
  if (last !== undefined) candidates.push(last + 1e-9);
  // Sweep candidates upwards with two cursors over sorted confidences: O(n log n) overall.
  const correctSorted = inScope.filter((o) => o.correct).map((o) => o.confidence).sort((a, b) => a - b);
  const oosSorted = outOfScope.map((o) => o.confidence).sort((a, b) => a - b);
  let best: OpenSetScore = openSetScore(inScope, outOfScope, 0);
  let correctBelow = 0;
  let oosBelow = 0;
  for (const t of candidates) {
    while (correctBelow < correctSorted.length && (correctSorted[correctBelow] ?? 0) < t) correctBelow += 1;
    while (oosBelow < oosSorted.length && (oosSorted[oosBelow] ?? 0) < t) oosBelow += 1;
    const score = { threshold: t, inScopeAccuracy: share(correctSorted.length - correctBelow, inScope.length), outOfScopeRecall: share(oosBelow, outOfScope.length) };
    if (score.inScopeAccuracy + score.outOfScopeRecall > best.inScopeAccuracy + best.outOfScopeRecall + 1e-12) best = score;
  }
  return best;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
