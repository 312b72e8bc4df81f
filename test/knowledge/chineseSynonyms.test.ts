import { expect } from 'chai';
import { PhraseTable, chineseSynonymGroups, chineseVariants, foldChinese } from '../../knowledge/chineseSynonyms';
import { TextNormalizer } from '../../knowledge/textNormalizer';

describe('chineseSynonyms', () => {
  it('folds colloquial and near-synonym phrasings of customer-service Chinese to one canonical', () => {
    expect(foldChinese('免运费吗')).to.equal(foldChinese('包邮吗'));
    expect(foldChinese('咋退钱')).to.equal(foldChinese('怎么退款'));
    expect(foldChinese('能不能把钱退回来')).to.equal(foldChinese('可以退款回来'));
    expect(foldChinese('啥时候发货')).to.equal(foldChinese('什么时候寄出'));
    expect(foldChinese('物流单号在哪儿')).to.equal(foldChinese('运单号在哪里'));
  });

  it('keeps apart what customer-service bases tell apart', () => {
    const distinct = [
      ['退款', '退货'],
      ['退货', '换货'],
      ['改签', '退票'],
      ['信用卡', '借记卡'],
      ['密码', '支付密码'],
    ];
    for (const [a = '', b = ''] of distinct) expect(foldChinese(a)).not.to.equal(foldChinese(b));
  });

  it('reads the longest phrase first and completes phrases in a second pass', () => {
    expect(foldChinese('卡被盗刷了')).to.equal('卡盗刷了');
    expect(foldChinese('服务态度差')).to.equal('服务态度差');
    expect(foldChinese('找回登录密码')).to.equal('重置密码');
    expect(foldChinese('账户被锁定了')).to.equal('账户锁定了');
  });

  it('matches Latin phrases as whole words only', () => {
    const table = new PhraseTable([['vip', '会员']]);
    expect(table.apply('我是vip')).to.equal('我是会员');
    expect(table.apply('vips vip2 a vip')).to.equal('vips vip2 a 会员');
  });

  it('is a resource of at least 150 groups in which every phrase belongs to one group', () => {
    expect(chineseSynonymGroups.length).to.be.at.least(150);
    const owner = new Map<string, string>();
    for (const { canonical, alternates } of chineseSynonymGroups) {
      for (const phrase of [canonical, ...alternates]) {
        expect(owner.get(phrase), phrase).to.equal(undefined);
        owner.set(phrase, canonical);
        // A one-character alternate would fold inside unrelated words; variants are never left in a group.
        if (phrase !== canonical && /\p{Script=Han}/u.test(phrase)) expect(phrase.length, phrase).to.be.at.least(2);
        for (const [variant] of chineseVariants) expect(phrase.includes(variant), `${phrase} has ${variant}`).to.equal(false);
      }
    }
  });

  it('is applied by the normaliser of Chinese bases after the admin synonyms, and can be left out', () => {
    const zh = new TextNormalizer('zh-CN', [{ canonical: '运费险', alternates: ['退货险'] }]);
    expect(zh.normalize('咋买退货险？')).to.equal('怎么买运费险');
    expect(new TextNormalizer('zh-CN', [], false).normalize('咋买退货险？')).to.equal('咋买退货险');
    expect(new TextNormalizer('en-US').normalize('vip')).to.equal('vip');
  });
});
