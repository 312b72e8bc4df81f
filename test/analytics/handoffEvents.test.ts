import { expect } from 'chai';
import { handoffEvent } from '../../analytics/handoffEvents';
import type { HandoffRecord, HandoffState } from '../../handoff/handoffRecord';

function record(state: HandoffState, more: Partial<HandoffRecord> = {}): HandoffRecord {
  return {
    id: 'h1',
    state,
    createdAt: '2026-03-02T10:00:00.000Z',
    updatedAt: '2026-03-02T10:00:00.000Z',
    hub: 'builtin',
    queueId: 'general',
    priority: 0,
    reason: 'requested',
    customer: { userId: 'u1', locale: 'zh-CN', channelId: 'webchat', address: { conversation: { id: 'c1' } } as HandoffRecord['customer']['address'] },
    summary: {} as HandoffRecord['summary'],
    waitingSince: '2026-03-02T10:00:00.000Z',
    waitStartedAt: '2026-03-02T10:00:00.000Z',
    messagesWhileWaiting: [],
    notes: [],
    events: [],
    ...more,
  };
}
const moved = (at: string, from: HandoffState, to: HandoffState) => ({ events: [{ at, from, to, by: 'system' as const }] });

describe('analytics/handoffEvents: what a handoff move counts for', () => {
  it('queued with its reason, accepted with the wait, ended with the handle time', () => {
    expect(handoffEvent(record('queued', moved('2026-03-02T10:00:00.000Z', 'bot', 'queued')), 'bot')).to.deep.equal({
      at: '2026-03-02T10:00:00.000Z', conversationId: 'c1', channel: 'webchat', locale: 'zh-CN', customerId: 'u1', handoffId: 'h1', kind: 'handoff-queued', detail: 'requested',
    });
    expect(handoffEvent(record('assigned', moved('2026-03-02T10:01:30.000Z', 'queued', 'assigned')), 'queued')).to.deep.include({ kind: 'handoff-accepted', value: 90 });
    const ended = handoffEvent(record('resolved', { assignedAt: '2026-03-02T10:01:30.000Z', ...moved('2026-03-02T10:05:30.000Z', 'assigned', 'resolved') }), 'assigned');
    expect(ended).to.deep.include({ kind: 'handoff-ended', detail: 'resolved', value: 240 });
  });

  it('ends a wait nobody took without a handle time, and counts no transfer', () => {
    const expired = handoffEvent(record('expired', moved('2026-03-02T10:20:00.000Z', 'queued', 'expired')), 'queued');
    expect(expired).to.deep.include({ kind: 'handoff-ended', detail: 'expired' });
    expect(expired).to.not.have.property('value');
    expect(handoffEvent(record('transferred', moved('2026-03-02T10:03:00.000Z', 'assigned', 'transferred')), 'assigned')).to.equal(undefined);
  });
});
