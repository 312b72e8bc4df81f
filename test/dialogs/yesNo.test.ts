import { expect } from 'chai';
import { recognizeYesNo } from '../../dialogs/yesNo';
import type { SupportedLocale } from '../../locale/locale';

function expectAll(locale: SupportedLocale, texts: readonly string[], expected: boolean | undefined): void {
  const wrong = texts.map((text) => ({ text, got: recognizeYesNo(text, locale) })).filter((r) => r.got !== expected);
  expect(wrong, `expected ${String(expected)}`).to.deep.equal([]);
}

describe('recognizeYesNo', () => {
  describe('English', () => {
    it('understands the ways customers say yes', () => {
      expectAll('en-US', ['yes', 'Yes', 'yep, thanks', 'yes it did', 'sorted, thank you', 'that fixed it', 'perfect', 'Yeah that worked!', 'ok', 'sure', 'no problem', 'thanks'], true);
    });

    it('understands the ways customers say no', () => {
      expectAll('en-US', ['no', 'not really', 'nope', 'still broken', "it didn't help", 'It didn’t help', "didn't work", 'No.', 'no thanks'], false);
    });

    it('reads negation as no ("not solved", "hasn\'t been fixed", "not good")', () => {
      expectAll('en-US', ['not solved', 'not yet solved', "it hasn't been fixed", "that's not right", 'not good', 'not really, thanks'], false);
    });

    it('lets the later part win when a reply says both', () => {
      expect(recognizeYesNo("yes, but it's still broken", 'en-US')).to.equal(false);
      expect(recognizeYesNo('no wait, it works now', 'en-US')).to.equal(true);
    });

    it('treats a new question as no answer, unless it starts with one', () => {
      expectAll('en-US', ['how do I return a lamp?', 'Why is it not working?', 'ok but how do I return a lamp?', 'I got the wrong item', 'blue', '', '   ', '🙂', '12345'], undefined);
      expect(recognizeYesNo('No, how do I return it?', 'en-US')).to.equal(false);
    });
  });

  describe('Chinese', () => {
    it('understands the ways customers say yes', () => {
      expectAll('zh-CN', ['是', '是的', '解决了', '好了', '可以了', '搞定了', '谢谢，解决了', '对', '好的', '嗯', '没问题', '不好意思，解决了'], true);
    });

    it('understands the ways customers say no', () => {
      expectAll('zh-CN', ['不', '没有', '没解决', '还是不行', '不行', '没用', '还没有', '没有完全解决', '解决不了', '好几次了还是不行'], false);
    });

    it('treats a new question as no answer, unless it starts with one', () => {
      expectAll('zh-CN', ['怎么退货', '可以退货吗', '我的行李箱坏了', '怎么解决？'], undefined);
      expect(recognizeYesNo('是的，怎么退货？', 'zh-CN')).to.equal(true);
    });
  });

  it('reads a reply written in the other language in that language', () => {
    expect(recognizeYesNo('yes it did', 'zh-CN')).to.equal(true);
    expect(recognizeYesNo('还是不行', 'en-US')).to.equal(false);
  });
});
