/**
 * Compare-and-set over a botbuilder-style `Storage`: read an item with its eTag, decide, write it
 * back with that eTag, and when another instance wrote first (an eTag conflict, nothing written),
 * read again and decide again. Shared by every repository that keeps counters or records which
 * several instances may change at once (handoffs, tickets, offer history, analytics).
 */
import { storageErrorCodes } from './storageErrors';

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

/** True when `error` is a storage eTag conflict (Warmline's coded one, or botbuilder's): nothing was written, read again and retry. */
export function isETagConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { code?: unknown }).code === storageErrorCodes.etagConflict) return true;
  // botbuilder's own stores (MemoryStorage, hosts' custom ones) signal a conflict only in the message.
  return error instanceof Error && /\beTag conflict\b/i.test(error.message);
}

/** Retries after an eTag conflict that the repositories make unless told otherwise. */
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
