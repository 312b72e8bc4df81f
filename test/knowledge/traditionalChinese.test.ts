import { expect } from 'chai';
import { toSimplified, traditionalCharacters } from '../../knowledge/traditionalChinese';
import { TextNormalizer, foldText } from '../../knowledge/textNormalizer';

describe('traditionalChinese', () => {
  it('folds Traditional characters to Simplified and leaves other text alone', () => {
    expect(toSimplified('請問帳號登錄不了怎麼辦')).to.equal('请问账号登录不了怎么办');
    expect(toSimplified('退貨運費誰付？')).to.equal('退货运费谁付？');
    expect(toSimplified('iPhone 充電器')).to.equal('iPhone 充电器');
    expect(toSimplified('refund')).to.equal('refund');
    expect(traditionalCharacters).to.be.greaterThan(1000);
  });

  it('keeps characters that Simplified text uses too', () => {
    expect(toSimplified('著名的乾坤大挪移')).to.equal('著名的乾坤大挪移');
  });

  it('lets a question in Traditional characters meet the same words in a Simplified base', () => {
    expect(foldText('我的包裹什麼時候到？', 'zh-CN')).to.equal('我的包裹什么时候到');
    const zh = new TextNormalizer('zh-CN');
    expect(zh.normalize('免運費嗎')).to.equal(zh.normalize('包邮吗'));
    expect(zh.normalize('銀行卡被盜刷了')).to.equal(zh.normalize('银行卡被盗刷了'));
  });
});
