/**
 * The FAQ matcher's answer-text term: how much of a question's wording an entry's *answer* shares.
 * Customers often use the words the answer uses and the stored questions do not ("fixed term"
 * in a savings answer, "chip" in a damaged-card answer, 改签 in a rebooking answer). Answers get
 * their own TF-IDF vocabulary (words and character n-grams, as the questions get theirs), so a
 * word that only an answer has still counts; a query costs one pass over the postings of its
 * features. Measured in docs/BENCHMARKS.md ("Answer text as a separate term").
 */
import type { FeatureOptions } from './featureExtractor';
import { FeatureExtractor } from './featureExtractor';
import type { TextNormalizer } from './textNormalizer';

/** Cosine of queries to the answers of one knowledge base. Not re-entrant (one feature buffer). */
export class AnswerIndex {
  private readonly extractor: FeatureExtractor;
  /** Answers by feature (CSC): feature f's entries are `entries[start[f]..start[f+1])` with `weights`. */
  private readonly start: Int32Array;
  private readonly entries: Int32Array;
  private readonly weights: Float32Array;
  private readonly entryCount: number;

  /** `answers[e]` is entry e's answer ('' for none: it scores 0). */
  constructor(answers: readonly string[], normalizer: TextNormalizer, options: FeatureOptions) {
    const { extractor, matrix } = FeatureExtractor.fit(answers, normalizer, options);
    this.extractor = extractor;
    this.entryCount = answers.length;
    const start = new Int32Array(extractor.size + 1);
    for (let p = 0; p < (matrix.indptr[matrix.rows] ?? 0); p++) start[(matrix.indices[p] ?? 0) + 1] = (start[(matrix.indices[p] ?? 0) + 1] ?? 0) + 1;
    for (let f = 0; f < extractor.size; f++) start[f + 1] = (start[f + 1] ?? 0) + (start[f] ?? 0);
    const fill = start.slice(0, extractor.size);
    const entries = new Int32Array(start[extractor.size] ?? 0);
    const weights = new Float32Array(entries.length);
    for (let e = 0; e < matrix.rows; e++) {
      for (let p = matrix.indptr[e] ?? 0; p < (matrix.indptr[e + 1] ?? 0); p++) {
        const f = matrix.indices[p] ?? 0;
        const at = fill[f] ?? 0;
        fill[f] = at + 1;
        entries[at] = e;
        weights[at] = matrix.values[p] ?? 0;
      }
    }
    this.start = start;
    this.entries = entries;
    this.weights = weights;
  }

  /** Writes each entry's cosine (0..1) to `text` into `out` (one slot per entry); false when the text shares no feature with any answer. */
  similarities(text: string, out: Float32Array): boolean {
    out.fill(0, 0, this.entryCount);
    const query = this.extractor.vectorize(text);
    if (query.indices.length === 0) return false;
    query.indices.forEach((f, j) => {
      const v = query.values[j] ?? 0;
      for (let p = this.start[f] ?? 0; p < (this.start[f + 1] ?? 0); p++) {
        const e = this.entries[p] ?? 0;
        out[e] = (out[e] ?? 0) + v * (this.weights[p] ?? 0);
      }
    });
    return true;
  }
}
