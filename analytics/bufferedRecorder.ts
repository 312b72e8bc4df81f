/**
 * The recorder the bot uses: takes events at once (a turn never waits for, or fails because of,
 * analytics), makes them safe to keep (the customer as a one-way reference, text masked), and writes
 * them to the store in batches in the background. A failed write is logged and its batch dropped.
 */
import { customerRef } from '../privacy/customerRef';
import { maskSensitive } from '../privacy/sensitiveData';
import type { AnalyticsEvent, AnalyticsInput } from './analyticsEvent';
import type { AnalyticsRecorder } from './analyticsRecorder';
import type { AnalyticsStore } from './analyticsStore';

/** The logging a recorder does (a pino logger fits). */
export interface RecorderLog {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Options of a {@link BufferedRecorder}. */
export interface BufferedRecorderOptions {
  /** Longest an event waits before it is written (default 500 ms). */
  readonly flushMs?: number;
  /** A batch this size is written at once (default 200). */
  readonly batchSize?: number;
  /** Most events held while the store is slow; past it the oldest are dropped (default 10,000). */
  readonly maxPending?: number;
}

/** Longest question text kept. */
const maxTextChars = 300;

/** The event as it may be kept: customer id turned into a reference, text masked and bounded. */
export function keptEvent(input: AnalyticsInput): AnalyticsEvent {
  const { customerId, text, ...rest } = input;
  const masked = text === undefined ? undefined : maskSensitive(text.replace(/\s+/g, ' ').trim()).text.slice(0, maxTextChars);
  return { ...rest, ...(customerId ? { customerRef: customerRef(customerId) } : {}), ...(masked ? { text: masked } : {}) };
}

/** See the file header. */
export class BufferedRecorder implements AnalyticsRecorder {
  private pending: AnalyticsEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dropped = 0;
  private readonly flushMs: number;
  private readonly batchSize: number;
  private readonly maxPending: number;

  constructor(
    private readonly store: Pick<AnalyticsStore, 'append'>,
    private readonly log: RecorderLog,
    options: BufferedRecorderOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 500;
    this.batchSize = options.batchSize ?? 200;
    this.maxPending = options.maxPending ?? 10_000;
  }

  record(input: AnalyticsInput): void {
    try {
      this.pending.push(keptEvent(input));
      if (this.pending.length > this.maxPending) {
        this.dropped += this.pending.length - this.maxPending;
        this.pending.splice(0, this.pending.length - this.maxPending);
      }
      if (this.pending.length >= this.batchSize) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
    } catch (err) {
      this.log.error({ err, kind: input?.kind }, 'could not record an analytics event');
    }
  }

  /** Writes what is pending; resolves when it (and every earlier write) is done. Never rejects. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (this.dropped > 0) {
      this.log.warn({ dropped: this.dropped }, 'analytics events dropped: the store did not keep up');
      this.dropped = 0;
    }
    if (batch.length === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      try {
        await this.store.append(batch);
      } catch (err) {
        this.log.error({ err, events: batch.length }, 'analytics events not written');
      }
    });
    return this.writing;
  }
}
