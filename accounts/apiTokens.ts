/**
 * Per-user API tokens for programs (`Authorization: Bearer wlt_…`): made for one user, shown once,
 * kept in the bot's Storage only as their SHA-256 (`accounts/apitoken/<hash>`), so a copy of the
 * store holds no usable token. A token acts with its user's current role, and stops working when it
 * is revoked, when it expires, or while its user is disabled. When it was last used is kept in a
 * record of its own (`accounts/apitoken-used/<hash>`), so that recording a use can never bring back a
 * token revoked in the same moment.
 */
import { createHash, randomBytes } from 'node:crypto';
import { absentETag, withoutETag } from '../storage/compareAndSet';
import type { Stored } from '../storage/compareAndSet';
import { AccountError, accountErrorCodes } from './accountErrors';
import type { Role } from './roles';
import { accountName } from './userAccounts';
import type { AccountStorage, UserAccounts } from './userAccounts';

/** A token as people see it: never the token itself. */
export interface ApiTokenInfo {
  /** Public id, to revoke it by. */
  readonly id: string;
  readonly user: string;
  /** What the user called it ("wallboard", "nightly export"). */
  readonly name: string;
  readonly createdAt: string;
  /** When it was last presented (to the minute); null when never. */
  readonly lastUsedAt: string | null;
  /** When it stops working; null when it does not expire. */
  readonly expiresAt: string | null;
}

/** A token just made: the only time its secret is given out. */
export interface NewApiToken {
  readonly token: string;
  readonly info: ApiTokenInfo;
}

/** Who a presented token acts as. */
export interface TokenCaller {
  readonly user: string;
  readonly role: Role;
  readonly tokenId: string;
}

/** Options for {@link ApiTokens}. */
export interface ApiTokensOptions {
  readonly now?: () => Date;
  /** Most tokens one user may hold (default 20). */
  readonly maxPerUser?: number;
}

/** Longest lifetime a token may be given, in days. */
export const maxTokenDays = 366;
/** Longest token name, in characters. */
export const maxTokenNameLength = 60;

/** A token as stored: its use is kept apart. */
type TokenRecord = Omit<ApiTokenInfo, 'lastUsedAt'>;

const prefix = 'accounts/apitoken/';
const usedPrefix = 'accounts/apitoken-used/';
const tokenPattern = /^wlt_[A-Za-z0-9_-]{43}$/;
/** Use is recorded at most this often per token, so that reads do not all become writes. */
const touchEveryMs = 60_000;

/** Makes, lists, revokes and checks API tokens. */
export class ApiTokens {
  private readonly now: () => Date;
  private readonly maxPerUser: number;

  constructor(
    private readonly storage: AccountStorage,
    private readonly accounts: UserAccounts,
    options: ApiTokensOptions = {},
  ) {
    if (!storage || !accounts) throw new TypeError('ApiTokens needs a storage and the accounts');
    this.now = options.now ?? (() => new Date());
    this.maxPerUser = options.maxPerUser ?? 20;
  }

  /** Makes a token for `user` (who must exist); the result is the only copy of its secret. */
  async create(userInput: string, nameInput: string, expiresInDays?: number): Promise<NewApiToken> {
    const user = accountName(userInput);
    const name = nameInput.trim();
    if (name.length === 0 || [...name].length > maxTokenNameLength || /\p{Cc}/u.test(name)) {
      throw new AccountError(accountErrorCodes.invalidTokenName, user, `A token's name is 1 to ${maxTokenNameLength} characters, on one line.`);
    }
    if (expiresInDays !== undefined && !(Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= maxTokenDays)) {
      throw new AccountError(accountErrorCodes.invalidTokenExpiry, user, `A token lasts 1 to ${maxTokenDays} whole days, or does not expire.`);
    }
    if (!(await this.accounts.find(user))) throw new AccountError(accountErrorCodes.unknownUser, user, `There is no user "${user}".`);
    if ((await this.list(user)).length >= this.maxPerUser) {
      throw new AccountError(accountErrorCodes.tooManyTokens, user, `${user} already has ${this.maxPerUser} API tokens; revoke one first.`);
    }
    const token = `wlt_${randomBytes(32).toString('base64url')}`;
    const at = this.now();
    const record: TokenRecord = {
      id: randomBytes(6).toString('hex'),
      user,
      name,
      createdAt: at.toISOString(),
      expiresAt: expiresInDays === undefined ? null : new Date(at.getTime() + expiresInDays * 86_400_000).toISOString(),
    };
    await this.storage.write({ [tokenKey(token)]: { ...record, eTag: absentETag } });
    return { token, info: { ...record, lastUsedAt: null } };
  }

