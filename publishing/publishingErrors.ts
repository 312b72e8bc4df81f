/**
 * The one list of coded errors raised while storing, publishing and rolling back admin content.
 * Codes are stable: the CLI and the server branch on `code`, never on message text.
 */

/** Every error code the publishing area can raise. */
export const publishingErrorCodes = {
  /** A caller passed something the method does not take (an unknown kind, an empty name). */
  invalidArgument: 'WL_CONTENT_INVALID_ARGUMENT',
  /** The files are not a bundle that can be stored (no files, a bad or repeated path, too large). */
  invalidBundle: 'WL_CONTENT_INVALID_BUNDLE',
  /** No stored version has this id (or it was pruned from the history). */
  unknownVersion: 'WL_CONTENT_UNKNOWN_VERSION',
  /** A shortened version id matches more than one version. */
  ambiguousVersion: 'WL_CONTENT_AMBIGUOUS_VERSION',
  /** Nothing of this kind has been published yet. */
  nothingPublished: 'WL_CONTENT_NOTHING_PUBLISHED',
  /** A rollback without a target, but the published version has no predecessor. */
  noPrevious: 'WL_CONTENT_NO_PREVIOUS',
  /** Someone else published or rolled back while this rollback was deciding; nothing was changed. */
  changedMeanwhile: 'WL_CONTENT_CHANGED_MEANWHILE',
  /** Other writers kept changing the pointer; the change was given up after every retry. */
  conflict: 'WL_CONTENT_CONFLICT',
  /** A stored record is not in the shape this code writes (edited by hand, or damaged). */
  damaged: 'WL_CONTENT_DAMAGED',
} as const;

/** One of the values of {@link publishingErrorCodes}. */
export type PublishingErrorCode = (typeof publishingErrorCodes)[keyof typeof publishingErrorCodes];

/** An error of the publishing area, with a stable `code` and the content kind it concerns. */
export class PublishingError extends Error {
  constructor(
    readonly code: PublishingErrorCode,
    /** The content kind (`flows`, `knowledge`, ...) the error concerns, or `''`. */
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'PublishingError';
  }
}
