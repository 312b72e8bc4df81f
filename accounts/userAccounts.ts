/**
 * Warmline Studio accounts in the bot's Storage, one record per user under `accounts/user/<name>`.
 * Every change is a compare-and-set on the record's eTag, so two instances (or an admin CLI and a
 * server) never lose each other's writes. Records carry a session generation: raising it ends every
 * session of that user on every instance.
 */
import { absentETag, defaultConflictRetries, retryOnConflict, withoutETag } from '../storage/compareAndSet';
import type { Stored } from '../storage/compareAndSet';
import { AccountError, accountErrorCodes } from './accountErrors';
import { hashPassword, isPasswordHash } from './passwordHash';
import type { PasswordHash, ScryptParameters } from './passwordHash';
import { passwordProblems } from './passwordRules';
import { isRole, roles } from './roles';
import type { Role } from './roles';

/** The part of a botbuilder-style `Storage` accounts use: batch reads, eTag writes, and a key listing. */
export interface AccountStorage {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<void>;
  listKeys(prefix: string): AsyncIterable<readonly string[]>;
}

/** An account as shown to people and programs: never the password hash. */
export interface User {
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Present (true) on accounts that sign in only through single sign-on and have no password. */
  readonly sso?: true;
}

/** Who an external (single sign-on) account is at its identity provider. */
export interface ExternalIdentity {
  /** The provider's issuer URL. */
  readonly issuer: string;
  /** The person's stable id there (Entra ID: the `oid` claim). */
  readonly subject: string;
}

/** An account as stored. */
export interface UserRecord extends User {
  /** Absent on external accounts, which cannot sign in with a password. */
  readonly password?: PasswordHash;
  /** Set on accounts made by single sign-on: the only identity that may sign in as them. */
  readonly external?: ExternalIdentity;
  /** Sessions made under an older generation are no longer honoured. */
  readonly sessionGeneration: number;
}

/** Options for {@link UserAccounts}. */
export interface UserAccountsOptions {
  readonly now?: () => Date;
  /** scrypt parameters for new hashes (tests use cheaper ones). */
  readonly scrypt?: ScryptParameters;
}

const userPrefix = 'accounts/user/';
const nameRule = /^[a-z][a-z0-9._-]{1,63}$/;

/** The normalised account name for `input` (trimmed, lower case); throws {@link accountErrorCodes.invalidName} when it is not one. */
export function accountName(input: string): string {
  const name = input.trim().toLowerCase();
  if (!nameRule.test(name)) {
    throw new AccountError(accountErrorCodes.invalidName, '', `"${input.slice(0, 80)}" is not a user name: use 2 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter.`);
  }
  return name;
}

/** The account's public part. */
export function publicUser(record: UserRecord): User {
  return { name: record.name, role: record.role, disabled: record.disabled, createdAt: record.createdAt, updatedAt: record.updatedAt, ...(record.external ? { sso: true as const } : {}) };
}

/** Reads and changes accounts. */
export class UserAccounts {
  private readonly now: () => Date;

  constructor(
    private readonly storage: AccountStorage,
    private readonly options: UserAccountsOptions = {},
  ) {
    if (!storage) throw new TypeError('UserAccounts needs a storage');
    this.now = options.now ?? (() => new Date());
  }

  /** Creates an account; throws when the name, role or password is refused or the name is taken. */
  async add(nameInput: string, role: string, password: string): Promise<User> {
    const name = accountName(nameInput);
    checkRole(role, name);
    checkPassword(name, password);
    const hash = await hashPassword(password, this.options.scrypt);
    return this.create(name, role, { password: hash });
  }

  /** Creates an account without a password for a person signed in by single sign-on; throws when the name is taken. */
  addExternal(nameInput: string, role: string, external: ExternalIdentity): Promise<User> {
    const name = accountName(nameInput);
    checkRole(role, name);
    return this.create(name, role, { external: { issuer: external.issuer, subject: external.subject } });
  }

  private async create(name: string, role: Role, signIn: Pick<UserRecord, 'password' | 'external'>): Promise<User> {
    const at = this.now().toISOString();
    const record: UserRecord = { name, role, disabled: false, ...signIn, sessionGeneration: 1, createdAt: at, updatedAt: at };
    const outcome = await retryOnConflict((c) => this.storage.write(c), defaultConflictRetries, async () => {
      if (await this.find(name)) return { done: false };
      return { write: { [userKey(name)]: { ...record, eTag: absentETag } }, result: true };
    });
    if (!outcome.settled || !outcome.value) throw new AccountError(accountErrorCodes.exists, name, `There is already a user "${name}".`);
    return publicUser(record);
  }

