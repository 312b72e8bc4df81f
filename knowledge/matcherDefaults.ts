/**
 * The FAQ matcher's hyper-parameters and their tuned defaults, with the answer thresholds that go
 * with them. Chosen on validation splits by bench/tuneFaq.ts (bench/results/tune-faq.json).
 */
import type { AnswerThresholds } from './answerPolicy';
import type { KnowledgeLocale } from './knowledgeBase';
import type { FeatureOptions } from './featureExtractor';

/** Everything that can be tuned; `FaqMatcher.build` takes any subset. */
export interface FaqMatcherOptions extends FeatureOptions {
  /** Weight of the linear classifier's decision value in an entry's score. */
  readonly linearWeight: number;
  /** Weight of the nearest-question cosine in an entry's score. */
  readonly neighbourWeight: number;
  /** SVM regularisation (liblinear's C). */
  readonly c: number;
  /** C of an entry's own questions relative to the others' in its one-vs-rest SVM. */
  readonly positiveWeight: number;
  /** SVM stopping tolerance. */
  readonly tolerance: number;
  /** Most SVM passes per entry. */
  readonly maxPasses: number;
  /** Seed of training shuffles (same seed, same model). */
  readonly seed: number;
  /** Above this many entries the linear classifier is not trained: neighbours only (scales to 100k+). */
  readonly maxLinearEntries: number;
  /** Nor when entries × features exceeds this (bounds the weight matrix, 4 bytes a cell). */
  readonly maxLinearCells: number;
  /** Nor when entries × stored questions exceeds this (bounds training time, about 5 s per million). */
  readonly maxLinearWork: number;
  /** Softmax temperature and "none" score when the linear classifier is used. */
  readonly temperature: number;
  readonly nullScore: number;
  /** The same for neighbours-only matching. */
  readonly neighbourTemperature: number;
  readonly neighbourNullScore: number;
  /**
   * Bases with fewer entries than this get padding entries (at most as many as they have) at
   * `backgroundScore` in the softmax, so a 60-entry base is not as sure of its best entry as a
   * softmax over 60 makes it (see "Small knowledge bases" in docs/FAQ_MATCHER.md). 0 turns it off.
   * Only bases small enough for the linear path are ever padded; the score is in its units.
   */
  readonly referenceEntries: number;
  readonly backgroundScore: number;
  /**
   * Features in more stored questions than this are kept per question instead of in the neighbour
   * index, and added only for the questions and entries nearest a query (speed at scale; 4,000
   * and left out entirely until 2026-12-07).
   */
  readonly maxPostings: number;
  /**
   * Weight of log(coverage), the share of the question's weight on words the base knows: a
   * question made mostly of unknown words scores lower against every entry (out of scope).
   */
  readonly coverageWeight: number;
  /**
   * Weight of the answer-text term: the query's TF-IDF cosine to each entry's answer, centred per
   * query (knowledge/answerIndex.ts). Used on self-calibrated bases only, as the semantic term.
   * 0: off.
   */
  readonly answerWeight: number;
  /**
   * Weight of the semantic similarity (word vectors, see knowledge/semanticIndex.ts; English ones
   * ship with Warmline, Chinese ones are built from CC-CEDICT's glosses): finds paraphrases that
   * share no word with the stored questions. 1.5 measured best on small bases. It widens score
   * gaps, so with the fixed calibration a near-miss question ("do you sell concert tickets" on a
   * base with gift cards) was answered with 0.44 confidence: it is used only on bases that
   * calibrate themselves (FaqMatcher.build drops it on the others).
   */
  readonly semanticWeight: number;
  /** SIF smoothing of the word weights in the semantic average (smaller: common words count less). */
  readonly semanticSmoothing: number;
  /** Share of the answer text's similarity in the semantic term (the rest: the nearest question's). */
  readonly semanticAnswerShare: number;
  /** On bases with more entries, only this many best-scoring entries get the semantic term (cost at scale). */
  readonly semanticCandidates: number;
  /** Most semantic vectors kept per entry (more questions: cluster centres), bounding a query's cost. */
  readonly semanticPrototypes: number;
  /** Added to the score of the follow-ups (prompts) of the entry just answered. */
  readonly contextBoost: number;
  /** Fit the confidence and thresholds to the base's own held-out phrasings (knowledge/selfCalibration.ts). */
  readonly selfCalibrate: boolean;
  /**
   * Bases with more entries × stored questions than this keep the fixed calibration: four more
   * trainings (about 5 s per million cells each) would hold a publish too long. 300,000: a 1,000-entry
   * base of 3,000 questions built in 42 s with them instead of 8.
   */
  readonly selfCalibrationMaxWork: number;
}

/** Tuned defaults (see docs/FAQ_MATCHER.md for the validation numbers behind them). */
export const matcherDefaults: FaqMatcherOptions = Object.freeze({
  wordBigrams: true,
  charMin: 2,
  charMax: 5,
  cjkCharMax: 3,
  wordWeight: 1,
  stem: true,
  minDf: 1,
  linearWeight: 1,
  neighbourWeight: 1,
  c: 1,
  positiveWeight: 12,
  tolerance: 0.1,
  maxPasses: 100,
  seed: 1,
  maxLinearEntries: 2000,
  maxLinearCells: 48_000_000,
  maxLinearWork: 3_000_000,
  temperature: 0.185,
  nullScore: -0.272,
  neighbourTemperature: 0.042,
  neighbourNullScore: 0.2,
  referenceEntries: 80,
  backgroundScore: -0.45,
  contextBoost: 0.2,
  coverageWeight: 0.3,
  maxPostings: 250,
  selfCalibrate: true,
  selfCalibrationMaxWork: 300_000,
  semanticWeight: 1.5,
  answerWeight: 1,
  semanticSmoothing: 1e-4,
  semanticAnswerShare: 0.3,
  semanticCandidates: 100,
  semanticPrototypes: 16,
});

/**
 * Answer thresholds per locale, chosen on validation data with the defaults above: on CLINC150
 * validation an answer threshold of 0.2 keeps in-scope accuracy at 0.927 and turns away 72% of
 * out-of-scope questions. There is no Chinese out-of-scope data, so zh-CN uses the same numbers.
 * These apply to bases that keep the fixed calibration (too large or too small to calibrate
 * themselves). `suggest` 0.15 (was 0.1): through `kb eval` on CLINC150 validation, where a
 * suggestion to an out-of-scope question counts as not declined, out-of-scope recall 0.51 → 0.67
 * for answered-or-offered 0.935 → 0.932 (BANKING77 full 0.916 → 0.912).
 */
export const recommendedThresholds: Readonly<Record<KnowledgeLocale, AnswerThresholds>> = Object.freeze({
  'en-US': Object.freeze({ answer: 0.2, margin: 0.05, suggest: 0.15, maxSuggestions: 3 }),
  'zh-CN': Object.freeze({ answer: 0.2, margin: 0.05, suggest: 0.15, maxSuggestions: 3 }),
});
