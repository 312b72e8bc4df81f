import { expect } from 'chai';
import { loadKnowledge } from '../../knowledge/knowledgeLoader';
import { clusterQuestions } from '../../knowledge/questionClusters';

const shipped = loadKnowledge(`${__dirname}/../../content/knowledge`);
const groupsOf = (locale: 'en-US' | 'zh-CN', texts: string[]): string[][] => {
  const kb = shipped.get(locale)!;
  const items = texts.map((text, i) => ({ text, count: texts.length - i }));
  return clusterQuestions(items, { locale, synonyms: kb.synonyms, corpus: kb.entries.flatMap((e) => e.questions) }).map((c) => c.items.map((i) => i.text));
};

describe('clusterQuestions', () => {
  it('groups English questions about the same thing and keeps "how do I …" questions about different things apart', () => {
    expect(groupsOf('en-US', ['do you ship to Mars', 'is there a student discount', 'shipping to mars?', 'student discounts?', 'how do i pay with bitcoin', 'how do i return a sofa'])).to.deep.equal([
      ['do you ship to Mars', 'shipping to mars?'],
      ['is there a student discount', 'student discounts?'],
      ['how do i pay with bitcoin'],
      ['how do i return a sofa'],
    ]);
  });

  it('groups Chinese questions through the engine’s word segmentation', () => {
    expect(groupsOf('zh-CN', ['能寄到火星吗', '有学生优惠吗', '火星可以发货吗', '学生有折扣吗', '怎么退沙发'])).to.deep.equal([
      ['能寄到火星吗', '火星可以发货吗'],
      ['有学生优惠吗', '学生有折扣吗'],
      ['怎么退沙发'],
    ]);
  });

  it('orders groups by how often their questions were asked, and returns none for none', () => {
    const groups = clusterQuestions([{ text: 'a rare one', count: 1 }, { text: 'gift cards', count: 2 }, { text: 'gift card balance', count: 2 }], { locale: 'en-US' });
    expect(groups.map((g) => g.count)).to.deep.equal([4, 1]);
    expect(clusterQuestions([], { locale: 'en-US' })).to.deep.equal([]);
  });
});
