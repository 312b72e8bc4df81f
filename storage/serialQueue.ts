/**
 * Runs tasks one after another per key, so that read-change-write cycles on one conversation never
 * interleave (no lost activities, order kept) while different conversations proceed in parallel.
 */

import type { KeyedLock } from './keyedLock';

/** A queue of async tasks per key; a failing task does not stop the ones after it. */
export class SerialQueue implements KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after every task queued earlier under `key`; resolves or rejects with its outcome. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves once every queued task has finished, including tasks queued while waiting. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
