/**
 * The FAQ matcher's semantic term: how close a question's meaning is to an entry when they share
 * no words ("I sent the blender back and still haven't seen my money" against "When will I get my
 * refund?"). A text becomes a weighted average of word vectors (SIF: rare words weigh more, common
 * words next to nothing; knowledge/wordVectorFiles.ts says which vectors a locale uses, and Chinese
 * runs are cut into words by jieba), minus the direction every question of the base shares; an
 * entry scores the best cosine between the query and its questions, blended with the cosine to its
 * answer text. Stored vectors are made once at build; a query costs one average and one dot
 * product per stored question of the entries asked about.
 */
import type { TextNormalizer } from './textNormalizer';
import { frequencyWeight } from './wordVectors';
import type { WordVectors } from './wordVectors';
import { chineseWords } from './chineseWords';

/** How texts become vectors and entries are scored. */
export interface SemanticOptions {
  /** SIF smoothing `a` (smaller: common words count less). */
  readonly smoothing: number;
  /** Share of the answer text's cosine in an entry's similarity (the rest: its best question's). */
  readonly answerShare: number;
  /** Most vectors kept per entry: an entry with more questions keeps this many cluster centres (query cost). */
  readonly prototypes: number;
}

/** Semantic similarity of queries to the entries of one knowledge base. Not re-entrant (one query buffer). */
export class SemanticIndex {
  private readonly vectors: WordVectors;
  private readonly normalizer: TextNormalizer;
  private readonly options: SemanticOptions;
  private readonly dims: number;
  /**
   * Unit question vectors grouped by entry (entry e owns rows entryStart[e] … entryStart[e+1]); an
   * entry with more than `prototypes` questions has that many cluster centres instead.
   */
  private readonly questionVectors: Float32Array;
  private readonly entryStart: Int32Array;
  /** Unit answer vectors, one row per entry (zero when the answer has no known word). */
  private readonly answerVectors: Float32Array;
  /** The base's common direction (unit), removed from every vector; undefined for one-question bases. */
  private readonly common: Float32Array | undefined;
  private readonly query: Float32Array;

  /** `questionEntry[r]` is the entry of `questions[r]`; `answers[e]` is entry e's answer ('' for none). */
  constructor(questions: readonly string[], questionEntry: Int32Array, answers: readonly string[], normalizer: TextNormalizer, vectors: WordVectors, options: SemanticOptions) {
    this.vectors = vectors;
    this.normalizer = normalizer;
    this.options = options;
    const dims = vectors.dimensions;
    this.dims = dims;
    this.query = new Float32Array(dims);
    const entries = answers.length;
    const start = new Int32Array(entries + 1);
    for (const e of questionEntry) start[e + 1] = (start[e + 1] ?? 0) + 1;
    for (let e = 0; e < entries; e++) start[e + 1] = (start[e + 1] ?? 0) + (start[e] ?? 0);
    const fill = start.slice(0, entries);
    const table = new Float32Array(questions.length * dims);
    questions.forEach((q, r) => {
      const e = questionEntry[r] ?? 0;
      const at = fill[e] ?? 0;
      fill[e] = at + 1;
      this.embed(q, table.subarray(at * dims, (at + 1) * dims));
    });
    this.common = commonDirection(table, questions.length, dims);
    if (this.common) for (let r = 0; r < questions.length; r++) removeDirection(table.subarray(r * dims, (r + 1) * dims), this.common);
    const kept = new Int32Array(entries + 1);
    for (let e = 0; e < entries; e++) kept[e + 1] = (kept[e] ?? 0) + Math.min(options.prototypes, (start[e + 1] ?? 0) - (start[e] ?? 0));
    const compact = new Float32Array((kept[entries] ?? 0) * dims);
    for (let e = 0; e < entries; e++) {
      const rows = table.subarray((start[e] ?? 0) * dims, (start[e + 1] ?? 0) * dims);
      const out = compact.subarray((kept[e] ?? 0) * dims, (kept[e + 1] ?? 0) * dims);
      if (rows.length === out.length) out.set(rows);
      else clusterCentres(rows, out, dims);
    }
    this.questionVectors = compact;
    this.entryStart = kept;
    const answerVectors = new Float32Array(entries * dims);
    answers.forEach((a, e) => this.embedWithoutCommon(a, answerVectors.subarray(e * dims, (e + 1) * dims)));
    this.answerVectors = answerVectors;
  }

