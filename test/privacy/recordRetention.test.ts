import { expect } from 'chai';
import { recordOf } from '../../privacy/recordKinds';
import { retentionDecision, undatedMarker } from '../../privacy/recordRetention';
import { defaultRetentionDays } from '../../privacy/retentionPolicy';

const now = new Date('2027-06-01T12:00:00.000Z');
const daysAgo = (days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();
const decide = (key: string, value: Record<string, unknown>) => retentionDecision(recordOf(key), value, now, defaultRetentionDays);

describe('recordOf', () => {
  it('tells every kind of key apart, and what it says about whom', () => {
    expect(recordOf('webchat/conversations/c-1/')).to.deep.equal({ kind: 'conversation', channelId: 'webchat', conversationId: 'c-1' });
    expect(recordOf('msteams/users/29:1abc/')).to.deep.equal({ kind: 'user', channelId: 'msteams', userId: '29:1abc' });
    expect(recordOf('replay-guard/directline/abc/def')).to.deep.equal({ kind: 'replay-guard', channelId: 'directline', conversationId: 'abc/def' });
    expect(recordOf('handoff/contacts/customer%2Fx')).to.deep.equal({ kind: 'contacts', userId: 'customer/x' });
    expect(recordOf('offers/history/customer%3Acustomer-vip')).to.deep.equal({ kind: 'offer-history', customerId: 'customer-vip' });
    expect(recordOf('offers/decisions/user%3Amsteams%3A29%3A1abc')).to.deep.equal({ kind: 'offer-decisions', userId: '29:1abc' });
    const kinds = ['handoff/record/1', 'handoff/ticket/1', 'handoff/tickets', 'handoff/index', 'handoff/presence/ana', 'handoff/agents', 'handoff/stats/general', 'offers/counters/x', 'offers/gates', 'analytics/resolution/delivery', 'directline/conversation/abc', 'warmline/active-learning/en-US', 'agent-session/abc', 'readiness/probe'].map((k) => recordOf(k).kind);
    expect(kinds).to.deep.equal(['handoff', 'ticket', 'ticket-index', 'handoff-index', 'presence', 'presence', 'aggregate', 'aggregate', 'aggregate', 'aggregate', 'directline', 'learning', 'agent-session', 'other']);
  });
});

describe('retentionDecision', () => {
  it('deletes a conversation idle past its period, dated by its newest activity', () => {
    expect(decide('replay-guard/webchat/c', { claims: [{ id: 'a', at: daysAgo(40), done: true }], updatedAt: daysAgo(31) })).to.deep.equal({ action: 'delete' });
    expect(decide('replay-guard/webchat/c', { claims: [{ id: 'a', at: daysAgo(29), done: true }] })).to.deep.equal({ action: 'keep' });
    const conversation = (lastSeenAt: string, journalAt: string) => ({ conversationData: { startedAt: daysAgo(100), lastSeenAt, journal: [{ kind: 'customer', at: journalAt, text: 'hi', sentiment: 0 }] } });
    expect(decide('webchat/conversations/c/', conversation(daysAgo(31), daysAgo(40)))).to.deep.equal({ action: 'delete' });
    expect(decide('webchat/conversations/c/', conversation(daysAgo(40), daysAgo(29)))).to.deep.equal({ action: 'keep' });
  });

  it('stamps a record with no date when first seen, and deletes it a period later', () => {
    const first = decide('msteams/conversations/agent-conv/', { dialogState: {} });
    expect(first).to.deep.equal({ action: 'rewrite', value: { dialogState: {}, [undatedMarker]: now.toISOString() } });
    expect(decide('msteams/conversations/agent-conv/', { [undatedMarker]: daysAgo(29) })).to.deep.equal({ action: 'keep' });
    expect(decide('msteams/conversations/agent-conv/', { [undatedMarker]: daysAgo(31) })).to.deep.equal({ action: 'delete' });
  });

  it('deletes users, closed handoffs, tickets and Direct Line conversations past their periods, never an open handoff', () => {
    expect(decide('webchat/users/u/', { userProfile: { firstSeen: daysAgo(900), lastSeen: daysAgo(366) } })).to.deep.equal({ action: 'delete' });
    expect(decide('webchat/users/u/', { userProfile: { lastSeen: daysAgo(364) } })).to.deep.equal({ action: 'keep' });
    expect(decide('handoff/record/h', { state: 'resolved', createdAt: daysAgo(200), updatedAt: daysAgo(91) })).to.deep.equal({ action: 'delete' });
    expect(decide('handoff/record/h', { state: 'assigned', createdAt: daysAgo(200), updatedAt: daysAgo(200) })).to.deep.equal({ action: 'keep' });
    expect(decide('handoff/ticket/t', { createdAt: daysAgo(91), status: 'open' })).to.deep.equal({ action: 'delete' });
    const directLine = (updatedAt: string | undefined, activityAt: string) => ({ id: 'abc', createdAt: daysAgo(300), ...(updatedAt ? { updatedAt } : {}), history: [{ seq: 1, activity: { timestamp: activityAt } }] });
    expect(decide('directline/conversation/abc', directLine(daysAgo(31), daysAgo(31)))).to.deep.equal({ action: 'delete' });
    expect(decide('directline/conversation/abc', directLine(undefined, daysAgo(29))), 'the newest activity when there is no updatedAt').to.deep.equal({ action: 'keep' });
  });

  it('trims lists entry by entry, and deletes the record with its last entry', () => {
    const contacts = { contacts: [{ at: daysAgo(10), outcome: 'resolved-by-bot' }, { at: daysAgo(400), outcome: 'cancelled' }] };
    expect(decide('handoff/contacts/u', contacts)).to.deep.equal({ action: 'rewrite', value: { contacts: [contacts.contacts[0]] } });
    expect(decide('handoff/contacts/u', { contacts: [{ at: daysAgo(400) }] })).to.deep.equal({ action: 'delete' });
    expect(decide('offers/decisions/customer%3Ax', { decisions: [{ id: 'd', at: daysAgo(401) }] })).to.deep.equal({ action: 'delete' });
    const index = { entries: [{ id: 'new', createdAt: daysAgo(1) }, { id: 'old', createdAt: daysAgo(91) }] };
    expect(decide('handoff/tickets', index)).to.deep.equal({ action: 'rewrite', value: { entries: [index.entries[0]] } });
    expect(decide('handoff/tickets', { entries: [{ id: 'old', createdAt: daysAgo(91) }] }), 'the list itself stays').to.deep.equal({ action: 'rewrite', value: { entries: [] } });
  });

  it('keeps a standing "no more offers" however old (P6), and drops old impressions and a past opt-in', () => {
    const objection = { at: daysAgo(900), channelId: 'webchat' };
    const old = { decisionId: 'd', at: daysAgo(401), conversationId: 'c', heldOut: false };
    expect(decide('offers/history/customer%3Ax', { key: 'customer:x', objection, impressions: [old] })).to.deep.equal({ action: 'rewrite', value: { key: 'customer:x', objection, impressions: [] } });
    expect(decide('offers/history/customer%3Ax', { key: 'customer:x', objection, impressions: [] })).to.deep.equal({ action: 'keep' });
    expect(decide('offers/history/customer%3Ax', { key: 'customer:x', optedInAt: daysAgo(401), impressions: [old] })).to.deep.equal({ action: 'delete' });
    const fresh = { ...old, at: daysAgo(3) };
    expect(decide('offers/history/customer%3Ax', { key: 'customer:x', optedInAt: daysAgo(401), impressions: [fresh] })).to.deep.equal({ action: 'rewrite', value: { key: 'customer:x', impressions: [fresh] } });
  });

  it('keeps a channel user\'s link to their customer for the period from when it was made, and the waiting outage objections', () => {
    const user = { key: 'user:sms:+1555', impressions: [] };
    expect(decide('offers/history/user%3Asms%3A%2B1555', { ...user, customerId: 'x', linkedAt: daysAgo(30) })).to.deep.equal({ action: 'keep' });
    expect(decide('offers/history/user%3Asms%3A%2B1555', { ...user, customerId: 'x', linkedAt: daysAgo(401) })).to.deep.equal({ action: 'delete' });
    const objection = { at: daysAgo(900), channelId: 'sms' };
    expect(decide('offers/history/user%3Asms%3A%2B1555', { ...user, objection, customerId: 'x', linkedAt: daysAgo(401) })).to.deep.equal({ action: 'rewrite', value: { ...user, objection } });
    expect(decide('offers/unlinked-objections', { entries: [{ channelId: 'sms', userId: '+1555', at: daysAgo(900) }] })).to.deep.equal({ action: 'keep' });
  });

  it('drops active-learning entries last asked before the period, keeping the document', () => {
    const recent = { text: 'mars', count: 2, lastSeen: daysAgo(10), candidateIds: [] };
    const stale = { text: 'venus', count: 9, lastSeen: daysAgo(181), candidateIds: [] };
    const doc = { unanswered: { mars: recent, venus: stale }, alternates: { '3': { late: { ...stale, text: 'late' } }, '4': { soon: { ...recent, text: 'soon' } } } };
    expect(decide('warmline/active-learning/en-US', doc)).to.deep.equal({ action: 'rewrite', value: { unanswered: { mars: recent }, alternates: { '4': doc.alternates['4'] } } });
    expect(decide('warmline/active-learning/en-US', { unanswered: { mars: recent }, alternates: {} })).to.deep.equal({ action: 'keep' });
  });

  it('ends agent sessions at their expiresAt, and leaves aggregates and others alone', () => {
    expect(decide('agent-session/c', { expiresAt: daysAgo(0.01) })).to.deep.equal({ action: 'delete' });
    expect(decide('agent-session/c', { expiresAt: new Date(now.getTime() + 60_000).toISOString() })).to.deep.equal({ action: 'keep' });
    expect(decide('agent-session/c', { agentId: 'ana' })).to.deep.equal({ action: 'delete' });
    for (const key of ['offers/counters/x', 'handoff/presence/ana', 'handoff/index', 'someone/else']) expect(decide(key, { at: daysAgo(5000) })).to.deep.equal({ action: 'keep' });
  });
});
