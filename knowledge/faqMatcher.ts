/**
 * The FAQ matcher: ranks a knowledge base's entries for a customer's question and says how sure it
 * is. It blends a nearest-neighbour score (cosine to the closest stored phrasing) with a linear
 * classifier over entries, then calibrates. Pure, synchronous, in-process; see docs/FAQ_MATCHER.md.
 */
import type { KnowledgeBase, KnowledgeEntry } from './knowledgeBase';
import type { MatchCandidate, Matcher, MatchQuery } from './matcher';
import type { AnswerThresholds } from './answerPolicy';
import type { NeighbourScores } from './neighbourIndex';
import type { CalibrationParameters } from './calibration';
import { FeatureExtractor } from './featureExtractor';
import { TextNormalizer } from './textNormalizer';
import { LinearModel } from './linearModel';
import { NeighbourIndex } from './neighbourIndex';
import { highestScoring } from './highestScoring';
import { SemanticIndex } from './semanticIndex';
import { AnswerIndex } from './answerIndex';
import { wordVectorSource, wordVectorsFor } from './wordVectorFiles';
import { homeCountryCode } from './placeNames';
import { calibratedConfidence, logPartition } from './calibration';
import { matcherDefaults, recommendedThresholds } from './matcherDefaults';
import type { FaqMatcherOptions } from './matcherDefaults';
import { calibrateFromSamples, heldOutSamples, selfCalibrationDefaults } from './selfCalibration';
import type { SelfCalibration } from './selfCalibration';
import { LRUCache } from 'lru-cache';

export type { FaqMatcherOptions } from './matcherDefaults';
export { matcherDefaults, recommendedThresholds } from './matcherDefaults';
export type { AnswerThresholds };
export type { SelfCalibration } from './selfCalibration';

/** Whether `entry` has every metadata pair of `filters`. */
function passesFilters(entry: KnowledgeEntry, filters: Readonly<Record<string, string>> | undefined): boolean {
  if (!filters) return true;
  for (const [key, value] of Object.entries(filters)) {
    if (entry.metadata[key.trim().toLowerCase()] !== value.trim().toLowerCase()) return false;
  }
  return true;
}

/**
 * Self-calibrations of recent base versions (a version is a hash of the entries and synonyms): a
 * reload or a publish of one locale does not retrain the other's folds. `false`: too few samples.
 */
const calibrations = new LRUCache<string, SelfCalibration | false>({ max: 32 });

/** Ranks the entries of one knowledge base; build once per knowledge-base version. */
export class FaqMatcher implements Matcher {
  readonly knowledgeBase: KnowledgeBase;
  readonly options: FaqMatcherOptions;
  private readonly extractor: FeatureExtractor;
  private readonly index: NeighbourIndex;
  private readonly linear: LinearModel | undefined;
  private readonly questions: readonly string[];
  private readonly entryById: ReadonlyMap<string, number>;
  private calibration: CalibrationParameters;
  /** What self-calibration found (undefined: the base is too small or too large, fixed calibration). */
  private fitted: SelfCalibration | undefined;
  private readonly neighbours: NeighbourScores;
  private readonly linearScores: Float32Array;
  private readonly scores: Float32Array;
  private readonly contextOnlyEntries: readonly number[];
  /**
   * For each context-only entry, the entry whose prompt leads to it (followed up to one that is not
   * context-only), or -1: a question that matches a follow-up cold is answered by the entry that
   * offers it (see `applyRules`).
   */
  private readonly coldParent: Int32Array;
  /** The word-vector term; dropped when the base keeps the fixed calibration (it was fitted without it). */
  private semantic: SemanticIndex | undefined;
  private readonly centredCandidates: Int32Array;
  private readonly centredScores: Float32Array;
  /** The answer-text term; like the word-vector term, only on bases that calibrate themselves. */
  private answers: AnswerIndex | undefined;
  private readonly answerScores: Float32Array;

