/**
 * The coded problems a message catalogue can have, and the errors that refuse one or report a
 * programming mistake. Callers branch on `code`, never on message text.
 */

/** What can be wrong with a catalogue file, by stable code. */
export const messageProblemCodes = [
  'unreadable-file',
  'yaml-syntax',
  'missing-key',
  'extra-key',
  'not-text',
  'empty-text',
  'placeholder-mismatch',
] as const;

/** One of {@link messageProblemCodes}. */
export type MessageProblemCode = (typeof messageProblemCodes)[number];

/** One problem: which file, which key (`handoff.customer.agentJoined`, '' for the whole file), what. */
export interface MessageProblem {
  readonly code: MessageProblemCode;
  readonly file: string;
  readonly key: string;
  readonly message: string;
}

/** The codes of {@link MessageCatalogueError}. */
export const messageErrorCodes = {
  /** The catalogue has problems (every one is listed); the bot must not start with it. */
  invalid: 'WL_MESSAGES_INVALID',
  /** Code asked for a message the catalogue does not have (a programming error). */
  unknownKey: 'WL_MESSAGE_UNKNOWN_KEY',
  /** Code did not pass a value a message's placeholder needs (a programming error). */
  missingParam: 'WL_MESSAGE_MISSING_PARAM',
} as const;

/** One of the values of {@link messageErrorCodes}. */
export type MessageErrorCode = (typeof messageErrorCodes)[keyof typeof messageErrorCodes];

/** Refuses a catalogue (listing every problem) or reports a message asked for wrongly. */
export class MessageCatalogueError extends Error {
  constructor(
    readonly code: MessageErrorCode,
    message: string,
    readonly problems: readonly MessageProblem[] = [],
  ) {
    super(message);
    this.name = 'MessageCatalogueError';
  }
}

/** One problem as an admin reads it: `zh-CN.yaml: bot.welcome: is missing (missing-key)`. */
export function messageProblemLine(problem: MessageProblem): string {
  return [problem.file, problem.key, `${problem.message} (${problem.code})`].filter(Boolean).join(': ');
}
