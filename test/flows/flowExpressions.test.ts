import { expect } from 'chai';
import {
  evaluateCondition,
  evaluateExpression,
  evaluateValue,
  expressionErrorCodes,
  ExpressionError,
  expressionReferences,
  interpolate,
  interpolateJson,
  parseExpression,
} from '../../flows/flowExpressions';
import type { FlowMemory } from '../../flows/flowExpressions';

const memory: FlowMemory = {
  topic: { orderNumber: 'LM-123456', order: { body: { status: 'late', items: [{ name: 'Kettle' }, { name: '水壶' }] } }, quantity: 2 },
  conversation: { tier: 'vip' },
  user: { locale: 'zh-CN' },
  turn: { text: '我的订单到哪了', locale: 'zh-CN' },
  system: { channel: 'webchat' },
  customer: { name: '王芳', tier: 'gold' },
};

function thrown(fn: () => unknown): ExpressionError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(ExpressionError);
    return err as ExpressionError;
  }
  expect.fail('nothing was thrown');
}

describe('flow expressions', () => {
  describe('conditions and values', () => {
    it('reads every scope', () => {
      expect(evaluateCondition({ expression: "topic.order.body.status == 'late' && conversation.tier == 'vip'" }, memory)).to.deep.equal({ ok: true, value: true });
      expect(evaluateCondition({ expression: "customer.tier == 'gold' && system.channel == 'webchat'" }, memory)).to.deep.equal({ ok: true, value: true });
      expect(evaluateCondition({ expression: "user.locale == 'en-US'" }, memory)).to.deep.equal({ ok: true, value: false });
      expect(evaluateExpression("concat('/orders/', topic.orderNumber)", memory)).to.deep.equal({ ok: true, value: '/orders/LM-123456' });
      expect(evaluateExpression('topic.quantity * 3', memory)).to.deep.equal({ ok: true, value: 6 });
    });

    it('compares Chinese text', () => {
      expect(evaluateCondition({ expression: "contains(turn.text, '订单')" }, memory)).to.deep.equal({ ok: true, value: true });
      expect(evaluateExpression("concat(customer.name, '，您好')", memory)).to.deep.equal({ ok: true, value: '王芳，您好' });
    });

    it('treats a missing variable as nothing, not as a failure', () => {
      expect(evaluateCondition({ expression: 'topic.email == null' }, memory)).to.deep.equal({ ok: true, value: true });
      expect(evaluateCondition({ expression: 'topic.email' }, memory)).to.deep.equal({ ok: true, value: false });
      expect(evaluateCondition({ expression: 'topic.quantity' }, memory)).to.deep.equal({ ok: true, value: true });
    });

    it('turns a failure into a coded result instead of throwing', () => {
      const divided = evaluateExpression('div(topic.quantity, 0)', memory);
      expect(divided).to.include({ ok: false, code: expressionErrorCodes.evaluation });
      const broken = evaluateCondition({ expression: 'topic.quantity ==' }, memory);
      expect(broken).to.include({ ok: false, code: expressionErrorCodes.syntax });
      expect(broken.ok ? '' : broken.message).to.contain('"=topic.quantity =="');
    });

    it('gives a literal back as written and evaluates an expression', () => {
      expect(evaluateValue('=topic.quantity', memory)).to.deep.equal({ ok: true, value: '=topic.quantity' });
      expect(evaluateValue(null, memory)).to.deep.equal({ ok: true, value: null });
      expect(evaluateValue({ expression: 'topic.quantity + 1' }, memory)).to.deep.equal({ ok: true, value: 3 });
    });
  });

  describe('parseExpression', () => {
    it('names the expression that does not parse', () => {
      const error = thrown(() => parseExpression("topic.order.body.status == 'late"));
      expect(error.code).to.equal(expressionErrorCodes.syntax);
      expect(error.message).to.match(/^"=topic\.order\.body\.status == 'late" is not a valid expression: /);
    });

    it('names an unknown function', () => {
      expect(thrown(() => parseExpression('lookupOrder(topic.orderNumber)')).message).to.contain('lookupOrder');
    });

    it('refuses an expression that writes memory', () => {
      const error = thrown(() => parseExpression("setPathToValue(customer.tier, 'vip')"));
      expect(error.code).to.equal(expressionErrorCodes.sideEffect);
      expect(error.message).to.contain('SetVariable');
    });
  });

  describe('interpolate', () => {
    it('fills expressions into English and Chinese texts', () => {
      expect(interpolate('Order ${topic.orderNumber} is ${topic.order.body.status}.', memory)).to.deep.equal({ value: 'Order LM-123456 is late.', failures: [] });
      expect(interpolate('${customer.name}，您的订单 ${topic.orderNumber} 共 ${topic.quantity} 件。', memory).value).to.equal('王芳，您的订单 LM-123456 共 2 件。');
    });

    it('shows lists as items, missing values as nothing, and keeps an escaped "${"', () => {
      expect(interpolate("Items: ${foreach(topic.order.body.items, x, x.name)}", memory).value).to.equal('Items: Kettle, 水壶');
      expect(interpolate('Email: ${topic.email}.', memory).value).to.equal('Email: .');
      expect(interpolate('Write \\${name} to use a variable', memory).value).to.equal('Write ${name} to use a variable');
    });

    it('reads braces and quotes inside an expression as part of it', () => {
      expect(interpolate("${concat('{', topic.orderNumber, '}')}!", memory).value).to.equal('{LM-123456}!');
    });

    it('leaves a failing part empty and reports it, never showing the expression', () => {
      const result = interpolate('Total: ${div(topic.quantity, 0)} items', memory);
      expect(result.value).to.equal('Total:  items');
      expect(result.failures).to.have.length(1);
      expect(result.failures[0]?.message).to.contain('div(topic.quantity, 0)');
    });

    it('reports an unclosed "${" and shows the text unchanged', () => {
      const result = interpolate('Order ${topic.orderNumber is late', memory);
      expect(result.value).to.equal('Order ${topic.orderNumber is late');
      expect(result.failures[0]?.message).to.contain('never closed');
    });

    it('fills strings inside card JSON and keeps everything else', () => {
      const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '订单 ${topic.orderNumber}', wrap: true, size: 2 }], actions: [] };
      const filled = interpolateJson(card, memory);
      expect(filled.value).to.deep.equal({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '订单 LM-123456', wrap: true, size: 2 }], actions: [] });
      expect(card.body[0]?.text).to.equal('订单 ${topic.orderNumber}');
    });
  });

  describe('expressionReferences', () => {
    it('lists the variable paths an expression reads', () => {
      expect(expressionReferences("topic.order.body.status == 'late' && customer.tier != null")).to.have.members(['topic.order.body.status', 'customer.tier']);
      expect(expressionReferences("topic.order.body['status']")).to.deep.equal(['topic.order.body.status']);
    });

    it('leaves out the names a lambda binds', () => {
      expect(expressionReferences('foreach(topic.order.body.items, x, x.name)')).to.deep.equal(['topic.order.body.items']);
    });
  });
});
