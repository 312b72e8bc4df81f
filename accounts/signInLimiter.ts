/**
 * Limits failed sign-ins per user name and per client address, across instances: the recent failures
 * of each live in the bot's Storage and are counted by compare-and-set. Past the limit, sign-in is
 * refused (even with the right password) until the oldest counted failure leaves the window.
 */
import { absentETag, defaultConflictRetries, retryOnConflict } from '../storage/compareAndSet';
import type { Stored } from '../storage/compareAndSet';
import type { AccountStorage } from './userAccounts';

/** How many failures within which window close sign-in. */
export interface SignInLimits {
  readonly maxFailures: number;
  readonly windowMs: number;
}

/** Five failures in fifteen minutes. */
export const defaultSignInLimits: SignInLimits = Object.freeze({ maxFailures: 5, windowMs: 15 * 60_000 });

interface FailureRecord {
  /** When each recent failure happened (ms since the epoch), oldest first. */
  readonly at: readonly number[];
}

/** Counts failed sign-ins and says when sign-in is closed. */
export class SignInLimiter {
  private readonly now: () => Date;

  constructor(
    private readonly storage: AccountStorage,
    private readonly limits: SignInLimits = defaultSignInLimits,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  /** Seconds until sign-in opens again for the most closed of `subjects`, or 0 when it is open for all. */
  async retryAfterSeconds(subjects: readonly string[]): Promise<number> {
    const keys = subjects.map(limitKey);
    const items = await this.storage.read(keys);
    const now = this.now().getTime();
    let waitMs = 0;
    for (const key of keys) {
      const recent = this.recent(items[key], now);
      const oldest = recent[0];
      if (recent.length >= this.limits.maxFailures && oldest !== undefined) waitMs = Math.max(waitMs, oldest + this.limits.windowMs - now);
    }
    return Math.ceil(waitMs / 1000);
  }

  /** Counts a failed sign-in against each of `subjects`. */
  async recordFailure(subjects: readonly string[]): Promise<void> {
    for (const key of subjects.map(limitKey)) {
      await retryOnConflict((c) => this.storage.write(c), defaultConflictRetries, async () => {
        const stored = (await this.storage.read([key]))[key] as Stored<FailureRecord> | undefined;
        const now = this.now().getTime();
        const at = [...this.recent(stored, now), now].slice(-this.limits.maxFailures);
        return { write: { [key]: { at, eTag: stored?.eTag ?? absentETag } }, result: undefined };
      });
    }
  }

  /** Forgets the failures of `subject` (after a successful sign-in). */
  async clear(subject: string): Promise<void> {
    await this.storage.delete([limitKey(subject)]);
  }

  private recent(value: unknown, now: number): number[] {
    const at = (value as Partial<FailureRecord> | undefined)?.at;
    return Array.isArray(at) ? at.filter((t): t is number => typeof t === 'number' && now - t < this.limits.windowMs) : [];
  }
}

/** The subject for a user name. */
export function nameSubject(name: string): string {
  return `name:${name}`;
}

/** The subject for a client address. */
export function addressSubject(address: string): string {
  return `address:${address}`;
}

function limitKey(subject: string): string {
  return `accounts/signin/${encodeURIComponent(subject)}`;
}
