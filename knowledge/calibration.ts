/**
 * Turns the matcher's raw entry scores into confidences that read as probabilities: a softmax with
 * a temperature, plus a "none of these" outcome whose fixed score lets an out-of-scope question
 * end up with low confidence for every entry. Both numbers are fitted on validation data.
 */

/** The two fitted numbers. */
export interface CalibrationParameters {
  /** Softmax temperature in score units (smaller: sharper). */
  readonly temperature: number;
  /** Score of the "none of these" outcome. */
  readonly nullScore: number;
  /**
   * Small-base padding: a base with fewer entries than this is scored as if it had this many (at
   * most twice its own size), the missing ones at `backgroundScore`. They stand for the questions a
   * larger base would also cover, so a top entry that is only "best of few" does not take all the
   * probability. 0 or absent: off.
   */
  readonly referenceEntries?: number;
  /** Score of each padding entry (about that of an unrelated entry in a large base). */
  readonly backgroundScore?: number;
}

/**
 * How many padding entries a base of `count` scored entries gets under `p`: up to the reference
 * size, but never more than the base itself has (a 6-entry base is not scored as if it had 80, or a
 * typo of a stored word would lose all its confidence).
 */
export function paddingCount(count: number, p: CalibrationParameters): number {
  return Math.max(0, Math.min(count, Math.floor(p.referenceEntries ?? 0) - count));
}

/**
 * Log of the softmax denominator over `scores[0..count)` plus `restCount` further entries that all
 * have `restScore`, plus the none outcome, plus the small-base padding of `p` (when `restCount` is
 * not given). Entries with -Infinity (filtered out) contribute nothing.
 */
export function logPartition(scores: ArrayLike<number>, count: number, p: CalibrationParameters, restCount = paddingCount(count, p), restScore = p.backgroundScore ?? 0): number {
  let max = p.nullScore / p.temperature;
  if (restCount > 0) max = Math.max(max, restScore / p.temperature);
  for (let i = 0; i < count; i++) max = Math.max(max, (scores[i] ?? -Infinity) / p.temperature);
  let sum = Math.exp(p.nullScore / p.temperature - max);
  if (restCount > 0) sum += restCount * Math.exp(restScore / p.temperature - max);
  // Entries no query feature reached share one score on a large base: one exp serves a run of them.
  let last = NaN;
  let lastTerm = 0;
  for (let i = 0; i < count; i++) {
    const s = scores[i] ?? -Infinity;
    if (s === -Infinity) continue;
    if (s !== last) {
      last = s;
      lastTerm = Math.exp(s / p.temperature - max);
    }
    sum += lastTerm;
  }
  return max + Math.log(sum);
}

/** Confidence (0..1) of one entry, given the log partition of its query. */
export function calibratedConfidence(score: number, logZ: number, p: CalibrationParameters): number {
  const c = Math.exp(score / p.temperature - logZ);
  return Number.isFinite(c) ? Math.min(1, Math.max(0, c)) : 0;
}

/** One validation query: all entry scores and the index of the right entry (-1: none is right). */
export interface CalibrationSample {
  readonly scores: Float32Array;
  readonly target: number;
}

/** Mean negative log-likelihood of the samples under `p`. */
export function calibrationLoss(samples: readonly CalibrationSample[], p: CalibrationParameters): number {
  let loss = 0;
  for (const s of samples) {
    const logZ = logPartition(s.scores, s.scores.length, p);
    const right = s.target < 0 ? p.nullScore : (s.scores[s.target] ?? -Infinity);
    loss += logZ - right / p.temperature;
  }
  return loss / Math.max(1, samples.length);
}

/**
 * The temperature (and, when `fitNull`, the none score) with the least validation loss, by a
 * coarse-to-fine grid search; `start` supplies the none score when it is not fitted.
 */
export function fitCalibration(samples: readonly CalibrationSample[], start: CalibrationParameters, fitNull: boolean): CalibrationParameters {
  let best = start;
  let bestLoss = calibrationLoss(samples, best);
  let tStep = 0.5;
  let nStep = 0.2;
  for (let round = 0; round < 25; round++) {
    let improved = false;
    for (const dt of [-1, 0, 1]) {
      for (const dn of fitNull ? [-1, 0, 1] : [0]) {
        if (dt === 0 && dn === 0) continue;
        const candidate = { ...best, temperature: best.temperature * Math.exp(dt * tStep), nullScore: best.nullScore + dn * nStep };
        const loss = calibrationLoss(samples, candidate);
        if (loss < bestLoss) {
          best = candidate;
          bestLoss = loss;
          improved = true;
        }
      }
    }
    if (!improved) {
      tStep /= 2;
      nStep /= 2;
    }
  }
  return best;
}
