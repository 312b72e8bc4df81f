/**
 * Turns questions into TF-IDF vectors: word uni- and bigrams plus character n-grams (inside word
 * boundaries for English, so typos still share most features; 1–3-grams of Chinese runs). The
 * vocabulary and IDF come from the knowledge base's own questions.
 */
import type { FeatureMatrix, FeatureVector } from './featureVector';
import { emptyFeatureVector, featureMatrixOf } from './featureVector';
import type { TextNormalizer } from './textNormalizer';
import type { ChineseWordMode } from './textTokens';
import { textTokens } from './textTokens';
import { FeatureTable } from './featureTable';

/** How questions become features. */
export interface FeatureOptions {
  /** Use word bigrams as well as single words. */
  readonly wordBigrams: boolean;
  /** Shortest and longest character n-gram inside a word (English and other non-Chinese words). */
  readonly charMin: number;
  readonly charMax: number;
  /** Longest character n-gram of a Chinese run (from 1). */
  readonly cjkCharMax: number;
  /** Weight of the word part against the character part (the two are L2-normalised apart). */
  readonly wordWeight: number;
  /** Stem English words. */
  readonly stem: boolean;
  /** Drop features seen in fewer questions than this. */
  readonly minDf: number;
  /**
   * How Chinese is cut into words (default `both`: jieba's words, plus ICU's as extra single-word
   * features; `icu` alone was the segmentation before jieba).
   */
  readonly chineseWords?: ChineseWordMode;
  /**
   * Give a question that names a country, or says "abroad" / 国外, one shared class feature
   * (default true; knowledge/placeNames.ts), so "card in Thailand" meets "card in Japan".
   */
  readonly countryClass?: boolean;
}

const wordGroup = 0;
const charGroup = 1;
const fnvPrime = 0x01000193;

/** FNV-1a over the UTF-16 units of `text`, from `seed`. */
function hashText(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), fnvPrime);
  return h;
}

/** A feature key: 29 bits of hash, then the group bit, so keys stay small integers. */
function key(hash: number, group: number): number {
  return ((hash >>> 3) << 1) | group;
}

/** Group of a feature key. */
function groupOf(k: number): number {
  return k & 1;
}

const countSpan = 4096;

/** A feature id and its count in one sortable number. */
function packed(id: number, count: number): number {
  return id * countSpan + Math.min(count, countSpan - 1);
}

/** Reusable buffers holding one text's distinct feature keys and their counts. */
interface TermCounts {
  scratch: Int32Array;
  keys: Int32Array;
  counts: Int32Array;
  distinct: number;
}

function newTermCounts(): TermCounts {
  return { scratch: new Int32Array(1024), keys: new Int32Array(1024), counts: new Int32Array(1024), distinct: 0 };
}

/**
 * Counts of one text's features, keyed by hashed feature (word, word bigram or character n-gram);
 * hashing keeps building fast and small, and a rare collision only merges two features.
 */
function termCounts(normalized: string, o: FeatureOptions, out: TermCounts): TermCounts {
  out.distinct = 0;
  let raw = 0;
  const add = (k: number): void => {
    if (raw === out.scratch.length) {
      const grown = new Int32Array(raw * 2);
      grown.set(out.scratch);
      out.scratch = grown;
    }
    out.scratch[raw++] = k;
  };
  const { words, extraWords, plainWords, cjkRuns } = textTokens(normalized, o.stem, o.chineseWords ?? 'both', o.countryClass ?? true);
  let previous = 0;
  for (let i = 0; i < words.length; i++) {
    const h = hashText(words[i] ?? '', 0x811c9dc5);
    add(key(h, wordGroup));
    if (o.wordBigrams && i > 0) add(key(Math.imul(previous ^ 0x9e3779b9, fnvPrime) ^ h, wordGroup));
    previous = h;
  }
  for (const word of extraWords) add(key(hashText(word, 0x811c9dc5), wordGroup));
  for (const word of plainWords) {
    const padded = ` ${word} `;
    for (let i = 0; i < padded.length; i++) {
      let h = 0x050c5d1f;
      for (let n = 1; n <= o.charMax && i + n <= padded.length; n++) {
        h = Math.imul(h ^ padded.charCodeAt(i + n - 1), fnvPrime);
        if (n >= o.charMin && !(n === 1 && padded[i] === ' ')) add(key(h, charGroup));
      }
    }
  }
  for (const run of cjkRuns) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      let h = 0x2f1b3c4d;
      for (let n = 1; n <= o.cjkCharMax && i + n <= chars.length; n++) {
        h = hashText(chars[i + n - 1] ?? '', h);
        add(key(h, charGroup));
      }
    }
  }
  const sorted = out.scratch.subarray(0, raw).sort();
  if (out.keys.length < raw) {
    out.keys = new Int32Array(out.scratch.length);
    out.counts = new Int32Array(out.scratch.length);
  }
  for (let i = 0; i < raw; i++) {
    const k = sorted[i] ?? 0;
    if (out.distinct > 0 && out.keys[out.distinct - 1] === k) out.counts[out.distinct - 1] = (out.counts[out.distinct - 1] ?? 0) + 1;
    else {
      out.keys[out.distinct] = k;
      out.counts[out.distinct] = 1;
      out.distinct++;
    }
  }
  return out;
}

