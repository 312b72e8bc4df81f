import { expect } from 'chai';
import { botHarness, mondayMorning } from '../support/botHarness';
import type { Party } from '../support/botHarness';
import { joinEventName } from '../../bots/warmlineBot';
import { customerHandoffResponses } from '../../handoff/responses';

const onTeams = (userId: string, conversationId: string, locale = 'en-US'): Party => ({ userId, conversationId, channelId: 'msteams', locale });
const ana = onTeams('agent-ana', 'teams-ana');
const li = onTeams('agent-li', 'teams-li', 'zh-CN');

/** The Accept buttons of the cards sent to a conversation. */
function acceptButtons(cards: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Execute' || (n.type === 'Action.Submit' && JSON.stringify(n.data).includes('accept'))) found.push(n);
      else Object.values(n).forEach(walk);
    }
  };
  walk(cards);
  return found;
}

describe('agents on Teams: card buttons are Universal Actions (Action.Execute, adaptiveCard/action)', () => {
  it('en: the waiting customer comes as a card with an Execute Accept; pressing it answers with the accepted card and connects the customer', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const customer: Party = { userId: 'customer-1', conversationId: 'conv-c1', locale: 'en-US' };
    await h.event(ana, joinEventName, { locale: 'en-US' });
    const queued = await h.say(customer, 'I want to talk to a human');
    const [button] = acceptButtons(queued.cards(ana.conversationId));
    const [record] = await h.desk.deps.handoffs.open();
    expect(button).to.deep.include({ type: 'Action.Execute', verb: 'accept', data: { handoffId: record?.id } });

    const pressed = await h.invoke(ana, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'accept', data: { handoffId: record?.id } }, trigger: 'manual' });
    const answer = pressed.invokeResponse(ana.conversationId);
    expect(answer?.status).to.equal(200);
    expect(answer?.body?.statusCode).to.equal(200);
    expect(answer?.body?.type).to.equal('application/vnd.microsoft.card.adaptive');
    const card = answer?.body?.value as { version: string; body: { text?: string }[]; actions?: unknown[] };
    expect(card.version).to.equal('1.4');
    expect(card.body[0]?.text).to.contain("You're now helping");
    expect(acceptButtons([card])).to.deep.equal([]);
    // The card was updated in place; the confirmation still arrives as a message, and the customer is told.
    expect(pressed.texts(ana.conversationId)[0]).to.contain("You're connected with");
    expect(pressed.cards(ana.conversationId)).to.deep.equal([]);
    expect(pressed.texts(customer.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].agentJoined('Ana Souza')]);
    expect((await h.desk.deps.handoffs.open())[0]?.state).to.equal('assigned');
  });

  it('zh: a second agent pressing Accept on a taken customer is told who has them, under the card', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const customer: Party = { userId: 'customer-2', conversationId: 'conv-c2', locale: 'zh-CN' };
    await h.event(ana, joinEventName, { locale: 'en-US' });
    await h.event(li, joinEventName, { locale: 'zh-CN' });
    await h.say(customer, '转人工');
    const [record] = await h.desk.deps.handoffs.open();
    const press = { action: { type: 'Action.Execute', verb: 'accept', data: { handoffId: record?.id } }, trigger: 'manual' };
    await h.invoke(ana, 'adaptiveCard/action', press);
    const late = await h.invoke(li, 'adaptiveCard/action', press);
    const answer = late.invokeResponse(li.conversationId);
    expect(answer?.body?.type).to.equal('application/vnd.microsoft.activity.message');
    expect(answer?.body?.value).to.be.a('string').and.contain('Ana Souza');
    expect(late.texts(li.conversationId)[0]).to.contain('Ana Souza');
  });

  it('other buttons run their command and answer with a line; customers and malformed actions get 400', async () => {
    const h = botHarness({ now: () => mondayMorning });
    await h.event(ana, joinEventName, { locale: 'en-US' });
    const away = await h.invoke(ana, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'away', data: {} }, trigger: 'manual' });
    expect(away.invokeResponse(ana.conversationId)?.body?.type).to.equal('application/vnd.microsoft.activity.message');
    expect(away.invokeResponse(ana.conversationId)?.body?.value).to.equal(away.texts(ana.conversationId)[0]);
    expect((await h.desk.deps.presence.get('ana'))?.status).to.equal('away');

    const customer = onTeams('customer-3', 'conv-c3');
    const refused = await h.invoke(customer, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'accept', data: {} } });
    expect(refused.invokeResponse(customer.conversationId)).to.deep.include({ status: 400 });
    expect(refused.invokeResponse(customer.conversationId)?.body?.type).to.equal('application/vnd.microsoft.error');
    expect(refused.texts(customer.conversationId)).to.deep.equal([]);
    const malformed = await h.invoke(ana, 'adaptiveCard/action', { nothing: true });
    expect(malformed.invokeResponse(ana.conversationId)?.status).to.equal(400);
  });

  it('Web Chat agents keep Action.Submit buttons', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const webAna: Party = { userId: 'agent-ana', conversationId: 'web-ana', locale: 'en-US' };
    await h.event(webAna, joinEventName, { locale: 'en-US' });
    const queued = await h.say({ userId: 'customer-4', conversationId: 'conv-c4' }, 'agent');
    const buttons = acceptButtons(queued.cards(webAna.conversationId));
    expect(buttons.length).to.be.greaterThan(0);
    expect(buttons.every((b) => b.type === 'Action.Submit')).to.equal(true);
  });

  it('in a Teams team or group chat the @mention of the bot is not part of the command', async () => {
    const h = botHarness({ now: () => mondayMorning });
    await h.event(ana, joinEventName, { locale: 'en-US' });
    await h.adapter.processActivity({
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'https://test.invalid/',
      conversation: { id: 'teams-ana', isGroup: true, conversationType: 'channel', name: '' },
      from: { id: 'agent-ana', name: 'Ana' },
      recipient: { id: 'warmline-bot', name: 'Warmline' },
      text: '<at>Warmline</at> /away',
      entities: [{ type: 'mention', mentioned: { id: 'warmline-bot', name: 'Warmline' }, text: '<at>Warmline</at>' }],
    });
    expect((await h.desk.deps.presence.get('ana'))?.status).to.equal('away');
  });
});
