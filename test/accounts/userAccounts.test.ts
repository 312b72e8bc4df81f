import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AccountError, accountErrorCodes } from '../../accounts/accountErrors';
import { verifyPassword } from '../../accounts/passwordHash';
import { UserAccounts } from '../../accounts/userAccounts';
import type { AccountStorage } from '../../accounts/userAccounts';
import { silentLogger } from '../../logger';
import { MemoryStorage } from '../../storage/memoryStorage';
import { openStorageBackend } from '../../storage/storageBackend';
import type { StorageBackend } from '../../storage/storageBackend';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

/** The AccountError code `work` rejects with. */
async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (err) {
    expect(err).to.be.instanceOf(AccountError);
    return (err as AccountError).code;
  }
  throw new Error('expected an AccountError');
}

/**
 * Wraps stores so that the first `holdReads` reads, across all of them, wait until that many have been
 * made: two writers then both read the same version before either writes (the race an eTag settles).
 */
function readBarrier(holdReads: number): (storage: AccountStorage) => AccountStorage {
  const waiting: Array<() => void> = [];
  let held = 0;
  return (storage) => ({
    async read(keys) {
      const items = await storage.read(keys);
      if (held < holdReads) {
        held += 1;
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === holdReads) waiting.forEach((w) => w());
        });
      }
      return items;
    },
    write: (changes) => storage.write(changes),
    delete: (keys) => storage.delete(keys),
    listKeys: (prefix) => storage.listKeys(prefix),
  });
}

