/**
 * The one list of coded errors raised by accounts, passwords and sessions. Codes are stable: the CLI
 * and the HTTP routes branch on `code`, never on message text.
 */

/** Every error code the accounts area can raise. */
export const accountErrorCodes = {
  /** A user name that is not a lower-case id (letters, digits, `.`, `_`, `-`; 2 to 64, starting with a letter). */
  invalidName: 'WL_ACCOUNT_INVALID_NAME',
  /** A role that is not one of admin, editor, supervisor, agent, viewer. */
  invalidRole: 'WL_ACCOUNT_INVALID_ROLE',
  /** The password is shorter than the minimum. */
  passwordTooShort: 'WL_ACCOUNT_PASSWORD_TOO_SHORT',
  /** The password is longer than the maximum (hashing a huge input would tie the server up). */
  passwordTooLong: 'WL_ACCOUNT_PASSWORD_TOO_LONG',
  /** The password contains the user name. */
  passwordContainsName: 'WL_ACCOUNT_PASSWORD_CONTAINS_NAME',
  /** An account with this name exists already. */
  exists: 'WL_ACCOUNT_EXISTS',
  /** No account has this name. */
  unknownUser: 'WL_ACCOUNT_UNKNOWN_USER',
  /** Other writers kept changing the same account; the change was given up after every retry. */
  conflict: 'WL_ACCOUNT_CONFLICT',
  /** A stored record is not in the shape this code writes (edited by hand, or damaged). */
  damaged: 'WL_ACCOUNT_DAMAGED',
  /** The change would leave no enabled admin (nobody could manage accounts or publish). */
  lastAdmin: 'WL_ACCOUNT_LAST_ADMIN',
  /** An admin tried to disable their own account. */
  selfDisable: 'WL_ACCOUNT_SELF_DISABLE',
  /** An API token's name is empty or too long. */
  invalidTokenName: 'WL_ACCOUNT_INVALID_TOKEN_NAME',
  /** An API token's lifetime is not a whole number of days in the allowed range. */
  invalidTokenExpiry: 'WL_ACCOUNT_INVALID_TOKEN_EXPIRY',
  /** The user has as many API tokens as allowed; revoke one first. */
  tooManyTokens: 'WL_ACCOUNT_TOO_MANY_TOKENS',
  /** The account signs in with single sign-on only: it has no password to reset. */
  external: 'WL_ACCOUNT_EXTERNAL',
  /** The user has no API token with this id. */
  unknownToken: 'WL_ACCOUNT_UNKNOWN_TOKEN',
} as const;

/** One of the values of {@link accountErrorCodes}. */
export type AccountErrorCode = (typeof accountErrorCodes)[keyof typeof accountErrorCodes];

/** An error of the accounts area, with a stable `code` and the user name it concerns (or `''`). */
export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    readonly user: string,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
