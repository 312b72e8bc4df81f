import { expect } from 'chai';
import { recognizeEntity } from '../../flows/entityRecognizer';
import type { QuestionEntity } from '../../flows/flowDefinition';
import type { SupportedLocale } from '../../locale/locale';

/** A Wednesday morning, so "tomorrow", "Friday" and "next week" have one right answer. */
const now = new Date(2026, 10, 18, 10, 0, 0);

function read(text: string, entity: QuestionEntity, locale: SupportedLocale = 'en-US'): unknown {
  const result = recognizeEntity(text, entity, locale, now);
  return result.ok ? result.value : 'NO MATCH';
}

/** The replies of a table read wrongly, so a failure names them. */
function wrong(table: readonly (readonly [string, unknown])[], entity: QuestionEntity, locale: SupportedLocale): string[] {
  return table.filter(([text, expected]) => read(text, entity, locale) !== expected).map(([text, expected]) => `${text} → ${String(read(text, entity, locale))}, expected ${String(expected)}`);
}

const refundOrExchange: QuestionEntity = {
  kind: 'choice',
  choices: [
    { value: 'refund', title: { 'en-US': 'Refund', 'zh-CN': '退款' }, synonyms: { 'en-US': ['money back'], 'zh-CN': ['退钱'] } },
    { value: 'exchange', title: { 'en-US': 'Exchange', 'zh-CN': '换货' }, synonyms: { 'en-US': ['swap'], 'zh-CN': ['换一个'] } },
    { value: 'gift-card', title: { 'en-US': 'Gift card', 'zh-CN': '礼品卡' } },
    { value: 'card', title: { 'en-US': 'Card', 'zh-CN': '银行卡' } },
  ],
};

describe('recognizeEntity', () => {
  it('reads numbers written in digits or words, in English and Chinese', () => {
    expect(wrong([['3', 3], ['three', 3], ['I want 12 of them', 12], ['1,234.5', 1234.5], ['none', 'NO MATCH']], { kind: 'number' }, 'en-US')).to.deep.equal([]);
    expect(wrong([['两个', 2], ['十二', 12], ['5', 5], ['不知道', 'NO MATCH']], { kind: 'number' }, 'zh-CN')).to.deep.equal([]);
  });

  it('reads dates and times as ISO values, a range as an interval, an ambiguous date as the next one', () => {
    const table = [
      ['tomorrow at 3pm', '2026-11-19T15:00:00'],
      ['November 20', '2026-11-20'],
      ['Friday', '2026-11-20'],
      ['3pm', '15:00:00'],
      ['next week', '2026-11-23/2026-11-30'],
      ['whenever suits', 'NO MATCH'],
    ] as const;
    expect(wrong(table, { kind: 'datetime' }, 'en-US')).to.deep.equal([]);
    expect(wrong([['明天下午三点', '2026-11-19T15:00:00'], ['11月20日', '2026-11-20'], ['随便', 'NO MATCH']], { kind: 'datetime' }, 'zh-CN')).to.deep.equal([]);
  });

  it('reads yes and no, and takes a new question at a yes/no prompt for no answer at all', () => {
    const english = [
      ['yes', true], ['Yes please', true], ['sure', true], ['yep, that is it', true], ['Nope.', false], ['no thanks', false],
      ['No, how do I return it?', false], ['not really', false],
      ['no idea where my parcel is', 'NO MATCH'], ['is it late?', 'NO MATCH'], ['agent please about order LM-200300', 'NO MATCH'],
    ] as const;
    expect(wrong(english, { kind: 'boolean' }, 'en-US')).to.deep.equal([]);
    const chinese = [
      ['是', true], ['是的', true], ['好的', true], ['好的谢谢', true], ['对啊', true], ['不是', false], ['不用', false], ['不用了，谢谢', false],
      ['我的包裹还没到', 'NO MATCH'], ['可以退货吗', 'NO MATCH'],
    ] as const;
    expect(wrong(chinese, { kind: 'boolean' }, 'zh-CN')).to.deep.equal([]);
  });

  it('reads a reply written in the other language in its own ("yes" in a Chinese conversation)', () => {
    expect(read('yes', { kind: 'boolean' }, 'zh-CN')).to.equal(true);
    expect(read('不用了', { kind: 'boolean' }, 'en-US')).to.equal(false);
  });

  it('reads an e-mail address (lower case) and a phone number (digits), and nothing else', () => {
    expect(read('my email is Ann.Lee@Example.com', { kind: 'email' })).to.equal('ann.lee@example.com');
    expect(read('I have no email', { kind: 'email' })).to.equal('NO MATCH');
    expect(read('call me on +1 555 123 4567', { kind: 'phone' })).to.equal('+15551234567');
    expect(read('我的电话是13812345678', { kind: 'phone' }, 'zh-CN')).to.equal('13812345678');
    expect(read('order 123', { kind: 'phone' })).to.equal('NO MATCH');
  });

  it('reads a choice by its value, title, synonym or number, in either language', () => {
    const english = [
      ['Refund', 'refund'], ['refund please', 'refund'], ['I want my money back', 'refund'], ['swap', 'exchange'], ['2', 'exchange'],
      ['the second one', 'exchange'], ['option 1', 'refund'], ['gift-card', 'gift-card'], ['a gift card please', 'gift-card'],
      ['my card', 'card'], ['refund or exchange', 'NO MATCH'], ['something else', 'NO MATCH'], ['5', 'NO MATCH'],
    ] as const;
    expect(wrong(english, refundOrExchange, 'en-US')).to.deep.equal([]);
    expect(wrong([['退款', 'refund'], ['我想退钱', 'refund'], ['第二个', 'exchange'], ['2', 'exchange'], ['换货', 'exchange'], ['都不要', 'NO MATCH']], refundOrExchange, 'zh-CN')).to.deep.equal([]);
  });

  it('reads a pattern in the whole reply or in one word of it, case as the flags say', () => {
    const order: QuestionEntity = { kind: 'regex', pattern: '^LM-\\d{6}$', flags: 'i' };
    expect(wrong([['LM-123456', 'LM-123456'], ["It's lm-123456.", 'lm-123456'], ['订单号LM-123456', 'LM-123456'], ['LM-12345', 'NO MATCH']], order, 'en-US')).to.deep.equal([]);
    expect(read('lm-123456', { kind: 'regex', pattern: '^LM-\\d{6}$' })).to.equal('NO MATCH');
  });

  it('answers "no match" for a pattern that is not a regular expression, instead of throwing', () => {
    expect(read('anything', { kind: 'regex', pattern: '([' })).to.equal('NO MATCH');
  });

  it('keeps any text, trimmed, but not an empty reply', () => {
    expect(read('  the lamp flickers  ', { kind: 'text' })).to.equal('the lamp flickers');
    expect(read('   ', { kind: 'text' })).to.equal('NO MATCH');
  });
});
