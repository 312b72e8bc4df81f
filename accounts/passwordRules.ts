/**
 * What a new password must be: long enough, not absurdly long, and not containing the user name. A
 * pure check listing every failing rule, each with a stable code.
 */
import { accountErrorCodes } from './accountErrors';
import type { AccountErrorCode } from './accountErrors';

/** Shortest password accepted, in characters. */
export const minPasswordLength = 12;
/** Longest password accepted, in characters (hashing a megabyte on every sign-in attempt would be a denial of service). */
export const maxPasswordLength = 256;

/** One rule a password breaks. */
export interface PasswordProblem {
  readonly code: AccountErrorCode;
  readonly message: string;
}

/** Every rule `password` breaks for the account `name`; empty when it is acceptable. */
export function passwordProblems(name: string, password: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < minPasswordLength) problems.push({ code: accountErrorCodes.passwordTooShort, message: `The password must be at least ${minPasswordLength} characters long (it has ${length}).` });
  if (length > maxPasswordLength) problems.push({ code: accountErrorCodes.passwordTooLong, message: `The password must be at most ${maxPasswordLength} characters long.` });
  if (name !== '' && password.toLowerCase().includes(name.toLowerCase())) problems.push({ code: accountErrorCodes.passwordContainsName, message: 'The password must not contain the user name.' });
  return problems;
}
