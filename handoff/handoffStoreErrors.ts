/**
 * The one list of coded errors raised while storing handoffs, tickets and agent presence, and how
 * those stores cope with a write that lost a race (another instance wrote the same item first):
 * read again, decide again, write again. Codes are stable: callers branch on `code`, never on
 * message text.
 */
import { storageErrorCodes } from '../storage/storageErrors';

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

/**
 * eTag to write with an item that must not exist yet. Stores accept any eTag on a new item but
 * refuse one that does not match an existing item, and stored eTags are random UUIDs, so a write
 * carrying this fails with an eTag conflict if someone else created the item in the meantime.
 */
export const absentETag = 'warmline:absent';

/** An item as read from a store: the stored value plus the eTag to write it back with. */
export type Stored<T> = T & { eTag?: string };

/** A deep copy of a stored item without its eTag, to hand to callers. */
export function withoutETag<T extends object>(item: Stored<T>): T {
  const copy = structuredClone(item);
  delete copy.eTag;
  return copy;
}

/** True when `error` is a storage eTag conflict: nothing was written, read again and retry. */
export function isETagConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === storageErrorCodes.etagConflict;
}

/** Retries after an eTag conflict that the handoff stores make unless told otherwise. */
export const defaultConflictRetries = 8;

/**
 * One pass of a read-decide-write: either a decision that needs no write (`done`), or the items to
 * write (each with the eTag it was read with, or {@link absentETag}) and what to return once written.
 */
export type ConflictStep<T> = { readonly done: T } | { readonly write: Record<string, unknown>; readonly result: T };

/**
 * Runs `step` and writes what it proposes; when the write hits an eTag conflict (nothing was
 * written), waits a little and runs `step` again on fresh data, at most `retries` more times.
 * Resolves `{ settled: false }` when every attempt lost its race; other errors are thrown as they are.
 */
export async function retryOnConflict<T>(
  write: (changes: Record<string, unknown>) => Promise<void>,
  retries: number,
  step: () => Promise<ConflictStep<T>>,
): Promise<{ readonly settled: true; readonly value: T } | { readonly settled: false }> {
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    if (attempt > 0) await conflictBackoff(attempt);
    const next = await step();
    if ('done' in next) return { settled: true, value: next.done };
    try {
      await write(next.write);
      return { settled: true, value: next.result };
    } catch (error) {
      if (!isETagConflict(error)) throw error;
    }
  }
  return { settled: false };
}

/**
 * Waits a random time before retry `attempt` (1, 2, …): up to 4 ms, then 8, 16, … at most 200 ms, so
 * that instances racing for the same items spread out (timers have 1 ms slots; wider windows give
 * more slots, and each slot lets at least one racer through).
 */
async function conflictBackoff(attempt: number): Promise<void> {
  const ceilingMs = Math.min(200, 2 ** (Math.min(attempt, 8) + 1));
  await new Promise((resolve) => setTimeout(resolve, Math.random() * ceilingMs));
}
