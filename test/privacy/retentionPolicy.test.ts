import { expect } from 'chai';
import { defaultRetentionDays, parseRetentionDays, retentionKinds } from '../../privacy/retentionPolicy';

describe('parseRetentionDays (RECORD_RETENTION_DAYS)', () => {
  it('uses the documented default of every kind when blank', () => {
    expect(parseRetentionDays(undefined)).to.deep.equal({ ok: true, days: defaultRetentionDays });
    expect(parseRetentionDays(' ')).to.deep.equal({ ok: true, days: defaultRetentionDays });
    expect(Object.keys(defaultRetentionDays)).to.have.members([...retentionKinds]);
  });

  it('takes a bare number for every kind, and kind=days for one, in any order', () => {
    const all = parseRetentionDays('60');
    expect(all.ok && Object.values(all.days).every((d) => d === 60)).to.equal(true);
    const mixed = parseRetentionDays('learning=365, 60 ,tickets=7');
    expect(mixed).to.deep.equal({ ok: true, days: { ...Object.fromEntries(retentionKinds.map((k) => [k, 60])), learning: 365, tickets: 7 } });
    expect(parseRetentionDays('handoffs=180')).to.deep.equal({ ok: true, days: { ...defaultRetentionDays, handoffs: 180 } });
  });

  it('lists every mistake, naming the kinds it knows', () => {
    const result = parseRetentionDays('chats=30,handoffs=0,tickets=ten,5000,handoffs=1=2');
    expect(result.ok).to.equal(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).to.have.length(5);
    expect(problems[0]).to.contain('"chats=30" is not kind=days; kinds are conversations, users, handoffs');
    expect(problems[1]).to.contain('handoffs: "0" is not a whole number of days from 1 to 3650');
    expect(problems[2]).to.contain('tickets: "ten"');
    expect(problems[3]).to.contain('every kind: "5000"');
  });
});
