import { expect } from 'chai';
import type { AnalyticsEvent } from '../../analytics/analyticsEvent';
import { BufferedRecorder, keptEvent } from '../../analytics/bufferedRecorder';
import { AnalyticsRetention } from '../../analytics/analyticsRetention';
import { customerRef } from '../../privacy/customerRef';

const event = (n: number) => ({ at: `2026-03-02T10:00:0${n % 10}.000Z`, kind: 'answered' as const, conversationId: `c${n}`, channel: 'webchat', customerId: 'u1' });

describe('analytics/bufferedRecorder: cheap, safe recording', () => {
  it('keeps the customer only as a reference and masks text (e-mail and phone too)', () => {
    const kept = keptEvent({ ...event(1), kind: 'unanswered', text: '  mail me at mei@example.com   or 13800138000 ' });
    expect(kept.customerRef).to.equal(customerRef('u1'));
    expect(JSON.stringify(kept)).to.not.include('u1"').and.not.include('mei@example.com').and.not.include('13800138000');
    expect(kept.text?.startsWith('mail me at ')).to.equal(true);
  });

  it('writes a full batch at once and the rest on flush, in order', async () => {
    const batches: AnalyticsEvent[][] = [];
    const recorder = new BufferedRecorder({ append: async (events) => void batches.push([...events]) }, { error: () => undefined, warn: () => undefined }, { batchSize: 3, flushMs: 60_000 });
    for (let n = 0; n < 4; n += 1) recorder.record(event(n));
    await recorder.flush();
    expect(batches.map((b) => b.map((e) => e.conversationId))).to.deep.equal([['c0', 'c1', 'c2'], ['c3']]);
  });

  it('drops the oldest past its limit while the store is slow, and says how many', async () => {
    const warnings: unknown[] = [];
    const written: AnalyticsEvent[] = [];
    const recorder = new BufferedRecorder({ append: async (events) => void written.push(...events) }, { error: () => undefined, warn: (d) => warnings.push(d) }, { batchSize: 100, maxPending: 2, flushMs: 60_000 });
    for (let n = 0; n < 5; n += 1) recorder.record(event(n));
    await recorder.flush();
    expect(written.map((e) => e.conversationId)).to.deep.equal(['c3', 'c4']);
    expect(warnings).to.deep.equal([{ dropped: 3 }]);
  });

  it('purges events past the analytics retention period', async () => {
    const cutoffs: Date[] = [];
    const removed = await new AnalyticsRetention({ purgeOlderThan: async (d) => (cutoffs.push(d), 4) }, 30).run(new Date('2026-03-31T00:00:00.000Z'));
    expect(removed).to.equal(4);
    expect(cutoffs[0]?.toISOString()).to.equal('2026-03-01T00:00:00.000Z');
  });
});
