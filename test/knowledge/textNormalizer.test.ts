import { expect } from 'chai';
import { TextNormalizer, foldText } from '../../knowledge/textNormalizer';

describe('TextNormalizer', () => {
  it('folds case, width and punctuation and spells out English contractions', () => {
    expect(foldText("Where's my parcel? I CAN'T find it, it’s late!", 'en-US')).to.equal('where is my parcel i can not find it it is late');
    expect(foldText("I'm sure they'll say we've won't", 'en-US')).to.equal('i am sure they will say we have will not');
    expect(foldText("the shop's hours", 'en-US')).to.equal('the shop hours');
    expect(foldText('ＲＥＦＵＮＤ１２３', 'en-US')).to.equal('refund123');
  });

  it('keeps Chinese runs whole and drops full-width punctuation', () => {
    expect(foldText('我的快递什么时候到？', 'zh-CN')).to.equal('我的快递什么时候到');
    expect(foldText('可以用ＰａｙＰａｌ付款吗！', 'zh-CN')).to.equal('可以用paypal付款吗');
  });

  it('gives nothing for emoji-only or punctuation-only text', () => {
    expect(foldText('🙂🎉 ?!…', 'en-US')).to.equal('');
  });

  it('replaces every alternate by its canonical word, longest first, whole words only', () => {
    const n = new TextNormalizer('en-US', [
      { canonical: 'refund', alternates: ['money back', 'Reimbursement'] },
      { canonical: 'parcel', alternates: ['package', 'pack'] },
    ]);
    expect(n.normalize('Can I get my MONEY BACK for the package?')).to.equal('can i get my refund for the parcel');
    expect(n.normalize('backpack')).to.equal('backpack');
    const zh = new TextNormalizer('zh-CN', [{ canonical: '退款', alternates: ['退钱', '还钱'] }]);
    expect(zh.normalize('我想退钱')).to.equal('我想退款');
  });
});
