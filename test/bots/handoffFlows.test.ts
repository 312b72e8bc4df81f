import { expect } from 'chai';
import { botHarness, mondayMorning, saturdayMorning } from '../support/botHarness';
import type { Party } from '../support/botHarness';
import { joinEventName } from '../../bots/warmlineBot';
import { customerHandoffResponses, agentHandoffResponses } from '../../handoff/responses';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { dialogResponses } from '../../dialogs/responses';

const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' };
const li: Party = { userId: 'agent-li', conversationId: 'conv-li' };
const sam: Party = { userId: 'agent-sam', conversationId: 'conv-sam' };
const customer = (n: number, locale = 'en-US', userId = `customer-${n}`): Party => ({ userId, conversationId: `conv-c${n}`, locale });

/** A clock the test moves. */
function clock(start: Date) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (minutes: number) => (now += minutes * 60_000) };
}

describe('handoff flows (whole bot, customers and agents in separate conversations)', () => {
  it('en: answer, not solved, ask for a person, agent accepts with the summary, they chat, agent ends, bot checks resolution and CSAT', async () => {
    const time = clock(mondayMorning);
    const h = botHarness({ now: time.now });
    const c = customer(1);
    const signedIn = await h.event(ana, joinEventName, { locale: 'en-US' });
    expect(signedIn.texts(ana.conversationId)[0]).to.contain('Ana Souza').and.contain('/help');

    let sent = await h.say(c, 'How do I reset my password?');
    expect(sent.texts(c.conversationId)[0]).to.contain('Forgot password');
    expect(sent.all(c.conversationId)).to.contain(resolutionResponses['en-US'].askAfterAnswer);

    sent = await h.say(c, 'not really, it still fails with my card 4111 1111 1111 1111');
    expect(sent.texts(c.conversationId)).to.deep.equal([dialogResponses['en-US'].tryAgain]);

    time.advance(2);
    sent = await h.say(c, 'agent');
    expect(sent.texts(c.conversationId)[0]).to.contain("I'm connecting you with a person").and.contain('number 1 in line');
    const offer = sent.all(ana.conversationId);
    expect(offer).to.contain('agent.command').and.contain('accept');
    expect(offer).to.contain('How do I reset my password');
    expect(offer).to.not.contain('4111 1111 1111 1111');

    time.advance(1);
    sent = await h.say(ana, '/accept');
    expect(sent.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].agentJoined('Ana Souza')]);
    expect(sent.texts(ana.conversationId)[0]).to.contain("You're connected with");
    expect(sent.cards(ana.conversationId)).to.have.length(1);

    sent = await h.say(c, 'My order 12345678 still has not arrived');
    expect(sent.texts(ana.conversationId)[0]).to.contain('My order 12345678 still has not arrived');
    expect(sent.texts(c.conversationId)).to.deep.equal([]);

    sent = await h.say(ana, 'I can see it at the depot; it will arrive tomorrow.');
    expect(sent.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].agentSays('Ana Souza', 'I can see it at the depot; it will arrive tomorrow.')]);

    sent = await h.say(ana, '/end');
    expect(sent.texts(ana.conversationId)[0]).to.contain('ended');
    expect(sent.texts(c.conversationId)[0]).to.equal(customerHandoffResponses['en-US'].agentLeft('Ana Souza'));
    expect(sent.all(c.conversationId)).to.contain(resolutionResponses['en-US'].askAfterAgent('Ana Souza'));

    sent = await h.say(c, 'yes, thanks');
    expect(sent.all(c.conversationId)).to.contain(resolutionResponses['en-US'].askCsat);
    sent = await h.say(c, '5');
    expect(sent.texts(c.conversationId)).to.deep.equal([resolutionResponses['en-US'].thanksHigh]);

    const [record] = await h.desk.deps.handoffs.open();
    expect(record).to.equal(undefined);
  });

  it('zh: 转人工 while the bot is asking something, the agent works in Chinese, 算了 is not needed, the bot comes back', async () => {
    const time = clock(mondayMorning);
    const h = botHarness({ now: time.now });
    const c = customer(2, 'zh-CN');
    await h.event(li, joinEventName, { locale: 'zh-CN' });
    let sent = await h.say(c, '忘记密码了');
    expect(sent.all(c.conversationId)).to.contain(resolutionResponses['zh-CN'].askAfterAnswer);
    sent = await h.say(c, '转人工');
    expect(sent.texts(c.conversationId)[0]).to.contain('正在为您转接').and.contain('第 1 位');
    expect(sent.texts(li.conversationId)[0]).to.contain('有新的对话在等待');
    sent = await h.say(li, '/accept');
    expect(sent.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['zh-CN'].agentJoined('Li Wei')]);
    sent = await h.say(c, '我的订单号是 12345678');
    expect(sent.texts(li.conversationId)[0]).to.contain('12345678');
    sent = await h.say(li, '已经为您查到了');
    expect(sent.texts(c.conversationId)[0]).to.contain('已经为您查到了');
    sent = await h.say(li, '/end');
    expect(sent.all(c.conversationId)).to.contain(resolutionResponses['zh-CN'].askAfterAgent('Li Wei'));
    sent = await h.say(c, '还是不行');
    expect(sent.all(c.conversationId)).to.contain(dialogResponses['zh-CN'].offerPerson);
  });

  it('"never mind" while queued leaves the queue and agents are told; the customer is back with the bot', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(3);
    await h.event(ana, joinEventName, {});
    await h.say(c, 'I want to talk to a human');
    const sent = await h.say(c, 'never mind');
    expect(sent.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].cancelled]);
    expect(sent.texts(ana.conversationId)[0]).to.contain('no longer needs a person');
    expect(await h.desk.deps.handoffs.open()).to.deep.equal([]);
    const after = await h.say(c, 'How do I reset my password?');
    expect(after.texts(c.conversationId)[0]).to.contain('Forgot password');
  });

  it('keeps what the customer writes while queued and shows it to the agent who accepts', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(4);
    await h.event(ana, joinEventName, {});
    await h.say(c, 'real person please');
    const kept = await h.say(c, 'It is about order 55501234, the lamp arrived broken');
    expect(kept.texts(c.conversationId)[0]).to.contain("I've added that");
    const accepted = await h.say(ana, '/accept');
    expect(JSON.stringify(accepted.cards(ana.conversationId))).to.contain('the lamp arrived broken');
  });

  it('after hours: says so honestly before promising anyone and books a callback at the time the customer names', async () => {
    const h = botHarness({ now: () => saturdayMorning, knowledge: 'content' });
    const c = customer(5);
    await h.event(sam, joinEventName, {});
    // A complaint goes to the specialists, who are closed on Saturdays.
    let sent = await h.say(c, 'I want to make a complaint about your service');
    const text = sent.all(c.conversationId);
    expect(text).to.contain('closed right now');
    expect(text).to.not.contain("I'm connecting you");
    sent = await h.say(c, 'Book a callback');
    expect(sent.all(c.conversationId)).to.contain('When would you like us to call you');
    sent = await h.say(c, 'Monday at 10am');
    expect(sent.all(c.conversationId)).to.contain('What number should we call');
    sent = await h.say(c, '+44 20 7946 0958');
    expect(sent.all(c.conversationId)).to.contain('Booked').and.contain('Monday');
    const tickets = await h.desk.deps.tickets.list({});
    expect(tickets).to.have.length(1);
    expect(tickets[0]).to.include({ kind: 'callback', queueId: 'specialists' });
    expect(tickets[0]?.callbackAt).to.equal('2026-11-30T10:00:00.000Z');
  });

  it('no agent signed in: says so and takes a message in Chinese', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(6, 'zh-CN');
    let sent = await h.say(c, '人工客服');
    expect(sent.all(c.conversationId)).to.contain('目前没有客服人员在线');
    sent = await h.say(c, '留言');
    expect(sent.all(c.conversationId)).to.contain('请告诉我们您想说的内容');
    sent = await h.say(c, '请尽快联系我，我的邮箱是 wang@example.com');
    expect(sent.all(c.conversationId)).to.contain('请尽快联系我');
    const [ticket] = await h.desk.deps.tickets.list({});
    expect(ticket?.kind).to.equal('message');
    expect(ticket?.message).to.contain('wang@example.com');
  });

  it('offers a person after two unanswered questions and hands over on yes', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(7);
    await h.event(ana, joinEventName, {});
    await h.say(c, 'zzqx blorf');
    const second = await h.say(c, 'wibble wobble plonk');
    expect(second.all(c.conversationId)).to.contain(dialogResponses['en-US'].offerPerson);
    const yes = await h.say(c, 'yes please');
    expect(yes.texts(c.conversationId)[0]).to.contain("I'm connecting you");
    const [record] = await h.desk.deps.handoffs.open();
    expect(record?.reason).to.equal('repeated-no-match');
  });

  it('serves a VIP first even when they arrived last, and tells the others their new position', async () => {
    const time = clock(mondayMorning);
    const h = botHarness({ now: time.now });
    await h.event(ana, joinEventName, {});
    await h.say(customer(8), 'agent');
    time.advance(1);
    await h.say(customer(9), 'agent');
    time.advance(1);
    const vip: Party = { userId: 'customer-vip', conversationId: 'conv-vip', locale: 'en-US' };
    const sent = await h.say(vip, 'agent');
    expect(sent.texts(vip.conversationId)[0]).to.contain('number 1 in line');
    expect(sent.texts('conv-c8')[0]).to.contain('number 2');
    expect(sent.texts('conv-c9')[0]).to.contain('number 3');
    const accepted = await h.say(ana, '/accept');
    expect(accepted.texts('conv-vip')[0]).to.contain('Ana Souza has joined');
    expect(accepted.texts('conv-c8')[0]).to.contain('number 1');
  });

  it('times out a long wait with an apology and the offer of a message or callback', async () => {
    const time = clock(mondayMorning);
    const h = botHarness({ now: time.now });
    const c = customer(10);
    await h.event(ana, joinEventName, {});
    await h.say(c, 'agent');
    time.advance(11);
    const sent = await h.sweep();
    expect(sent.all(c.conversationId)).to.contain("I'm sorry you've waited so long").and.contain('Leave a message');
    const [ticketless] = await h.desk.deps.handoffs.open();
    expect(ticketless).to.equal(undefined);
  });

  it('transfers warmly: the next agent gets a fresh summary with the note, the customer is told', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(11);
    await h.event(ana, joinEventName, {});
    await h.event(li, joinEventName, {});
    await h.say(c, 'I need a real person about a refund for order 44455566');
    await h.say(ana, '/accept');
    const sent = await h.say(ana, '/transfer li refund above my limit, customer already sent photos');
    expect(sent.texts(c.conversationId)[0]).to.contain('Ana Souza is passing you to Li Wei');
    expect(JSON.stringify(sent.cards(li.conversationId))).to.contain('refund above my limit');
    const taken = await h.say(li, '/accept');
    expect(taken.texts(c.conversationId)[0]).to.contain('Li Wei');
  });

  it('refuses agent commands from customers and bad commands from agents, clearly', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(12);
    await h.event(ana, joinEventName, {});
    let sent = await h.say(c, '/accept');
    expect(sent.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].commandsAreForAgents]);
    sent = await h.say(ana, '/dance');
    expect(sent.texts(ana.conversationId)).to.deep.equal([agentHandoffResponses['en-US'].unknownCommand('dance')]);
    sent = await h.say(ana, '/accept 00000000');
    expect(sent.texts(ana.conversationId)).to.deep.equal([agentHandoffResponses['en-US'].notFound('00000000')]);
    sent = await h.say(ana, 'hello?');
    expect(sent.texts(ana.conversationId)).to.deep.equal([agentHandoffResponses['en-US'].notAssigned]);
    sent = await h.say(ana, '/end');
    expect(sent.texts(ana.conversationId)).to.deep.equal([agentHandoffResponses['en-US'].notAssigned]);
  });

  it('tells the second agent who took a conversation, and a finished one is not accepted again', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(13);
    await h.event(ana, joinEventName, {});
    await h.event(li, joinEventName, {});
    await h.say(c, 'agent');
    const [record] = await h.desk.deps.handoffs.open();
    const id = record?.id.slice(0, 8) ?? '';
    await h.say(ana, `/accept ${id}`);
    const late = await h.say(li, `/accept ${id}`);
    expect(late.texts(li.conversationId)).to.deep.equal([agentHandoffResponses['zh-CN'].takenBy('Ana Souza')]);
    await h.say(ana, '/end');
    const again = await h.say(li, `/accept ${record?.id ?? ''}`);
    expect(again.texts(li.conversationId)[0]).to.contain('不在等待');
  });

  it('remembers what the bot solved, so a later agent sees it among earlier contacts', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const first: Party = { userId: 'customer-14', conversationId: 'conv-c14a', locale: 'en-US' };
    await h.event(ana, joinEventName, {});
    await h.say(first, 'How do I reset my password?');
    await h.say(first, 'yes');
    await h.say(first, 'skip');
    const later: Party = { ...first, conversationId: 'conv-c14b' };
    await h.say(later, 'agent');
    const [record] = await h.desk.deps.handoffs.open();
    expect(record?.summary.earlierContacts.map((c) => c.outcome)).to.deep.equal(['resolved-by-bot']);
    const topics = await h.resolutions.topics(['account']);
    expect(topics[0]?.resolvedByBot).to.equal(1);
  });

  it('takes "please have a real person call me" as the message itself, not as a new request', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(15);
    await h.say(c, 'agent');
    await h.say(c, 'Leave a message');
    const sent = await h.say(c, 'Please have a real person call me back about order 77788899');
    expect(sent.all(c.conversationId)).to.contain("I've passed this on to the team");
    const [ticket] = await h.desk.deps.tickets.list({});
    expect(ticket?.message).to.contain('order 77788899');
    // Afterwards, asking for a person works again.
    const again = await h.say(c, 'agent');
    expect(again.all(c.conversationId)).to.contain('Nobody from our');
  });
});
