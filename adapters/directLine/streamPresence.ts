/**
 * Whether someone is watching a Direct Line conversation, from its WebSocket streams: when the last
 * stream of a conversation closes and none opens again within the grace period, the conversation is
 * reported gone; when a stream opens for one reported gone, it is reported back. A reload (the page
 * reconnects within seconds) reports nothing. Each instance counts the streams it serves and hears
 * from the others when a stream opens there, so a page that reconnected to another instance is not
 * reported gone, and the instance that reported it gone reports it back.
 */
import type { Logger } from 'pino';

/** Told when a conversation's page went away (no stream for the grace period) or came back. */
export type PresenceListener = (conversationId: string, present: boolean) => Promise<void> | void;

/** Options of {@link StreamPresence}. */
export interface StreamPresenceOptions {
  /** How long a conversation may have no stream before it is reported gone. */
  readonly graceMs: number;
  readonly listener: PresenceListener;
  readonly log: Logger;
}

/** Counts open streams per conversation and reports conversations gone and back. */
export class StreamPresence {
  private readonly open = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly gone = new Set<string>();
  private stopped = false;

  constructor(private readonly options: StreamPresenceOptions) {
    if (!(options.graceMs > 0)) throw new TypeError('StreamPresence: graceMs must be positive');
    if (typeof options.listener !== 'function') throw new TypeError('StreamPresence: listener must be a function');
  }

  /** A stream of the conversation opened. */
  opened(conversationId: string): void {
    this.open.set(conversationId, (this.open.get(conversationId) ?? 0) + 1);
    const timer = this.timers.get(conversationId);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(conversationId);
    }
    if (this.gone.delete(conversationId)) this.report(conversationId, true);
  }

  /** A stream of the conversation opened on another instance: it is not gone, and is back if this instance said it was. */
  openedElsewhere(conversationId: string): void {
    const timer = this.timers.get(conversationId);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(conversationId);
    }
    if (this.gone.delete(conversationId)) this.report(conversationId, true);
  }

  /** A stream of the conversation closed; the last one starts the grace period. */
  closed(conversationId: string): void {
    const left = (this.open.get(conversationId) ?? 1) - 1;
    if (left > 0) {
      this.open.set(conversationId, left);
      return;
    }
    this.open.delete(conversationId);
    if (this.stopped || this.timers.has(conversationId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(conversationId);
      if (this.open.has(conversationId) || this.stopped) return;
      this.gone.add(conversationId);
      this.report(conversationId, false);
    }, this.options.graceMs);
    timer.unref();
    this.timers.set(conversationId, timer);
  }

  /** Stops reporting (the server is shutting down: its streams closing say nothing about customers). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private report(conversationId: string, present: boolean): void {
    if (this.stopped) return;
    Promise.resolve()
      .then(() => this.options.listener(conversationId, present))
      .catch((err: unknown) => this.options.log.warn({ err, conversationId, present }, 'could not report a conversation gone or back'));
  }
}
