/**
 * The coded problems a set of topics can have, and the one error that refuses a set: every problem
 * at once, each with its file, YAML path and line, so an admin fixes everything in one pass and a
 * broken version can never be published. Callers branch on `code`, never on message text.
 */

/** Every problem the loader and the validator report, by stable code (listed in docs/FLOWS.md). */
export const flowProblemCodes = [
  /** The file cannot be read. */
  'unreadable-file',
  /** Not valid YAML (indentation, an unclosed quote, a key written twice). */
  'yaml-syntax',
  /** The folder holds no topic files. */
  'no-topics',
  /** A setting the format does not have (usually misspelt). */
  'unknown-field',
  /** A required setting is missing. */
  'missing-field',
  /** A setting has the wrong type or a value the format does not allow. */
  'invalid-field',
  /** A trigger or action `kind`, or an entity kind, that does not exist. */
  'unknown-kind',
  /** A text, phrase list or card lacks its en-US or zh-CN variant, or it is empty. */
  'missing-locale-text',
  /** An expression (`=…` or `${…}`) does not parse, or tries to change a variable. */
  'expression-syntax',
  /** Two actions (or branches, or the trigger) of one topic share an id. */
  'duplicate-id',
  /** Two topics share an id. */
  'duplicate-topic-id',
  /** A BeginDialog names a topic that does not exist. */
  'unknown-topic',
  /** A GotoAction names an action its topic does not have. */
  'unknown-action',
  /** A BeginDialog passes an input the other topic does not take. */
  'unknown-input',
  /** A BeginDialog takes back an output the other topic does not give. */
  'unknown-output',
  /** An action after an unconditional EndDialog, CancelAllDialogs, GotoAction or TransferToAgent. */
  'unreachable-action',
  /** An expression reads a variable nothing sets and the runtime does not provide. */
  'unknown-variable',
  /** A variable without one of the six scopes (`topic.`, `conversation.`, `user.`, `turn.`, `system.`, `customer.`). */
  'unknown-scope',
  /** A flow writes `turn.*`, `system.*` or `customer.*`. */
  'read-only-scope',
  /** A regex entity that does not compile. */
  'invalid-regex',
  /** A construct that would keep a request for a person from reaching one (P1). */
  'blocks-escalation',
  /** A construct that would keep "cancel" / "算了" from leaving the topic. */
  'blocks-cancel',
  /** No topic has one of the system triggers (every one but OnRecognizedIntent needs exactly one). */
  'missing-system-trigger',
  /** More than one topic has the same system trigger. */
  'duplicate-system-trigger',
] as const;

/** One of {@link flowProblemCodes}. */
export type FlowProblemCode = (typeof flowProblemCodes)[number];

/** One problem: what, in which file, at which YAML path (`beginDialog.actions[2].prompt.zh-CN`) and line. */
export interface FlowProblem {
  readonly code: FlowProblemCode;
  readonly file: string;
  /** YAML path inside the file; '' for the whole file or the whole set. */
  readonly path: string;
  /** 1-based line, when known. */
  readonly line?: number;
  readonly message: string;
}

/** The codes of {@link FlowError}. */
export const flowErrorCodes = {
  /** The set has problems (every one is listed); nothing of it may be used or published. */
  invalid: 'WL_FLOWS_INVALID',
  /** The flows folder does not exist or cannot be listed. */
  notFound: 'WL_FLOWS_NOT_FOUND',
} as const;

/** One of the values of {@link flowErrorCodes}. */
export type FlowErrorCode = (typeof flowErrorCodes)[keyof typeof flowErrorCodes];

/** Refuses a set of topics, listing every problem found. */
export class FlowError extends Error {
  constructor(
    readonly code: FlowErrorCode,
    readonly problems: readonly FlowProblem[],
    options?: { cause?: unknown },
  ) {
    super(flowProblemsMessage(problems), options);
    this.name = 'FlowError';
  }
}

/** One problem as an admin reads it: `greeting.yaml:12 beginDialog.actions[0].text: … (missing-locale-text)`. */
export function flowProblemLine(problem: FlowProblem): string {
  const where = [problem.file ? `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}` : '', problem.path].filter(Boolean).join(' ');
  return `${where ? `${where}: ` : ''}${problem.message} (${problem.code})`;
}

/** `Flows: <the problem>`, or `Flows: 3 problems:` and one indented line each. */
export function flowProblemsMessage(problems: readonly FlowProblem[]): string {
  if (problems.length === 1 && problems[0]) return `Flows: ${flowProblemLine(problems[0])}`;
  return [`Flows: ${problems.length} problems:`, ...problems.map((p) => `  - ${flowProblemLine(p)}`)].join('\n');
}
