/**
 * The one list of coded errors raised while reading and validating knowledge (.qna, QnA Maker TSV,
 * plain data). Codes are stable: the admin tools and start-up branch on `code`, never on message text.
 */

/** Every error code the knowledge area can raise while loading. */
export const knowledgeErrorCodes = {
  /** A file (or in-memory data) breaks the format or the rules of a knowledge base. */
  format: 'WL_KB_FORMAT',
  /** A path to load, or a file named by an `[import]`, does not exist or cannot be read. */
  notFound: 'WL_KB_NOT_FOUND',
  /** A file is larger than the loader accepts. */
  tooLarge: 'WL_KB_TOO_LARGE',
  /** `[import]` links form a cycle. */
  importCycle: 'WL_KB_IMPORT_CYCLE',
  /** A file's locale cannot be told (no `.en-us` / `.zh-cn` suffix and none given) or is not supported. */
  locale: 'WL_KB_LOCALE',
  /** A word-vector file set by the operator (WORD_VECTORS_ZH_CN, WORD_VECTORS_EN_US) cannot be read or is not in word2vec format. */
  wordVectors: 'WL_KB_WORD_VECTORS',
} as const;

/** One of the values of {@link knowledgeErrorCodes}. */
export type KnowledgeErrorCode = (typeof knowledgeErrorCodes)[keyof typeof knowledgeErrorCodes];

/** One problem found in a knowledge file, with where it is. */
export interface KnowledgeProblem {
  readonly file: string;
  /** 1-based line; absent when the problem is not tied to a line (e.g. in-memory data). */
  readonly line?: number;
  readonly message: string;
}

/** Base class of every knowledge loading error; carries a stable `code`. */
export class KnowledgeError extends Error {
  constructor(
    readonly code: KnowledgeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KnowledgeError';
  }
}

/**
 * Raised when a knowledge file or data set has one or more problems. All problems found are
 * reported together; `file` and `line` are those of the first one.
 */
export class KnowledgeFormatError extends KnowledgeError {
  readonly file: string;
  readonly line: number | undefined;

  constructor(readonly problems: readonly KnowledgeProblem[]) {
    super(knowledgeErrorCodes.format, formatProblems(problems));
    this.name = 'KnowledgeFormatError';
    this.file = problems[0]?.file ?? '';
    this.line = problems[0]?.line;
  }
}

/** `file:line: message`, the way editors and terminals link to a place in a file. */
export function describeProblem(problem: KnowledgeProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.message}`;
}

function formatProblems(problems: readonly KnowledgeProblem[]): string {
  const [first] = problems;
  if (first === undefined) return 'Knowledge: invalid knowledge base';
  if (problems.length === 1) return `Knowledge: ${describeProblem(first)}`;
  return [`Knowledge: ${problems.length} problems:`, ...problems.map((p) => `  - ${describeProblem(p)}`)].join('\n');
}

/** Collects problems while parsing so that all of them are reported in one error. */
export class KnowledgeProblemList {
  readonly #problems: KnowledgeProblem[] = [];

  constructor(private readonly file: string) {}

  /** Records a problem at `line` of this list's file. */
  add(line: number | undefined, message: string): void {
    this.#problems.push(line === undefined ? { file: this.file, message } : { file: this.file, line, message });
  }

  /** Records problems found elsewhere (another file, or data validation). */
  addAll(problems: readonly KnowledgeProblem[]): void {
    this.#problems.push(...problems);
  }

  get size(): number {
    return this.#problems.length;
  }

  /** Throws a {@link KnowledgeFormatError} listing every problem, if there is any. */
  throwIfAny(): void {
    if (this.#problems.length > 0) throw new KnowledgeFormatError([...this.#problems]);
  }
}
