import { expect } from 'chai';
import { botHarness, mondayMorning } from '../support/botHarness';
import type { BotHarness, Party } from '../support/botHarness';
import { joinEventName } from '../../bots/warmlineBot';
import { botResponses } from '../../bots/responses';
import type { DeskEvent } from '../../handoff/deskEvents';
import { agentHandoffResponses, customerHandoffResponses, followResponses } from '../../handoff/responses';

const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' };
const li: Party = { userId: 'agent-li', conversationId: 'conv-li', locale: 'zh-CN' };

/** A customer whose handoff Ana (or Li, in Chinese) has accepted, with the desk's live events recorded. */
async function withAgent(locale: 'en-US' | 'zh-CN'): Promise<{ h: BotHarness; agent: Party; first: Party; events: DeskEvent[] }> {
  const h = botHarness({ now: () => mondayMorning });
  const events: DeskEvent[] = [];
  h.desk.events.subscribe((event) => events.push(event));
  const agent = locale === 'en-US' ? ana : li;
  const first: Party = { userId: `dl_robin_${locale}`, conversationId: `conv-first-${locale}`, locale };
  await h.event(agent, joinEventName, { locale });
  await h.event(first, joinEventName, { locale });
  await h.say(first, locale === 'en-US' ? 'agent' : '转人工');
  await h.say(agent, '/accept');
  return { h, agent, first, events };
}

const agentNames = { 'en-US': 'Ana Souza', 'zh-CN': 'Li Wei' } as const;

