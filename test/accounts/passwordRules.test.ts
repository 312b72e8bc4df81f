import { expect } from 'chai';
import { accountErrorCodes } from '../../accounts/accountErrors';
import { maxPasswordLength, passwordProblems } from '../../accounts/passwordRules';

describe('passwordRules', () => {
  it('accepts 12 characters or more that do not contain the user name', () => {
    expect(passwordProblems('alice', 'twelve chars')).to.deep.equal([]);
    expect(passwordProblems('alice', '十二个字符的密码也可以的吧')).to.deep.equal([]);
  });

  it('refuses fewer than 12 characters, counting characters rather than bytes', () => {
    expect(passwordProblems('alice', 'eleven char').map((p) => p.code)).to.deep.equal([accountErrorCodes.passwordTooShort]);
    expect(passwordProblems('alice', '密码密码密码密码密码密').map((p) => p.code)).to.deep.equal([accountErrorCodes.passwordTooShort]);
    expect(passwordProblems('alice', 'short')[0]?.message).to.equal('The password must be at least 12 characters long (it has 5).');
  });

  it('refuses a password containing the user name, in any case', () => {
    expect(passwordProblems('alice', 'my name is ALICE ok').map((p) => p.code)).to.deep.equal([accountErrorCodes.passwordContainsName]);
  });

  it('refuses absurdly long passwords, and lists every broken rule at once', () => {
    expect(passwordProblems('bob', 'x'.repeat(maxPasswordLength + 1)).map((p) => p.code)).to.deep.equal([accountErrorCodes.passwordTooLong]);
    expect(passwordProblems('bob', 'bob1').map((p) => p.code)).to.deep.equal([accountErrorCodes.passwordTooShort, accountErrorCodes.passwordContainsName]);
  });
});
