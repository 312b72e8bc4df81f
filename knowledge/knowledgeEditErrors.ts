/**
 * The coded errors of editing knowledge in a draft (Warmline Studio). The studio's API turns each
 * code into an HTTP status; the message says what to do, for an editor.
 */

/** Every code an edit of the knowledge draft can fail with. */
export const knowledgeEditCodes = {
  /** No entry with that id in the locale's draft knowledge. */
  notFound: 'EntryNotFound',
  /** A new entry's id is taken. */
  exists: 'EntryExists',
  /** The entry changed since the editor read it (If-Match). */
  changed: 'EntryChanged',
  /** The entry comes from a QnA Maker TSV file, which the editor does not rewrite. */
  notEditable: 'EntryNotEditable',
  /** The locale's knowledge does not load, so entries cannot be found in it. */
  broken: 'KnowledgeBroken',
  /** What was sent is not an entry, a locale, an import or a set of cases. */
  invalid: 'InvalidKnowledgeEdit',
  /** An import or cases file has problems (each with its line). */
  unreadable: 'KnowledgeUnreadable',
} as const;

/** One of {@link knowledgeEditCodes}. */
export type KnowledgeEditCode = (typeof knowledgeEditCodes)[keyof typeof knowledgeEditCodes];

/** A problem with a line (of an import or a cases file) or a field (of an entry). */
export interface EditProblem {
  readonly line?: number;
  readonly path?: string;
  readonly file?: string;
  readonly message: string;
}

/** Raised by the knowledge editing services; `problems` lists every problem when there are several. */
export class KnowledgeEditError extends Error {
  constructor(
    readonly code: KnowledgeEditCode,
    message: string,
    readonly problems: readonly EditProblem[] = [],
  ) {
    super(message);
    this.name = 'KnowledgeEditError';
  }
}
