import { expect } from 'chai';
import sinon from 'sinon';
import { FaqService, NoKnowledgeError } from '../../knowledge/faqService';
import { FaqMatcher } from '../../knowledge/faqMatcher';
import { buildKnowledgeBase } from '../../knowledge/knowledgeLoader';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase';
import { fixtureBase } from '../support/faqFixture';

describe('FaqService', () => {
  const en = fixtureBase('en-US');
  const zh = fixtureBase('zh-CN');

  it('routes a question to the base of the language it is written in', () => {
    const faq = new FaqService([en, zh], { buildMatcher: (kb) => FaqMatcher.build(kb) });
    expect(faq.ask({ text: '忘记密码', locale: 'en-US' }).locale).to.equal('zh-CN');
    expect(faq.ask({ text: 'forgot password', locale: 'zh-CN' }).locale).to.equal('en-US');
    expect(faq.ask({ text: '12345', locale: 'zh-CN' }).locale).to.equal('zh-CN');
  });

  it('matches a message mixing Chinese and English against both bases and answers in the customer\'s language', () => {
    const faq = new FaqService([en, zh], { buildMatcher: (kb) => FaqMatcher.build(kb) });
    const english = en.entries[0];
    const chinese = zh.entries.find((e) => e.id === english?.id);
    // The English words carry the match; the answer comes from the Chinese entry with the same id.
    const asked = faq.ask({ text: `请问 ${english?.questions[0] ?? ''}`, locale: 'zh-CN' });
    expect(asked.locale).to.equal('zh-CN');
    expect(asked.decision.candidates[0]?.entry).to.equal(chinese);
    const other = faq.ask({ text: `请问 ${english?.questions[0] ?? ''}`, locale: 'en-US' });
    expect(other.locale).to.equal('en-US');
    expect(other.decision.candidates[0]?.entry).to.equal(english);
  });

  it('falls back to a base it has when the customer\'s language has none', () => {
    const faq = new FaqService([en], { buildMatcher: (kb) => FaqMatcher.build(kb) });
    expect(faq.ask({ text: '12345', locale: 'zh-CN' }).locale).to.equal('en-US');
  });

  it('caches answers per base version and forgets them when a new version is published', () => {
    const build = sinon.spy((kb: KnowledgeBase) => {
      const m = FaqMatcher.build(kb);
      return { knowledgeBase: kb, match: sinon.spy((q: Parameters<typeof m.match>[0]) => m.match(q)) };
    });
    const faq = new FaqService([en], { buildMatcher: build });
    faq.ask({ text: 'Forgot   PASSWORD', locale: 'en-US' });
    faq.ask({ text: 'forgot password', locale: 'en-US' });
    const first = build.returnValues[0]!;
    expect(first.match.callCount).to.equal(1);
    const edited = buildKnowledgeBase('en-US', en.entries.map((e) => (e.id === '5' ? { ...e, answer: 'New answer.' } : e)));
    faq.publish([edited]);
    const answer = faq.ask({ text: 'forgot password', locale: 'en-US' });
    expect(answer.version).to.equal(edited.version).and.not.equal(en.version);
    expect(answer.decision.kind === 'answer' && answer.decision.candidate.entry.answer).to.equal('New answer.');
  });

  it('keeps the previous version answering when a new one fails to build', () => {
    const faq = new FaqService([en], { buildMatcher: (kb) => FaqMatcher.build(kb) });
    const broken = new FaqService([en], {
      buildMatcher: (kb) => {
        if (kb.version !== en.version) throw new Error('cannot build');
        return FaqMatcher.build(kb);
      },
    });
    const edited = buildKnowledgeBase('en-US', en.entries.slice(1));
    expect(() => broken.publish([edited])).to.throw('cannot build');
    expect(broken.versions()['en-US']).to.equal(en.version);
    expect(faq.entry('en-US', '5')?.id).to.equal('5');
  });

  it('lists the topics the published bases name, for offers and routing to check against', () => {
    const faq = new FaqService([en], { buildMatcher: (kb) => FaqMatcher.build(kb) });
    const expected = [...new Set(en.entries.flatMap((e) => (e.metadata.topic ? [e.metadata.topic] : [])))].sort();
    expect(expected).to.not.be.empty;
    expect(faq.topics()).to.deep.equal(expected);
    const tagged = buildKnowledgeBase('zh-CN', zh.entries.map((e, i) => (i === 0 ? { ...e, metadata: { ...e.metadata, topic: 'zz-only-in-zh' } } : e)));
    faq.publish([tagged]);
    expect(faq.topics()).to.include('zz-only-in-zh');
  });

  it('never throws for odd input and refuses to start with no knowledge', function () {
    // Two self-calibrated builds and a 100,000-character word; slow on a loaded two-core machine.
    this.timeout(90_000);
    const faq = new FaqService([en, zh], { buildMatcher: (kb) => FaqMatcher.build(kb) });
    for (const text of ['', '   ', '🙂', 'x'.repeat(100_000), '\u0000\u0001', '退货 return 🙂']) {
      expect(() => faq.ask({ text, locale: 'en-US' })).not.to.throw();
    }
    expect(faq.ask({ text: '', locale: 'en-US' }).decision.kind).to.equal('none');
    expect(() => new FaqService([], { buildMatcher: (kb) => FaqMatcher.build(kb) })).to.throw(NoKnowledgeError);
  });

  describe('small talk (editorial = chitchat)', () => {
    const smallTalk = (id: string, questions: string[]) => ({ id, questions, answer: `small talk ${id}`, metadata: { editorial: 'chitchat' }, prompts: [], contextOnly: false });
    const withSmallTalk = buildKnowledgeBase('en-US', [
      ...en.entries,
      smallTalk('90', ['Hello', 'hi', 'hey', 'good morning', 'hi there']),
      smallTalk('91', ['Thank you', 'thanks', 'thanks a lot', 'thank you so much']),
      smallTalk('92', ['Goodbye', 'bye', 'nothing else', 'that is all for now']),
    ]);
    const faq = new FaqService([withSmallTalk], { buildMatcher: (kb) => FaqMatcher.build(kb) });
    const answered = (text: string): string | undefined => {
      const { decision } = faq.ask({ text, locale: 'en-US' });
      return decision.kind === 'answer' ? decision.candidate.entry.id : decision.kind;
    };

    it('answers a greeting, thanks or goodbye on its own', () => {
      expect(['hi', 'Hello!', 'thanks a lot', 'bye'].map(answered)).to.deep.equal(['90', '90', '91', '92']);
    });

    it('answers the question beside a greeting or thanks, not the greeting', () => {
      const password = en.entries.find((e) => e.questions[0] === 'How do I reset my password?')?.id;
      expect(answered('Hi there, how do I reset my password?')).to.equal(password);
      expect(answered('how do I reset my password? thanks')).to.equal(password);
      expect(answered('thanks, bye')).to.equal('92');
    });

    it('never answers small talk to a message that says more than its phrasings do', () => {
      for (const text of ['thank you for nothing', 'translate hello into Spanish', 'hello from the other side of nowhere']) {
        const { decision } = faq.ask({ text, locale: 'en-US' });
        const shown = decision.kind === 'answer' ? [decision.candidate] : decision.kind === 'suggest' ? decision.suggestions : [];
        expect(shown.map((c) => c.entry.id).filter((id) => id >= '90'), text).to.deep.equal([]);
      }
    });
  });
});
