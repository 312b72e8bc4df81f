import { expect } from 'chai';
import { joinEventName } from '../../bots/warmlineBot';
import { agentCardText } from '../../handoff/agentCardText';
import type { AgentCommandData } from '../../handoff/agentCards';
import type { HandoffRecord } from '../../handoff/handoffRecord';
import { agentHandoffResponses, customerHandoffResponses } from '../../handoff/responses';
import { botHarness, mondayMorning } from '../support/botHarness';
import type { BotHarness, Party, Sent } from '../support/botHarness';

const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' }; // general, orders; en-US
const li: Party = { userId: 'agent-li', conversationId: 'conv-li' }; // general, orders, specialists; zh-CN
const sam: Party = { userId: 'agent-sam', conversationId: 'conv-sam' }; // specialists; en-US
const customer = (n: number, locale = 'en-US', userId = `customer-${n}`): Party => ({ userId, conversationId: `conv-c${n}`, locale });
const vip: Party = { userId: 'customer-vip', conversationId: 'conv-vip', locale: 'en-US' };

const en = agentHandoffResponses['en-US'];
const zh = agentHandoffResponses['zh-CN'];
const card = '4111 1111 1111 1111';

/** A clock the test moves. */
function clock(start: Date) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (minutes: number) => (now += minutes * 60_000) };
}

async function join(h: BotHarness, ...agents: Party[]): Promise<void> {
  for (const agent of agents) await h.event(agent, joinEventName, {});
}

async function openRecord(h: BotHarness, party: Party): Promise<HandoffRecord> {
  const record = await h.desk.openFor(party.conversationId);
  if (!record) throw new Error(`${party.userId} has no open handoff`);
  return record;
}

/** Every agent-command button on the cards an agent was sent. */
function buttons(sent: Sent, conversationId: string): AgentCommandData[] {
  const found: AgentCommandData[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const data = (node as { data?: { warmline?: unknown } }).data;
      if (data?.warmline === 'agent.command') found.push(data as AgentCommandData);
      Object.values(node).forEach(walk);
    }
  };
  walk(sent.cards(conversationId));
  return found;
}

/** Stores a waiting conversation with a chosen id, as the desk would have queued it and told its position. */
async function seedWaiting(h: BotHarness, id: string, party: Party, position: number): Promise<void> {
  const at = mondayMorning.toISOString();
  const summaryInput = {
    customer: { id: party.userId, locale: 'en-US', channelId: 'directline' },
    reason: 'requested',
    journal: [{ kind: 'customer', at, text: `Parcel for ${party.userId} is late`, sentiment: 0 }],
    startedAt: at,
    now: at,
    earlierContacts: [],
  } as const;
  await h.desk.deps.handoffs.create({
    id,
    state: 'queued',
    createdAt: at,
    updatedAt: at,
    hub: 'builtin',
    queueId: 'general',
    priority: 0,
    reason: 'requested',
    customer: {
      userId: party.userId,
      locale: 'en-US',
      channelId: 'directline',
      address: { channelId: 'directline', serviceUrl: 'https://test.invalid/', conversation: { id: party.conversationId }, user: { id: party.userId }, bot: { id: 'warmline-bot' } },
    },
    summary: await h.desk.deps.summarizer.summarize(summaryInput),
    summaryInput,
    waitingSince: at,
    waitStartedAt: at,
    messagesWhileWaiting: [],
    notes: [],
    events: [{ at, from: 'bot', to: 'queued', by: 'bot', detail: 'requested' }],
    lastToldPosition: position,
  });
}

