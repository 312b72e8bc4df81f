/**
 * One turn at a time per conversation, on a {@link KeyedLock} (this process's queue, or Redis across
 * instances). The replay guard takes a conversation's key and the bot's turn, further down the same
 * `TurnContext`, must enter it without waiting on itself: the keys a turn holds are kept on its
 * `TurnContext`, so only work handed that context passes straight through.
 *
 * This replaced a lock that carried the held keys in an AsyncLocalStorage. In Node 20 a live
 * AsyncLocalStorage runs a hook for every promise the process makes, which cost about 6 % of a FAQ
 * turn's CPU (docs/BENCHMARKS.md). The price: work that starts a new `TurnContext` for a conversation
 * while a turn of that same conversation holds it (a proactive resume sent from inside that turn) waits
 * for the turn to end, so such work must not be awaited inside the turn (see WarmlineBot.handleAgent).
 */
import type { TurnContext } from 'botbuilder';
import type { KeyedLock } from '../storage/keyedLock';

/** Serialises turns per key; nested work on the same `TurnContext` and key runs at once. */
export class TurnLock {
  /** Where this lock keeps, on a `TurnContext`, the keys that context holds (one symbol per lock, so two locks never mix). */
  private readonly held = Symbol('warmline.turnLock.held');

  constructor(private readonly lock: KeyedLock) {
    if (!lock || typeof lock.run !== 'function') throw new TypeError('TurnLock needs a KeyedLock');
  }

  /** Runs `task` once no other turn holds `key`, or at once when `context` already holds it. */
  run<T>(context: TurnContext, key: string, task: () => Promise<T>): Promise<T> {
    const held = context.turnState.get(this.held) as Set<string> | undefined;
    if (held?.has(key)) return task();
    return this.lock.run(key, async () => {
      let keys = context.turnState.get(this.held) as Set<string> | undefined;
      if (!keys) {
        keys = new Set();
        context.turnState.set(this.held, keys);
      }
      keys.add(key);
      try {
        return await task();
      } finally {
        keys.delete(key);
      }
    });
  }
}
