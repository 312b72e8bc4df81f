import { expect } from 'chai';
import { AccountAudit } from '../../accounts/accountAudit';
import { MemoryStorage } from '../../storage/memoryStorage';

describe('AccountAudit', () => {
  it('keeps each change with who, when, what and the state before and after, newest first, filtered by who and time', async () => {
    let clock = Date.parse('2026-12-01T09:00:00Z');
    const audit = new AccountAudit(new MemoryStorage(), () => new Date(clock));
    await audit.record({ action: 'user-added', who: 'ada', user: 'bob', after: { role: 'viewer', disabled: false } });
    clock += 60_000;
    await audit.record({ action: 'role-changed', who: 'ada', user: 'bob', before: { role: 'viewer' }, after: { role: 'editor' } });
    clock += 60_000;
    await audit.record({ action: 'token-created', who: 'bob', user: 'bob', token: { id: 'abc123', name: 'export' } });
    clock += 60_000;
    await audit.record({ action: 'password-reset', who: 'cli:root', user: 'bob' });
    const all = await audit.list();
    expect(all.map((e) => [e.at, e.who, e.action, e.summary])).to.deep.equal([
      ['2026-12-01T09:03:00.000Z', 'cli:root', 'password-reset', 'reset the password of bob'],
      ['2026-12-01T09:02:00.000Z', 'bob', 'token-created', 'API token "export" (abc123) made for bob'],
      ['2026-12-01T09:01:00.000Z', 'ada', 'role-changed', 'role of bob: viewer → editor'],
      ['2026-12-01T09:00:00.000Z', 'ada', 'user-added', 'added bob as viewer'],
    ]);
    expect(all[2]).to.deep.include({ kind: 'accounts', user: 'bob', before: { role: 'viewer' }, after: { role: 'editor' } });
    expect((await audit.list({ who: 'ADA' })).map((e) => e.action)).to.deep.equal(['role-changed', 'user-added']);
    expect((await audit.list({ from: new Date('2026-12-01T09:01:00Z'), to: new Date('2026-12-01T09:02:00Z') })).map((e) => e.action)).to.deep.equal(['token-created', 'role-changed']);
    expect((await audit.list({ limit: 1 })).map((e) => e.action)).to.deep.equal(['password-reset']);
  });

  it('keeps two changes made in the same millisecond', async () => {
    const audit = new AccountAudit(new MemoryStorage(), () => new Date('2026-12-01T09:00:00Z'));
    await Promise.all([audit.record({ action: 'user-disabled', who: 'ada', user: 'bob' }), audit.record({ action: 'user-disabled', who: 'ada', user: 'cy' })]);
    expect((await audit.list()).map((e) => e.user).sort()).to.deep.equal(['bob', 'cy']);
  });
});
