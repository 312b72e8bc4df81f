/**
 * Finds the stored questions nearest a query by cosine similarity, through an inverted index from
 * feature to the questions that have it, so the work per query grows with the query's features and
 * their postings, not with the size of the knowledge base.
 *
 * Common features (in more than `maxPostings` questions: the n-grams of "how do i" in a large base)
 * would be most of that work and tell entries apart least, so they are not in the inverted index.
 * Each question keeps its own common features instead, and only the questions nearest the query
 * on the other features (`rescored` of them), and the best question of each of the nearest entries,
 * get the common features' share added: their cosines are then exact, the others' a little low.
 */
import type { FeatureMatrix, FeatureVector } from './featureVector';
import { highestScoring } from './highestScoring';

/** Per-entry similarity of one query, filled by `NeighbourIndex.search`. */
export interface NeighbourScores {
  /** Best cosine of the query to any question of each entry (0 when none shares a feature). */
  readonly entryScore: Float32Array;
  /** Row of that best question (-1 when none). */
  readonly bestQuestion: Int32Array;
  /** Entries with a non-zero score, in no particular order. */
  readonly touched: Int32Array;
  /** How many of `touched` are filled. */
  touchedCount: number;
}

/** Inverted index over question vectors; each question belongs to one entry. */
export class NeighbourIndex {
  readonly questionEntry: Int32Array;
  readonly entries: number;
  private readonly postingStart: Int32Array;
  private readonly postingQuestion: Int32Array;
  private readonly postingWeight: Float32Array;
  private readonly questionScore: Float32Array;
  private readonly questionTouched: Int32Array;
  /** Common features of question r: `commonFeature[commonStart[r] … commonStart[r+1])`, with their weights. */
  private readonly commonStart: Int32Array;
  private readonly commonFeature: Int32Array;
  private readonly commonWeight: Float32Array;
  /** The query's weight on each common feature (0 elsewhere); cleared after every search. */
  private readonly queryCommon: Float32Array;
  private readonly rescoredRows: Int32Array;
  private readonly rescoredFlag: Uint8Array;
  private readonly rescoredEntries: Int32Array;

  /**
   * Indexes the rows of `matrix`; `questionEntry[r]` is the entry of row r. Features in more than
   * `maxPostings` questions (the commonest n-grams of a large base) are kept per question and added
   * only for the `rescored` questions nearest a query on the other features, and for the best
   * question of the `rescoredEntries` nearest entries.
   */
  constructor(matrix: FeatureMatrix, questionEntry: Int32Array, entries: number, maxPostings = Infinity, rescored = 256, rescoredEntries = 128) {
    this.questionEntry = questionEntry;
    this.entries = entries;
    const start = new Int32Array(matrix.cols + 1);
    for (let k = 0; k < matrix.indices.length; k++) {
      const f = matrix.indices[k] ?? 0;
      start[f + 1] = (start[f + 1] ?? 0) + 1;
    }
    const dropped = new Uint8Array(matrix.cols);
    const commonStart = new Int32Array(matrix.rows + 1);
    for (let f = 0; f < matrix.cols; f++) {
      if ((start[f + 1] ?? 0) > maxPostings) {
        dropped[f] = 1;
        start[f + 1] = 0;
      }
    }
    for (let r = 0; r < matrix.rows; r++) {
      let n = 0;
      for (let k = matrix.indptr[r] ?? 0; k < (matrix.indptr[r + 1] ?? 0); k++) n += dropped[matrix.indices[k] ?? 0] ?? 0;
      commonStart[r + 1] = (commonStart[r] ?? 0) + n;
    }
    const commonFeature = new Int32Array(commonStart[matrix.rows] ?? 0);
    const commonWeight = new Float32Array(commonFeature.length);
    for (let f = 0; f < matrix.cols; f++) start[f + 1] = (start[f + 1] ?? 0) + (start[f] ?? 0);
    const fill = start.slice(0, matrix.cols);
    const question = new Int32Array(start[matrix.cols] ?? 0);
    const weight = new Float32Array(start[matrix.cols] ?? 0);
    const commonFill = commonStart.slice(0, matrix.rows);
    for (let r = 0; r < matrix.rows; r++) {
      for (let k = matrix.indptr[r] ?? 0; k < (matrix.indptr[r + 1] ?? 0); k++) {
        const f = matrix.indices[k] ?? 0;
        if (dropped[f] === 1) {
          const at = commonFill[r] ?? 0;
          commonFill[r] = at + 1;
          commonFeature[at] = f;
          commonWeight[at] = matrix.values[k] ?? 0;
          continue;
        }
        const at = fill[f] ?? 0;
        question[at] = r;
        weight[at] = matrix.values[k] ?? 0;
        fill[f] = at + 1;
      }
    }
    this.postingStart = start;
    this.postingQuestion = question;
    this.postingWeight = weight;
    this.questionScore = new Float32Array(matrix.rows);
    this.questionTouched = new Int32Array(matrix.rows);
    this.commonStart = commonStart;
    this.commonFeature = commonFeature;
    this.commonWeight = commonWeight;
    const split = commonFeature.length > 0;
    this.queryCommon = new Float32Array(split ? matrix.cols : 0);
    this.rescoredRows = new Int32Array(split ? Math.max(0, Math.min(rescored, matrix.rows)) : 0);
    this.rescoredFlag = new Uint8Array(split ? matrix.rows : 0);
    this.rescoredEntries = new Int32Array(split ? Math.max(0, Math.min(rescoredEntries, entries)) : 0);
  }

