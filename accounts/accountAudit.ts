/**
 * The audit log of account changes: who added, disabled, enabled or re-roled whom, reset whose
 * password (never the password), and made or revoked which API token; when, and the state before and
 * after. One record per change under `accounts/audit/<time>-<random>`, written once and never
 * changed, so instances and the CLI never contend for a counter. Content publishes have their own
 * log (publishing/contentVersions.ts); `GET /api/audit` shows both.
 */
import { randomBytes } from 'node:crypto';
import { absentETag, withoutETag } from '../storage/compareAndSet';
import type { Stored } from '../storage/compareAndSet';
import type { Role } from './roles';
import type { AccountStorage } from './userAccounts';

/** What was done to an account. */
export type AccountAction = 'user-added' | 'role-changed' | 'user-disabled' | 'user-enabled' | 'password-reset' | 'token-created' | 'token-revoked';

/** The parts of an account an entry shows before and after a change. */
export interface AccountState {
  readonly role?: Role;
  readonly disabled?: boolean;
}

/** One account change. */
export interface AccountAuditEntry {
  /** Always `accounts`, which tells these apart from content entries in a merged list. */
  readonly kind: 'accounts';
  readonly action: AccountAction;
  /** Who made the change: an account name, or `cli:<system user>` for `npm run users`. */
  readonly who: string;
  /** When (ISO 8601). */
  readonly at: string;
  /** The account changed (for tokens: whose token). */
  readonly user: string;
  readonly before?: AccountState;
  readonly after?: AccountState;
  /** The token made or revoked: its id and name, never the token. */
  readonly token?: { readonly id: string; readonly name: string };
  /** One line in English for logs and tools ("role editor → admin"); screens word it themselves from the fields. */
  readonly summary: string;
}

/** What a caller says about a change; the log adds `kind` and `at`. */
export type AccountChange = Omit<AccountAuditEntry, 'kind' | 'at' | 'summary'>;

/** Which entries to list. */
export interface AccountAuditQuery {
  /** Only changes by someone whose name contains this (any case). */
  readonly who?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** At most this many, newest first (default 200). */
  readonly limit?: number;
}

const prefix = 'accounts/audit/';
let sequence = 0;

/** Records and lists account changes. */
export class AccountAudit {
  private readonly now: () => Date;

  constructor(
    private readonly storage: AccountStorage,
    now?: () => Date,
  ) {
    if (!storage) throw new TypeError('AccountAudit needs a storage');
    this.now = now ?? (() => new Date());
  }

  /** Adds one entry; resolves with it. */
  async record(change: AccountChange): Promise<AccountAuditEntry> {
    const at = this.now();
    const entry: AccountAuditEntry = { kind: 'accounts', ...change, at: at.toISOString(), summary: summaryOf(change) };
    // Time, then this process's count (changes made in one millisecond keep their order), then a random part (other instances).
    sequence = (sequence + 1) % 1_000_000;
    const key = `${prefix}${String(at.getTime()).padStart(15, '0')}-${String(sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
    await this.storage.write({ [key]: { ...entry, eTag: absentETag } });
    return entry;
  }

  /** The entries `query` asks for, newest first. */
  async list(query: AccountAuditQuery = {}): Promise<AccountAuditEntry[]> {
    const keys: string[] = [];
    for await (const page of this.storage.listKeys(prefix)) keys.push(...page);
    // Keys sort by time; the time filter needs no read.
    const time = (key: string): number => Number(key.slice(prefix.length).split('-')[0]);
    const inRange = keys.filter((k) => (!query.from || time(k) >= query.from.getTime()) && (!query.to || time(k) <= query.to.getTime())).sort().reverse();
    const who = query.who?.trim().toLowerCase();
    const limit = query.limit ?? 200;
    const found: AccountAuditEntry[] = [];
    for (let i = 0; i < inRange.length && found.length < limit; i += 200) {
      const batch = inRange.slice(i, i + 200);
      const items = await this.storage.read(batch);
      for (const key of batch) {
        const item = items[key] as Stored<AccountAuditEntry> | undefined;
        if (item && typeof item.who === 'string' && (!who || item.who.toLowerCase().includes(who))) found.push(withoutETag(item));
      }
    }
    return found.slice(0, limit);
  }
}

/** The entry's one line: what changed, from what to what. */
function summaryOf(change: AccountChange): string {
  const { before, after, token } = change;
  switch (change.action) {
    case 'user-added':
      return `added ${change.user} as ${after?.role ?? '?'}`;
    case 'role-changed':
      return `role of ${change.user}: ${before?.role ?? '?'} → ${after?.role ?? '?'}`;
    case 'user-disabled':
      return `disabled ${change.user}`;
    case 'user-enabled':
      return `enabled ${change.user}`;
    case 'password-reset':
      return `reset the password of ${change.user}`;
    case 'token-created':
      return `API token "${token?.name ?? '?'}" (${token?.id ?? '?'}) made for ${change.user}`;
    case 'token-revoked':
      return `API token "${token?.name ?? '?'}" (${token?.id ?? '?'}) of ${change.user} revoked`;
  }
}
