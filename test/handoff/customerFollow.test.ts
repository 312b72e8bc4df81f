import { expect } from 'chai';
import path from 'node:path';
import { loadAgentRoster } from '../../handoff/agentRosterLoader';
import { ContactHistory } from '../../handoff/contactHistory';
import type { ConversationAddress } from '../../handoff/conversationAddress';
import { CustomerFollow } from '../../handoff/customerFollow';
import type { DeskEvent } from '../../handoff/deskEvents';
import { HandoffDesk } from '../../handoff/handoffDesk';
import type { HandoffCustomer } from '../../handoff/handoffDesk';
import type { HandoffRecord } from '../../handoff/handoffRecord';
import { HandoffRepository } from '../../handoff/handoffRepository';
import { PresenceRepository } from '../../handoff/presenceRepository';
import { customerHandoffResponses, followResponses } from '../../handoff/responses';
import { loadRouting } from '../../handoff/routingLoader';
import { RuleSummarizer } from '../../handoff/ruleSummarizer';
import { TicketRepository } from '../../handoff/ticketRepository';
import { silentLogger } from '../../logger';
import { MemoryStorage } from '../../storage/memoryStorage';

const contentDir = path.resolve(__dirname, '..', '..', 'content');
const routing = loadRouting(path.join(contentDir, 'routing.yaml'));
const roster = loadAgentRoster(path.join(contentDir, 'agents.yaml'), routing.queues.map((q) => q.id));
const mondayMorning = new Date('2026-11-23T10:00:00Z');

function address(conversationId: string, userId: string, channelId = 'directline'): ConversationAddress {
  return { channelId, serviceUrl: 'https://test.invalid/', conversation: { id: conversationId }, user: { id: userId }, bot: { id: 'warmline-bot' } };
}

/** A desk with Ana signed in, and a queued customer `dl_robin` in `conv-1`. */
async function setUp(locale: 'en-US' | 'zh-CN' = 'en-US') {
  const storage = new MemoryStorage();
  const now = () => mondayMorning;
  const desk = new HandoffDesk({
    handoffs: new HandoffRepository(storage, { now }),
    tickets: new TicketRepository(storage),
    presence: new PresenceRepository(storage, { now }),
    history: new ContactHistory(storage),
    routing,
    roster,
    summarizer: new RuleSummarizer(),
    logger: silentLogger(),
    now,
  });
  const events: DeskEvent[] = [];
  desk.events.subscribe((event) => events.push(event));
  await desk.deps.presence.update('ana', (p) => void Object.assign(p, { status: 'available', address: address('conv-ana', 'agent-ana') }), () => ({ agentId: 'ana', status: 'available', address: address('conv-ana', 'agent-ana'), updatedAt: now().toISOString() }));
  const robin: HandoffCustomer = { userId: 'dl_robin', name: 'Robin', locale, channelId: 'directline', address: address('conv-1', 'dl_robin') };
  const queue = desk.queue('general');
  const at = now().toISOString();
  const { record } = await desk.enqueue(robin, queue, 'requested', undefined, { customer: { id: 'dl_robin', name: 'Robin', locale, channelId: 'directline' }, reason: 'requested', journal: [], startedAt: at, now: at, earlierContacts: [] });
  return { desk, follow: new CustomerFollow(desk), record, events };
}

async function assignToAna(desk: HandoffDesk, record: HandoffRecord): Promise<HandoffRecord> {
  const moved = await desk.deps.handoffs.move(record.id, 'assigned', 'agent:ana', { change: (r) => void Object.assign(r, { agentId: 'ana', agentName: 'Ana Souza', assignedAt: desk.now().toISOString() }) });
  if (!moved.ok) throw new Error('could not assign');
  return moved.record;
}

describe('CustomerFollow', () => {
  it('moves an assigned handoff to the customer\'s new conversation, tells the agent, and says who is still with the customer', async () => {
    const { desk, follow, record, events } = await setUp();
    const assigned = await assignToAna(desk, record);
    const outcome = await follow.follow(assigned, address('conv-2', 'dl_robin'));
    expect(outcome?.reply).to.equal(followResponses['en-US'].stillConnected('Ana Souza'));
    expect(outcome?.effects).to.deep.equal([{ kind: 'send', to: address('conv-ana', 'agent-ana'), message: { text: followResponses['en-US'].agentMoved('“Robin” (`dl_robin`)') } }]);
    expect((await desk.openFor('conv-2'))?.id).to.equal(record.id);
    expect(await desk.openFor('conv-1')).to.equal(undefined);
    expect(events).to.deep.include({ type: 'session', handoffId: record.id, agentId: 'ana', change: 'customer-back' });
  });

  it('moves a queued handoff and tells the customer where they stand (in Chinese for a Chinese customer), with nothing for agents', async () => {
    const { desk, follow, record } = await setUp('zh-CN');
    const outcome = await follow.follow(record, address('conv-2', 'dl_robin'));
    expect(outcome?.reply).to.equal(customerHandoffResponses['zh-CN'].alreadyWaiting(1, 1));
    expect(outcome?.effects).to.deep.equal([]);
    expect((await desk.deps.handoffs.waiting()).map((r) => r.customer.address.conversation.id)).to.deep.equal(['conv-2']);
  });

  it('refuses to move a handoff to another customer\'s conversation, or to another channel, or one an external hub runs', async () => {
    const { desk, follow, record } = await setUp();
    expect(await follow.follow(record, address('conv-2', 'dl_mallory'))).to.equal(undefined);
    expect(await follow.follow(record, address('conv-2', 'dl_robin', 'msteams'))).to.equal(undefined);
    expect(await follow.follow({ ...record, hub: 'external' }, address('conv-2', 'dl_robin'))).to.equal(undefined);
    expect((await desk.openFor('conv-1'))?.id).to.equal(record.id);
  });

  it('says once that the customer left and once that they are back, records it, and ignores conversations without an open handoff', async () => {
    const { desk, follow, record, events } = await setUp('zh-CN');
    await assignToAna(desk, record);
    const left = await follow.presence('conv-1', false, 'page-closed');
    expect(left).to.deep.equal([{ kind: 'send', to: address('conv-ana', 'agent-ana'), message: { text: followResponses['en-US'].agentLeft('“Robin” (`dl_robin`)') } }]);
    expect((await desk.handoff(record.id))?.customerPresence).to.deep.equal({ present: false, since: mondayMorning.toISOString(), why: 'page-closed' });
    expect(await follow.presence('conv-1', false, 'page-closed')).to.deep.equal([]);
    const back = await follow.presence('conv-1', true);
    expect(back.map((e) => (e.kind === 'send' ? e.message.text : ''))).to.deep.equal([followResponses['en-US'].agentBack('“Robin” (`dl_robin`)')]);
    expect(await follow.presence('conv-1', true)).to.deep.equal([]);
    expect(await follow.presence('conv-unknown', false, 'page-closed')).to.deep.equal([]);
    expect(events.filter((e) => e.type === 'session').map((e) => (e as { change: string }).change)).to.deep.equal(['customer-left', 'customer-back']);
  });

  it('announces a waiting customer who left without a chat line (no agent has them yet)', async () => {
    const { follow, record, events } = await setUp();
    expect(await follow.presence('conv-1', false, 'page-closed')).to.deep.equal([]);
    expect(events).to.deep.include({ type: 'session', handoffId: record.id, change: 'customer-left' });
  });
});
