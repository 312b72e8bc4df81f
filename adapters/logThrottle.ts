/**
 * Keeps a flood of the same warning from flooding the log: one probe of a guarded API wrote 9,307
 * "API request refused" lines (issue 10). The first warning of each reason is logged as it happens;
 * the rest are counted, and at most one line per interval says how many were left out.
 */
import type { Logger } from 'pino';

/** Options of {@link LogThrottle}. */
export interface LogThrottleOptions {
  /** How long one summary line covers (default one minute). */
  readonly intervalMs?: number;
}

interface Window {
  /** Warnings left out since the last line of this reason. */
  suppressed: number;
  /** Fields of the last warning left out (e.g. which user id), for the summary line. */
  fields: Record<string, unknown>;
}

/** Rate-limits warnings by reason; see the module comment. */
export class LogThrottle {
  private readonly intervalMs: number;
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly log: Logger,
    options: LogThrottleOptions = {},
  ) {
    if (!log) throw new TypeError('LogThrottle needs a logger');
    this.intervalMs = options.intervalMs ?? 60_000;
    if (!(this.intervalMs > 0)) throw new RangeError(`LogThrottle intervalMs must be positive, got ${this.intervalMs}`);
  }

  /**
   * Logs `message` at warn level, unless a warning with the same `message` was logged less than an
   * interval ago: then it is counted, and reported in one line at the end of the interval as
   * `{ ...fields, suppressed: n }`. Messages are the reasons, so they must be a fixed set of strings.
   */
  warn(fields: Record<string, unknown>, message: string): void {
    const open = this.windows.get(message);
    if (!open) {
      this.log.warn(fields, message);
      this.windows.set(message, { suppressed: 0, fields });
      // Without warnings left out, the window just closes: the next warning is logged as it happens.
      this.closeLater(message);
      return;
    }
    open.suppressed += 1;
    open.fields = fields;
  }

  /** Reports what an interval left out (and starts another), or forgets the reason. */
  private closeLater(message: string): void {
    const window = this.windows.get(message);
    if (!window) return;
    const timer = setTimeout(() => {
      if (window.suppressed === 0) {
        this.windows.delete(message);
        return;
      }
      this.log.warn({ ...window.fields, suppressed: window.suppressed, intervalSeconds: this.intervalMs / 1000 }, `${message} (${window.suppressed} more like it left out of the log)`);
      window.suppressed = 0;
      this.closeLater(message);
    }, this.intervalMs);
    // A pending summary never keeps the process alive.
    timer.unref();
  }
}
