import { expect } from 'chai';
import { chooseLocale, detectTextLocale, isMixedScript, toSupportedLocale } from '../../locale/locale';

describe('locale', () => {
  it('maps channel locale tags to supported locales', () => {
    expect(toSupportedLocale('en-us')).to.equal('en-US');
    expect(toSupportedLocale('en-GB')).to.equal('en-US');
    expect(toSupportedLocale('zh-cn')).to.equal('zh-CN');
    expect(toSupportedLocale('zh-Hans-CN')).to.equal('zh-CN');
    expect(toSupportedLocale('zh_CN')).to.equal('zh-CN');
    expect(toSupportedLocale('fr-FR')).to.equal(undefined);
    expect(toSupportedLocale(undefined)).to.equal(undefined);
  });

  it('detects Chinese and English from the script, and nothing from digits or emoji', () => {
    expect(detectTextLocale('我想退货')).to.equal('zh-CN');
    expect(detectTextLocale('I want to return this')).to.equal('en-US');
    expect(detectTextLocale('iPhone 退货')).to.equal('zh-CN');
    expect(detectTextLocale('how do I return my 手机')).to.equal('en-US');
    expect(detectTextLocale('12345 🙂')).to.equal(undefined);
    expect(detectTextLocale('')).to.equal(undefined);
  });

  it('does not count links and e-mail addresses as English (a Chinese message with a URL is Chinese)', () => {
    expect(detectTextLocale('我的订单链接是 https://shop.example/orders/12345678?ref=abc 为什么打不开')).to.equal('zh-CN');
    expect(detectTextLocale('请发到 someone.name@example.com，谢谢')).to.equal('zh-CN');
    expect(detectTextLocale('看 www.example.com/help 这个页面')).to.equal('zh-CN');
    expect(detectTextLocale('see https://shop.example/订单 please')).to.equal('en-US');
    expect(detectTextLocale('https://shop.example/orders')).to.equal(undefined);
  });

  it('does not count order numbers and other codes as English: a zh conversation stays zh when the customer types LM-200302', () => {
    expect(detectTextLocale('LM-200302')).to.equal(undefined);
    expect(detectTextLocale('lm200302')).to.equal(undefined);
    expect(detectTextLocale('运单号 SD7301948826')).to.equal('zh-CN');
    expect(chooseLocale({ text: 'LM-200302', conversation: 'zh-CN', activityLocale: 'en-US' })).to.equal('zh-CN');
    expect(detectTextLocale('my order LM-200302 is late')).to.equal('en-US');
    expect(detectTextLocale('iPhone 退货')).to.equal('zh-CN');
  });

  it('keeps the conversation\'s language for a message that mixes Chinese and English words', () => {
    expect(isMixedScript('我想 return 我的 headphones')).to.equal(true);
    expect(isMixedScript('my 快递 is late')).to.equal(true);
    expect(isMixedScript('运单号 SD7301948826')).to.equal(false);
    expect(isMixedScript('where is my order')).to.equal(false);
    expect(chooseLocale({ text: '我想 return 我的 headphones', conversation: 'zh-CN' })).to.equal('zh-CN');
    expect(chooseLocale({ text: 'my 快递 is late', conversation: 'en-US' })).to.equal('en-US');
    // With no conversation language yet, the text decides as before.
    expect(chooseLocale({ text: '我想 return 我的 headphones' })).to.equal('en-US');
  });

  it('prefers what was written, then the conversation, then the channel, then the profile', () => {
    expect(chooseLocale({ text: '你好', activityLocale: 'en-US' })).to.equal('zh-CN');
    expect(chooseLocale({ text: '42', conversation: 'zh-CN', activityLocale: 'en-US' })).to.equal('zh-CN');
    expect(chooseLocale({ text: '42', activityLocale: 'zh-cn', profile: 'en-US' })).to.equal('zh-CN');
    expect(chooseLocale({ text: '42', activityLocale: 'de-DE', profile: 'zh-CN' })).to.equal('zh-CN');
    expect(chooseLocale({})).to.equal('en-US');
  });
});
