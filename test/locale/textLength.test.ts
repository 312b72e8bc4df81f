import { expect } from 'chai';
import { textLength } from '../../locale/textLength';

describe('textLength', () => {
  it('counts code points: an emoji or a Chinese character is one character', () => {
    expect(textLength('')).to.equal(0);
    expect(textLength('hello')).to.equal(5);
    expect(textLength('您好')).to.equal(2);
    expect(textLength('👍'.repeat(2001))).to.equal(2001);
    expect(textLength('a👍b')).to.equal(3);
  });

  it('counts each code point of a combined emoji, and a lone surrogate as one', () => {
    expect(textLength('👨‍👩‍👧')).to.equal(5);
    expect(textLength('\ud83d')).to.equal(1);
    expect(textLength('\udc4dx')).to.equal(2);
    expect(textLength('\ud83d\ud83d\udc4d')).to.equal(2);
  });

  it('agrees with iterating the string', () => {
    for (const text of ['mixed 中文 👍🏽 text', '\ud800\ud800', 'end\ud83d']) expect(textLength(text)).to.equal(Array.from(text).length);
  });
});
