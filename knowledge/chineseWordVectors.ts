/**
 * Chinese word vectors built from packages already on the machine, so zh-CN bases get the FAQ
 * matcher's semantic term without a model download: each Chinese word takes the average English
 * word vector of its English glosses in CC-CEDICT (the `cc-cedict` package), so 退款 ("refund") and
 * 退钱 ("to refund money") land near each other, and 航班 ("scheduled flight") near 飞机
 * ("airplane"). Words of jieba's dictionary that CC-CEDICT lacks are composed of their longest
 * dictionary pieces (被盗 = 被 + 盗). Rows are ordered by jieba's word frequencies, which the semantic
 * index reads as how common a word is. The vectors live in the English space, so a mixed message
 * ("我想 return 我的耳机") stays coherent. Built once per process (about 4 s) and cached in the
 * temporary folder.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cachedVectors, defaultVocabulary, frequencyWeight, loadWordVectors, quantizeRow, WordVectors } from './wordVectors';

/** One dictionary entry: the simplified headword, its pinyin and its English senses in order. */
export interface GlossEntry {
  readonly word: string;
  readonly pinyin: string;
  readonly senses: readonly string[];
}

/** How glosses become vectors. */
export interface GlossVectorOptions {
  /** Rows kept, commonest words first. */
  readonly maxWords: number;
  /** SIF smoothing of the English gloss words (smaller: common words count less). */
  readonly smoothing: number;
}

const defaults: GlossVectorOptions = { maxWords: defaultVocabulary, smoothing: 1e-3 };

/** Gloss words that say nothing about meaning. */
const glossStopWords = new Set(['to', 'a', 'an', 'the', 'of', 'and', 'or', 'be', 'sth', 'sb', 'one', "one's", 'etc', 'is', 'in', 'on', 'for', 'with', 'as', 'by', 'at', 'from', 'it', 'that', 'this']);
const hanOnly = /^\p{Script=Han}+$/u;

/**
 * The content words of one sense: parenthesised notes, classifiers ("CL:架[jia4]") and pointers to
 * other entries ("variant of …", "see …", "surname …", "abbr. for …") left out.
 */
