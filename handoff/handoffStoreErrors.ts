/**
 * The one list of coded errors raised while storing handoffs, tickets and agent presence, and how
 * those stores cope with a write that lost a race (another instance wrote the same item first):
 * read again, decide again, write again. Codes are stable: callers branch on `code`, never on
 * message text.
 */

/** Every error code the handoff stores can raise. */
export const handoffStoreErrorCodes = {
  /** A new handoff is not one the state machine can start with (state, events, id). */
  invalidRecord: 'WL_HANDOFF_INVALID_RECORD',
  /** A handoff or ticket with this id is already stored. */
  duplicate: 'WL_HANDOFF_DUPLICATE',
  /** The customer's conversation already has an open handoff. */
  alreadyOpen: 'WL_HANDOFF_ALREADY_OPEN',
  /** A change tried to alter what only a move may alter (state, id). */
  invalidChange: 'WL_HANDOFF_INVALID_CHANGE',
  /** Other instances kept writing the same items; the change was given up after every retry. */
  conflict: 'WL_HANDOFF_CONFLICT',
} as const;

/** One of the values of {@link handoffStoreErrorCodes}. */
export type HandoffStoreErrorCode = (typeof handoffStoreErrorCodes)[keyof typeof handoffStoreErrorCodes];

/** An error of the handoff stores, with a stable `code` and the id it concerns. */
export class HandoffStoreError extends Error {
  constructor(
    readonly code: HandoffStoreErrorCode,
    /** The handoff, ticket or agent id the error concerns. */
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'HandoffStoreError';
  }
}

export { absentETag, withoutETag, isETagConflict, defaultConflictRetries, retryOnConflict } from '../storage/compareAndSet';
export type { Stored, ConflictStep } from '../storage/compareAndSet';
