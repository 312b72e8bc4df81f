/**
 * Self-calibration: a knowledge base tells how sure the matcher may be of it. Its own phrasings are
 * held out in folds (leave-alternates-out: each alternate is asked of a model trained without it)
 * and some whole entries are left out (their questions stand for near-domain questions the base
 * does not answer). The softmax temperature and "none" score are fitted to those held-out scores,
 * so a confidence means about the same on every base; the thresholds on that scale were chosen on
 * development bases. A fixed calibration fitted on one public set was conservative for every base
 * (docs/FAQ_MATCHER.md, "Self-calibration").
 */
import type { AnswerThresholds } from './answerPolicy';
import { fitCalibration, logPartition, calibratedConfidence } from './calibration';
import type { CalibrationParameters, CalibrationSample } from './calibration';
import type { KnowledgeBase, KnowledgeEntry } from './knowledgeBase';

/** Scores a question against every entry of the base a scorer was built for (undefined: nothing known). */
export type RawScorer = (text: string) => Float32Array | undefined;

/** How self-calibration runs and what it aims for. */
export interface SelfCalibrationOptions {
  /** Folds of held-out alternates (models trained per base: this many). */
  readonly folds: number;
  /** One entry in this many (per fold, spread over folds) is left out whole as an out-of-scope stand-in. */
  readonly entryOutEvery: number;
  /** Share of the fit's weight on the out-of-scope stand-ins. */
  readonly outOfScopeShare: number;
  /** Thresholds on the self-calibrated scale. */
  readonly thresholds: AnswerThresholds;
  /** Fewest held-out samples of each kind needed; fewer: the base keeps the fixed calibration. */
  readonly minSamples: number;
}

/** The tuned defaults (chosen on development bases, never on the held-out test questions). */
export const selfCalibrationDefaults: SelfCalibrationOptions = Object.freeze({
  folds: 4,
  entryOutEvery: 3,
  outOfScopeShare: 0.25,
  thresholds: Object.freeze({ answer: 0.2, margin: 0.1, suggest: 0.15, maxSuggestions: 3 }),
  minSamples: 20,
});

/** What self-calibration found; shown to admins by `kb ask`, `kb eval` and the studio. */
export interface SelfCalibration {
  readonly calibration: CalibrationParameters;
  readonly thresholds: AnswerThresholds;
  /** Held-out phrasings asked (in scope) and questions of left-out entries (out of scope). */
  readonly inScopeSamples: number;
  readonly outOfScopeSamples: number;
  /** On the held-out samples with these thresholds: in-scope answered right, wrong answers, out-of-scope declined. */
  readonly heldOutAccuracy: number;
  readonly heldOutWrongRate: number;
  readonly heldOutOutOfScopeRecall: number;
}

/** One fold's sub-base: which entries and questions it keeps, and what it holds out. */
interface Fold {
  readonly kb: KnowledgeBase;
  readonly heldOut: ReadonlyArray<{ readonly text: string; readonly target: number }>;
}

function foldsOf(kb: KnowledgeBase, options: SelfCalibrationOptions): Fold[] {
  const folds: Fold[] = [];
  const k = Math.max(2, Math.floor(options.folds));
  const every = Math.max(2, Math.floor(options.entryOutEvery));
  for (let fold = 0; fold < k; fold++) {
    const kept: KnowledgeEntry[] = [];
    const heldOut: Array<{ text: string; target: number }> = [];
    const leftOut: string[] = [];
    kb.entries.forEach((entry, e) => {
      if (entry.contextOnly) {
        kept.push(entry);
        return;
      }
      // Entry e is left out whole in fold (e / every) mod k when e is a multiple of `every`.
      if (e % every === 0 && Math.floor(e / every) % k === fold) {
        leftOut.push(...entry.questions);
        return;
      }
      const keep: string[] = [];
      const out: string[] = [];
      entry.questions.forEach((q, j) => ((j + e) % k === fold ? out : keep).push(q));
      if (keep.length === 0) keep.push(...out.splice(0, 1));
      for (const q of out) heldOut.push({ text: q, target: kept.length });
      kept.push({ ...entry, questions: keep });
    });
    for (const q of leftOut) heldOut.push({ text: q, target: -1 });
    folds.push({ kb: { ...kb, entries: kept, version: `${kb.version}~fold${fold}` }, heldOut });
  }
  return folds;
}

