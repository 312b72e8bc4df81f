import { expect } from 'chai';
import fc from 'fast-check';
import { compareWaiting, positionOf } from '../../handoff/queueOrder';
import type { QueueOrderFields } from '../../handoff/queueOrder';

const waiting = (id: string, waitingSince: string, priority = 0): QueueOrderFields => ({ id, waitingSince, priority });

describe('queue order', () => {
  it('serves a VIP who arrived last before everyone else', () => {
    const queue = [waiting('ana', '2026-11-23T09:00:00Z'), waiting('bo', '2026-11-23T09:05:00Z'), waiting('vip', '2026-11-23T09:30:00Z', 10)];
    expect([...queue].sort(compareWaiting).map((r) => r.id)).to.deep.equal(['vip', 'ana', 'bo']);
    expect(positionOf(queue, 'vip')).to.equal(1);
    expect(positionOf(queue, 'bo')).to.equal(3);
  });

  it('serves whoever has waited longest among equals, then lower tiers', () => {
    const queue = [
      waiting('at-risk-late', '2026-11-23T09:20:00Z', 5),
      waiting('plain-early', '2026-11-23T09:00:00Z'),
      waiting('at-risk-early', '2026-11-23T09:10:00Z', 5),
      waiting('plain-late', '2026-11-23T09:15:00Z'),
    ];
    expect([...queue].sort(compareWaiting).map((r) => r.id)).to.deep.equal(['at-risk-early', 'at-risk-late', 'plain-early', 'plain-late']);
  });

  it('compares arrival instants, not how they are written', () => {
    // 17:00 in Shanghai is 09:00 UTC: earlier than 09:30 UTC although the text sorts later.
    const queue = [waiting('london', '2026-11-23T09:30:00Z'), waiting('shanghai', '2026-11-23T17:00:00+08:00')];
    expect(positionOf(queue, 'shanghai')).to.equal(1);
  });

  it('gives no place to a handoff that is not waiting', () => {
    expect(positionOf([waiting('ana', '2026-11-23T09:00:00Z')], 'bo')).to.equal(undefined);
    expect(positionOf([], 'bo')).to.equal(undefined);
  });

  it('puts any set of customers in the same order whatever order they are listed in', () => {
    const record = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      priority: fc.integer({ min: 0, max: 3 }),
      waitingSince: fc.integer({ min: 0, max: 20 }).map((m) => new Date(Date.UTC(2026, 10, 23, 9, m)).toISOString()),
    });
    const queue = fc.uniqueArray(record, { selector: (r) => r.id, maxLength: 12 });
    fc.assert(
      fc.property(queue, fc.infiniteStream(fc.nat()), (records, seeds) => {
        const shuffled = records.map((r) => ({ r, k: seeds.next().value as number })).sort((a, b) => a.k - b.k).map((x) => x.r);
        const sorted = [...records].sort(compareWaiting);
        expect([...shuffled].sort(compareWaiting)).to.deep.equal(sorted);
        sorted.forEach((r, i) => {
          expect(positionOf(shuffled, r.id)).to.equal(i + 1);
          const next = sorted[i + 1];
          if (next) expect(r.priority > next.priority || (r.priority === next.priority && r.waitingSince <= next.waitingSince)).to.equal(true);
        });
      }),
    );
  });
});
