/**
 * Signed-in sessions of Warmline Studio, kept in the bot's Storage so that any instance serves them.
 * The browser holds a random token; the store keys the session by the token's SHA-256, so a copy of
 * the store does not hold usable tokens. A session ends when idle too long, when it reaches its
 * absolute age, when its user is disabled or removed, or when the user's session generation moves on.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isETagConflict } from '../storage/compareAndSet';
import type { Stored } from '../storage/compareAndSet';
import type { Role } from './roles';
import type { AccountStorage, UserAccounts, UserRecord } from './userAccounts';

/** How long sessions last. */
export interface SessionLifetimes {
  /** A session not used for this long ends. */
  readonly idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  readonly absoluteMs: number;
}

/** A session as stored. */
interface SessionRecord {
  readonly user: string;
  readonly generation: number;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
}

/** A live session and who it belongs to. */
export interface ActiveSession {
  readonly user: string;
  readonly role: Role;
  /** What state-changing requests must send in `X-CSRF-Token`. */
  readonly csrfToken: string;
  /** When the session ends if left unused (ms since the epoch). */
  readonly idleExpiresAt: number;
  /** When the session ends at the latest. */
  readonly expiresAt: number;
}

/** A new session: the token for the cookie, plus the session itself. */
export interface NewSession extends ActiveSession {
  readonly token: string;
}

/** Activity is recorded at most this often per session, so that reads do not all become writes. */
const touchEveryMs = 60_000;

/** Creates, checks and ends sessions. */
export class StudioSessions {
  private readonly now: () => Date;

  constructor(
    private readonly storage: AccountStorage,
    private readonly accounts: UserAccounts,
    private readonly lifetimes: SessionLifetimes,
    now?: () => Date,
  ) {
    if (!(lifetimes.idleMs > 0 && lifetimes.absoluteMs >= lifetimes.idleMs)) throw new RangeError('StudioSessions: idleMs must be positive and absoluteMs at least idleMs');
    this.now = now ?? (() => new Date());
  }

  /** Starts a session for `user` (already checked: right password, not disabled). */
  async create(user: UserRecord): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const at = this.now().getTime();
    const record: SessionRecord = { user: user.name, generation: user.sessionGeneration, csrfToken: randomBytes(24).toString('base64url'), createdAt: at, lastSeenAt: at };
    await this.storage.write({ [sessionKey(token)]: record });
    return { token, ...this.active(record, user.role) };
  }

  /** The session `token` belongs to, when it is still live; records activity on it. */
  async resolve(token: string): Promise<ActiveSession | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const key = sessionKey(token);
    const stored = (await this.storage.read([key]))[key] as Stored<SessionRecord> | undefined;
    if (!isSessionRecord(stored)) return undefined;
    const now = this.now().getTime();
    const user = await this.accounts.find(stored.user);
    const expired = now - stored.lastSeenAt >= this.lifetimes.idleMs || now - stored.createdAt >= this.lifetimes.absoluteMs;
    if (expired || !user || user.disabled || user.sessionGeneration !== stored.generation) {
      await this.storage.delete([key]);
      return undefined;
    }
    let record: SessionRecord = stored;
    if (now - stored.lastSeenAt >= touchEveryMs) {
      record = { user: stored.user, generation: stored.generation, csrfToken: stored.csrfToken, createdAt: stored.createdAt, lastSeenAt: now };
      try {
        await this.storage.write({ [key]: { ...record, eTag: stored.eTag } });
      } catch (error) {
        // Another request of the same session recorded its activity first: that is as good.
        if (!isETagConflict(error)) throw error;
      }
    }
    return this.active(record, user.role);
  }

  /** Ends the session `token` belongs to (signing out here); nothing happens for an unknown token. */
  async end(token: string): Promise<void> {
    if (/^[A-Za-z0-9_-]{43}$/.test(token)) await this.storage.delete([sessionKey(token)]);
  }

  private active(record: SessionRecord, role: Role): ActiveSession {
    const expiresAt = record.createdAt + this.lifetimes.absoluteMs;
    return { user: record.user, role, csrfToken: record.csrfToken, idleExpiresAt: Math.min(expiresAt, record.lastSeenAt + this.lifetimes.idleMs), expiresAt };
  }
}

function sessionKey(token: string): string {
  return `accounts/session/${createHash('sha256').update(token).digest('hex')}`;
}

function isSessionRecord(value: unknown): value is Stored<SessionRecord> {
  const r = value as Partial<SessionRecord> | undefined | null;
  return typeof r === 'object' && r !== null && typeof r.user === 'string' && Number.isInteger(r.generation) && typeof r.csrfToken === 'string' && typeof r.createdAt === 'number' && typeof r.lastSeenAt === 'number';
}
