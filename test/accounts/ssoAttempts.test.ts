import { expect } from 'chai';
import { SsoAttempts, ssoAttemptLifetimeMs } from '../../accounts/ssoAttempts';
import { allKeys } from '../../storage/keyListing';
import { MemoryStorage } from '../../storage/memoryStorage';

describe('SsoAttempts: single sign-ons under way', () => {
  let clock = Date.parse('2026-12-01T09:00:00Z');
  const now = (): Date => new Date(clock);

  it('gives an attempt back once, to the browser that began it, and keeps no binder in the store', async () => {
    const storage = new MemoryStorage();
    const attempts = new SsoAttempts(storage, now);
    const a = await attempts.begin();
    expect(JSON.stringify(await storage.read(await allKeys(storage, 'accounts/sso-attempt/')))).not.to.contain(a.binder);
    expect(await attempts.take(a.state, 'not-the-binder')).to.equal(undefined);
    expect(await attempts.take(a.state, undefined)).to.equal(undefined);
    expect(await attempts.take(undefined, a.binder)).to.equal(undefined);
    expect(await attempts.take(a.state, a.binder)).to.deep.equal({ nonce: a.nonce, codeVerifier: a.codeVerifier });
    expect(await attempts.take(a.state, a.binder)).to.equal(undefined);
  });

  it('refuses an attempt taken after its lifetime, and removes abandoned ones when another begins', async () => {
    const storage = new MemoryStorage();
    const attempts = new SsoAttempts(storage, now);
    const late = await attempts.begin();
    await attempts.begin();
    clock += ssoAttemptLifetimeMs + 1;
    expect(await attempts.take(late.state, late.binder)).to.equal(undefined);
    await attempts.begin();
    expect(await allKeys(storage, 'accounts/sso-attempt/')).to.have.length(1);
  });
});
