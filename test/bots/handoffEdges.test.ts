import { expect } from 'chai';
import { botHarness, mondayMorning, saturdayMorning } from '../support/botHarness';
import type { Party } from '../support/botHarness';
import { joinEventName } from '../../bots/warmlineBot';
import { agentHandoffResponses, customerHandoffResponses } from '../../handoff/responses';
import { contactResponses } from '../../dialogs/contactResponses';
import { dialogResponses } from '../../dialogs/responses';
import { resolutionResponses } from '../../dialogs/resolutionResponses';

const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' };
const li: Party = { userId: 'agent-li', conversationId: 'conv-li' };
const customer = (n: number, locale = 'en-US'): Party => ({ userId: `customer-${n}`, conversationId: `conv-c${n}`, locale });

/** Edge cases found in review: each is something a customer or an agent would notice. */
describe('handoff edge cases', () => {
  it('two quick requests for a person open one handoff and neither fails', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(1);
    await h.event(ana, joinEventName, {});
    const [first, second] = await Promise.all([h.say(c, 'agent'), h.say(c, 'agent please')]);
    const texts = [...first.texts(c.conversationId), ...second.texts(c.conversationId)].join('\n');
    expect(texts).to.not.contain('something went wrong');
    expect(await h.desk.deps.handoffs.open()).to.have.length(1);
  });

  it('asking for a person at the message-or-callback offer is honoured, not sent to the FAQ', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(2);
    await h.say(c, 'agent');
    const again = await h.say(c, 'I want to talk to a real person');
    expect(again.texts(c.conversationId).join('\n')).to.not.contain(dialogResponses['en-US'].noMatch);
    expect(again.all(c.conversationId)).to.contain('Nobody from our');
  });

  it('ignores a stale button that nothing is waiting for instead of answering it as a question', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(3);
    const sent = await h.say(c, '', { warmline: 'resolution.csat', score: 5 });
    expect(sent.activities).to.deep.equal([]);
    const agentSide = await h.say(ana, '', { foo: 1 });
    expect(agentSide.to(ana.conversationId).map((a) => a.text)).to.not.include(`**Ana Souza:** `);
  });

  it('answers a queued customer in the language they now write in', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(4);
    await h.event(ana, joinEventName, {});
    await h.say(c, 'agent');
    const zh = await h.say(c, '我的订单还没到');
    expect(zh.texts(c.conversationId)[0]).to.contain('收到');
    const cancelled = await h.say(c, '算了');
    expect(cancelled.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['zh-CN'].cancelled]);
  });

  it('shows an agent the customer messages that could not reach them, on their next turn', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(5);
    await h.event(ana, joinEventName, {});
    await h.say(c, 'agent');
    await h.say(ana, '/accept');
    h.adapter.unreachable.add(ana.conversationId);
    const delayed = await h.say(c, 'my order is 12345678 and the box was crushed');
    expect(delayed.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].relayDelayed]);
    h.adapter.unreachable.delete(ana.conversationId);
    const next = await h.say(ana, 'Are you still there?');
    expect(next.texts(ana.conversationId)[0]).to.contain('could not reach you earlier').and.contain('the box was crushed');
    const after = await h.say(ana, 'Thanks');
    expect(after.texts(ana.conversationId).join('')).to.not.contain('the box was crushed');
  });

  it('refuses a transfer nobody can take, and the customer stays with the agent', async () => {
    const h = botHarness({ now: () => saturdayMorning });
    const c = customer(6);
    await h.event(ana, joinEventName, {});
    await h.event(li, joinEventName, {});
    await h.say(li, '/away');
    await h.say(c, 'agent');
    await h.say(ana, '/accept');
    const toAway = await h.say(ana, '/transfer li please help');
    expect(toAway.texts(ana.conversationId)).to.deep.equal([agentHandoffResponses['en-US'].targetUnavailable('Li Wei')]);
    const toClosed = await h.say(ana, '/transfer specialists needs an expert');
    expect(toClosed.texts(ana.conversationId)).to.deep.equal([agentHandoffResponses['en-US'].targetUnavailable('Specialists')]);
    expect(toClosed.to(c.conversationId)).to.deep.equal([]);
    const [record] = await h.desk.deps.handoffs.open();
    expect(record).to.include({ state: 'assigned', agentId: 'ana' });
  });

  it('tells the agent when ending could not reach the customer', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(7);
    await h.event(ana, joinEventName, {});
    await h.say(c, 'agent');
    await h.say(ana, '/accept');
    h.adapter.unreachable.add(c.conversationId);
    const ended = await h.say(ana, '/end');
    expect(ended.texts(ana.conversationId)).to.include(agentHandoffResponses['en-US'].notAllDelivered);
  });

  it('an agent who ends in the group chat they share with the customer hands it back to the bot once the turn is over', async () => {
    const h = botHarness({ now: () => mondayMorning });
    // One conversation, two people: the customer and the agent (a Teams group chat, say).
    const room = 'conv-group';
    const c: Party = { userId: 'customer-group', conversationId: room, locale: 'en-US' };
    const agent: Party = { ...ana, conversationId: room };
    await h.event(agent, joinEventName, {});
    await h.say(c, 'agent');
    await h.say(agent, '/accept');
    const ended = await h.say(agent, '/end');
    // The resume waits for the agent's turn, which holds the conversation: it was not awaited inside it.
    const later: string[] = ended.texts(room);
    for (let i = 0; i < 200 && !later.join('\n').includes(resolutionResponses['en-US'].askAfterAgent('Ana Souza')); i++) {
      await new Promise((resolve) => setImmediate(resolve));
      later.push(...h.adapter.activeQueue.splice(0).map((a) => `${a.text ?? ''} ${JSON.stringify(a.attachments ?? [])}`));
    }
    expect(later.join('\n')).to.contain(customerHandoffResponses['en-US'].agentLeft('Ana Souza'));
    expect(later.join('\n')).to.contain(resolutionResponses['en-US'].askAfterAgent('Ana Souza'));
    expect(await h.desk.deps.handoffs.open()).to.deep.equal([]);
  });

  it('tells an agent who sends a file that only text reaches the customer', async () => {
    const h = botHarness({ now: () => mondayMorning });
    await h.event(li, joinEventName, {});
    h.adapter.activeQueue.splice(0);
    await h.adapter.processActivity({ type: 'message', channelId: 'directline', serviceUrl: 'https://test.invalid/', conversation: { id: li.conversationId } as never, from: { id: li.userId, name: li.userId }, recipient: { id: 'bot', name: 'bot' }, attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/a.png' }] });
    expect(h.adapter.activeQueue.splice(0).map((a) => a.text)).to.deep.equal([agentHandoffResponses['zh-CN'].textOnly]);
  });

  it('a hub that fails after accepting still lets the customer leave a message', async () => {
    const h = botHarness({ now: () => mondayMorning, hub: 'external' });
    const c = customer(8);
    await h.say(c, 'agent');
    await h.hubEvent(c, { state: 'accepted', agentName: 'Zed' });
    const failed = await h.hubEvent(c, { state: 'failed' });
    expect(failed.all(c.conversationId)).to.contain(contactResponses['en-US'].leaveMessage);
    expect(await h.desk.deps.handoffs.open()).to.deep.equal([]);
    await h.say(c, 'Leave a message');
    const taken = await h.say(c, 'please call me about my refund');
    expect(taken.all(c.conversationId)).to.contain("I've passed this on to the team");
  });

  it('puts the customer back at the front of the queue when their agent has gone silent, and tells both', async () => {
    let now = mondayMorning.getTime();
    const h = botHarness({ now: () => new Date(now) });
    const c = customer(9);
    await h.event(ana, joinEventName, {});
    await h.event(li, joinEventName, {});
    await h.say(c, 'agent');
    await h.say(ana, '/accept');
    now += 20 * 60_000;
    await h.say(ana, 'Still checking with the warehouse');
    now += 20 * 60_000;
    expect((await h.sweep()).to(c.conversationId)).to.deep.equal([]);
    now += 11 * 60_000;
    const swept = await h.sweep();
    expect(swept.texts(c.conversationId)[0]).to.equal(customerHandoffResponses['en-US'].agentCalledAway('Ana Souza'));
    expect(swept.texts(ana.conversationId)[0]).to.contain('went back to the queue');
    expect(swept.cards(li.conversationId)).to.have.length(1);
    const [record] = await h.desk.deps.handoffs.open();
    expect(record?.state).to.equal('transferred');
    expect((await h.desk.deps.presence.get('ana'))?.status).to.equal('away');
    const taken = await h.say(li, '/accept');
    expect(taken.texts(c.conversationId)[0]).to.contain('Li Wei');
  });
});
