import { expect } from 'chai';
import { readYesNo, recognizeYesNo } from '../../dialogs/yesNo';
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
      expectAll('en-US', ['no', 'not really', 'nope', 'still broken', "it didn't help", 'It didn’t help', "didn't work", 'No.', 'no thanks', 'thanks for nothing', 'Thank you for nothing!'], false);
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

  describe('a reply with more in it than an answer', () => {
    it('is no answer when its "no" says something about the next word ("no idea", "还没到", "没收到")', () => {
      expectAll('en-US', ['no idea where my parcel is', 'no idea what happened to my order'], undefined);
      expectAll('zh-CN', ['我的包裹还没到', '没收到退款', '还没发货'], undefined);
    });

    it('is no answer when it is a sentence of its own whose only answer word is a short one', () => {
      expectAll('en-US', ['yes but I have another question about returns', 'thanks, where is my parcel'], undefined);
    });

    it('still answers when it leads with the answer or says it in a phrase ("no change", "还没解决", "still not working after…")', () => {
      expectAll('en-US', ['no change', 'no it still does not work', 'no the parcel is still missing', 'still not working after I reset it', 'it still does not work even after I updated the app'], false);
      expectAll('zh-CN', ['还没解决', '我试了还是没用', '按照步骤操作了还是不行'], false);
      expectAll('en-US', ['yes it works now thank you so much for your help'], true);
    });

    it('hands back what a reply asks after its answer, as typed', () => {
      expect(readYesNo('No, how do I return it?', 'en-US')).to.deep.equal({ answer: false, bare: true, question: 'how do I return it?' });
      expect(readYesNo('是的，怎么退货？', 'zh-CN')).to.deep.equal({ answer: true, bare: true, question: '怎么退货？' });
      expect(readYesNo('not really, it still fails', 'en-US')).to.not.have.property('question');
    });

    it('says whether the reply is bare: nothing but an answer at its start (callers may take the rest as a question)', () => {
      const bare = (text: string, locale: SupportedLocale): boolean => readYesNo(text, locale).bare;
      expect(['no', 'not really', 'No, how do I return it?', 'not really, it still fails'].map((t) => bare(t, 'en-US'))).to.deep.equal([true, true, true, true]);
      expect(['没有', '还没', '还没有'].map((t) => bare(t, 'zh-CN'))).to.deep.equal([true, true, true]);
      expect(['no the parcel is still missing', 'no idea where my parcel is', 'how do I return a lamp?'].map((t) => bare(t, 'en-US'))).to.deep.equal([false, false, false]);
      expect(bare('我试了还是没用', 'zh-CN')).to.equal(false);
    });
  });

  it('reads a reply written in the other language in that language', () => {
    expect(recognizeYesNo('yes it did', 'zh-CN')).to.equal(true);
    expect(recognizeYesNo('还是不行', 'en-US')).to.equal(false);
  });
});
