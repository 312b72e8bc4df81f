import { expect } from 'chai';
import { readAnalyticsQuery } from '../../analytics/analyticsQuery';

const now = new Date('2026-03-03T15:30:00.000Z');

describe('analytics/analyticsQuery: the period and filters a person asked for', () => {
  it('takes dates as whole UTC days, both included, and date-times as they are', () => {
    expect(readAnalyticsQuery({ from: '2026-03-01', to: '2026-03-02' }, now)).to.deep.equal({ ok: true, query: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' } });
    expect(readAnalyticsQuery({ from: '2026-03-01T08:00:00+08:00', to: '2026-03-01T12:00Z', locale: 'zh-CN', channel: 'msteams' }, now)).to.deep.equal({
      ok: true,
      query: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-01T12:00:00.000Z', locale: 'zh-CN', channel: 'msteams' },
    });
  });

  it('defaults to the last 7 days including today, and leaves out blank filters', () => {
    expect(readAnalyticsQuery({ locale: '', channel: '' }, now)).to.deep.equal({ ok: true, query: { from: '2026-02-25T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' } });
  });

  it('lists every problem at once', () => {
    const read = readAnalyticsQuery({ from: '2026-02-30', to: 'soon', channel: 'a b' }, now);
    expect(read.ok).to.equal(false);
    if (!read.ok) expect(read.problems).to.have.length(3);
    expect(readAnalyticsQuery({ from: '2026-03-02', to: '2026-03-01' }, now)).to.deep.equal({ ok: false, problems: ['to must be after from'] });
    expect(readAnalyticsQuery({ from: '2024-01-01', to: '2026-01-01' }, now)).to.deep.equal({ ok: false, problems: ['the period is longer than 400 days'] });
  });
});
