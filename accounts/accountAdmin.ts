/**
 * Account changes as an admin makes them, from the studio or `npm run users`: each checked against
 * the rules that keep the service manageable (at least one enabled admin remains; nobody disables
 * themselves) and, once made, written to the audit log with who did it and the state before and
 * after. The log entry follows the change: a change whose entry could not be written still stands,
 * and the error says so.
 */
import { AccountError, accountErrorCodes } from './accountErrors';
import type { AccountAudit, AccountChange } from './accountAudit';
import type { ApiTokenInfo, ApiTokens, NewApiToken } from './apiTokens';
import { accountName } from './userAccounts';
import type { User, UserAccounts } from './userAccounts';

/** Makes audited account changes. */
export class AccountAdmin {
  constructor(
    readonly accounts: UserAccounts,
    readonly tokens: ApiTokens,
    readonly audit: AccountAudit,
  ) {
    if (!accounts || !tokens || !audit) throw new TypeError('AccountAdmin needs the accounts, the API tokens and the audit log');
  }

  /** `by` adds an account. */
  async add(by: string, name: string, role: string, password: string): Promise<User> {
    const user = await this.accounts.add(name, role, password);
    await this.log({ action: 'user-added', who: by, user: user.name, after: { role: user.role, disabled: false } });
    return user;
  }

  /** `by` gives `name` another role; refused when it would leave no enabled admin. */
  async setRole(by: string, name: string, role: string): Promise<User> {
    const before = await this.current(name);
    if (before.role === 'admin' && role !== 'admin' && !before.disabled) await this.keepAnAdmin(before.name);
    const after = await this.accounts.setRole(name, role);
    if (after.role !== before.role) await this.log({ action: 'role-changed', who: by, user: after.name, before: { role: before.role }, after: { role: after.role } });
    return after;
  }

  /** `by` disables or enables `name`; nobody disables themselves, nor the last enabled admin. */
  async setDisabled(by: string, name: string, disabled: boolean): Promise<User> {
    const before = await this.current(name);
    if (disabled && before.name === by) throw new AccountError(accountErrorCodes.selfDisable, before.name, 'You cannot disable your own account; ask another admin.');
    if (disabled && before.role === 'admin' && !before.disabled) await this.keepAnAdmin(before.name);
    const after = await this.accounts.setDisabled(name, disabled);
    if (after.disabled !== before.disabled) {
      await this.log({ action: disabled ? 'user-disabled' : 'user-enabled', who: by, user: after.name, before: { disabled: before.disabled }, after: { disabled: after.disabled } });
    }
    return after;
  }

  /** `by` sets a new password for `name` (ending their sessions); the log says that it happened, nothing more. */
  async resetPassword(by: string, name: string, password: string): Promise<User> {
    await this.current(name);
    const user = await this.accounts.resetPassword(name, password);
    await this.log({ action: 'password-reset', who: by, user: user.name });
    return user;
  }

  /** `by` makes an API token for `user`. */
  async createToken(by: string, user: string, tokenName: string, expiresInDays?: number): Promise<NewApiToken> {
    const made = await this.tokens.create(user, tokenName, expiresInDays);
    await this.log({ action: 'token-created', who: by, user: made.info.user, token: { id: made.info.id, name: made.info.name } });
    return made;
  }

  /** `by` revokes `user`'s token `id`. */
  async revokeToken(by: string, user: string, id: string): Promise<ApiTokenInfo> {
    const revoked = await this.tokens.revoke(user, id);
    await this.log({ action: 'token-revoked', who: by, user: revoked.user, token: { id: revoked.id, name: revoked.name } });
    return revoked;
  }

  private async current(name: string): Promise<User> {
    const found = await this.accounts.find(name);
    if (!found) throw new AccountError(accountErrorCodes.unknownUser, accountName(name), `There is no user "${accountName(name)}".`);
    return found;
  }

  /** Throws unless an enabled admin other than `leaving` remains. */
  private async keepAnAdmin(leaving: string): Promise<void> {
    const others = (await this.accounts.list()).filter((u) => u.role === 'admin' && !u.disabled && u.name !== leaving);
    if (others.length === 0) throw new AccountError(accountErrorCodes.lastAdmin, leaving, `${leaving} is the only enabled admin; make another admin first, so that someone can still manage accounts.`);
  }

  private async log(change: AccountChange): Promise<void> {
    try {
      await this.audit.record(change);
    } catch (error) {
      throw new Error(`The change to ${change.user} was made, but its audit entry could not be written: ${(error as Error).message}`, { cause: error });
    }
  }
}
