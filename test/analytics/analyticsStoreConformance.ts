/**
 * What every analytics store must do (SQLite and PostgreSQL run the same suite): keep a scripted
 * day of events and answer the studio's questions about it with the same figures.
 */
import { expect } from 'chai';
import type { AnalyticsEvent } from '../../analytics/analyticsEvent';
import type { AnalyticsStore } from '../../analytics/analyticsStore';
import { keptEvent } from '../../analytics/bufferedRecorder';
import { customerRef } from '../../privacy/customerRef';

type Base = Pick<AnalyticsEvent, 'conversationId' | 'channel' | 'locale'> & { customerId: string };

const c1: Base = { conversationId: 'c1', channel: 'directline', locale: 'en-US', customerId: 'u1' };
const c2: Base = { conversationId: 'c2', channel: 'directline', locale: 'en-US', customerId: 'u2' };
const c3: Base = { conversationId: 'c3', channel: 'msteams', locale: 'zh-CN', customerId: 'u3' };
const c4: Base = { conversationId: 'c4', channel: 'directline', locale: 'zh-CN', customerId: 'u4' };
const c5: Base = { conversationId: 'c5', channel: 'directline', locale: 'en-US', customerId: 'u5' };

const at = (time: string): string => `2026-03-02T${time}:00.000Z`;
const next = (time: string): string => `2026-03-03T${time}:00.000Z`;
const ev = (base: Base, when: string, kind: AnalyticsEvent['kind'], more: Partial<AnalyticsEvent> = {}): AnalyticsEvent => keptEvent({ ...base, at: when, kind, ...more });

/** Five conversations over two days, and one a month before. */
export function scriptedDay(): AnalyticsEvent[] {
  return [
    ev(c1, '2026-02-01T08:00:00.000Z', 'conversation-started', { conversationId: 'old' }),
    // c1: answered, resolved, rated 5, an offer shown and declined.
    ev(c1, at('09:00'), 'conversation-started'),
    ev(c1, at('09:00'), 'answered', { entryId: 'e1', topic: 'shipping' }),
    ev(c1, at('09:01'), 'resolution', { detail: 'bot', value: 1, entryId: 'e1', topic: 'shipping' }),
    ev(c1, at('09:01'), 'csat', { detail: 'bot', value: 5 }),
    ev(c1, at('09:02'), 'offer-decided', { detail: 'shown', offerId: 'offer-a' }),
    ev(c1, at('09:03'), 'offer-answered', { detail: 'declined', offerId: 'offer-a' }),
    // c2: answered, not resolved, escalated, a person accepted after 60 s and handled it for 300 s.
    ev(c2, at('10:00'), 'conversation-started'),
    ev(c2, at('10:00'), 'answered', { entryId: 'e2', topic: 'returns' }),
    ev(c2, at('10:01'), 'resolution', { detail: 'bot', value: 0, entryId: 'e2', topic: 'returns' }),
    ev(c2, at('10:01'), 'escalation', { detail: 'not-resolved' }),
    ev(c2, at('10:02'), 'handoff-queued', { handoffId: 'h2', detail: 'not-resolved' }),
    ev(c2, at('10:03'), 'handoff-accepted', { handoffId: 'h2', value: 60 }),
    ev(c2, at('10:08'), 'handoff-ended', { handoffId: 'h2', detail: 'resolved', value: 300 }),
    ev(c2, at('10:09'), 'resolution', { detail: 'agent', value: 1, handoffId: 'h2', topic: 'returns' }),
    ev(c2, at('10:09'), 'csat', { detail: 'agent', value: 4 }),
    // c3: two unanswered questions, asked for a person, nobody queued.
    ev(c3, at('11:00'), 'conversation-started'),
    ev(c3, at('11:00'), 'unanswered', { text: 'how do I fly to the moon', detail: 'no-match' }),
    ev(c3, at('11:01'), 'unanswered', { text: 'how do I fly to the moon', detail: 'no-match' }),
    ev(c3, at('11:02'), 'escalation', { detail: 'requested' }),
    // c4: answered, resolved, the offer held out, bought anyway.
    ev(c4, at('12:00'), 'conversation-started'),
    ev(c4, at('12:00'), 'unanswered', { text: 'card 4111 1111 1111 1111 lost', detail: 'none-of-these' }),
    ev(c4, at('12:01'), 'answered', { entryId: 'e1', topic: 'shipping' }),
    ev(c4, at('12:02'), 'resolution', { detail: 'bot', value: 1, entryId: 'e1', topic: 'shipping' }),
    ev(c4, at('12:03'), 'offer-decided', { detail: 'held-out', offerId: 'offer-a' }),
    ev(c4, at('12:30'), 'offer-converted', { detail: 'holdout', offerId: 'offer-a' }),
    // c5, the next day: answered, resolved, an offer shown and accepted.
    ev(c5, next('08:00'), 'conversation-started'),
    ev(c5, next('08:00'), 'answered', { entryId: 'e3' }),
    ev(c5, next('08:01'), 'resolution', { detail: 'bot', value: 1, entryId: 'e3' }),
    ev(c5, next('08:02'), 'offer-decided', { detail: 'shown', offerId: 'offer-b' }),
    ev(c5, next('08:03'), 'offer-answered', { detail: 'accepted', offerId: 'offer-b' }),
    ev(c5, next('08:04'), 'offer-decided', { detail: 'none', text: 'contact-policy' }),
  ];
}

