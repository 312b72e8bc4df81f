/**
 * A {@link KeyedLock} that work already holding a key may enter again. A conversation's turn takes its
 * key, and what runs inside it (the replay check, the bot, a proactive message to the same
 * conversation sent from inside the turn) must not wait on itself. The keys held are carried in the
 * async context, so only the work started inside a holder's task passes straight through.
 *
 * One AsyncLocalStorage serves every lock (each lock's keys are told apart by its own number): in
 * Node 20 every live AsyncLocalStorage is visited each time any promise is made, so one per lock made
 * a process that builds many bots (tests, simulations) slower with each one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { KeyedLock } from './keyedLock';

/** What the current async context holds, of every lock: `<lock number>\n<key>`. */
const heldKeys = new AsyncLocalStorage<ReadonlySet<string>>();
let locksMade = 0;

/** Wraps a {@link KeyedLock} so nested work on a held key runs at once. */
export class ReentrantKeyedLock implements KeyedLock {
  private readonly id = ++locksMade;

  constructor(private readonly lock: KeyedLock) {
    if (!lock || typeof lock.run !== 'function') throw new TypeError('ReentrantKeyedLock needs a KeyedLock');
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const held = heldKeys.getStore();
    const mine = `${this.id}\n${key}`;
    if (held?.has(mine)) return task();
    return this.lock.run(key, () => heldKeys.run(new Set([...(held ?? []), mine]), task));
  }
}
