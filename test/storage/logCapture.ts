/**
 * A pino logger that keeps its entries, so storage tests can assert what was logged and wait for
 * an entry instead of sleeping.
 */
import pino from 'pino';
import type { Logger } from '../../logger';

/** One parsed log line. */
export type LogEntry = Record<string, unknown> & { level: number; msg?: string };

/** A debug-level logger plus the entries it has written. */
export class LogCapture {
  readonly entries: LogEntry[] = [];
  readonly logger: Logger;
  private waiters: Array<{ match: (e: LogEntry) => boolean; resolve: (e: LogEntry) => void }> = [];

  constructor() {
    this.logger = pino({ level: 'debug' }, {
      write: (line: string) => {
        const entry = JSON.parse(line) as LogEntry;
        this.entries.push(entry);
        this.waiters = this.waiters.filter((w) => (w.match(entry) ? (w.resolve(entry), false) : true));
      },
    });
  }

  /** Resolves with the first entry (already written or to come) whose message is `msg`. */
  waitFor(msg: string): Promise<LogEntry> {
    const match = (e: LogEntry): boolean => e.msg === msg;
    const seen = this.entries.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Every entry's raw text, for "never logged" assertions. */
  text(): string {
    return this.entries.map((e) => JSON.stringify(e)).join('\n');
  }
}
