/**
 * Finds the stored questions nearest a query by cosine similarity, through an inverted index from
 * feature to the questions that have it, so the work per query grows with the query's features and
 * their postings, not with the size of the knowledge base.
 */
import type { FeatureMatrix, FeatureVector } from './featureVector';

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

  /**
   * Indexes the rows of `matrix`; `questionEntry[r]` is the entry of row r. Features in more than
   * `maxPostings` questions (the commonest n-grams of a large base) are left out: they cost the
   * most time per query and tell entries apart the least.
   */
  constructor(matrix: FeatureMatrix, questionEntry: Int32Array, entries: number, maxPostings = Infinity) {
    this.questionEntry = questionEntry;
    this.entries = entries;
    const start = new Int32Array(matrix.cols + 1);
    for (let k = 0; k < matrix.indices.length; k++) {
      const f = matrix.indices[k] ?? 0;
      start[f + 1] = (start[f + 1] ?? 0) + 1;
    }
    const dropped = new Uint8Array(matrix.cols);
    for (let f = 0; f < matrix.cols; f++) {
      if ((start[f + 1] ?? 0) > maxPostings) {
        dropped[f] = 1;
        start[f + 1] = 0;
      }
    }
    for (let f = 0; f < matrix.cols; f++) start[f + 1] = (start[f + 1] ?? 0) + (start[f] ?? 0);
    const fill = start.slice(0, matrix.cols);
    const question = new Int32Array(start[matrix.cols] ?? 0);
    const weight = new Float32Array(start[matrix.cols] ?? 0);
    for (let r = 0; r < matrix.rows; r++) {
      for (let k = matrix.indptr[r] ?? 0; k < (matrix.indptr[r + 1] ?? 0); k++) {
        const f = matrix.indices[k] ?? 0;
        if (dropped[f] === 1) continue;
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
    for (let j = 0; j < indices.length; j++) {
      const f = indices[j] ?? 0;
      const v = values[j] ?? 0;
      const end = this.postingStart[f + 1] ?? 0;
      for (let k = this.postingStart[f] ?? 0; k < end; k++) {
        const q = this.postingQuestion[k] ?? 0;
        const before = scores[q] ?? 0;
        if (before === 0) this.questionTouched[touchedQuestions++] = q;
        scores[q] = before + v * (this.postingWeight[k] ?? 0);
      }
    }
    for (let t = 0; t < touchedQuestions; t++) {
      const q = this.questionTouched[t] ?? 0;
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
  }
}
