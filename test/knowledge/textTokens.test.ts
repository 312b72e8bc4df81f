import { expect } from 'chai';
import { placeFeature } from '../../knowledge/placeNames';
import { textTokens } from '../../knowledge/textTokens';

describe('textTokens', () => {
  it('routes the words of mixed Chinese and English text by script', () => {
    const t = textTokens('我的iphone充电器坏了 refunds', true);
    expect(t.words).to.deep.equal(['我', '的', 'iphon', '充电器', '坏', '了', 'refund']);
    expect(t.plainWords).to.deep.equal(['iphone', 'refunds']);
    expect(t.cjkRuns).to.deep.equal(['我的', '充电器坏了']);
  });

  it("adds ICU's words as extra words where the two segmenters cut differently", () => {
    const t = textTokens('能不能退票', false);
    expect(t.words).to.deep.equal(['能', '不能', '退票']);
    expect(t.extraWords).to.include('能不能');
    expect(textTokens('能不能退票', false, 'jieba').extraWords).to.deep.equal([]);
    expect(textTokens('能不能退票', false, 'icu').words).to.include('能不能');
  });

  it('adds the country class once to a text naming a country, in either language, unless turned off', () => {
    expect(textTokens('can i use my card in thailand', true).extraWords).to.deep.equal([placeFeature]);
    expect(textTokens('do you ship to the united kingdom or abroad', true).extraWords.filter((w) => w === placeFeature)).to.have.length(1);
    expect(textTokens('能寄到美国吗', false).extraWords).to.include(placeFeature);
    expect(textTokens('去泰国玩 卡能用吗', false).extraWords).to.include(placeFeature);
    expect(textTokens('能寄到美国吗', false, 'both', false).extraWords).to.not.include(placeFeature);
    expect(textTokens('how do i return an item', true).extraWords).to.deep.equal([]);
    expect(textTokens('非法国际汇款', false).words).to.not.include('法国');
  });
});