  private constructor(kb: KnowledgeBase, options: FaqMatcherOptions, withCentredTerms = true) {
    this.knowledgeBase = kb;
    this.options = options;
    const questions: string[] = [];
    const owners: number[] = [];
    kb.entries.forEach((entry, e) => {
      for (const q of entry.questions) {
        questions.push(q);
        owners.push(e);
      }
    });
    this.questions = questions;
    this.contextOnlyEntries = kb.entries.flatMap((entry, e) => (entry.contextOnly ? [e] : []));
    this.entryById = new Map(kb.entries.map((entry, e) => [entry.id, e]));
    this.coldParent = coldParents(kb.entries, this.entryById);
    const normalizer = new TextNormalizer(kb.locale, kb.synonyms);
    const { extractor, matrix } = FeatureExtractor.fit(questions, normalizer, options);
    this.extractor = extractor;
    const labels = Int32Array.from(owners);
    const entries = kb.entries.length;
    this.index = new NeighbourIndex(matrix, labels, entries, options.maxPostings);
    const useLinear = options.linearWeight > 0 && entries >= 2 && entries <= options.maxLinearEntries && entries * (matrix.cols + 1) <= options.maxLinearCells && entries * matrix.rows <= options.maxLinearWork;
    this.linear = useLinear ? LinearModel.train(matrix, labels, entries, { c: options.c, tolerance: options.tolerance, maxPasses: options.maxPasses, seed: options.seed, positiveWeight: options.positiveWeight }) : undefined;
    const padding = { referenceEntries: options.referenceEntries, backgroundScore: options.backgroundScore };
    this.calibration = useLinear
      ? { temperature: options.temperature, nullScore: options.nullScore, ...padding }
      : { temperature: options.neighbourTemperature, nullScore: options.neighbourNullScore, ...padding };
    this.neighbours = this.index.newScores();
    this.linearScores = new Float32Array(entries);
    this.scores = new Float32Array(entries);
    const vectors = withCentredTerms && options.semanticWeight > 0 ? wordVectorsFor(kb.locale) : undefined;
    const semanticOptions = { smoothing: options.semanticSmoothing, answerShare: options.semanticAnswerShare, prototypes: options.semanticPrototypes };
    this.semantic = vectors ? new SemanticIndex(questions, labels, kb.entries.map((e) => e.answer), normalizer, vectors, semanticOptions) : undefined;
    this.answers = withCentredTerms && options.answerWeight > 0 ? new AnswerIndex(kb.entries.map((e) => e.answer), normalizer, options) : undefined;
    this.answerScores = new Float32Array(this.answers ? entries : 0);
    const centred = this.semantic !== undefined || this.answers !== undefined;
    this.centredCandidates = new Int32Array(centred && entries > options.semanticCandidates ? options.semanticCandidates : 0);
    this.centredScores = new Float32Array(centred ? Math.min(entries, options.semanticCandidates) : 0);
  }

  /**
   * Builds a matcher for `kb`; options not given take the tuned defaults. A base on the linear path
   * of at most `selfCalibrationMaxWork` entries × stored questions is then self-calibrated: models
   * trained on folds of it score its held-out phrasings, and its confidence and thresholds are
   * fitted to them (knowledge/selfCalibration.ts).
   */
  static build(kb: KnowledgeBase, options: Partial<FaqMatcherOptions> = {}): FaqMatcher {
    const o = { ...matcherDefaults, ...options };
    // The semantic and answer-text terms widen the gaps between entries, which the fixed calibration
    // was not fitted for: they are used on bases that calibrate themselves (or when self-calibration
    // is turned off).
    const small = kb.entries.length * kb.entries.reduce((n, e) => n + e.questions.length, 0) <= o.selfCalibrationMaxWork;
    const matcher = new FaqMatcher(kb, o, !o.selfCalibrate || small);
    if (o.selfCalibrate && matcher.linear && small) {
      const key = `${kb.version}\u0000${kb.locale}\u0000${wordVectorSource(kb.locale)}\u0000${homeCountryCode()}\u0000${JSON.stringify(o)}`;
      let fitted = calibrations.get(key);
      if (fitted === undefined) {
        const inner = { ...o, selfCalibrate: false };
        const samples = heldOutSamples(kb, (sub) => {
          const m = new FaqMatcher(sub, inner);
          return (text) => m.rawScores({ text });
        }, selfCalibrationDefaults);
        fitted = calibrateFromSamples(samples, matcher.calibration, selfCalibrationDefaults) ?? false;
        calibrations.set(key, fitted);
      }
      if (fitted) {
        matcher.fitted = fitted;
        matcher.calibration = fitted.calibration;
      }
    }
    if (o.selfCalibrate && !matcher.fitted) {
      matcher.semantic = undefined;
      matcher.answers = undefined;
    }
    return matcher;
  }