  /** The stored account, with its hash, or undefined when there is none (or `name` is not a user name). */
  async find(nameInput: string): Promise<UserRecord | undefined> {
    let name: string;
    try {
      name = accountName(nameInput);
    } catch {
      return undefined;
    }
    const stored = (await this.storage.read([userKey(name)]))[userKey(name)];
    return stored === undefined ? undefined : withoutETag(checkRecord(stored, name));
  }

  /** Every account, by name, without hashes. */
  async list(): Promise<User[]> {
    const keys: string[] = [];
    for await (const page of this.storage.listKeys(userPrefix)) keys.push(...page);
    if (keys.length === 0) return [];
    const items = await this.storage.read(keys);
    return keys
      .flatMap((key) => (items[key] === undefined ? [] : [publicUser(checkRecord(items[key], key.slice(userPrefix.length)))]))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Disables or enables an account; disabling ends its sessions. */
  setDisabled(name: string, disabled: boolean): Promise<User> {
    return this.change(name, (r) => (r.disabled === disabled ? r : { ...r, disabled, sessionGeneration: r.sessionGeneration + (disabled ? 1 : 0) }));
  }

  /** Gives an account another role; its sessions carry on with the new role at their next request. */
  setRole(name: string, role: string): Promise<User> {
    checkRole(role, name);
    return this.change(name, (r) => (r.role === role ? r : { ...r, role }));
  }

  /** Sets a new password and ends every session of the account. */
  async resetPassword(nameInput: string, password: string): Promise<User> {
    const name = accountName(nameInput);
    checkPassword(name, password);
    const external = (await this.find(name))?.external;
    if (external) throw new AccountError(accountErrorCodes.external, name, `"${name}" signs in with single sign-on and has no password; its identity provider manages it.`);
    const hash = await hashPassword(password, this.options.scrypt);
    return this.change(name, (r) => ({ ...r, password: hash, sessionGeneration: r.sessionGeneration + 1 }));
  }

  /** Ends every session of the account, on every instance (sign out everywhere). */
  endSessions(name: string): Promise<User> {
    return this.change(name, (r) => ({ ...r, sessionGeneration: r.sessionGeneration + 1 }));
  }

  private async change(nameInput: string, decide: (record: UserRecord) => UserRecord): Promise<User> {
    const name = accountName(nameInput);
    const outcome = await retryOnConflict((c) => this.storage.write(c), defaultConflictRetries, async () => {
      const stored = (await this.storage.read([userKey(name)]))[userKey(name)] as Stored<UserRecord> | undefined;
      if (stored === undefined) return { done: undefined };
      const current = withoutETag(checkRecord(stored, name));
      const next = decide(current);
      if (next === current) return { done: publicUser(current) };
      const updated: UserRecord = { ...next, updatedAt: this.now().toISOString() };
      return { write: { [userKey(name)]: { ...updated, eTag: stored.eTag ?? '*' } }, result: publicUser(updated) };
    });
    if (!outcome.settled) throw new AccountError(accountErrorCodes.conflict, name, `The account "${name}" kept changing while this change was being made; nothing was changed. Try again.`);
    if (outcome.value === undefined) throw new AccountError(accountErrorCodes.unknownUser, name, `There is no user "${name}".`);
    return outcome.value;
  }
}

function userKey(name: string): string {
  return `${userPrefix}${name}`;
}

function checkRole(role: string, name: string): asserts role is Role {
  if (!isRole(role)) throw new AccountError(accountErrorCodes.invalidRole, name, `"${role.slice(0, 40)}" is not a role: use one of ${roles.join(', ')}.`);
}

function checkPassword(name: string, password: string): void {
  const problems = passwordProblems(name, password);
  const first = problems[0];
  if (first) throw new AccountError(first.code, name, problems.map((p) => p.message).join(' '));
}

function checkRecord(value: unknown, name: string): Stored<UserRecord> {
  const r = value as Partial<UserRecord> | null;
  if (
    typeof r !== 'object' || r === null || r.name !== name || !isRole(r.role) || typeof r.disabled !== 'boolean' ||
    !(isPasswordHash(r.password) || (r.password === undefined && isExternal(r.external))) || !Number.isInteger(r.sessionGeneration) || typeof r.createdAt !== 'string' || typeof r.updatedAt !== 'string'
  ) {
    throw new AccountError(accountErrorCodes.damaged, name, `The stored account "${name}" is not in the expected shape; it may have been edited by hand.`);
  }
  return value as Stored<UserRecord>;
}

function isExternal(value: unknown): value is ExternalIdentity {
  const e = value as Partial<ExternalIdentity> | null | undefined;
  return typeof e === 'object' && e !== null && typeof e.issuer === 'string' && typeof e.subject === 'string' && e.subject !== '';
}
