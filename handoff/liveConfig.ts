/**
 * Settings that an admin can publish while the bot runs (routing, the roster): held either as a value
 * or as a function that returns the one in force, read afresh on every use so that a new version
 * applies from the next turn.
 */

/** A value, or a function returning the value in force now. */
export type Live<T extends object> = T | (() => T);

/** The value in force now. */
export function inForce<T extends object>(live: Live<T>): T {
  return typeof live === 'function' ? (live as () => T)() : live;
}
