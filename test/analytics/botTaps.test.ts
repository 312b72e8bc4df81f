import { expect } from 'chai';
import { botHarness, mondayMorning } from '../support/botHarness';
import type { Party } from '../support/botHarness';
import { joinEventName } from '../../bots/warmlineBot';
import type { AnalyticsEvent, AnalyticsInput } from '../../analytics/analyticsEvent';
import { BufferedRecorder, keptEvent } from '../../analytics/bufferedRecorder';
import { sqliteAnalyticsStore } from '../../analytics/sqliteAnalyticsStore';
import { openSqliteDatabase } from '../../storage/sqliteDatabase';
import { customerRef } from '../../privacy/customerRef';

const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' };

/** A clock the test moves. */
function clock(start: Date) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (minutes: number) => (now += minutes * 60_000) };
}

/** Events as the recorder keeps them, in the order they were recorded. */
function collector() {
  const events: AnalyticsEvent[] = [];
  return { events, record: (e: AnalyticsInput) => events.push(keptEvent(e)), of: (conversationId: string) => events.filter((e) => e.conversationId === conversationId) };
}

describe('analytics taps (the whole bot records what happens)', () => {
  it('records a start, an answer, a "no", an escalation, a handoff with its wait and handle times, the agent check and the rating', async () => {
    const time = clock(mondayMorning);
    const taps = collector();
    const h = botHarness({ now: time.now, analytics: taps });
    const c: Party = { userId: 'customer-1', conversationId: 'conv-c1', locale: 'en-US' };
    await h.event(ana, joinEventName, { locale: 'en-US' });
    await h.say(c, 'How do I reset my password?');
    await h.say(c, 'no');
    time.advance(2);
    await h.say(c, 'agent');
    time.advance(1);
    await h.say(ana, '/accept');
    time.advance(5);
    await h.say(ana, '/end');
    await h.say(c, 'yes, thanks');
    await h.say(c, '5');

    const kinds = taps.of('conv-c1').map((e) => e.kind);
    expect(kinds.filter((k) => !k.startsWith('topic-') && k !== 'flow-event')).to.deep.equal(['conversation-started', 'answered', 'resolution', 'escalation', 'handoff-queued', 'handoff-accepted', 'handoff-ended', 'resolution', 'csat']);
    const [started, answered, no, escalation, queued, accepted, ended, yes, csat] = taps.of('conv-c1').filter((e) => !e.kind.startsWith('topic-') && e.kind !== 'flow-event');
    expect(started).to.deep.include({ channel: 'directline', locale: 'en-US', customerRef: customerRef('customer-1') });
    expect(answered?.entryId).to.be.a('string');
    expect(no).to.deep.include({ value: 0, detail: 'bot', entryId: answered?.entryId });
    expect(escalation?.detail).to.equal('requested');
    expect(queued).to.deep.include({ detail: 'requested', locale: 'en-US', customerRef: customerRef('customer-1') });
    expect(accepted).to.deep.include({ value: 60, handoffId: queued?.handoffId });
    expect(ended).to.deep.include({ value: 300, detail: 'resolved' });
    expect(yes).to.deep.include({ value: 1, detail: 'agent', handoffId: queued?.handoffId });
    expect(csat).to.deep.include({ value: 5, detail: 'agent' });
    // The shipped topics ran too (their starts and ends are recorded for the conversation search).
    expect(kinds).to.include('topic-started').and.include('topic-ended');
    expect(JSON.stringify(taps.events)).to.not.include('customer-1');
  });

  it('records an unanswered question masked, and the events reach the store through the buffer', async () => {
    const store = sqliteAnalyticsStore(openSqliteDatabase(':memory:'), true);
    const errors: unknown[] = [];
    const recorder = new BufferedRecorder(store, { error: (d) => errors.push(d), warn: (d) => errors.push(d) });
    const h = botHarness({ now: () => mondayMorning, analytics: recorder });
    const c: Party = { userId: 'customer-2', conversationId: 'conv-c2', locale: 'en-US' };
    await h.say(c, 'What is the airspeed of a hovercraft? my card is 4111 1111 1111 1111');
    await recorder.flush();
    const s = await store.summary({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' });
    expect(s.conversations).to.equal(1);
    expect(s.unanswered).to.have.length(1);
    expect(s.unanswered[0]?.text).to.include('hovercraft').and.not.include('4111 1111 1111 1111');
    expect(errors).to.deep.equal([]);
    await store.close();
  });

  it('never fails a turn when the store fails: the error is logged', async () => {
    const logged: string[] = [];
    const recorder = new BufferedRecorder({ append: () => Promise.reject(new Error('disk full')) }, { error: (_d, m) => logged.push(m), warn: (_d, m) => logged.push(m) });
    const h = botHarness({ now: () => mondayMorning, analytics: recorder });
    const sent = await h.say({ userId: 'customer-3', conversationId: 'conv-c3', locale: 'en-US' }, 'How do I reset my password?');
    expect(sent.texts('conv-c3')[0]).to.contain('Forgot password');
    await recorder.flush();
    expect(logged).to.deep.equal(['analytics events not written']);
  });
});
