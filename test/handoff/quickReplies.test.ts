import { expect } from 'chai';
import { fillQuickReply, quickRepliesFor, quickReplyTemplateProblems, quickReplyValuesOf } from '../../handoff/quickReplies';
import type { QuickReply } from '../../handoff/quickReplies';

const reply = (id: string, queues?: string[]): QuickReply => ({
  id,
  title: { 'en-US': `${id} (en)`, 'zh-CN': `${id}（中文）` },
  text: { 'en-US': `Hi {customer.name}, ${id}`, 'zh-CN': `{customer.name}，您好，${id}` },
  ...(queues ? { queues } : {}),
});

describe('quick replies', () => {
  describe('quickReplyTemplateProblems', () => {
    it('accepts every known variable, with or without a fallback, and plain text', () => {
      expect(quickReplyTemplateProblems('Hi {customer.name}, I am {agent.name} ({queue.name}), order {order.id}. {customer.name|friend} {customer.name|}')).to.deep.equal([]);
      expect(quickReplyTemplateProblems('Thanks for waiting!')).to.deep.equal([]);
    });

    it('names an unknown variable, a misspelt one included, and lists the ones that exist', () => {
      const problems = quickReplyTemplateProblems('Hi {custmer.name}, your {order.number} is here');
      expect(problems.map((p) => p.message)).to.deep.equal([
        'unknown variable {custmer.name}; use one of {customer.name}, {agent.name}, {queue.name}, {order.id}',
        'unknown variable {order.number}; use one of {customer.name}, {agent.name}, {queue.name}, {order.id}',
      ]);
      expect(problems.map((p) => p.at)).to.deep.equal([3, 24]);
    });

    it('refuses an empty variable and braces that open or close nothing', () => {
      expect(quickReplyTemplateProblems('Hi {}').map((p) => p.message)).to.deep.equal(['"{}" names no variable; use one of {customer.name}, {agent.name}, {queue.name}, {order.id}']);
      expect(quickReplyTemplateProblems('Hi {customer.name').map((p) => p.message)).to.deep.equal(['"{" at character 4 is never closed with "}"']);
      expect(quickReplyTemplateProblems('Hi customer.name} :-}').map((p) => p.message)).to.have.length(2);
    });
  });

  describe('fillQuickReply', () => {
    const values = { 'customer.name': 'Mei Chen', 'agent.name': 'Ana Souza', 'queue.name': 'Orders & delivery', 'order.id': 'LM-200302' };

    it('fills every variable from the conversation', () => {
      expect(fillQuickReply("Hi {customer.name}, I'm {agent.name} from {queue.name}. Checking {order.id} now.", values)).to.equal("Hi Mei Chen, I'm Ana Souza from Orders & delivery. Checking LM-200302 now.");
      expect(fillQuickReply('{customer.name}，您好！我是{agent.name}，正在查询订单{order.id}。', values, 'zh-CN')).to.equal('Mei Chen，您好！我是Ana Souza，正在查询订单LM-200302。');
    });

    it('uses the fallback of the locale for what the conversation does not know', () => {
      expect(fillQuickReply("Hi {customer.name}, I'm {agent.name} from the {queue.name} team.", {})).to.equal("Hi there, I'm your agent from the customer service team.");
      expect(fillQuickReply('{customer.name}，您好！我是{queue.name}团队的{agent.name}。', {}, 'zh-CN')).to.equal('亲爱的顾客，您好！我是客服团队的客服。');
      // A blank value counts as unknown.
      expect(fillQuickReply('Hi {customer.name}!', { 'customer.name': '  ' })).to.equal('Hi there!');
    });

    it('leaves out an unknown order number with the space before it, and an empty fallback with its comma', () => {
      expect(fillQuickReply("I'm checking your order {order.id} now.", {})).to.equal("I'm checking your order now.");
      expect(fillQuickReply('Your order {order.id}.', {})).to.equal('Your order.');
      expect(fillQuickReply('正在查询您的订单 {order.id}，请稍候。', {}, 'zh-CN')).to.equal('正在查询您的订单，请稍候。');
      expect(fillQuickReply('Thanks for waiting, {customer.name|}. Anything else, {customer.name|}?', {})).to.equal('Thanks for waiting. Anything else?');
      expect(fillQuickReply('Thanks for waiting, {customer.name|}.', { 'customer.name': 'Mei' })).to.equal('Thanks for waiting, Mei.');
      expect(fillQuickReply('Hello {customer.name|friend}!', {})).to.equal('Hello friend!');
    });

    it('keeps the admin’s own spacing elsewhere and never reads a value as a variable', () => {
      expect(fillQuickReply('Sure :)  See you, {customer.name}.', { 'customer.name': '{agent.name}' })).to.equal('Sure :)  See you, {agent.name}.');
      expect(fillQuickReply('No variables here , really', values)).to.equal('No variables here , really');
    });

    it('leaves an unknown variable as written (publish refuses it first)', () => {
      expect(fillQuickReply('Hi {nickname}', values)).to.equal('Hi {nickname}');
    });
  });

  describe('quickReplyValuesOf', () => {
    it('takes the customer’s name and the first order number from the summary', () => {
      const summary = {
        who: { id: 'c1', name: 'Mei Chen', locale: 'en-US' as const, channelId: 'directline' },
        entities: [
          { type: 'email' as const, text: 'mei@example.com', value: 'mei@example.com' },
          { type: 'order-number' as const, text: 'order lm-200302', value: 'LM-200302' },
          { type: 'order-number' as const, text: 'LM-200303', value: 'LM-200303' },
        ],
      };
      expect(quickReplyValuesOf({ summary, agentName: 'Ana Souza', queueName: 'Orders & delivery' })).to.deep.equal({ 'customer.name': 'Mei Chen', 'agent.name': 'Ana Souza', 'queue.name': 'Orders & delivery', 'order.id': 'LM-200302' });
    });

    it('leaves out what is unknown, so the fallbacks apply', () => {
      const summary = { who: { id: 'c1', locale: 'zh-CN' as const, channelId: 'directline' }, entities: [] };
      const values = quickReplyValuesOf({ summary, agentName: 'Li Wei' });
      expect(values).to.deep.equal({ 'agent.name': 'Li Wei' });
      expect(fillQuickReply('{customer.name}，您好！我是{agent.name}。', values, 'zh-CN')).to.equal('亲爱的顾客，您好！我是Li Wei。');
    });
  });

  describe('quickRepliesFor', () => {
    const list = [reply('greeting'), reply('order-number', ['orders']), reply('warranty', ['specialists']), reply('both', ['orders', 'specialists'])];

    it('gives an agent the replies for every queue and for the queues they serve, in order, in their language', () => {
      expect(quickRepliesFor(list, { queues: ['general', 'orders'], locale: 'en-US' })).to.deep.equal([
        { id: 'greeting', title: 'greeting (en)', text: 'Hi {customer.name}, greeting' },
        { id: 'order-number', title: 'order-number (en)', text: 'Hi {customer.name}, order-number' },
        { id: 'both', title: 'both (en)', text: 'Hi {customer.name}, both' },
      ]);
      expect(quickRepliesFor(list, { queues: ['specialists'], locale: 'zh-CN' }).map((r) => [r.id, r.title])).to.deep.equal([
        ['greeting', 'greeting（中文）'],
        ['warranty', 'warranty（中文）'],
        ['both', 'both（中文）'],
      ]);
    });

    it('gives an agent of no matching queue only the replies for everyone', () => {
      expect(quickRepliesFor(list, { queues: ['general'], locale: 'en-US' }).map((r) => r.id)).to.deep.equal(['greeting']);
      expect(quickRepliesFor([], { queues: ['general'], locale: 'en-US' })).to.deep.equal([]);
    });
  });
});