  /** The tokens of `user`, oldest first (expired ones too, until revoked). */
  async list(userInput: string): Promise<ApiTokenInfo[]> {
    const user = accountName(userInput);
    return (await this.all()).filter((t) => t.info.user === user).map((t) => t.info);
  }

  /** Revokes `user`'s token `id`; throws {@link accountErrorCodes.unknownToken} when they have none with that id. */
  async revoke(userInput: string, id: string): Promise<ApiTokenInfo> {
    const user = accountName(userInput);
    const found = (await this.all()).find((t) => t.info.user === user && t.info.id === id);
    if (!found) throw new AccountError(accountErrorCodes.unknownToken, user, `${user} has no API token "${id.slice(0, 40)}".`);
    await this.storage.delete([found.key, usedKey(found.key)]);
    return found.info;
  }

  /** Who `token` acts as, when it is live (known, not expired, its user enabled); records its use. */
  async resolve(token: string): Promise<TokenCaller | undefined> {
    if (!tokenPattern.test(token)) return undefined;
    const key = tokenKey(token);
    const items = await this.storage.read([key, usedKey(key)]);
    const stored = items[key];
    if (!isTokenRecord(stored)) return undefined;
    const now = this.now().getTime();
    if (stored.expiresAt !== null && Date.parse(stored.expiresAt) <= now) return undefined;
    const account = await this.accounts.find(stored.user);
    if (!account || account.disabled) return undefined;
    const lastUsed = lastUsedOf(items[usedKey(key)]);
    // Last writer wins: two requests recording the same minute agree anyway.
    if (lastUsed === null || now - Date.parse(lastUsed) >= touchEveryMs) await this.storage.write({ [usedKey(key)]: { at: new Date(now).toISOString() } });
    return { user: account.name, role: account.role, tokenId: stored.id };
  }

  private async all(): Promise<{ key: string; info: ApiTokenInfo }[]> {
    const keys: string[] = [];
    for await (const page of this.storage.listKeys(prefix)) keys.push(...page);
    if (keys.length === 0) return [];
    const items = await this.storage.read([...keys, ...keys.map(usedKey)]);
    return keys
      .flatMap((key) => {
        const item = items[key];
        return isTokenRecord(item) ? [{ key, info: { ...withoutETag(item), lastUsedAt: lastUsedOf(items[usedKey(key)]) } }] : [];
      })
      .sort((a, b) => a.info.createdAt.localeCompare(b.info.createdAt) || a.info.id.localeCompare(b.info.id));
  }
}

/** The storage key of `token`: its SHA-256, never the token. */
export function tokenKey(token: string): string {
  return `${prefix}${createHash('sha256').update(token).digest('hex')}`;
}

function usedKey(key: string): string {
  return `${usedPrefix}${key.slice(prefix.length)}`;
}

function lastUsedOf(value: unknown): string | null {
  const at = (value as { at?: unknown } | undefined)?.at;
  return typeof at === 'string' ? at : null;
}

function isTokenRecord(value: unknown): value is Stored<TokenRecord> {
  const r = value as Partial<TokenRecord> | undefined | null;
  return (
    typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.user === 'string' && typeof r.name === 'string' && typeof r.createdAt === 'string' &&
    (r.expiresAt === null || typeof r.expiresAt === 'string')
  );
}