  /** What self-calibration found for this base, or undefined when it kept the fixed calibration. */
  get selfCalibration(): SelfCalibration | undefined {
    return this.fitted;
  }

  /** The thresholds this base should answer with unless an admin sets others (settings.yaml). */
  get recommendedThresholds(): AnswerThresholds {
    return this.fitted?.thresholds ?? recommendedThresholds[this.knowledgeBase.locale];
  }

  /** True when this matcher uses the linear classifier (moderate entry counts), false for neighbours only. */
  get usesLinearModel(): boolean {
    return this.linear !== undefined;
  }

  /**
   * Raw blended score of every entry for `query` (-Infinity where filters or context rule it out),
   * or undefined when the text has no known feature. For calibration and tuning.
   */
  rawScores(query: MatchQuery): Float32Array | undefined {
    const text = typeof query.text === 'string' ? query.text : '';
    const vector = this.extractor.vectorize(text);
    if (vector.indices.length === 0) return undefined;
    const o = this.options;
    const nn = this.neighbours;
    this.index.search(vector, nn);
    const scores = this.scores;
    if (this.linear) {
      this.linear.scores(vector, this.linearScores);
      for (let e = 0; e < scores.length; e++) scores[e] = o.linearWeight * (this.linearScores[e] ?? 0) + o.neighbourWeight * (nn.entryScore[e] ?? 0);
    } else {
      for (let e = 0; e < scores.length; e++) scores[e] = o.neighbourWeight * (nn.entryScore[e] ?? 0);
    }
    this.addCentredTerms(text, scores);
    const shift = o.coverageWeight * Math.log(Math.max(vector.coverage, 1e-3));
    if (shift !== 0) for (let e = 0; e < scores.length; e++) scores[e] = (scores[e] ?? 0) + shift;
    this.applyRules(query, scores);
    return scores;
  }

  /** Candidates best first with calibrated confidence; [] when nothing is similar at all. */
  match(query: MatchQuery): MatchCandidate[] {
    const scores = this.rawScores(query);
    if (!scores) return [];
    const logZ = logPartition(scores, scores.length, this.calibration);
    const top = Math.max(1, Math.min(50, Math.floor(query.top ?? 5)));
    const nn = this.neighbours;
    const picked = this.topEntries(scores, top);
    return picked.flatMap((e) => {
      const entry = this.knowledgeBase.entries[e];
      if (!entry) return [];
      const q = nn.bestQuestion[e] ?? -1;
      const matchedQuestion = this.questions[q] ?? entry.questions[0] ?? '';
      return [{ entry, confidence: calibratedConfidence(scores[e] ?? -Infinity, logZ, this.calibration), matchedQuestion }];
    });
  }

  /** The `top` touched, allowed entries with the highest scores, best first (ties: lower index). */
  private topEntries(scores: Float32Array, top: number): number[] {
    const nn = this.neighbours;
    const picked: number[] = [];
    let floor = -Infinity;
    for (let t = 0; t < nn.touchedCount; t++) {
      const e = nn.touched[t] ?? 0;
      const s = scores[e] ?? -Infinity;
      if (s === -Infinity || (picked.length === top && s < floor)) continue;
      picked.push(e);
      if (picked.length > top * 4) {
        picked.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
        picked.length = top;
        floor = scores[picked[top - 1] ?? 0] ?? -Infinity;
      }
    }
    picked.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
    return picked.slice(0, top);
  }