export function glossWords(sense: string): string[] {
  return sense
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\bCL:\S*/g, ' ')
    .replace(/\b(old variant|variant|see also|see|surname|abbr\. for|used in)\b.*$/i, ' ')
    .toLowerCase()
    .split(/[^a-z']+/)
    .filter((w) => w !== '' && !glossStopWords.has(w));
}

function normalise(v: Float32Array): boolean {
  let n = 0;
  for (const x of v) n += x * x;
  if (n === 0) return false;
  const scale = 1 / Math.sqrt(n);
  for (let d = 0; d < v.length; d++) v[d] = (v[d] ?? 0) * scale;
  return true;
}

/** Unit gloss vector of every headword (proper nouns, capitalised pinyin, left out). */
function glossVectors(english: WordVectors, entries: Iterable<GlossEntry>, smoothing: number): Map<string, Float32Array> {
  const dims = english.dimensions;
  const sums = new Map<string, { v: Float32Array; n: number }>();
  const one = new Float32Array(dims);
  for (const entry of entries) {
    if (/^[A-Z]/.test(entry.pinyin) || entry.word === '') continue;
    one.fill(0);
    // Earlier senses are the commoner ones; they weigh more.
    entry.senses.forEach((sense, i) => {
      for (const w of glossWords(sense)) {
        const row = english.rowOf(w);
        if (row >= 0) english.addTo(one, row, frequencyWeight(row, smoothing) / (1 + 0.5 * i));
      }
    });
    if (!normalise(one)) continue;
    const seen = sums.get(entry.word);
    const weight = seen ? 1 / (1 + 0.5 * seen.n) : 1;
    const sum = seen?.v ?? new Float32Array(dims);
    for (let d = 0; d < dims; d++) sum[d] = (sum[d] ?? 0) + weight * (one[d] ?? 0);
    sums.set(entry.word, { v: sum, n: (seen?.n ?? 0) + 1 });
  }
  const out = new Map<string, Float32Array>();
  for (const [word, { v }] of sums) if (normalise(v)) out.set(word, v);
  return out;
}

/** Sum of the unit vectors of `word`'s longest dictionary pieces, left to right; false when none has one. */
function compose(word: string, glosses: ReadonlyMap<string, Float32Array>, out: Float32Array): boolean {
  out.fill(0);
  let pieces = 0;
  for (let i = 0; i < word.length; ) {
    let j = word.length;
    while (j > i + 1 && !glosses.has(word.slice(i, j))) j--;
    const piece = glosses.get(word.slice(i, j));
    if (piece) {
      for (let d = 0; d < out.length; d++) out[d] = (out[d] ?? 0) + (piece[d] ?? 0);
      pieces++;
    }
    i = j;
  }
  return pieces > 0 && normalise(out);
}

/**
 * Chinese word vectors in `english`'s space from dictionary glosses: the `maxWords` commonest words
 * by `frequencies` (then the remaining headwords), each its gloss vector or, for a word the
 * dictionary lacks, the composition of its pieces.
 */
export function buildChineseVectors(english: WordVectors, entries: Iterable<GlossEntry>, frequencies: ReadonlyMap<string, number>, options: Partial<GlossVectorOptions> = {}): WordVectors {
  const o = { ...defaults, ...options };
  const dims = english.dimensions;
  const glosses = glossVectors(english, entries, o.smoothing);
  const candidates = [...new Set([...frequencies.keys(), ...glosses.keys()])].filter((w) => hanOnly.test(w));
  candidates.sort((a, b) => (frequencies.get(b) ?? 0) - (frequencies.get(a) ?? 0));
  const words: string[] = [];
  const codes = new Int8Array(Math.min(o.maxWords, candidates.length) * dims);
  const scales = new Float32Array(codes.length / dims);
  const row = new Float32Array(dims);
  for (const word of candidates) {
    if (words.length >= o.maxWords) break;
    const gloss = glosses.get(word);
    if (gloss) row.set(gloss);
    else if (word.length < 2 || !compose(word, glosses, row)) continue;
    scales[words.length] = quantizeRow(row, codes, words.length * dims);
    words.push(word);
  }
  return new WordVectors(words, codes.subarray(0, words.length * dims), scales.subarray(0, words.length), dims);
}

/**
 * The CC-CEDICT entries bundled in the `cc-cedict` package (`data/all.js`: an ES module holding one
 * JSON list of `[traditional, simplified, pinyin, senses, …]`), read one entry at a time rather than
 * parsed whole, which would hold some hundred megabytes at once.
 */
function* readCedict(file: string): Generator<GlossEntry> {
  const text = readFileSync(file, 'utf8');
  const quoted = '"(?:[^"\\\\]|\\\\.)*"';
  // [traditional, simplified, pinyin, senses (a list of strings or one string with ";")
  const entry = new RegExp(`\\[${quoted},(${quoted}),(${quoted}),(\\[(?:${quoted},?)*\\]|${quoted})`, 'g');
  let count = 0;
  for (const m of text.matchAll(entry)) {
    const senses = JSON.parse(m[3] ?? '""') as string | string[];
    count++;
    yield { word: JSON.parse(m[1] ?? '""') as string, pinyin: JSON.parse(m[2] ?? '""') as string, senses: Array.isArray(senses) ? senses : senses.split(';') };
  }
  if (count === 0) throw new Error(`${file}: no dictionary entries`);
}

/** Word frequencies of jieba's dictionary (`word frequency tag` lines). */
function readJiebaFrequencies(file: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [word, count] = line.split(' ');
    const n = Number(count);
    if (word && Number.isFinite(n)) out.set(word, Math.max(out.get(word) ?? 0, n));
  }
  return out;
}

/** The cc-cedict package's data file (its `exports` hide it from require.resolve). */
function cedictFile(): string {
  for (const dir of require.resolve.paths('cc-cedict') ?? []) {
    const file = path.join(dir, 'cc-cedict', 'data', 'all.js');
    if (existsSync(file)) return file;
  }
  throw new Error('the cc-cedict package is not installed');
}

let loaded: WordVectors | null | undefined;

/**
 * The Chinese word vectors, built on first use (or read from the temporary folder's cache of the
 * same package files) and shared by every matcher of the process; undefined when a package they
 * come from is missing or unreadable.
 */
export function loadChineseWordVectors(): WordVectors | undefined {
  if (loaded !== undefined) return loaded ?? undefined;
  try {
    const english = loadWordVectors();
    if (!english) throw new Error('no English word vectors');
    const dictionary = cedictFile();
    const jiebaDict = require.resolve('@node-rs/jieba/dict.txt');
    const stamp = [dictionary, jiebaDict].map((f) => {
      const { size, mtimeMs } = statSync(f);
      return `${size}:${mtimeMs}`;
    }).join('|');
    const key = createHash('sha256').update(`gloss-v1|${stamp}|${english.size}|${JSON.stringify(defaults)}`).digest('hex').slice(0, 16);
    loaded = cachedVectors(path.join(tmpdir(), `warmline-zh-vectors-${key}.bin`), () => buildChineseVectors(english, readCedict(dictionary), readJiebaFrequencies(jiebaDict)));
  } catch {
    loaded = null;
  }
  return loaded ?? undefined;
}
