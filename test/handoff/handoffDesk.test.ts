import { expect } from 'chai';
import path from 'node:path';
import { agentCardText } from '../../handoff/agentCardText';
import { loadAgentRoster } from '../../handoff/agentRosterLoader';
import { ContactHistory } from '../../handoff/contactHistory';
import type { ConversationAddress } from '../../handoff/conversationAddress';
import type { DeskEffect } from '../../handoff/deskEffect';
import type { EscalationReason } from '../../handoff/escalation';
import { HandoffDesk } from '../../handoff/handoffDesk';
import type { HandoffCustomer } from '../../handoff/handoffDesk';
import type { HandoffRecord } from '../../handoff/handoffRecord';
import { HandoffRepository } from '../../handoff/handoffRepository';
import type { EarlierContact, SummaryInput } from '../../handoff/handoffSummary';
import { PresenceRepository } from '../../handoff/presenceRepository';
import { agentHandoffResponses, customerHandoffResponses } from '../../handoff/responses';
import type { RoutingConfig } from '../../handoff/routing';
import { loadRouting } from '../../handoff/routingLoader';
import { RuleSummarizer } from '../../handoff/ruleSummarizer';
import { TicketRepository } from '../../handoff/ticketRepository';
import { silentLogger } from '../../logger';
import { MemoryStorage } from '../../storage/memoryStorage';

/** The shipped sample routing and roster: general and orders always open, specialists office hours in London. */
const contentDir = path.resolve(__dirname, '..', '..', 'content');
const routing = loadRouting(path.join(contentDir, 'routing.yaml'));
const roster = loadAgentRoster(path.join(contentDir, 'agents.yaml'), routing.queues.map((q) => q.id));

/** Monday 23 November 2026, 10:00 in London: every queue is open. */
const mondayMorning = new Date('2026-11-23T10:00:00Z');
/** Saturday 28 November 2026, 10:00 in London: the specialists are closed until Monday 09:00. */
const saturdayMorning = new Date('2026-11-28T10:00:00Z');

const card = '4111 1111 1111 1111';

/** A desk over one fresh memory store, with a clock the test moves. */
function openDesk(start: Date, routingConfig: RoutingConfig = routing) {
  let now = start.getTime();
  const clock = () => new Date(now);
  const storage = new MemoryStorage();
  const desk = new HandoffDesk({
    handoffs: new HandoffRepository(storage, { now: clock }),
    tickets: new TicketRepository(storage),
    presence: new PresenceRepository(storage, { now: clock }),
    history: new ContactHistory(storage),
    routing: routingConfig,
    roster,
    summarizer: new RuleSummarizer(),
    logger: silentLogger(),
    now: clock,
  });
  return { desk, advance: (minutes: number) => (now += minutes * 60_000) };
}

function address(conversationId: string, userId: string): ConversationAddress {
  return { channelId: 'directline', serviceUrl: 'https://test.invalid/', conversation: { id: conversationId }, user: { id: userId }, bot: { id: 'warmline-bot' } };
}

/** An agent talking to the bot from their own conversation, `conv-<id>`. */
async function signIn(desk: HandoffDesk, agentId: string, status: 'available' | 'away' = 'available'): Promise<void> {
  await desk.deps.presence.update(
    agentId,
    (p) => {
      p.status = status;
      p.address = address(`conv-${agentId}`, `agent-${agentId}`);
    },
    () => ({ agentId, status, address: address(`conv-${agentId}`, `agent-${agentId}`), updatedAt: desk.now().toISOString() }),
  );
}

function customer(n: number, extra: Partial<HandoffCustomer> = {}): HandoffCustomer {
  return { userId: `customer-${n}`, locale: 'en-US', channelId: 'directline', address: address(`conv-c${n}`, `customer-${n}`), ...extra };
}

/** What the bot would have made of a conversation in which the customer wrote `said`. */
function summaryInput(desk: HandoffDesk, who: HandoffCustomer, reason: EscalationReason, said: readonly string[], earlierContacts: readonly EarlierContact[] = []): SummaryInput {
  const at = desk.now().toISOString();
  return {
    customer: { id: who.userId, ...(who.name ? { name: who.name } : {}), ...(who.tier ? { tier: who.tier } : {}), locale: who.locale, channelId: who.channelId },
    reason,
    journal: said.map((text) => ({ kind: 'customer', at, text, sentiment: 0 })),
    startedAt: at,
    now: at,
    earlierContacts,
  };
}