/** Vectorises texts over a vocabulary learnt from a knowledge base's questions. */
export class FeatureExtractor {
  readonly options: FeatureOptions;
  readonly normalizer: TextNormalizer;
  private readonly vocabulary: FeatureTable;
  private readonly idf: Float32Array;
  private readonly groups: Uint8Array;
  /** IDF of a term no stored question has (the most informative possible). */
  private readonly unseenIdf: number;
  /** Scratch buffers reused by `vectorize` (single-threaded, not re-entrant). */
  private readonly terms = newTermCounts();

  private constructor(normalizer: TextNormalizer, options: FeatureOptions, vocabulary: FeatureTable, idf: Float32Array, groups: Uint8Array, unseenIdf: number) {
    this.normalizer = normalizer;
    this.options = options;
    this.vocabulary = vocabulary;
    this.idf = idf;
    this.groups = groups;
    this.unseenIdf = unseenIdf;
  }

  /** Number of features. */
  get size(): number {
    return this.idf.length;
  }

  /** Learns the vocabulary from `texts` and returns the extractor with the texts' vectors. */
  static fit(texts: readonly string[], normalizer: TextNormalizer, options: FeatureOptions): { extractor: FeatureExtractor; matrix: FeatureMatrix } {
    const ids = new FeatureTable();
    let df = new Int32Array(1024);
    // Every text's (feature id, count) pairs back to back, so no per-text map outlives its text.
    let pool = new Int32Array(1 << 16);
    let used = 0;
    const docStart = new Int32Array(texts.length + 1);
    const terms = newTermCounts();
    texts.forEach((text, d) => {
      termCounts(normalizer.normalize(text), options, terms);
      if (used + terms.distinct * 2 > pool.length) {
        const grown = new Int32Array(Math.max(pool.length * 2, used + terms.distinct * 2));
        grown.set(pool);
        pool = grown;
      }
      for (let t = 0; t < terms.distinct; t++) {
        const count = terms.counts[t] ?? 1;
        const id = ids.getOrAdd(terms.keys[t] ?? 0);
        if (id >= df.length) {
          const grown = new Int32Array(df.length * 2);
          grown.set(df);
          df = grown;
        }
        df[id] = (df[id] ?? 0) + 1;
        pool[used++] = id;
        pool[used++] = count;
      }
      docStart[d + 1] = used;
    });
    const vocabulary = new FeatureTable(ids.size);
    const remap = new Int32Array(ids.size).fill(-1);
    const originalGroup = new Uint8Array(ids.size);
    const keptDf: number[] = [];
    const keptGroup: number[] = [];
    const order: number[] = [];
    ids.forEach((k, id) => {
      originalGroup[id] = groupOf(k);
      order[id] = k;
    });
    // Ids in first-seen order, so the vocabulary does not depend on the table's layout.
    order.forEach((k, id) => {
      if ((df[id] ?? 0) < options.minDf) return;
      remap[id] = keptDf.length;
      vocabulary.getOrAdd(k);
      keptDf.push(df[id] ?? 0);
      keptGroup.push(groupOf(k));
    });
    const n = texts.length;
    const idf = Float32Array.from(keptDf, (f) => Math.log((1 + n) / (1 + f)) + 1);
    const extractor = new FeatureExtractor(normalizer, options, vocabulary, idf, Uint8Array.from(keptGroup), Math.log(1 + n) + 1);
    const vectors: FeatureVector[] = [];
    for (let d = 0; d < texts.length; d++) {
      const known: number[] = [];
      const unknown: Array<readonly [number, number]> = [];
      for (let p = docStart[d] ?? 0; p < (docStart[d + 1] ?? 0); p += 2) {
        const original = pool[p] ?? 0;
        const id = remap[original] ?? -1;
        if (id >= 0) known.push(packed(id, pool[p + 1] ?? 1));
        else unknown.push([originalGroup[original] ?? charGroup, pool[p + 1] ?? 1]);
      }
      vectors.push(extractor.weighIds(known, unknown));
    }
    return { extractor, matrix: featureMatrixOf(vectors, idf.length) };
  }

