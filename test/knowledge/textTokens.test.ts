import { expect } from 'chai';
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
});
