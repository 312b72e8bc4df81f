/**
 * Runs work one key at a time: the turns of one conversation never overlap, so two quick messages
 * never race on its state. In one process a queue per key does it ({@link SerialQueue}); across
 * instances sharing Redis, a lock with a lease does (`redisKeyedLock.ts`).
 */

/** Serialises tasks per key. */
export interface KeyedLock {
  /** Runs `task` once no other task holds `key` (here or on another instance); resolves or rejects with its outcome. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}
