import { expect } from 'chai';
import { StudioSessions } from '../../accounts/studioSessions';
import { UserAccounts } from '../../accounts/userAccounts';
import { allKeys } from '../../storage/keyListing';
import { MemoryStorage } from '../../storage/memoryStorage';

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const minute = 60_000;

async function setUp(): Promise<{ storage: MemoryStorage; accounts: UserAccounts; sessions: StudioSessions; advance: (ms: number) => void }> {
  let clock = Date.parse('2026-12-01T09:00:00Z');
  const now = (): Date => new Date(clock);
  const storage = new MemoryStorage();
  const accounts = new UserAccounts(storage, { scrypt: cheap, now });
  await accounts.add('alice', 'supervisor', 'correct horse battery');
  const sessions = new StudioSessions(storage, accounts, { idleMs: 30 * minute, absoluteMs: 12 * 60 * minute }, now);
  return { storage, accounts, sessions, advance: (ms) => (clock += ms) };
}

describe('StudioSessions', () => {
  it('keeps only a hash of the token: the stored key and record do not contain it', async () => {
    const { storage, accounts, sessions } = await setUp();
    const session = await sessions.create((await accounts.find('alice'))!);
    const keys = await allKeys(storage, 'accounts/session/');
    expect(keys).to.have.length(1);
    expect(keys[0]).not.to.contain(session.token);
    expect(JSON.stringify(await storage.read(keys))).not.to.contain(session.token);
    expect(await sessions.resolve(session.token)).to.include({ user: 'alice', role: 'supervisor', csrfToken: session.csrfToken });
  });

  it('ends an idle session and removes its record; a used one lives on until its absolute end', async () => {
    const { storage, accounts, sessions, advance } = await setUp();
    const idle = await sessions.create((await accounts.find('alice'))!);
    advance(30 * minute);
    expect(await sessions.resolve(idle.token)).to.equal(undefined);
    expect(await allKeys(storage, 'accounts/session/')).to.deep.equal([]);
    const used = await sessions.create((await accounts.find('alice'))!);
    advance(20 * minute);
    expect(await sessions.resolve(used.token)).not.to.equal(undefined);
    advance(20 * minute);
    expect(await sessions.resolve(used.token)).not.to.equal(undefined);
  });

  it('follows the account: a new role at once; nothing after disable, reset or sign-out everywhere', async () => {
    const { accounts, sessions } = await setUp();
    const session = await sessions.create((await accounts.find('alice'))!);
    await accounts.setRole('alice', 'admin');
    expect((await sessions.resolve(session.token))?.role).to.equal('admin');
    await accounts.endSessions('alice');
    expect(await sessions.resolve(session.token)).to.equal(undefined);
  });

  it('treats a malformed or unknown token as no session', async () => {
    const { sessions } = await setUp();
    for (const token of ['', 'x', 'a'.repeat(43), '../../etc/passwd'.padEnd(43, 'a')]) expect(await sessions.resolve(token)).to.equal(undefined);
  });
});
