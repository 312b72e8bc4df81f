import { expect } from 'chai';
import { extractEntities } from '../../handoff/entityExtractor';
import type { RecognisedEntity } from '../../handoff/handoffSummary';
import { maskSensitive } from '../../privacy/sensitiveData';

const now = new Date('2026-11-15T10:00:00Z');

/** The entities as `type=value`, the way an agent reads them off the card. */
function found(text: string, locale: 'en-US' | 'zh-CN' = 'en-US'): string[] {
  return extractEntities(text, locale, now).map((e: RecognisedEntity) => `${e.type}=${e.value}`);
}

describe('extractEntities', () => {
  it('finds the order number, amount, date, e-mail and phone in an English message', () => {
    const entities = extractEntities(
      'My order #12345678 was charged $49.99 on November 20 and never arrived. Email me at jane.doe@example.com or call +1 (555) 123-4567',
      'en-US',
      now,
    );
    expect(entities).to.deep.equal([
      { type: 'order-number', text: '12345678', value: '12345678' },
      { type: 'amount', text: '$49.99', value: '49.99 USD' },
      { type: 'date', text: 'November 20', value: '2026-11-20' },
      { type: 'email', text: 'jane.doe@example.com', value: 'jane.doe@example.com' },
      { type: 'phone', text: '+1 (555) 123-4567', value: '+15551234567' },
    ]);
  });

  it('finds the same kinds of value in a Chinese message', () => {
    expect(found('订单号 12345678，我11月20日付了299元，电话13800138000，邮箱 li@example.cn', 'zh-CN')).to.deep.equal([
      'order-number=12345678',
      'date=2026-11-20',
      'amount=299 CNY',
      'phone=13800138000',
      'email=li@example.cn',
    ]);
  });

  it('accepts the common ways of writing an order number', () => {
    expect(found('order 12345678 is late')).to.deep.equal(['order-number=12345678']);
    expect(found('it is #12345')).to.deep.equal(['order-number=12345']);
    expect(found('order number: LC-123456 please')).to.deep.equal(['order-number=LC-123456']);
    expect(found('A1234 arrived broken')).to.deep.equal(['order-number=A1234']);
    expect(found('订单A1234还没发货', 'zh-CN')).to.deep.equal(['order-number=A1234']);
  });

  it('resolves relative dates against the reference date, in either language', () => {
    expect(found('I paid yesterday')).to.deep.equal(['date=2026-11-14']);
    expect(found('我昨天付的款', 'zh-CN')).to.deep.equal(['date=2026-11-14']);
    expect(extractEntities('I paid yesterday', 'en-US', new Date('2026-03-02T08:00:00Z')).map((e) => e.value)).to.deep.equal(['2026-03-01']);
  });

  it('takes no date from "now" or "现在": the moment of writing is not a date the customer gave', () => {
    expect(found('I want a refund right now')).to.deep.equal([]);
    expect(found('我现在就要退款', 'zh-CN')).to.deep.equal([]);
    expect(found('我现在就要昨天那笔退款', 'zh-CN')).to.deep.equal(['date=2026-11-14']);
  });

  it('reads an ambiguous date as the past one, unless the next one is only days away', () => {
    expect(found('it was charged on Friday')).to.deep.equal(['date=2026-11-13']);
    expect(found('I ordered it on 3 March')).to.deep.equal(['date=2026-03-03']);
    expect(found('it should arrive by November 20')).to.deep.equal(['date=2026-11-20']);
  });

  it('tries the other language for dates and amounts when the customer writes in it', () => {
    expect(found('我昨天付了 49.99 美元', 'en-US')).to.deep.equal(['date=2026-11-14', 'amount=49.99 USD']);
    expect(found('退款还没到, I paid $20 yesterday', 'zh-CN')).to.deep.equal(['amount=20 USD', 'date=2026-11-14']);
  });

  it('normalises currencies: ¥ is the store’s yuan, and amounts written with a code keep their value', () => {
    expect(found('I want my ¥299 back')).to.deep.equal(['amount=299 CNY']);
    expect(found('refund USD 12 and CNY 100 and 20 euros')).to.deep.equal(['amount=12 USD', 'amount=100 CNY', 'amount=20 EUR']);
  });

  it('does not report an order number as a phone number, a date, or the other way round', () => {
    expect(found('订单号 12345678', 'zh-CN')).to.deep.equal(['order-number=12345678']);
    expect(found('order #20261120 is missing')).to.deep.equal(['order-number=20261120']);
    expect(found('call 13800138000 about order 87654321')).to.deep.equal(['phone=13800138000', 'order-number=87654321']);
  });

  it('does not take a parcel tracking number for an order number', () => {
    expect(found('tracking number SF1234567890 says delivered, order #55555')).to.deep.equal(['order-number=55555']);
  });

  it('never reports a masked card number, password or ID number', () => {
    const masked = maskSensitive('card 4111 1111 1111 1111, password hunter2, ID 11010519491231002X, charged 20 euros', { keep: ['email', 'phone'] }).text;
    expect(masked).to.contain('•••• 1111');
    const entities = extractEntities(masked, 'en-US', now);
    expect(entities.map((e) => `${e.type}=${e.value}`)).to.deep.equal(['amount=20 EUR']);
    expect(JSON.stringify(entities)).not.to.match(/1111|1231|hunter/);
    // Digits left after a masked card are not an amount either.
    const dollars = maskSensitive('the card 4111 1111 1111 1111 dollars were taken twice', { keep: ['email', 'phone'] }).text;
    expect(extractEntities(dollars, 'en-US', now)).to.deep.equal([]);
    expect(extractEntities(maskSensitive('信用卡4111111111111111元被扣了', { keep: ['email', 'phone'] }).text, 'zh-CN', now)).to.deep.equal([]);
  });

  it('still finds the order number and phone at the end of a very long message', () => {
    const long = `I paid $20 yesterday. ${'It has been a long story. '.repeat(200)}My order is LC-123456, call 13800138000.`;
    expect(extractEntities(long, 'en-US', now).map((e) => `${e.type}=${e.value}`)).to.deep.equal([
      'amount=20 USD',
      'date=2026-11-14',
      'order-number=LC-123456',
      'phone=13800138000',
    ]);
    const chinese = `我昨天付了299元。${'事情是这样的，'.repeat(300)}订单号12345678`;
    expect(extractEntities(chinese, 'zh-CN', now).map((e) => `${e.type}=${e.value}`)).to.deep.equal(['date=2026-11-14', 'amount=299 CNY', 'order-number=12345678']);
  });

  it('reports each value once', () => {
    expect(found('order 12345678, I said order #12345678! 12345678')).to.deep.equal(['order-number=12345678']);
  });

  it('finds nothing in small talk', () => {
    expect(found('hi there')).to.deep.equal([]);
    expect(found('你好', 'zh-CN')).to.deep.equal([]);
  });
});
