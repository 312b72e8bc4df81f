import { expect } from 'chai';
import { hashPassword, isPasswordHash, verifyPassword } from '../../accounts/passwordHash';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('passwordHash', () => {
  it('stores the algorithm, its parameters, a salt and the hash, never the password', async () => {
    const stored = await hashPassword('correct horse battery', cheap);
    expect(stored).to.include({ algorithm: 'scrypt', N: 1024, r: 8, p: 1, keyLength: 32 });
    expect(Buffer.from(stored.salt, 'base64')).to.have.length(16);
    expect(Buffer.from(stored.hash, 'base64')).to.have.length(32);
    expect(JSON.stringify(stored)).not.to.contain('horse');
  });

  it('verifies the right password and refuses a wrong one, one character off, or an empty one', async () => {
    const stored = await hashPassword('correct horse battery', cheap);
    expect(await verifyPassword('correct horse battery', stored)).to.equal(true);
    expect(await verifyPassword('correct horse batterY', stored)).to.equal(false);
    expect(await verifyPassword('', stored)).to.equal(false);
  });

  it('uses a fresh salt each time, so one password gives different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here', cheap), hashPassword('same password here', cheap)]);
    expect(a.salt).not.to.equal(b.salt);
    expect(a.hash).not.to.equal(b.hash);
  });

  it('verifies with the parameters stored in the hash (the defaults can be raised later)', async () => {
    const stored = await hashPassword('correct horse battery', { N: 2 ** 11, r: 4, p: 2 });
    expect(await verifyPassword('correct horse battery', stored)).to.equal(true);
  });

  it('refuses hashes it cannot read instead of throwing', async () => {
    const stored = await hashPassword('correct horse battery', cheap);
    for (const bad of [{ ...stored, algorithm: 'md5' }, { ...stored, N: 1000 }, { ...stored, N: 2 ** 30 }, { ...stored, hash: '' }, null]) {
      expect(isPasswordHash(bad)).to.equal(false);
      expect(await verifyPassword('correct horse battery', bad as never)).to.equal(false);
    }
  });
});
