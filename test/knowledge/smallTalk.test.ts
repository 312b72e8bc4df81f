import { expect } from 'chai';
import type { KnowledgeEntry, KnowledgeLocale } from '../../knowledge/knowledgeBase';
import { isSmallTalk, SmallTalkGuard } from '../../knowledge/smallTalk';

const entry = (id: string, questions: string[], metadata: Record<string, string> = { editorial: 'chitchat' }): KnowledgeEntry => ({ id, questions, answer: `answer ${id}`, metadata, prompts: [], contextOnly: false });

describe('knowledge/smallTalk', () => {
  const english: KnowledgeEntry[] = [
    entry('hello', ['Hello', 'hi', 'hi there', 'good morning']),
    entry('thanks', ['Thank you', 'thanks', "that's great, thanks"]),
    entry('bye', ['Goodbye', 'bye', 'nothing else', 'that is all for now']),
    entry('order', ['Where is my order?', 'order status'], { topic: 'orders' }),
  ];
  const guard = (entries: readonly KnowledgeEntry[] = english, locale: KnowledgeLocale = 'en-US') => new SmallTalkGuard(entries, locale);

  it('knows small talk by editorial = chitchat, as QnA Maker marks it', () => {
    expect(english.filter(isSmallTalk).map((e) => e.id)).to.deep.equal(['hello', 'thanks', 'bye']);
    expect(guard().any).to.equal(true);
    expect(guard(english.slice(3)).any).to.equal(false);
  });

  it('lets a small-talk entry answer only a message made of its own words, whatever the case and punctuation', () => {
    const g = guard();
    expect(g.mayAnswer('hello', g.read('Hi!!'))).to.equal(true);
    expect(g.mayAnswer('hello', g.read('hi, good morning'))).to.equal(true);
    expect(g.mayAnswer('thanks', g.read("That's great, thanks :)"))).to.equal(true);
    expect(g.mayAnswer('hello', g.read('translate hello into Spanish'))).to.equal(false);
    expect(g.mayAnswer('thanks', g.read('thank you for nothing'))).to.equal(false);
    expect(g.mayAnswer('hello', g.read('👋'))).to.equal(false);
    // Other entries are never held back.
    expect(g.mayAnswer('order', g.read('anything at all'))).to.equal(true);
  });

  it('after small talk was taken off, lets what is left be answered by small talk only when it is one of its phrasings', () => {
    const g = guard();
    expect(g.mayAnswer('bye', g.read('bye'), true)).to.equal(true);
    expect(g.mayAnswer('bye', g.read('for nothing'), true)).to.equal(false);
    expect(g.mayAnswer('order', g.read('for nothing'), true)).to.equal(true);
  });

  it('takes a greeting or thanks off the start and the end of a question, the longest phrasing first', () => {
    const g = guard();
    expect(g.withoutSmallTalk(g.read('Hi there, where is my order?'))?.words.join(' ')).to.equal('where is my order');
    expect(g.withoutSmallTalk(g.read('where is my order? Thanks!'))?.words.join(' ')).to.equal('where is my order');
    expect(g.withoutSmallTalk(g.read('Good morning! Hi, where is my order? thanks'))?.words.join(' ')).to.equal('where is my order');
    expect(g.withoutSmallTalk(g.read('thanks, bye'))?.words.join(' ')).to.equal('bye');
  });

  it('leaves a message alone that has no small talk around it, or nothing else', () => {
    const g = guard();
    expect(g.withoutSmallTalk(g.read('where is my order'))).to.equal(undefined);
    expect(g.withoutSmallTalk(g.read('his order is late'))).to.equal(undefined);
    expect(g.withoutSmallTalk(g.read('hi'))).to.equal(undefined);
    expect(g.withoutSmallTalk(g.read(''))).to.equal(undefined);
    const none = guard(english.slice(3));
    expect(none.withoutSmallTalk(none.read('hi, where is my order'))).to.equal(undefined);
  });

  it('in Chinese, takes off only whole phrasings set apart by punctuation, never part of a sentence', () => {
    const chinese = [entry('hello', ['你好', '在吗']), entry('bye', ['再见', '没有了']), entry('order', ['我的订单到哪了'], { topic: 'orders' })];
    const g = guard(chinese, 'zh-CN');
    expect(g.withoutSmallTalk(g.read('你好，我的快递到哪了？'))?.words.join(' ')).to.equal('我的快递到哪了');
    expect(g.withoutSmallTalk(g.read('在吗 我的快递到哪了'))?.words.join(' ')).to.equal('我的快递到哪了');
    expect(g.withoutSmallTalk(g.read('没有了订单信息怎么办'))).to.equal(undefined);
    // Characters count as units: a Chinese message is small talk only when each character is in the entry.
    expect(g.mayAnswer('hello', g.read('你好！'))).to.equal(true);
    expect(g.mayAnswer('hello', g.read('你好吗'))).to.equal(true);
    expect(g.mayAnswer('bye', g.read('没有了订单信息怎么办'))).to.equal(false);
    // Traditional characters fold to simplified.
    expect(g.mayAnswer('bye', g.read('再見'))).to.equal(true);
  });
});