  /**
   * Adds `semanticWeight` × the word-vector similarity and `answerWeight` × the answer-text cosine
   * to every entry, or on a base with more entries than `semanticCandidates` to that many
   * best-scoring touched ones (the only ones `match` can return; keeps a query's cost bounded at
   * scale). Each term is centred per query: it moves entries against each other, not the base
   * against "none".
   */
  private addCentredTerms(text: string, scores: Float32Array): void {
    const semantic = this.semantic?.setQuery(text) ? this.semantic : undefined;
    const answers = this.answers && this.answers.similarities(text, this.answerScores) ? this.answerScores : undefined;
    if (!semantic && !answers) return;
    const picked = this.centredCandidates;
    const count = picked.length === 0 ? scores.length : highestScoring(scores, this.neighbours.touched, this.neighbours.touchedCount, picked);
    const entryAt = (i: number): number => (picked.length === 0 ? i : (picked[i] ?? 0));
    const sims = this.centredScores;
    const addCentred = (weight: number, similarity: (e: number) => number): void => {
      let mean = 0;
      for (let i = 0; i < count; i++) mean += sims[i] = similarity(entryAt(i));
      mean /= Math.max(1, count);
      for (let i = 0; i < count; i++) {
        const e = entryAt(i);
        scores[e] = (scores[e] ?? 0) + weight * ((sims[i] ?? 0) - mean);
      }
    };
    if (semantic) addCentred(this.options.semanticWeight, (e) => semantic.similarity(e));
    if (answers) addCentred(this.options.answerWeight, (e) => answers[e] ?? 0);
  }

  /** Whether the last search touched entry `e` (only asked for the rare parent of a follow-up). */
  private isTouched(e: number): boolean {
    const nn = this.neighbours;
    for (let t = 0; t < nn.touchedCount; t++) if (nn.touched[t] === e) return true;
    return false;
  }

  /** Rules out entries by filters and context, and boosts the context entry's follow-ups. */
  private applyRules(query: MatchQuery, scores: Float32Array): void {
    const entries = this.knowledgeBase.entries;
    const context = query.contextEntryId === undefined ? undefined : entries[this.entryById.get(query.contextEntryId) ?? -1];
    const followUps = new Set<number>();
    for (const prompt of context?.prompts ?? []) {
      const e = this.entryById.get(prompt.entryId);
      if (e !== undefined) followUps.add(e);
    }
    const filters = query.filters && Object.keys(query.filters).length > 0 ? query.filters : undefined;
    if (filters) entries.forEach((entry, e) => {
      if (!passesFilters(entry, filters)) scores[e] = -Infinity;
    });
    for (const e of this.contextOnlyEntries) {
      if (followUps.has(e)) continue;
      // A follow-up's phrasing asked cold ("still haven't got the money" for "it's taking longer
      // than that") counts for the entry that offers it, whose answer then offers the follow-up.
      const parent = this.coldParent[e] ?? -1;
      const own = scores[e] ?? -Infinity;
      if (parent >= 0 && own !== -Infinity && own > (scores[parent] ?? -Infinity) && (scores[parent] ?? -Infinity) !== -Infinity) {
        const nn = this.neighbours;
        if ((nn.entryScore[parent] ?? 0) === 0 && !this.isTouched(parent)) nn.touched[nn.touchedCount++] = parent;
        scores[parent] = own;
        // The phrasing that matched is the follow-up's: shown as "nearest" in kb ask and the trial.
        nn.bestQuestion[parent] = nn.bestQuestion[e] ?? -1;
      }
      scores[e] = -Infinity;
    }
    for (const e of followUps) if ((scores[e] ?? -Infinity) !== -Infinity) scores[e] = (scores[e] ?? 0) + this.options.contextBoost;
  }
}

/** The entry each context-only entry is reached from (see `FaqMatcher.coldParent`), -1 for the others and for orphans. */
function coldParents(entries: readonly KnowledgeEntry[], entryById: ReadonlyMap<string, number>): Int32Array {
  const parentOf = new Int32Array(entries.length).fill(-1);
  entries.forEach((entry, p) => {
    for (const prompt of entry.prompts) {
      const e = entryById.get(prompt.entryId);
      if (e !== undefined && e !== p && entries[e]?.contextOnly && (parentOf[e] ?? -1) < 0) parentOf[e] = p;
    }
  });
  const root = new Int32Array(entries.length).fill(-1);
  entries.forEach((entry, e) => {
    if (!entry.contextOnly) return;
    let p = parentOf[e] ?? -1;
    // Up a chain of follow-ups to one that can be answered cold (a cycle of follow-ups has none).
    for (let hops = 0; p >= 0 && entries[p]?.contextOnly && hops < entries.length; hops++) p = parentOf[p] ?? -1;
    root[e] = p >= 0 && !entries[p]?.contextOnly ? p : -1;
  });
  return root;
}
