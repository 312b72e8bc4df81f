import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { accountErrorCodes } from '../../accounts/accountErrors';
import { accountErrorCodeOf } from '../support/accountErrorCode';
import { ApiTokens } from '../../accounts/apiTokens';
import { UserAccounts } from '../../accounts/userAccounts';
import { allKeys } from '../../storage/keyListing';
import { MemoryStorage } from '../../storage/memoryStorage';

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const minute = 60_000;

async function setUp(maxPerUser?: number): Promise<{ storage: MemoryStorage; accounts: UserAccounts; tokens: ApiTokens; advance: (ms: number) => void }> {
  let clock = Date.parse('2026-12-01T09:00:00Z');
  const now = (): Date => new Date(clock);
  const storage = new MemoryStorage();
  const accounts = new UserAccounts(storage, { scrypt: cheap, now });
  await accounts.add('alice', 'editor', 'correct horse battery');
  await accounts.add('bob', 'viewer', 'another good password');
  const tokens = new ApiTokens(storage, accounts, { now, ...(maxPerUser ? { maxPerUser } : {}) });
  return { storage, accounts, tokens, advance: (ms) => (clock += ms) };
}

const codeOf = accountErrorCodeOf;

describe('ApiTokens', () => {
  it('gives the token out once and stores only its SHA-256: neither the key nor the record holds it', async () => {
    const { storage, tokens } = await setUp();
    const made = await tokens.create('alice', 'wallboard');
    expect(made.token).to.match(/^wlt_[A-Za-z0-9_-]{43}$/);
    expect(made.info).to.deep.include({ user: 'alice', name: 'wallboard', createdAt: '2026-12-01T09:00:00.000Z', lastUsedAt: null, expiresAt: null });
    const keys = await allKeys(storage, 'accounts/apitoken');
    expect(keys).to.deep.equal([`accounts/apitoken/${createHash('sha256').update(made.token).digest('hex')}`]);
    expect(JSON.stringify(await storage.read(keys))).not.to.contain(made.token);
    // Listing shows what it is, never the token.
    const listed = await tokens.list('alice');
    expect(listed).to.deep.equal([made.info]);
    expect(JSON.stringify(listed)).not.to.contain(made.token);
    expect(await tokens.list('bob')).to.deep.equal([]);
  });

  it('acts as its user with their current role, and records the last use at most once a minute', async () => {
    const { accounts, tokens, advance } = await setUp();
    const { token, info } = await tokens.create('alice', 'export');
    expect(await tokens.resolve(token)).to.deep.equal({ user: 'alice', role: 'editor', tokenId: info.id });
    expect((await tokens.list('alice'))[0]?.lastUsedAt).to.equal('2026-12-01T09:00:00.000Z');
    advance(30_000);
    await tokens.resolve(token);
    expect((await tokens.list('alice'))[0]?.lastUsedAt, 'within the minute').to.equal('2026-12-01T09:00:00.000Z');
    advance(45_000);
    await accounts.setRole('alice', 'admin');
    expect(await tokens.resolve(token)).to.include({ role: 'admin' });
    expect((await tokens.list('alice'))[0]?.lastUsedAt).to.equal('2026-12-01T09:01:15.000Z');
  });

  it('stops working when revoked, and only its owner can revoke it', async () => {
    const { tokens } = await setUp();
    const first = await tokens.create('alice', 'first');
    const second = await tokens.create('alice', 'second');
    expect(await codeOf(tokens.revoke('bob', first.info.id))).to.equal(accountErrorCodes.unknownToken);
    expect(await tokens.revoke('alice', first.info.id)).to.deep.include({ id: first.info.id, name: 'first' });
    expect(await tokens.resolve(first.token)).to.equal(undefined);
    expect(await tokens.resolve(second.token)).to.include({ user: 'alice' });
    expect((await tokens.list('alice')).map((t) => t.name)).to.deep.equal(['second']);
    expect(await codeOf(tokens.revoke('alice', first.info.id))).to.equal(accountErrorCodes.unknownToken);
  });

  it('stops working while its user is disabled, and after it expires', async () => {
    const { accounts, tokens, advance } = await setUp();
    const lasting = await tokens.create('alice', 'lasting');
    const brief = await tokens.create('alice', 'brief', 1);
    expect(brief.info.expiresAt).to.equal('2026-12-02T09:00:00.000Z');
    await accounts.setDisabled('alice', true);
    expect(await tokens.resolve(lasting.token)).to.equal(undefined);
    await accounts.setDisabled('alice', false);
    expect(await tokens.resolve(lasting.token)).to.include({ user: 'alice' });
    advance(24 * 60 * minute);
    expect(await tokens.resolve(brief.token)).to.equal(undefined);
    expect(await tokens.resolve(lasting.token)).to.include({ user: 'alice' });
  });

  it('refuses made-up tokens, bad names and lifetimes, unknown users, and more than the allowed number', async () => {
    const { tokens } = await setUp(2);
    for (const fake of ['', 'wlt_', `wlt_${'a'.repeat(43)}`, 'x'.repeat(300)]) expect(await tokens.resolve(fake), fake).to.equal(undefined);
    expect(await codeOf(tokens.create('alice', '  '))).to.equal(accountErrorCodes.invalidTokenName);
    expect(await codeOf(tokens.create('alice', 'x'.repeat(61)))).to.equal(accountErrorCodes.invalidTokenName);
    expect(await codeOf(tokens.create('alice', 'two\nlines'))).to.equal(accountErrorCodes.invalidTokenName);
    for (const days of [0, 1.5, 367]) expect(await codeOf(tokens.create('alice', 'x', days)), String(days)).to.equal(accountErrorCodes.invalidTokenExpiry);
    expect(await codeOf(tokens.create('nobody', 'x'))).to.equal(accountErrorCodes.unknownUser);
    await tokens.create('alice', 'one');
    await tokens.create('alice', 'two');
    expect(await codeOf(tokens.create('alice', 'three'))).to.equal(accountErrorCodes.tooManyTokens);
    expect((await tokens.create('bob', 'his own')).info.user).to.equal('bob');
  });
});
