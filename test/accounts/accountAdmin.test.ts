import { expect } from 'chai';
import { AccountAdmin } from '../../accounts/accountAdmin';
import { AccountAudit } from '../../accounts/accountAudit';
import { accountErrorCodes } from '../../accounts/accountErrors';
import { accountErrorCodeOf } from '../support/accountErrorCode';
import { ApiTokens } from '../../accounts/apiTokens';
import { UserAccounts } from '../../accounts/userAccounts';
import { MemoryStorage } from '../../storage/memoryStorage';

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const password = 'correct horse battery';

async function setUp(): Promise<AccountAdmin> {
  const storage = new MemoryStorage();
  const accounts = new UserAccounts(storage, { scrypt: cheap });
  const admin = new AccountAdmin(accounts, new ApiTokens(storage, accounts), new AccountAudit(storage));
  await admin.add('cli:root', 'ada', 'admin', password);
  return admin;
}

const codeOf = accountErrorCodeOf;

describe('AccountAdmin', () => {
  it('audits every change with who made it and the state before and after, never the password', async () => {
    const admin = await setUp();
    await admin.add('ada', 'bob', 'viewer', password);
    await admin.setRole('ada', 'bob', 'editor');
    await admin.setRole('ada', 'bob', 'editor');
    await admin.setDisabled('ada', 'bob', true);
    await admin.setDisabled('ada', 'bob', false);
    await admin.resetPassword('ada', 'bob', 'a brand new password');
    const made = await admin.createToken('bob', 'bob', 'export');
    await admin.revokeToken('bob', 'bob', made.info.id);
    const entries = (await admin.audit.list()).reverse();
    expect(entries.map((e) => [e.who, e.action, e.user])).to.deep.equal([
      ['cli:root', 'user-added', 'ada'],
      ['ada', 'user-added', 'bob'],
      ['ada', 'role-changed', 'bob'],
      ['ada', 'user-disabled', 'bob'],
      ['ada', 'user-enabled', 'bob'],
      ['ada', 'password-reset', 'bob'],
      ['bob', 'token-created', 'bob'],
      ['bob', 'token-revoked', 'bob'],
    ]);
    expect(entries[2]).to.deep.include({ before: { role: 'viewer' }, after: { role: 'editor' } });
    expect(entries[3]).to.deep.include({ before: { disabled: false }, after: { disabled: true } });
    expect(entries[6]).to.deep.include({ token: { id: made.info.id, name: 'export' } });
    const text = JSON.stringify(entries);
    expect(text).not.to.contain('a brand new password');
    expect(text).not.to.contain(made.token);
  });

  it('keeps an enabled admin: the last one can be neither disabled nor given another role', async () => {
    const admin = await setUp();
    await admin.add('ada', 'bea', 'editor', password);
    expect(await codeOf(admin.setRole('bea', 'ada', 'editor'))).to.equal(accountErrorCodes.lastAdmin);
    expect(await codeOf(admin.setDisabled('bea', 'ada', true))).to.equal(accountErrorCodes.lastAdmin);
    await admin.setRole('ada', 'bea', 'admin');
    // With a second admin, the first may step down; then the second is the last.
    expect((await admin.setRole('bea', 'ada', 'editor')).role).to.equal('editor');
    expect(await codeOf(admin.setRole('bea', 'bea', 'viewer'))).to.equal(accountErrorCodes.lastAdmin);
    // A disabled admin does not count.
    await admin.setRole('bea', 'ada', 'admin');
    await admin.setDisabled('bea', 'ada', true);
    expect(await codeOf(admin.setRole('bea', 'bea', 'viewer'))).to.equal(accountErrorCodes.lastAdmin);
    expect((await admin.accounts.find('bea'))?.role).to.equal('admin');
  });

  it('refuses to let anyone disable themselves, and an unknown user', async () => {
    const admin = await setUp();
    await admin.add('ada', 'bea', 'admin', password);
    expect(await codeOf(admin.setDisabled('ada', 'ada', true))).to.equal(accountErrorCodes.selfDisable);
    expect((await admin.accounts.find('ada'))?.disabled).to.equal(false);
    expect(await codeOf(admin.setDisabled('ada', 'nobody', true))).to.equal(accountErrorCodes.unknownUser);
    expect(await codeOf(admin.resetPassword('ada', 'nobody', password))).to.equal(accountErrorCodes.unknownUser);
    expect((await admin.audit.list()).map((e) => e.action)).to.deep.equal(['user-added', 'user-added']);
  });
});