  /** Writes the unit SIF average of `text`'s word vectors into `out`; false (zeros) when no word is known. */
  private embed(text: string, out: Float32Array): boolean {
    out.fill(0);
    let known = false;
    for (const word of words(this.normalizer.normalize(text))) {
      const row = this.vectors.rowOf(word);
      if (row < 0) continue;
      known = true;
      this.vectors.addTo(out, row, frequencyWeight(row, this.options.smoothing));
    }
    normalize(out);
    return known;
  }

  private embedWithoutCommon(text: string, out: Float32Array): boolean {
    const known = this.embed(text, out);
    if (known && this.common) removeDirection(out, this.common);
    return known;
  }

  /** Takes `text` as the current query; false when none of its words has a vector (then every similarity is 0). */
  setQuery(text: string): boolean {
    return this.embedWithoutCommon(text, this.query);
  }

  /** Similarity (-1..1) of the current query to entry `e`: best question's cosine blended with the answer's. */
  similarity(e: number): number {
    const dims = this.dims;
    const q = this.query;
    let best = -1;
    const end = this.entryStart[e + 1] ?? 0;
    for (let r = this.entryStart[e] ?? 0; r < end; r++) {
      const s = dot(q, this.questionVectors, r * dims, dims);
      if (s > best) best = s;
    }
    if (best === -1) best = 0;
    const share = this.options.answerShare;
    return share > 0 ? (1 - share) * best + share * dot(q, this.answerVectors, e * dims, dims) : best;
  }
}

const han = /\p{Script=Han}/u;

/** The words of a normalised text: its space-separated tokens, runs of Chinese cut into dictionary words. */
function words(normalized: string): string[] {
  return normalized.split(' ').flatMap((token) => (han.test(token) ? chineseWords(token) : [token]));
}

function dot(q: Float32Array, table: Float32Array, base: number, dims: number): number {
  let s = 0;
  for (let d = 0; d < dims; d++) s += (q[d] ?? 0) * (table[base + d] ?? 0);
  return s;
}

function normalize(v: Float32Array): void {
  let n = 0;
  for (let d = 0; d < v.length; d++) n += (v[d] ?? 0) ** 2;
  if (n === 0) return;
  const scale = 1 / Math.sqrt(n);
  for (let d = 0; d < v.length; d++) v[d] = (v[d] ?? 0) * scale;
}

/** Removes `v`'s component along unit `u`, then normalises. */
function removeDirection(v: Float32Array, u: Float32Array): void {
  let s = 0;
  for (let d = 0; d < v.length; d++) s += (v[d] ?? 0) * (u[d] ?? 0);
  for (let d = 0; d < v.length; d++) v[d] = (v[d] ?? 0) - s * (u[d] ?? 0);
  normalize(v);
}

/**
 * Fills `out` (k unit rows) with spherical k-means centres of `rows` (n > k unit rows), started
 * from evenly spaced rows; a few rounds are enough for a score that only takes the best cosine.
 */
function clusterCentres(rows: Float32Array, out: Float32Array, dims: number): void {
  const n = rows.length / dims;
  const k = out.length / dims;
  for (let c = 0; c < k; c++) out.set(rows.subarray(Math.floor((c * n) / k) * dims, (Math.floor((c * n) / k) + 1) * dims), c * dims);
  const sums = new Float32Array(out.length);
  for (let round = 0; round < 5; round++) {
    sums.fill(0);
    for (let r = 0; r < n; r++) {
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(rows.subarray(r * dims, (r + 1) * dims), out, c * dims, dims);
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      for (let d = 0; d < dims; d++) sums[best * dims + d] = (sums[best * dims + d] ?? 0) + (rows[r * dims + d] ?? 0);
    }
    for (let c = 0; c < k; c++) {
      const centre = sums.subarray(c * dims, (c + 1) * dims);
      normalize(centre);
      // A centre that lost every row keeps its place.
      if (centre.some((x) => x !== 0)) out.set(centre, c * dims);
    }
  }
}

/**
 * First principal direction (uncentred) of the `rows` question vectors, by power iteration: what
 * all of the base's questions share ("how do I … my …"), which says nothing about which entry.
 */
function commonDirection(table: Float32Array, rows: number, dims: number): Float32Array | undefined {
  if (rows < 2) return undefined;
  let u = new Float32Array(dims);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) u[d] = (u[d] ?? 0) + (table[r * dims + d] ?? 0);
  normalize(u);
  for (let it = 0; it < 20; it++) {
    const next = new Float32Array(dims);
    for (let r = 0; r < rows; r++) {
      const s = dot(u, table, r * dims, dims);
      for (let d = 0; d < dims; d++) next[d] = (next[d] ?? 0) + s * (table[r * dims + d] ?? 0);
    }
    normalize(next);
    u = next;
  }
  return u;
}
