import { expect } from 'chai';
import path from 'node:path';
import { botHarness, contentDir, mondayMorning, shippedFlows } from '../support/botHarness';
import type { Party } from '../support/botHarness';
import { joinEventName } from '../../bots/warmlineBot';
import { topicTriggerEntries } from '../../flows/topicTriggers';
import { loadRouting } from '../../handoff/routingLoader';
import type { FaqService } from '../../knowledge/faqService';
import { openFaqService } from '../../knowledge/openFaqService';

/**
 * A delivery problem reaches the Orders & delivery queue, in English and Chinese, whether the bot
 * answered it, offered "Did you mean…?", or started the where-is-my-order topic. The FAQ is the
 * shipped knowledge with the shipped topics' trigger queries matched alongside, as the server runs it.
 */
describe('a delivery problem goes to Orders & delivery', () => {
  let faq: FaqService;
  before(() => {
    faq = openFaqService(path.join(contentDir, 'knowledge'));
    faq.publishTopics(topicTriggerEntries(shippedFlows(loadRouting(path.join(contentDir, 'routing.yaml')))));
  });

  const cases: readonly { readonly locale: 'en-US' | 'zh-CN'; readonly said: string; readonly askPerson: string; readonly queueName: string }[] = [
    // "Did you mean…?": the late-parcel answer or the where-is-my-order topic; the customer picks neither.
    { locale: 'en-US', said: 'my parcel never arrived', askPerson: 'agent', queueName: 'Orders & delivery' },
    // The where-is-my-order topic starts and asks for the order number.
    { locale: 'en-US', said: 'where is my order', askPerson: 'agent', queueName: 'Orders & delivery' },
    { locale: 'zh-CN', said: '快递还没到', askPerson: '转人工', queueName: '订单与配送' },
    { locale: 'zh-CN', said: '我的包裹丢了', askPerson: '人工客服', queueName: '订单与配送' },
  ];
  for (const { locale, said, askPerson, queueName } of cases) {
    it(`${locale}: "${said}", then "${askPerson}"`, async () => {
      const h = botHarness({ now: () => mondayMorning, faq });
      const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' };
      const customer: Party = { userId: 'customer-1', conversationId: 'conv-c1', locale };
      await h.event(ana, joinEventName, { locale: 'en-US' });
      await h.say(customer, said);
      const sent = await h.say(customer, askPerson);
      expect(sent.texts(customer.conversationId)[0]).to.contain(queueName);
      const [record] = await h.desk.deps.handoffs.open();
      expect(record?.queueId).to.equal('orders');
      // The agent who serves the queue is offered the customer.
      expect(sent.all(ana.conversationId)).to.contain(said);
    });
  }

  it('a question about something else still goes where its own topic says', async () => {
    const h = botHarness({ now: () => mondayMorning, faq });
    const customer: Party = { userId: 'customer-2', conversationId: 'conv-c2', locale: 'en-US' };
    await h.event({ userId: 'agent-ana', conversationId: 'conv-ana' }, joinEventName, {});
    await h.say(customer, 'How do I reset my password?');
    const sent = await h.say(customer, 'agent');
    expect(sent.texts(customer.conversationId)[0]).to.contain('General help');
  });
});
