/**
 * In-process fan-out of new activities to whoever is watching a conversation (its WebSocket
 * streams). Knows nothing about storage or sockets.
 */
import type { ActivitySet } from './wireActivity';

/** Receives each activity set published for the conversation it subscribed to. */
export type ActivityListener = (set: ActivitySet) => void;

/** Subscribers per conversation id. */
export class ActivityFeed {
  private readonly listeners = new Map<string, Set<ActivityListener>>();

  /** Starts delivering `conversationId`'s new activity sets to `listener`; returns the way to stop. */
  subscribe(conversationId: string, listener: ActivityListener): () => void {
    let set = this.listeners.get(conversationId);
    if (!set) {
      set = new Set();
      this.listeners.set(conversationId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(conversationId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(conversationId);
    };
  }

  /** Hands `set` to every current subscriber of `conversationId`; a throwing listener does not stop the others. */
  publish(conversationId: string, set: ActivitySet, onListenerError: (err: unknown) => void): void {
    for (const listener of [...(this.listeners.get(conversationId) ?? [])]) {
      try {
        listener(set);
      } catch (err) {
        onListenerError(err);
      }
    }
  }

  /** Number of listeners on a conversation (for diagnostics and tests). */
  listenerCount(conversationId: string): number {
    return this.listeners.get(conversationId)?.size ?? 0;
  }
}
