import { expect } from 'chai';
import { chineseWords } from '../../knowledge/chineseWords';

describe('chineseWords', () => {
  it('keeps dictionary words whole where ICU cuts them into characters', () => {
    expect(chineseWords('上次取消航班')).to.deep.equal(['上次', '取消', '航班']);
    expect(chineseWords('上次取消航班', 'icu')).to.include('航');
  });

  it('leaves out spaces and punctuation and keeps Latin words and numbers of mixed text', () => {
    expect(chineseWords('iphone充电器，400元！')).to.deep.equal(['iphone', '充电器', '400', '元']);
  });
});