/** Queues a customer as the bot does after checking availability. */
async function queue(desk: HandoffDesk, who: HandoffCustomer, reason: EscalationReason = 'requested', topic?: string, said: readonly string[] = ['My parcel never came']) {
  return desk.enqueue(who, desk.queueFor(topic, reason), reason, undefined, summaryInput(desk, who, reason, said));
}

/** An agent accepts, as the agent desk records it. */
async function assign(desk: HandoffDesk, record: HandoffRecord, agentId: string): Promise<HandoffRecord> {
  const agent = desk.agent(agentId);
  const moved = await desk.deps.handoffs.move(record.id, 'assigned', `agent:${agentId}`, {
    from: ['queued', 'transferred'],
    change: (r) => {
      r.agentId = agentId;
      r.agentName = agent?.displayName ?? agentId;
      r.assignedAt = desk.now().toISOString();
    },
  });
  if (!moved.ok) throw new Error(`could not assign ${record.id}`);
  await desk.deps.presence.claim(agentId, record.id);
  return moved.record;
}

/** Texts of the messages sent to one conversation. */
const textsTo = (effects: readonly DeskEffect[], conversationId: string): string[] =>
  effects.flatMap((e) => (e.kind === 'send' && e.to.conversation.id === conversationId ? [e.message.text ?? ''] : []));
/** Everything sent to one conversation (text and card JSON), for "contains" checks. */
const allTo = (effects: readonly DeskEffect[], conversationId: string): string =>
  effects
    .filter((e) => e.to.conversation.id === conversationId)
    .map((e) => JSON.stringify(e))
    .join('\n');