  /** The TF-IDF vector of a text (empty when it has no feature at all). */
  vectorize(text: string): FeatureVector {
    const normalized = this.normalizer.normalize(text);
    if (normalized === '') return emptyFeatureVector;
    const terms = termCounts(normalized, this.options, this.terms);
    const known: number[] = [];
    const unknown: Array<readonly [number, number]> = [];
    for (let t = 0; t < terms.distinct; t++) {
      const k = terms.keys[t] ?? 0;
      const id = this.vocabulary.get(k);
      if (id === -1) unknown.push([groupOf(k), terms.counts[t] ?? 1]);
      else known.push(packed(id, terms.counts[t] ?? 1));
    }
    return this.weighIds(known, unknown);
  }

  /**
   * Sublinear TF times IDF of known feature ids, each group L2-normalised and weighted; unknown
   * features (group, count) get the unseen IDF and count in the norms, so they lower `coverage`.
   */
  private weighIds(known: readonly number[], unknown: ReadonlyArray<readonly [number, number]>): FeatureVector {
    if (known.length === 0) return emptyFeatureVector;
    const norms = [0, 0];
    const knownNorms = [0, 0];
    for (const [group, count] of unknown) {
      const w = (1 + Math.log(count)) * this.unseenIdf;
      norms[group] = (norms[group] ?? 0) + w * w;
    }
    const sorted = Float64Array.from(known).sort();
    const indices = new Int32Array(sorted.length);
    const values = new Float32Array(indices.length);
    sorted.forEach((p, j) => {
      const id = Math.floor(p / countSpan);
      indices[j] = id;
      const group = this.groups[id] ?? charGroup;
      const w = (1 + Math.log(p % countSpan)) * (this.idf[id] ?? 0);
      values[j] = w;
      norms[group] = (norms[group] ?? 0) + w * w;
      knownNorms[group] = (knownNorms[group] ?? 0) + w * w;
    });
    const weight = [this.options.wordWeight, 1];
    let all = 0;
    let covered = 0;
    for (let g = 0; g < 2; g++) {
      if ((norms[g] ?? 0) === 0) continue;
      all += (weight[g] ?? 1) ** 2;
      covered += (weight[g] ?? 1) ** 2 * ((knownNorms[g] ?? 0) / (norms[g] ?? 1));
    }
    const total = Math.sqrt(all);
    const scale = [0, 1].map((g) => ((norms[g] ?? 0) > 0 ? (weight[g] ?? 1) / Math.sqrt(norms[g] ?? 1) / total : 0));
    indices.forEach((id, j) => {
      values[j] = (values[j] ?? 0) * (scale[this.groups[id] ?? charGroup] ?? 0);
    });
    // Coverage counts character n-grams only, so a typo ("refnd") is not taken for an unknown word.
    const charCoverage = (norms[charGroup] ?? 0) > 0 ? (knownNorms[charGroup] ?? 0) / (norms[charGroup] ?? 1) : all > 0 ? covered / all : 0;
    return { indices, values, coverage: charCoverage };
  }
}