/** Held-out samples of `kb`: every fold's base built by `build`, its held-out questions scored. */
export function heldOutSamples(kb: KnowledgeBase, build: (sub: KnowledgeBase) => RawScorer, options: SelfCalibrationOptions = selfCalibrationDefaults): CalibrationSample[] {
  const samples: CalibrationSample[] = [];
  for (const fold of foldsOf(kb, options)) {
    if (fold.heldOut.length === 0 || fold.kb.entries.length < 2) continue;
    const score = build(fold.kb);
    for (const { text, target } of fold.heldOut) {
      const scores = score(text);
      if (scores) samples.push({ scores: Float32Array.from(scores), target });
      else if (target < 0) samples.push({ scores: new Float32Array(fold.kb.entries.length).fill(-Infinity), target });
    }
  }
  return samples;
}

interface Outcome {
  readonly top: number;
  readonly gap: number;
  readonly right: boolean;
  readonly inScope: boolean;
  readonly weight: number;
}

function outcomes(samples: readonly CalibrationSample[], p: CalibrationParameters, oosWeight: number): Outcome[] {
  return samples.map((s) => {
    const logZ = logPartition(s.scores, s.scores.length, p);
    let best = -1;
    let second = -1;
    for (let e = 0; e < s.scores.length; e++) {
      const v = s.scores[e] ?? -Infinity;
      if (v === -Infinity) continue;
      if (best < 0 || v > (s.scores[best] ?? -Infinity)) {
        second = best;
        best = e;
      } else if (second < 0 || v > (s.scores[second] ?? -Infinity)) second = e;
    }
    const top = best < 0 ? 0 : calibratedConfidence(s.scores[best] ?? -Infinity, logZ, p);
    const runnerUp = second < 0 ? 0 : calibratedConfidence(s.scores[second] ?? -Infinity, logZ, p);
    return { top, gap: top - runnerUp, right: best >= 0 && best === s.target, inScope: s.target >= 0, weight: s.target >= 0 ? 1 : oosWeight };
  });
}

/** Figures of answering at `answer` (margin 0) over weighted outcomes (out-of-scope declined: below `answer`). */
function figuresAt(all: readonly Outcome[], answer: number): { accuracy: number; wrong: number; oosRecall: number } {
  let inScope = 0;
  let right = 0;
  let oos = 0;
  let declined = 0;
  let wrong = 0;
  let total = 0;
  for (const o of all) {
    total += o.weight;
    const answered = o.top >= answer;
    if (o.inScope) {
      inScope += o.weight;
      if (answered && o.right) right += o.weight;
      if (answered && !o.right) wrong += o.weight;
    } else {
      oos += o.weight;
      if (answered) wrong += o.weight;
      else declined += o.weight;
    }
  }
  return { accuracy: right / Math.max(1e-9, inScope), wrong: wrong / Math.max(1e-9, total), oosRecall: declined / Math.max(1e-9, oos) };
}

/**
 * Fits the calibration and chooses thresholds from held-out samples, or undefined when there are
 * too few of either kind (a tiny base keeps the fixed, conservative calibration).
 */
export function calibrateFromSamples(samples: readonly CalibrationSample[], start: CalibrationParameters, options: SelfCalibrationOptions = selfCalibrationDefaults): SelfCalibration | undefined {
  const inScope = samples.filter((s) => s.target >= 0);
  const outOfScope = samples.filter((s) => s.target < 0);
  if (inScope.length < options.minSamples || outOfScope.length < Math.min(options.minSamples, 10)) return undefined;
  // Weight the stand-ins so they carry `outOfScopeShare` of the fit, by repeating (the loss is a mean).
  const oosWeight = (options.outOfScopeShare / (1 - options.outOfScopeShare)) * (inScope.length / outOfScope.length);
  const repeat = Math.max(1, Math.round(oosWeight));
  const fitted = fitCalibration([...inScope, ...Array.from({ length: repeat }, () => outOfScope).flat()], { ...start, referenceEntries: 0 }, true);
  const all = outcomes(samples, fitted, oosWeight);
  const at = figuresAt(all, options.thresholds.answer);
  return {
    calibration: fitted,
    thresholds: options.thresholds,
    inScopeSamples: inScope.length,
    outOfScopeSamples: outOfScope.length,
    heldOutAccuracy: at.accuracy,
    heldOutWrongRate: at.wrong,
    heldOutOutOfScopeRecall: at.oosRecall,
  };
}