describe('AgentDesk (agents talking to the whole bot)', () => {
  describe('/help', () => {
    it('shows every command on a card in the agent’s language', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana, li);
      const help = await h.say(ana, '/help');
      const shown = JSON.stringify(help.cards(ana.conversationId));
      expect(shown).to.contain(agentCardText['en-US'].helpTitle);
      for (const command of Object.values(agentCardText['en-US'].commands)) expect(shown).to.contain(command.usage);
      const chinese = JSON.stringify((await h.say(li, '/help')).cards(li.conversationId));
      expect(chinese).to.contain(agentCardText['zh-CN'].helpTitle).and.contain(agentCardText['zh-CN'].commands.transfer.does);
    });

    it('has buttons that work like typed commands', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana);
      const help = await h.say(ana, '/help');
      const press = (command: string) => {
        const data = buttons(help, ana.conversationId).find((b) => b.command === command);
        if (!data) throw new Error(`no ${command} button`);
        return h.say(ana, '', data);
      };
      expect((await press('away')).texts(ana.conversationId)).to.deep.equal([en.nowAway]);
      expect((await press('available')).texts(ana.conversationId)).to.deep.equal([en.nowAvailable(0)]);
      expect(JSON.stringify((await press('queue')).cards(ana.conversationId))).to.contain(agentCardText['en-US'].nobodyWaiting);
      expect((await press('end')).texts(ana.conversationId)).to.deep.equal([en.notAssigned]);
    });

    // Once a bug: card-only replies were blank and the summary never reached an agent on such a channel.
    it('gives an agent on a channel without cards readable help, queue and customer summary, with commands to type', async () => {
      const h = botHarness({ now: () => mondayMorning });
      const slackAna: Party = { ...ana, channelId: 'slack' };
      await join(h, slackAna);
      expect((await h.say(slackAna, '/help')).texts(ana.conversationId).join('')).to.contain('/accept');
      expect((await h.say(slackAna, '/queue')).texts(ana.conversationId).join('')).to.contain(agentCardText['en-US'].nobodyWaiting);
      const c = customer(1);
      await h.say(c, 'Where is my parcel? Order 12345678 has not arrived');
      const offered = await h.say(c, 'agent');
      const offerText = offered.texts(ana.conversationId).join('');
      expect(offerText).to.contain('Order 12345678 has not arrived');
      const id = (await openRecord(h, c)).id;
      expect(offerText).to.contain(`/accept ${id.slice(0, 8)}`);
      expect((await h.say(slackAna, `/accept ${id.slice(0, 8)}`)).texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].agentJoined('Ana Souza')]);
      expect(offered.activities.flatMap((a) => a.attachments ?? [])).to.deep.equal([]);
    });
  });

  describe('/queue', () => {
    it('lists only the agent’s queues, VIP first, then by arrival, in the agent’s language', async () => {
      const time = clock(mondayMorning);
      const h = botHarness({ now: time.now, knowledge: 'content' });
      await join(h, ana, li);
      await h.say(customer(1), 'agent');
      time.advance(1);
      await h.say(customer(2), 'I want to make a complaint about your service');
      expect((await openRecord(h, customer(2))).queueId).to.equal('specialists');
      time.advance(1);
      await h.say(vip, 'agent');
      time.advance(3);

      const forAna = JSON.stringify((await h.say(ana, '/queue')).cards(ana.conversationId));
      expect(forAna).to.contain(agentCardText['en-US'].queueTitle(2));
      expect(forAna).to.contain('“Mei Chen” (`customer-vip`)').and.contain('customer-1');
      expect(forAna.indexOf('Mei Chen')).to.be.lessThan(forAna.indexOf('customer-1'));
      expect(forAna).to.not.contain('customer-2');
      expect(forAna).to.contain(agentCardText['en-US'].waitingFor(5));

      const forLi = JSON.stringify((await h.say(li, '/queue')).cards(li.conversationId));
      expect(forLi).to.contain(agentCardText['zh-CN'].queueTitle(3)).and.contain('customer-2').and.contain('专家团队');
      expect(forLi.indexOf('Mei Chen')).to.be.lessThan(forLi.indexOf('customer-1'));
    });

    it('offers an Accept button per customer that takes that customer', async () => {
      const time = clock(mondayMorning);
      const h = botHarness({ now: time.now });
      await join(h, ana);
      await h.say(customer(1), 'agent');
      time.advance(1);
      await h.say(customer(2), 'agent');
      const queue = await h.say(ana, '/queue');
      const second = (await openRecord(h, customer(2))).id;
      const accept = buttons(queue, ana.conversationId).find((b) => b.handoffId === second);
      expect(accept).to.deep.equal({ warmline: 'agent.command', command: 'accept', handoffId: second });
      const taken = await h.say(ana, '', accept);
      expect(taken.texts('conv-c2')[0]).to.equal(customerHandoffResponses['en-US'].agentJoined('Ana Souza'));
      expect(taken.texts('conv-c1')).to.deep.equal([]);
    });
  });

  describe('/available and /away', () => {
    it('does not offer new conversations to an away agent, and says how many wait on return', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana, li);
      expect((await h.say(ana, '/away')).texts(ana.conversationId)).to.deep.equal([en.nowAway]);
      const queued = await h.say(customer(1), 'agent');
      expect(queued.to(ana.conversationId)).to.deep.equal([]);
      expect(queued.texts(li.conversationId)[0]).to.contain('有新的对话在等待');

      expect((await h.say(li, '/away')).texts(li.conversationId)).to.deep.equal([zh.nowAway]);
      const nobody = await h.say(customer(2), 'agent');
      expect(nobody.all('conv-c2')).to.contain('Nobody from our General help team is available');
      expect(nobody.to(ana.conversationId)).to.deep.equal([]);
      expect(nobody.to(li.conversationId)).to.deep.equal([]);

      expect((await h.say(ana, '/available')).texts(ana.conversationId)).to.deep.equal([en.nowAvailable(1)]);
      const offered = await h.say(customer(3), 'agent');
      expect(offered.texts(ana.conversationId)[0]).to.contain('New conversation waiting');
    });
  });

  describe('/note and /transfer', () => {
    it('shows a note (masked) on the next agent’s card after a transfer; the customer never sees it', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana, li);
      const c = customer(1);
      await h.say(c, 'I need a real person about a refund for order 44455566');
      await h.say(ana, '/accept');
      const noted = await h.say(ana, `/note prefers e-mail; paid with ${card}`);
      expect(noted.texts(ana.conversationId)).to.deep.equal([en.noteSaved]);
      expect(noted.to(c.conversationId)).to.deep.equal([]);

      const moved = await h.say(ana, '/transfer li');
      expect(moved.texts(ana.conversationId)).to.deep.equal([en.transferred('Li Wei')]);
      const offer = JSON.stringify(moved.cards(li.conversationId));
      expect(offer).to.contain(agentCardText['zh-CN'].fields.notes).and.contain('Ana Souza: prefers e-mail; paid with •••• 1111');
      expect(offer).to.not.contain(card);
      expect(moved.texts(c.conversationId)[0]).to.equal(customerHandoffResponses['en-US'].transferring('Ana Souza', 'Li Wei'));
      expect(moved.all(c.conversationId)).to.not.contain('prefers e-mail');

      const taken = await h.say(li, '/accept');
      expect(JSON.stringify(taken.cards(li.conversationId))).to.contain('prefers e-mail');
    });

    it('/transfer specialists offers it to every specialist; an agent who does not serve that queue cannot take it', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana, li, sam);
      const c = customer(1, 'zh-CN');
      await h.say(c, '转人工');
      await h.say(ana, '/accept');
      const moved = await h.say(ana, '/transfer specialists');
      expect(moved.texts(ana.conversationId)).to.deep.equal([en.transferred('Specialists')]);
      expect(moved.texts(c.conversationId)[0]).to.equal(customerHandoffResponses['zh-CN'].transferring('Ana Souza', '专家团队'));
      expect(moved.cards(li.conversationId)).to.have.length(1);
      expect(moved.cards(sam.conversationId)).to.have.length(1);
      const record = await openRecord(h, c);
      expect(record).to.include({ state: 'transferred', queueId: 'specialists' });

      const refused = await h.say(ana, `/accept ${record.id.slice(0, 8)}`);
      expect(refused.texts(ana.conversationId)).to.deep.equal([en.notYourQueue('Specialists')]);
      expect(refused.to(c.conversationId)).to.deep.equal([]);
      const taken = await h.say(sam, '/accept');
      expect(taken.texts(c.conversationId)[0]).to.equal(customerHandoffResponses['zh-CN'].agentJoined('Sam Taylor'));
    });

    it('/transfer <agent> offers it to that agent only; nobody else may accept it', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana, li, sam);
      const c = customer(1);
      await h.say(c, 'agent');
      await h.say(ana, '/accept');
      const moved = await h.say(ana, '/transfer sam warranty question');
      expect(moved.texts(c.conversationId)[0]).to.equal(customerHandoffResponses['en-US'].transferring('Ana Souza', 'Sam Taylor'));
      expect(moved.cards(sam.conversationId)).to.have.length(1);
      expect(moved.to(li.conversationId)).to.deep.equal([]);
      const id = (await openRecord(h, c)).id;

      expect((await h.say(li, `/accept ${id}`)).texts(li.conversationId)).to.deep.equal([zh.reservedFor('Sam Taylor')]);
      expect((await h.say(li, '/accept')).texts(li.conversationId)).to.deep.equal([zh.nobodyWaiting]);
      expect((await h.say(ana, `/accept ${id}`)).texts(ana.conversationId)).to.deep.equal([en.reservedFor('Sam Taylor')]);
      const taken = await h.say(sam, '/accept');
      expect(taken.texts(c.conversationId)[0]).to.equal(customerHandoffResponses['en-US'].agentJoined('Sam Taylor'));
    });

    it('lists the choices for an unknown target, refuses a transfer to oneself, and shows usage without a target', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana, li);
      const c = customer(1);
      await h.say(c, 'agent');
      await h.say(ana, '/accept');
      expect((await h.say(ana, '/transfer nowhere')).texts(ana.conversationId)).to.deep.equal([en.unknownTarget('nowhere', 'general, orders, specialists, li, sam')]);
      expect((await h.say(ana, '/transfer ana')).texts(ana.conversationId)).to.deep.equal([en.cannotTransferToSelf]);
      expect((await h.say(ana, '/transfer')).texts(ana.conversationId)).to.deep.equal([en.missingArgument(en.usage.transfer)]);
      expect((await h.say(li, '/transfer ana')).texts(li.conversationId)).to.deep.equal([zh.notAssigned]);
      expect(await openRecord(h, c)).to.include({ state: 'assigned', agentId: 'ana' });
      // The customer heard nothing of this and is still with Ana.
      const chat = await h.say(c, 'hello?');
      expect(chat.texts(ana.conversationId)[0]).to.contain('hello?');
    });
  });

  describe('/transcript', () => {
    it('shows the customer’s and the bot’s lines with the card number masked (en)', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana);
      const c = customer(1);
      await h.say(c, 'How do I reset my password?');
      await h.say(c, `not really, it still fails with my card ${card}`);
      await h.say(c, 'agent');
      expect((await h.say(ana, '/transcript')).texts(ana.conversationId)).to.deep.equal([en.notAssigned]);
      await h.say(ana, '/accept');
      const [transcript = ''] = (await h.say(ana, '/transcript')).texts(ana.conversationId);
      expect(transcript.startsWith(en.transcriptHeader('`customer-1`'))).to.equal(true);
      expect(transcript).to.contain('Customer: How do I reset my password').and.contain('Bot: ').and.contain('Forgot password');
      expect(transcript).to.contain('Customer: not really, it still fails with my card •••• 1111');
      expect(transcript).to.not.contain(card);
    });

    it('is in Chinese for a Chinese-speaking agent', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, li);
      const c = customer(2, 'zh-CN');
      await h.say(c, '忘记密码了');
      await h.say(c, '转人工');
      await h.say(li, '/accept');
      const [transcript = ''] = (await h.say(li, '/transcript')).texts(li.conversationId);
      expect(transcript.startsWith(zh.transcriptHeader('`customer-2`'))).to.equal(true);
      expect(transcript).to.contain(`${zh.speakerCustomer}: 忘记密码了`).and.contain(`${zh.speakerBot}: `);
    });
  });

  describe('/accept', () => {
    it('refuses a second customer while the agent is busy; that customer keeps waiting', async () => {
      const time = clock(mondayMorning);
      const h = botHarness({ now: time.now });
      await join(h, ana);
      await h.say(customer(1), 'agent');
      time.advance(1);
      await h.say(customer(2), 'agent');
      await h.say(ana, '/accept');
      const refused = await h.say(ana, '/accept');
      expect(refused.texts(ana.conversationId)).to.deep.equal([en.busy('`customer-1`')]);
      expect(refused.to('conv-c2')).to.deep.equal([]);
      expect((await openRecord(h, customer(2))).state).to.equal('queued');
      const first = (await openRecord(h, customer(1))).id;
      expect((await h.say(ana, `/accept ${first.slice(0, 6)}`)).texts(ana.conversationId)).to.deep.equal([en.alreadyYours]);
    });

    it('does not let an agent take a conversation of a queue they do not serve', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana, sam);
      const c = customer(1);
      await h.say(c, 'agent');
      const id = (await openRecord(h, c)).id;
      expect((await h.say(sam, `/accept ${id}`)).texts(sam.conversationId)).to.deep.equal([en.notYourQueue('General help')]);
      expect((await h.say(sam, '/accept')).texts(sam.conversationId)).to.deep.equal([en.nobodyWaiting]);
      expect((await openRecord(h, c)).state).to.equal('queued');
    });

    it('accepts by the start of an id, and asks for more when two ids start alike', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana, li);
      await seedWaiting(h, 'abcd1111-0000-4000-8000-000000000001', customer(1), 1);
      await seedWaiting(h, 'abcd2222-0000-4000-8000-000000000002', customer(2), 2);
      expect((await h.say(ana, '/accept abcd')).texts(ana.conversationId)).to.deep.equal([en.ambiguous('abcd')]);
      expect((await h.say(li, '/accept ABCD')).texts(li.conversationId)).to.deep.equal([zh.ambiguous('abcd')]);
      const taken = await h.say(ana, '/accept abcd2');
      expect(taken.texts('conv-c2')).to.deep.equal([customerHandoffResponses['en-US'].agentJoined('Ana Souza')]);
      expect(taken.to('conv-c1')).to.deep.equal([]);
      expect(JSON.stringify(taken.cards(ana.conversationId))).to.contain('Parcel for customer-2 is late');
    });

    it('takes the conversation from the Accept button on the offer card, as /accept would', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana);
      const c = customer(1);
      const offer = await h.say(c, 'agent');
      const [accept] = buttons(offer, ana.conversationId);
      expect(accept).to.deep.equal({ warmline: 'agent.command', command: 'accept', handoffId: (await openRecord(h, c)).id });
      const taken = await h.say(ana, '', accept);
      expect(taken.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].agentJoined('Ana Souza')]);
      expect(taken.texts(ana.conversationId)[0]).to.equal(en.accepted('`customer-1`'));
      expect((await h.say(ana, '', accept)).texts(ana.conversationId)).to.deep.equal([en.alreadyYours]);
    });

    it('answers a damaged or unknown button clearly', async () => {
      const h = botHarness({ now: () => mondayMorning });
      await join(h, ana);
      expect((await h.say(ana, '', { warmline: 'agent.command', command: 'accept', handoffId: 'not an id!' })).texts(ana.conversationId)).to.deep.equal([en.missingArgument(en.usage.accept)]);
      expect((await h.say(ana, '', { warmline: 'agent.command', command: 'dance' })).texts(ana.conversationId)).to.deep.equal([en.unknownCommand('dance')]);
    });
  });

  describe('privacy between customers', () => {
    it('never shows one customer anything of another customer’s conversation (two customers, two agents)', async () => {
      const time = clock(mondayMorning);
      const h = botHarness({ now: time.now });
      const first = customer(1);
      const second = customer(2, 'zh-CN');
      const sent: Sent[] = [];
      const step = async (work: Promise<Sent>) => sent.push(await work);
      await step(h.event(ana, joinEventName, {}));
      await step(h.event(li, joinEventName, {}));
      await step(h.say(first, 'Where is my order 11112222? Email alex@example.com'));
      await step(h.say(first, 'agent'));
      time.advance(1);
      await step(h.say(second, '我的订单 33334444 还没到，电话 13800138000'));
      await step(h.say(second, '转人工'));
      await step(h.say(first, 'I also paid extra for express'));
      await step(h.say(second, '我付了加急费'));
      await step(h.say(ana, '/accept'));
      await step(h.say(li, '/accept'));
      await step(h.say(first, 'Are you there, Ana?'));
      await step(h.say(second, '李先生您好'));
      await step(h.say(ana, 'Hi Alex, order 11112222 is at the depot'));
      await step(h.say(li, '您好，订单 33334444 明天送达'));
      await step(h.say(ana, '/transcript'));
      await step(h.say(li, '/transcript'));
      await step(h.say(ana, '/end'));
      await step(h.say(li, '/end'));
      expect(await h.desk.deps.handoffs.open()).to.deep.equal([]);

      const seenBy = (conversationId: string) => sent.map((s) => s.all(conversationId)).join('\n');
      const firstSaw = seenBy(first.conversationId);
      const secondSaw = seenBy(second.conversationId);
      expect(firstSaw).to.contain('order 11112222 is at the depot');
      expect(secondSaw).to.contain('订单 33334444 明天送达');
      for (const secret of ['33334444', '13800138000', '加急', '李先生', 'Li Wei', 'customer-2']) expect(firstSaw, secret).to.not.contain(secret);
      for (const secret of ['11112222', 'alex@example.com', 'express', 'Are you there', 'Ana Souza', 'customer-1']) expect(secondSaw, secret).to.not.contain(secret);

      // Each agent saw only their own customer, too.
      const anaSaw = seenBy(ana.conversationId);
      const liSaw = seenBy(li.conversationId);
      expect(anaSaw).to.contain('Are you there, Ana?').and.to.not.contain('李先生您好');
      expect(liSaw).to.contain('李先生您好').and.to.not.contain('Are you there, Ana?');
    });
  });
});