  /** The dot product of the current query's common features with question `q`'s. */
  private commonShare(q: number): number {
    let share = 0;
    for (let k = this.commonStart[q] ?? 0; k < (this.commonStart[q + 1] ?? 0); k++) share += (this.queryCommon[this.commonFeature[k] ?? 0] ?? 0) * (this.commonWeight[k] ?? 0);
    return share;
  }

  /** Scratch space for `search`, sized for this index; reuse it across queries. */
  newScores(): NeighbourScores {
    const bestQuestion = new Int32Array(this.entries).fill(-1);
    return { entryScore: new Float32Array(this.entries), bestQuestion, touched: new Int32Array(this.entries), touchedCount: 0 };
  }

  /** Fills `out` with each entry's best cosine to the query. Not re-entrant (shares scratch). */
  search(vector: FeatureVector, out: NeighbourScores): void {
    for (let t = 0; t < out.touchedCount; t++) {
      const e = out.touched[t] ?? 0;
      out.entryScore[e] = 0;
      out.bestQuestion[e] = -1;
    }
    out.touchedCount = 0;
    const scores = this.questionScore;
    let touchedQuestions = 0;
    const { indices, values } = vector;
    const postingStart = this.postingStart;
    const postingQuestion = this.postingQuestion;
    const postingWeight = this.postingWeight;
    const touched = this.questionTouched;
    const queryCommon = this.queryCommon;
    let common = false;
    for (let j = 0; j < indices.length; j++) {
      const f = indices[j] ?? 0;
      const v = values[j] ?? 0;
      const begin = postingStart[f] ?? 0;
      const end = postingStart[f + 1] ?? 0;
      if (begin === end) {
        // Not in the index: a common feature (or one no question has); added per question below.
        if (f < queryCommon.length) {
          queryCommon[f] = v;
          common = true;
        }
        continue;
      }
      for (let k = begin; k < end; k++) {
        const q = postingQuestion[k] ?? 0;
        const before = scores[q] ?? 0;
        if (before === 0) touched[touchedQuestions++] = q;
        scores[q] = before + v * (postingWeight[k] ?? 0);
      }
    }
    const rows = this.rescoredRows;
    const rescored = common ? highestScoring(scores, touched, touchedQuestions, rows) : 0;
    for (let i = 0; i < rescored; i++) {
      const q = rows[i] ?? 0;
      scores[q] = (scores[q] ?? 0) + this.commonShare(q);
      this.rescoredFlag[q] = 1;
    }
    for (let t = 0; t < touchedQuestions; t++) {
      const q = touched[t] ?? 0;
      const s = scores[q] ?? 0;
      scores[q] = 0;
      const e = this.questionEntry[q] ?? 0;
      const best = out.bestQuestion[e] ?? -1;
      if (best === -1) {
        out.touched[out.touchedCount++] = e;
        out.entryScore[e] = s;
        out.bestQuestion[e] = q;
      } else if (s > (out.entryScore[e] ?? 0)) {
        out.entryScore[e] = s;
        out.bestQuestion[e] = q;
      }
    }
    if (!common) return;
    // The best question of each of the entries nearest the query gets its common share too, so
    // that the entries a confidence is weighed against score as they would with every feature.
    const nearest = this.rescoredEntries;
    const count = highestScoring(out.entryScore, out.touched, out.touchedCount, nearest);
    for (let i = 0; i < count; i++) {
      const e = nearest[i] ?? 0;
      const q = out.bestQuestion[e] ?? -1;
      if (q >= 0 && this.rescoredFlag[q] === 0) out.entryScore[e] = (out.entryScore[e] ?? 0) + this.commonShare(q);
    }
    for (let i = 0; i < rescored; i++) this.rescoredFlag[rows[i] ?? 0] = 0;
    for (let j = 0; j < indices.length; j++) {
      const f = indices[j] ?? 0;
      if (f < queryCommon.length) queryCommon[f] = 0;
    }
  }
}
