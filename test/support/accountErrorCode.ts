/** The code of the AccountError a piece of account work rejects with, for tests of refusals. */
import { expect } from 'chai';
import { AccountError } from '../../accounts/accountErrors';

/** The {@link AccountError} code `work` rejects with; fails the test when it resolves or throws something else. */
export async function accountErrorCodeOf(work: Promise<unknown>): Promise<string> {
  const err = await work.then(() => undefined, (e: unknown) => e);
  expect(err).to.be.instanceOf(AccountError);
  return (err as AccountError).code;
}