describe('a handoff follows the customer (whole bot)', () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: "Start a new chat" while with an agent links the new chat: the agent keeps the customer and is told, no second handoff, no greeting`, async () => {
      const { h, agent, first, events } = await withAgent(locale);
      const second: Party = { ...first, conversationId: `conv-second-${locale}` };
      const joined = await h.event(second, joinEventName, { locale, continues: first.conversationId });
      expect(joined.texts(second.conversationId)).to.deep.equal([followResponses[locale].stillConnected(agentNames[locale])]);
      expect(joined.texts(second.conversationId)).to.not.include(botResponses[locale].welcome);
      expect(joined.texts(agent.conversationId)).to.have.length(1);
      expect(joined.texts(agent.conversationId)[0]).to.equal(followResponses[locale].agentMoved(`\`${first.userId}\``));
      const open = await h.desk.deps.handoffs.open();
      expect(open).to.have.length(1);
      expect(open[0]?.customer.address.conversation.id).to.equal(second.conversationId);
      expect(events).to.deep.include({ type: 'session', handoffId: open[0]?.id, agentId: agent.userId.replace('agent-', ''), change: 'customer-back' });

      // Both ways now run through the new chat.
      const words = locale === 'en-US' ? 'Still there?' : '还在吗？';
      const relayed = await h.say(agent, words);
      expect(relayed.texts(second.conversationId)).to.deep.equal([customerHandoffResponses[locale].agentSays(agentNames[locale], words)]);
      expect(relayed.to(first.conversationId)).to.deep.equal([]);
      const reply = await h.say(second, locale === 'en-US' ? 'yes, here' : '在的');
      expect(reply.all(agent.conversationId)).to.contain(locale === 'en-US' ? 'yes, here' : '在的');
    });
  }

  it('the same customer asking again from another conversation on a channel that proves user ids (Teams) keeps the one handoff, which follows them (queued and assigned)', async () => {
    const h = botHarness({ now: () => mondayMorning });
    await h.event(ana, joinEventName, { locale: 'en-US' });
    const first: Party = { userId: 'teams-user-1', conversationId: 'conv-a', locale: 'en-US', channelId: 'msteams' };
    const other: Party = { ...first, conversationId: 'conv-b' };
    await h.say(first, 'agent');
    const queuedAgain = await h.say(other, 'agent');
    expect(queuedAgain.texts(other.conversationId)[0]).to.contain("You're already in line for a person");
    expect(await h.desk.deps.handoffs.open()).to.have.length(1);
    await h.say(ana, '/accept');
    const third: Party = { ...first, conversationId: 'conv-c' };
    const assignedAgain = await h.say(third, 'I want to talk to a real person');
    expect(assignedAgain.texts(third.conversationId)).to.deep.equal([followResponses['en-US'].stillConnected('Ana Souza')]);
    expect(assignedAgain.texts(ana.conversationId)[0]).to.contain('started a new chat');
    const open = await h.desk.deps.handoffs.open();
    expect(open.map((r) => r.customer.address.conversation.id)).to.deep.equal(['conv-c']);
  });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: on Direct Line, where a user id is only claimed, the same id asking from another chat gets no second handoff and does not take the agent`, async () => {
      const { h, agent, first } = await withAgent(locale);
      const other: Party = { ...first, conversationId: `conv-other-${locale}` };
      await h.event(other, joinEventName, { locale });
      const asked = await h.say(other, locale === 'en-US' ? 'agent' : '转人工');
      expect(asked.texts(other.conversationId)).to.deep.equal([followResponses[locale].openElsewhere]);
      expect(asked.to(agent.conversationId)).to.deep.equal([]);
      const open = await h.desk.deps.handoffs.open();
      expect(open).to.have.length(1);
      expect(open[0]?.customer.address.conversation.id).to.equal(first.conversationId);
    });
  }

  it('a new chat that names a conversation of someone else, or with no open handoff, is greeted as usual and links nothing', async () => {
    const { h, first } = await withAgent('en-US');
    const stranger: Party = { userId: 'dl_stranger', conversationId: 'conv-stranger', locale: 'en-US' };
    const joined = await h.event(stranger, joinEventName, { locale: 'en-US', continues: first.conversationId });
    expect(joined.texts(stranger.conversationId)).to.deep.equal([botResponses['en-US'].welcome]);
    expect((await h.desk.deps.handoffs.open())[0]?.customer.address.conversation.id).to.equal(first.conversationId);
    const fresh: Party = { userId: 'dl_nobody', conversationId: 'conv-new-nobody', locale: 'en-US' };
    const greeted = await h.event(fresh, joinEventName, { locale: 'en-US', continues: 'conv-old-nobody' });
    expect(greeted.texts(fresh.conversationId)).to.deep.equal([botResponses['en-US'].welcome]);
  });

  it('a reload (the same conversation joins again) neither greets again nor opens a second handoff', async () => {
    const { h, agent, first } = await withAgent('en-US');
    const rejoined = await h.event(first, joinEventName, { locale: 'en-US' });
    expect(rejoined.activities).to.deep.equal([]);
    const again = await h.say(first, 'agent');
    expect(again.texts(agent.conversationId)).to.have.length(1);
    expect(await h.desk.deps.handoffs.open()).to.have.length(1);
  });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: the customer ending the conversation is shown to the agent once, and writing again brings them back`, async () => {
      const { h, agent, first, events } = await withAgent(locale);
      const left = await h.send(first, { type: 'endOfConversation' });
      const label = `\`${first.userId}\``;
      expect(left.texts(agent.conversationId)).to.deep.equal([followResponses[locale].agentLeft(label)]);
      const [record] = await h.desk.deps.handoffs.open();
      expect(record?.customerPresence).to.deep.include({ present: false, why: 'conversation-ended' });
      expect(events.filter((e) => e.type === 'session').map((e) => (e as { change: string }).change)).to.include('customer-left');
      const twice = await h.send(first, { type: 'endOfConversation' });
      expect(twice.texts(agent.conversationId)).to.deep.equal([]);

      const back = await h.say(first, locale === 'en-US' ? 'sorry, I am back' : '不好意思，我回来了');
      const texts = back.texts(agent.conversationId);
      expect(texts[0]).to.equal(followResponses[locale].agentBack(label));
      expect(texts[1]).to.equal(agentHandoffResponses[locale].customerSays(label, locale === 'en-US' ? 'sorry, I am back' : '不好意思，我回来了'));
      expect((await h.desk.deps.handoffs.open())[0]?.customerPresence?.present).to.equal(true);
      expect(events.filter((e) => e.type === 'session').map((e) => (e as { change: string }).change)).to.include('customer-back');
    });
  }
});