const period = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' };

/** The suite; `open` gives an empty store. */
export function analyticsStoreConformance(open: () => Promise<AnalyticsStore>): void {
  let store: AnalyticsStore;
  beforeEach(async () => {
    store = await open();
    await store.append(scriptedDay());
  });
  afterEach(async () => {
    await store.close();
  });

  it('counts conversations, containment, resolution and CSAT over the period', async () => {
    const s = await store.summary(period);
    expect(s.conversations).to.equal(5);
    expect(s.contained).to.equal(3);
    expect(s.containmentRate).to.equal(0.6);
    expect(s.resolution).to.deep.equal({ resolved: 4, notResolved: 1, rate: 0.8, bot: { resolved: 3, notResolved: 1 }, agent: { resolved: 1, notResolved: 0 } });
    expect(s.csat).to.deep.equal({ count: 2, average: 4.5, scores: [0, 0, 0, 1, 1] });
  });

  it('lists escalations by reason, wait and handle times, and the days', async () => {
    const s = await store.summary(period);
    expect(s.escalations).to.deep.equal({ total: 2, byReason: [{ reason: 'not-resolved', count: 1 }, { reason: 'requested', count: 1 }] });
    expect(s.handoffs).to.deep.include({ queued: 1, accepted: 1, ended: 1 });
    expect(s.handoffs.wait).to.deep.equal({ count: 1, averageSeconds: 60, medianSeconds: 60, maxSeconds: 60 });
    expect(s.handoffs.handle.averageSeconds).to.equal(300);
    expect(s.daily).to.deep.equal([
      { day: '2026-03-02', conversations: 4, contained: 2, escalations: 2 },
      { day: '2026-03-03', conversations: 1, contained: 1, escalations: 0 },
    ]);
    expect(s.byLanguageAndChannel).to.deep.equal([
      { locale: 'en-US', channel: 'directline', conversations: 3 },
      { locale: 'zh-CN', channel: 'directline', conversations: 1 },
      { locale: 'zh-CN', channel: 'msteams', conversations: 1 },
    ]);
    expect(s.locales).to.deep.equal(['en-US', 'zh-CN']);
    expect(s.channels).to.deep.equal(['directline', 'msteams']);
  });

  it('ranks unanswered questions (masked) and the entries that did not resolve', async () => {
    const s = await store.summary(period);
    expect(s.unanswered[0]).to.deep.equal({ text: 'how do I fly to the moon', count: 2 });
    expect(s.unanswered[1]?.text).to.include('lost');
    expect(s.unanswered[1]?.text).to.not.include('4111 1111 1111');
    expect(s.notResolved).to.deep.equal([{ entryId: 'e2', topic: 'returns', count: 1 }]);
  });

  it('builds the offers funnel and the lift over the holdout', async () => {
    const { offers } = await store.summary(period);
    expect(offers).to.deep.include({ decisions: 4, eligible: 3, shown: 2, heldOut: 1, accepted: 1, declined: 1, optedOut: 0, convertedHoldout: 1 });
    expect(offers.lift).to.deep.equal({ exposed: 0.5, holdout: 1, relative: -0.5 });
  });

  it('filters by language and channel, and keeps the period', async () => {
    const zh = await store.summary({ ...period, locale: 'zh-CN' });
    expect([zh.conversations, zh.contained]).to.deep.equal([2, 1]);
    expect(zh.locales).to.deep.equal(['en-US', 'zh-CN']);
    const teams = await store.summary({ ...period, channel: 'msteams' });
    expect([teams.conversations, teams.escalations.total, teams.unanswered[0]?.count]).to.deep.equal([1, 1, 2]);
    const firstDay = await store.summary({ from: period.from, to: '2026-03-03T00:00:00.000Z' });
    expect(firstDay.conversations).to.equal(4);
    const empty = await store.summary({ from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' });
    expect([empty.conversations, empty.containmentRate, empty.resolution.rate, empty.csat.average, empty.offers.lift.relative]).to.deep.equal([0, null, null, null, null]);
  });

  it('keeps one start per conversation', async () => {
    await store.append([ev(c1, at('09:30'), 'conversation-started')]);
    expect((await store.summary(period)).conversations).to.equal(5);
  });

  it('finds conversations by outcome, topic and customer, newest first', async () => {
    const ids = async (more: object) => (await store.searchConversations({ ...period, limit: 50, ...more })).map((c) => c.conversationId);
    expect(await ids({})).to.deep.equal(['c5', 'c4', 'c3', 'c2', 'c1']);
    expect(await ids({ outcome: 'resolved' })).to.deep.equal(['c5', 'c4', 'c1']);
    expect(await ids({ outcome: 'escalated' })).to.deep.equal(['c2']);
    expect(await ids({ outcome: 'unanswered' })).to.deep.equal(['c3']);
    expect(await ids({ topic: 'returns' })).to.deep.equal(['c2']);
    expect(await ids({ customerRef: customerRef('u1') })).to.deep.equal(['c1']);
    expect(await ids({ locale: 'zh-CN', limit: 1 })).to.deep.equal(['c4']);
    const [c2Listing] = await store.searchConversations({ ...period, limit: 1, outcome: 'escalated' });
    expect(c2Listing).to.deep.equal({ conversationId: 'c2', channel: 'directline', locale: 'en-US', startedAt: at('10:00'), lastAt: at('10:09'), outcome: 'escalated', csat: 4 });
  });

  it('opens one conversation with its events, oldest first', async () => {
    const found = await store.conversation('c2');
    expect(found?.listing.outcome).to.equal('escalated');
    expect(found?.events.map((e) => e.kind)).to.deep.equal(['conversation-started', 'answered', 'resolution', 'escalation', 'handoff-queued', 'handoff-accepted', 'handoff-ended', 'resolution', 'csat']);
    expect(found?.events[5]).to.deep.include({ handoffId: 'h2', value: 60, customerRef: customerRef('u2') });
    expect(await store.conversation('nobody')).to.equal(undefined);
  });

  it('forgets a customer and purges what is past retention', async () => {
    expect(await store.countFor(customerRef('u2'))).to.equal(9);
    expect(await store.forget(customerRef('u2'))).to.equal(9);
    expect(await store.countFor(customerRef('u2'))).to.equal(0);
    expect(await store.conversation('c2')).to.equal(undefined);
    expect(await store.purgeOlderThan(new Date('2026-03-01T00:00:00.000Z'))).to.equal(1);
    expect((await store.summary(period)).conversations).to.equal(4);
  });
}