describe('HandoffDesk', () => {
  describe('queueFor', () => {
    const { desk } = openDesk(mondayMorning);

    for (const reason of ['complaint', 'fraud', 'cancellation', 'expert'] as const) {
      it(`sends a "${reason}" handoff to the specialists even when its topic belongs to another queue`, () => {
        expect(desk.queueFor('delivery', reason).id).to.equal('specialists');
        expect(desk.queueFor('payment', reason).id).to.equal('specialists');
        expect(desk.queueFor(undefined, reason).id).to.equal('specialists');
      });
    }

    for (const reason of ['requested', 'repeated-no-match', 'not-resolved', 'frustration', 'priority-tier'] as const) {
      it(`lets a "${reason}" handoff follow its topic, and an unknown topic go to the default queue`, () => {
        expect(desk.queueFor('delivery', reason).id).to.equal('orders');
        expect(desk.queueFor('refunds', reason).id).to.equal('orders');
        expect(desk.queueFor('gardening', reason).id).to.equal('general');
        expect(desk.queueFor(undefined, reason).id).to.equal('general');
      });
    }

    it("uses an ordinary reason's own queue only when the topic names none", () => {
      const custom = openDesk(mondayMorning, { ...routing, reasonQueues: { ...routing.reasonQueues, frustration: 'specialists' } }).desk;
      expect(custom.queueFor('delivery', 'frustration').id).to.equal('orders');
      expect(custom.queueFor('gardening', 'frustration').id).to.equal('specialists');
    });

    it('does not treat inherited object keys as topics', () => {
      expect(desk.queueFor('constructor', 'requested').id).to.equal('general');
      expect(desk.queueFor('toString', 'complaint').id).to.equal('specialists');
    });

    it('falls back to the default queue for a queue that no longer exists (a record outliving a routing edit)', () => {
      expect(desk.queue('retired-queue').id).to.equal('general');
    });
  });

  describe('availability', () => {
    it('is closed outside office hours and says when the team is back', async () => {
      const { desk } = openDesk(saturdayMorning);
      await signIn(desk, 'sam');
      expect(await desk.availability(desk.queue('specialists'))).to.deep.equal({ open: false, why: 'closed', nextOpening: new Date('2026-11-30T09:00:00Z') });
    });

    it('skips bank holidays when saying when the team is back', async () => {
      // Thursday 24 December 2026, 17:30 in London: Christmas Day and the Boxing Day substitute follow.
      const { desk } = openDesk(new Date('2026-12-24T17:30:00Z'));
      const availability = await desk.availability(desk.queue('specialists'));
      expect(availability).to.deep.equal({ open: false, why: 'closed', nextOpening: new Date('2026-12-29T09:00:00Z') });
    });

    it('is "no-agent" when no agent of the queue has signed in, even if agents of other queues have', async () => {
      const { desk } = openDesk(mondayMorning);
      expect(await desk.availability(desk.queue('specialists'))).to.deep.equal({ open: false, why: 'no-agent' });
      await signIn(desk, 'ana'); // general and orders only
      expect(await desk.availability(desk.queue('specialists'))).to.deep.equal({ open: false, why: 'no-agent' });
      expect(await desk.availability(desk.queue('general'))).to.deep.equal({ open: true, agentsAvailable: 1, agentsBusy: 0 });
    });

    it('does not count an away agent, but does count one busy with a customer', async () => {
      const { desk } = openDesk(mondayMorning);
      await signIn(desk, 'sam', 'away');
      expect(await desk.availability(desk.queue('specialists'))).to.deep.equal({ open: false, why: 'no-agent' });
      await signIn(desk, 'sam', 'available');
      const { record } = await queue(desk, customer(1), 'fraud');
      await assign(desk, record, 'sam');
      expect(await desk.availability(desk.queue('specialists'))).to.deep.equal({ open: true, agentsAvailable: 0, agentsBusy: 1 });
    });

    it('keeps an around-the-clock queue open at the weekend', async () => {
      const { desk } = openDesk(saturdayMorning);
      await signIn(desk, 'li');
      expect(await desk.availability(desk.queue('general'))).to.deep.equal({ open: true, agentsAvailable: 1, agentsBusy: 0 });
    });
  });

  describe('priorities', () => {
    it('ranks customers by tier (vip, at-risk, influencer, then everyone else by arrival)', async () => {
      const { desk, advance } = openDesk(mondayMorning);
      await signIn(desk, 'ana');
      const arrivals: [string, string | undefined][] = [
        ['none', undefined],
        ['influencer', 'influencer'],
        ['unknown-tier', 'gold'],
        ['at-risk', 'at-risk'],
        ['vip', 'vip'],
      ];
      const records = new Map<string, HandoffRecord>();
      for (const [i, [label, tier]] of arrivals.entries()) {
        advance(1);
        const { record } = await queue(desk, customer(i, tier ? { tier } : {}));
        records.set(label, record);
      }
      const priority = (label: string) => records.get(label)?.priority;
      expect(['vip', 'at-risk', 'influencer', 'none', 'unknown-tier'].map(priority)).to.deep.equal([30, 20, 10, 0, 0]);
      const positions = await Promise.all(['vip', 'at-risk', 'influencer', 'none', 'unknown-tier'].map(async (label) => (await desk.placeOf(records.get(label) as HandoffRecord))?.position));
      expect(positions).to.deep.equal([1, 2, 3, 4, 5]);
    });

    it('tells a VIP who arrives last that they are first, and the others that they moved back', async () => {
      const { desk, advance } = openDesk(mondayMorning);
      await signIn(desk, 'ana');
      await queue(desk, customer(1));
      advance(1);
      await queue(desk, customer(2, { locale: 'zh-CN' }));
      advance(1);
      const vip = await queue(desk, customer(3, { tier: 'vip', name: 'Mei Chen' }));
      expect(vip.place.position).to.equal(1);
      const [firstTold, ...firstMore] = textsTo(vip.effects, 'conv-c1');
      expect(firstTold).to.contain("you're now number 2 in line");
      expect(firstMore).to.deep.equal([]);
      const [secondTold, ...secondMore] = textsTo(vip.effects, 'conv-c2');
      expect(secondTold).to.contain('您现在排在第 3 位');
      expect(secondMore).to.deep.equal([]);
      expect(textsTo(vip.effects, 'conv-c3')).to.deep.equal([]);
      expect(textsTo(vip.effects, 'conv-ana')[0]).to.equal(agentHandoffResponses['en-US'].newRequest('“Mei Chen” (`customer-3`)', 'General help', agentCardText['en-US'].reasons.requested));
    });
  });

  describe('sweep', () => {
    it('expires only waits past the queue limit, tells the agents, and tells the others their new positions', async () => {
      const { desk, advance } = openDesk(mondayMorning);
      await signIn(desk, 'ana');
      await signIn(desk, 'sam');
      const first = await queue(desk, customer(1));
      const specialist = await queue(desk, customer(3), 'complaint');
      advance(4);
      const second = await queue(desk, customer(2, { locale: 'zh-CN' }));

      advance(5); // first has waited 9 minutes of 10
      expect(await desk.sweep()).to.deep.equal([]);
      expect((await desk.deps.handoffs.get(first.record.id))?.state).to.equal('queued');

      advance(2); // first 11 of 10, second 7 of 10, the specialist customer 11 of 15
      const effects = await desk.sweep();
      expect(effects.filter((e) => e.kind === 'resume-customer')).to.deep.equal([
        { kind: 'resume-customer', to: first.record.customer.address, handoffId: first.record.id, why: 'timeout' },
      ]);
      expect(textsTo(effects, 'conv-ana')).to.deep.equal([agentHandoffResponses['en-US'].customerWaitedTooLong('`customer-1`')]);
      expect(textsTo(effects, 'conv-sam')).to.deep.equal([]);
      const place = await desk.placeOf(second.record);
      expect(place?.position).to.equal(1);
      expect(textsTo(effects, 'conv-c2')).to.deep.equal([customerHandoffResponses['zh-CN'].positionChanged(1, place?.minutes ?? 0)]);
      expect(textsTo(effects, 'conv-c3')).to.deep.equal([]);

      const expired = await desk.deps.handoffs.get(first.record.id);
      expect(expired?.state).to.equal('expired');
      expect(expired?.events.at(-1)).to.include({ from: 'queued', to: 'expired', by: 'system', detail: 'timeout' });
      expect((await desk.deps.handoffs.get(second.record.id))?.state).to.equal('queued');
      expect((await desk.deps.handoffs.get(specialist.record.id))?.state).to.equal('queued');

      // Nothing new to say on the next run.
      expect(await desk.sweep()).to.deep.equal([]);
    });
  });

  describe('customerMessage', () => {
    it('keeps what a waiting customer writes, masked, and tells them their place; the agent never sees the card number', async () => {
      const { desk } = openDesk(mondayMorning);
      const { record } = await queue(desk, customer(1));
      const kept = await desk.customerMessage(record, `It was paid with ${card}, email me at jo@example.com`);
      const place = await desk.placeOf(record);
      expect(kept).to.deep.equal({ reply: customerHandoffResponses['en-US'].keptForAgent(1, place?.minutes ?? 0), effects: [] });
      const stored = await desk.deps.handoffs.get(record.id);
      expect(stored?.messagesWhileWaiting.map((m) => m.text)).to.deep.equal(['It was paid with •••• 1111, email me at jo@example.com']);

      await signIn(desk, 'ana');
      const offer = await desk.notifyAgents(stored as HandoffRecord, undefined);
      const seen = allTo(offer, 'conv-ana');
      expect(seen).to.contain('•••• 1111').and.contain('jo@example.com');
      expect(seen).to.not.contain(card);
    });

    it('answers a waiting Chinese customer in Chinese', async () => {
      const { desk } = openDesk(mondayMorning);
      const { record } = await queue(desk, customer(1, { locale: 'zh-CN' }));
      const kept = await desk.customerMessage(record, '我的订单号是 12345678');
      expect(kept.reply).to.contain('已转给稍后为您服务的客服').and.contain('第 1 位');
    });

    it('passes what an assigned customer writes to their agent only, masked, in the agent’s language', async () => {
      const { desk } = openDesk(mondayMorning);
      await signIn(desk, 'li');
      await signIn(desk, 'ana');
      const { record } = await queue(desk, customer(1, { name: 'Priya Nair' }));
      const assigned = await assign(desk, record, 'li');
      const relayed = await desk.customerMessage(assigned, `card ${card} was charged twice`);
      expect(relayed.reply).to.equal(undefined);
      expect(relayed.effects).to.have.length(1);
      expect(textsTo(relayed.effects, 'conv-li')).to.deep.equal([agentHandoffResponses['zh-CN'].customerSays('“Priya Nair” (`customer-1`)', 'card •••• 1111 was charged twice')]);
      expect((await desk.deps.handoffs.get(record.id))?.messagesWhileWaiting).to.deep.equal([]);
    });

    it('keeps the message and says it is delayed when the agent cannot be reached', async () => {
      const { desk } = openDesk(mondayMorning);
      const { record } = await queue(desk, customer(1));
      // Assigned to an agent whose presence (and so whose conversation) is unknown.
      const assigned = await assign(desk, record, 'sam');
      const relayed = await desk.customerMessage(assigned, 'are you still there?');
      expect(relayed).to.deep.equal({ reply: customerHandoffResponses['en-US'].relayDelayed, effects: [] });
      expect((await desk.deps.handoffs.get(record.id))?.messagesWhileWaiting.map((m) => m.text)).to.deep.equal(['are you still there?']);
    });
  });

  describe('cancel', () => {
    it('leaves the queue once; a second "never mind" changes nothing and tells nobody again', async () => {
      const { desk, advance } = openDesk(mondayMorning);
      await signIn(desk, 'ana');
      const first = await queue(desk, customer(1));
      advance(1);
      const second = await queue(desk, customer(2));

      const cancelled = await desk.cancel(first.record);
      expect(cancelled.reply).to.equal(customerHandoffResponses['en-US'].cancelled);
      expect(textsTo(cancelled.effects, 'conv-ana')).to.deep.equal([agentHandoffResponses['en-US'].customerCancelled('`customer-1`')]);
      const place = await desk.placeOf(second.record);
      expect(place?.position).to.equal(1);
      expect(textsTo(cancelled.effects, 'conv-c2')).to.deep.equal([customerHandoffResponses['en-US'].positionChanged(1, place?.minutes ?? 0)]);
      expect((await desk.deps.handoffs.get(first.record.id))?.state).to.equal('cancelled');

      expect(await desk.cancel(first.record)).to.deep.equal({ effects: [] });
      expect((await desk.earlierContacts('customer-1')).map((c) => c.outcome)).to.deep.equal(['cancelled']);
    });

    it('says it in Chinese to a Chinese customer', async () => {
      const { desk } = openDesk(mondayMorning);
      const { record } = await queue(desk, customer(1, { locale: 'zh-CN' }));
      expect((await desk.cancel(record)).reply).to.equal(customerHandoffResponses['zh-CN'].cancelled);
    });

    it('cannot cancel a conversation an agent has already taken', async () => {
      const { desk } = openDesk(mondayMorning);
      await signIn(desk, 'ana');
      const { record } = await queue(desk, customer(1));
      await assign(desk, record, 'ana');
      expect(await desk.cancel(record)).to.deep.equal({ effects: [] });
      expect((await desk.deps.handoffs.get(record.id))?.state).to.equal('assigned');
    });
  });

  describe('tickets and contact history', () => {
    it('stores a message or callback with the summary, records it, and the next handoff’s summary lists it', async () => {
      const { desk, advance } = openDesk(mondayMorning);
      const who = customer(1, { name: 'Daniel Brooks' });
      const summary = await desk.deps.summarizer.summarize(summaryInput(desk, who, 'requested', ['The lamp I ordered arrived broken']));
      const message = await desk.leaveTicket({ kind: 'message', queueId: 'orders', reason: 'requested', customer: who, summary, message: 'Please send a new lamp' });
      expect(message).to.include({ kind: 'message', status: 'open', createdAt: mondayMorning.toISOString(), message: 'Please send a new lamp' });
      advance(60);
      const callback = await desk.leaveTicket({ kind: 'callback', queueId: 'specialists', reason: 'complaint', customer: who, summary, callbackAt: '2026-11-24T15:00:00.000Z', phone: '+447700900461' });

      const tickets = await desk.deps.tickets.list({});
      expect(tickets.map((t) => t.id).sort()).to.deep.equal([message.id, callback.id].sort());
      expect(tickets.find((t) => t.id === message.id)?.summary).to.deep.equal(summary);
      expect(tickets.find((t) => t.id === callback.id)).to.include({ queueId: 'specialists', callbackAt: '2026-11-24T15:00:00.000Z', phone: '+447700900461' });

      const history = await desk.earlierContacts(who.userId);
      expect(history.map((c) => c.outcome)).to.deep.equal(['callback-booked', 'message-left']);

      advance(24 * 60);
      await signIn(desk, 'ana');
      await signIn(desk, 'li');
      const next = await desk.enqueue(who, desk.queue('general'), 'requested', undefined, summaryInput(desk, who, 'requested', ['Still no lamp'], history));
      expect(next.record.summary.earlierContacts.map((c) => c.outcome)).to.deep.equal(['callback-booked', 'message-left']);
      expect(allTo(next.effects, 'conv-ana')).to.contain(agentCardText['en-US'].fields.earlierContacts).and.contain(agentCardText['en-US'].outcomes['message-left']);
      expect(allTo(next.effects, 'conv-li')).to.contain(agentCardText['zh-CN'].fields.earlierContacts).and.contain(agentCardText['zh-CN'].outcomes['callback-booked']);
    });
  });

  describe('construction', () => {
    it('says which dependency is missing', () => {
      const { desk } = openDesk(mondayMorning);
      expect(() => new HandoffDesk({ ...desk.deps, presence: undefined as unknown as PresenceRepository })).to.throw(TypeError, 'presence');
    });
  });
});