describe('UserAccounts', () => {
  it('adds a user with a lower-case name and lists it without the hash', async () => {
    const accounts = new UserAccounts(new MemoryStorage(), { scrypt: cheap, now: () => new Date('2026-12-01T10:00:00Z') });
    const added = await accounts.add('  Alice ', 'admin', 'correct horse battery');
    expect(added).to.deep.equal({ name: 'alice', role: 'admin', disabled: false, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z' });
    await accounts.add('bob', 'viewer', 'another good password');
    const listed = await accounts.list();
    expect(listed.map((u) => `${u.name}:${u.role}`)).to.deep.equal(['alice:admin', 'bob:viewer']);
    expect(JSON.stringify(listed)).not.to.contain('salt');
    const stored = await accounts.find('ALICE');
    expect(await verifyPassword('correct horse battery', stored!.password!)).to.equal(true);
  });

  it('refuses bad names, roles and passwords, and a name taken, with codes', async () => {
    const accounts = new UserAccounts(new MemoryStorage(), { scrypt: cheap });
    expect(await codeOf(accounts.add('9lives', 'admin', 'correct horse battery'))).to.equal(accountErrorCodes.invalidName);
    expect(await codeOf(accounts.add('a b', 'admin', 'correct horse battery'))).to.equal(accountErrorCodes.invalidName);
    expect(await codeOf(accounts.add('alice', 'root', 'correct horse battery'))).to.equal(accountErrorCodes.invalidRole);
    expect(await codeOf(accounts.add('alice', 'admin', 'short'))).to.equal(accountErrorCodes.passwordTooShort);
    expect(await codeOf(accounts.add('alice', 'admin', 'alice-is-my-password'))).to.equal(accountErrorCodes.passwordContainsName);
    await accounts.add('alice', 'admin', 'correct horse battery');
    expect(await codeOf(accounts.add('Alice', 'viewer', 'another good password'))).to.equal(accountErrorCodes.exists);
    expect(await codeOf(accounts.setRole('nobody', 'admin'))).to.equal(accountErrorCodes.unknownUser);
    expect((await accounts.list()).map((u) => u.role)).to.deep.equal(['admin']);
  });

  it('ends sessions (a new generation) on disable, password reset and sign-out everywhere, not on a role change', async () => {
    const accounts = new UserAccounts(new MemoryStorage(), { scrypt: cheap });
    await accounts.add('alice', 'editor', 'correct horse battery');
    const generation = async (): Promise<number> => (await accounts.find('alice'))!.sessionGeneration;
    expect(await generation()).to.equal(1);
    await accounts.setRole('alice', 'admin');
    expect(await generation()).to.equal(1);
    await accounts.setDisabled('alice', true);
    expect(await generation()).to.equal(2);
    await accounts.setDisabled('alice', false);
    expect(await generation()).to.equal(2);
    await accounts.resetPassword('alice', 'a brand new password');
    expect(await generation()).to.equal(3);
    expect(await verifyPassword('a brand new password', (await accounts.find('alice'))!.password!)).to.equal(true);
    await accounts.endSessions('alice');
    expect(await generation()).to.equal(4);
  });

  it('keeps single sign-on accounts without a password, marked as such, and refuses them a password', async () => {
    const accounts = new UserAccounts(new MemoryStorage(), { scrypt: cheap });
    const user = await accounts.addExternal('Sam', 'agent', { issuer: 'https://idp.example/v2.0', subject: 'oid-1' });
    expect(user).to.include({ name: 'sam', role: 'agent', sso: true });
    const stored = await accounts.find('sam');
    expect(stored?.password).to.equal(undefined);
    expect(stored?.external).to.deep.equal({ issuer: 'https://idp.example/v2.0', subject: 'oid-1' });
    expect(await codeOf(accounts.resetPassword('sam', 'a brand new password'))).to.equal(accountErrorCodes.external);
    expect(await codeOf(accounts.addExternal('sam', 'agent', { issuer: 'https://idp.example/v2.0', subject: 'oid-2' }))).to.equal(accountErrorCodes.exists);
    expect((await accounts.list()).map((u) => u.sso)).to.deep.equal([true]);
  });

  it('says which stored account is damaged instead of using it', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'accounts/user/mallory': { name: 'mallory', role: 'god' } });
    const accounts = new UserAccounts(storage, { scrypt: cheap });
    expect(await codeOf(accounts.find('mallory'))).to.equal(accountErrorCodes.damaged);
  });

  describe('two instances on one SQLite file', () => {
    let dir: string;
    let backends: StorageBackend[];

    beforeEach(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'wl-accounts-'));
      const settings = { kind: 'sqlite' as const, path: path.join(dir, 'warmline.db'), retentionDays: 30 };
      backends = [await openStorageBackend(settings, silentLogger()), await openStorageBackend(settings, silentLogger())];
    });

    afterEach(async () => {
      await Promise.all(backends.map((b) => b.close()));
      rmSync(dir, { recursive: true, force: true });
    });

    it('never lose a write: two changes made from the same read both land (eTag conflict, then retry)', async () => {
      await new UserAccounts(backends[0]!.storage, { scrypt: cheap }).add('alice', 'editor', 'correct horse battery');
      const wrap = readBarrier(2);
      const [a, b] = backends.map((backend) => new UserAccounts(wrap(backend.storage), { scrypt: cheap })) as [UserAccounts, UserAccounts];
      // Both read generation 1 with role editor before either writes; the loser of the race reads again.
      await Promise.all([a.setRole('alice', 'supervisor'), b.endSessions('alice')]);
      const record = await new UserAccounts(backends[1]!.storage).find('alice');
      expect(record?.role).to.equal('supervisor');
      expect(record?.sessionGeneration).to.equal(2);
    });

    it('let exactly one of two adds of the same name win', async () => {
      const [a, b] = backends.map((backend) => new UserAccounts(backend.storage, { scrypt: cheap })) as [UserAccounts, UserAccounts];
      const results = await Promise.allSettled([a.add('carol', 'admin', 'correct horse battery'), b.add('carol', 'viewer', 'another good password')]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((refused.reason as AccountError).code).to.equal(accountErrorCodes.exists);
      expect(await a.list()).to.have.length(1);
    });
  });
});
