import { expect } from 'chai';
import { chooseLocale, detectTextLocale, toSupportedLocale } from '../../locale/locale';

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

  it('prefers what was written, then the conversation, then the channel, then the profile', () => {
    expect(chooseLocale({ text: '你好', activityLocale: 'en-US' })).to.equal('zh-CN');
    expect(chooseLocale({ text: '42', conversation: 'zh-CN', activityLocale: 'en-US' })).to.equal('zh-CN');
    expect(chooseLocale({ text: '42', activityLocale: 'zh-cn', profile: 'en-US' })).to.equal('zh-CN');
    expect(chooseLocale({ text: '42', activityLocale: 'de-DE', profile: 'zh-CN' })).to.equal('zh-CN');
    expect(chooseLocale({})).to.equal('en-US');
  });
});
