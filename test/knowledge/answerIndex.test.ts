import { expect } from 'chai';
import { AnswerIndex } from '../../knowledge/answerIndex';
import { FaqMatcher, matcherDefaults } from '../../knowledge/faqMatcher';
import type { KnowledgeBase, KnowledgeEntry } from '../../knowledge/knowledgeBase';
import { TextNormalizer } from '../../knowledge/textNormalizer';

const answers = [
  'Savings accounts pay 2% a year; fixed term deposits of one to five years pay more.',
  'If the chip is cracked or the card is bent, order a replacement in the app.',
  '',
  '您可以在出发前24小时内免费改签一次。',
];

function similarities(index: AnswerIndex, text: string): { known: boolean; sims: number[] } {
  const out = new Float32Array(answers.length).fill(7);
  const known = index.similarities(text, out);
  return { known, sims: Array.from(out) };
}

describe('AnswerIndex', () => {
  const index = new AnswerIndex(answers, new TextNormalizer('en-US'), matcherDefaults);

  it('scores the answer that uses the question\'s words highest, and an empty answer 0', () => {
    const { known, sims } = similarities(index, 'do you have fixed term deposits');
    expect(known).to.equal(true);
    expect(sims.indexOf(Math.max(...sims))).to.equal(0);
    expect(sims[2]).to.equal(0);
    expect(similarities(index, 'the chip on my card is cracked').sims[1]).to.be.greaterThan(0.2);
  });

  it('gives cosines between 0 and 1, and 0 everywhere (not stale values) for a text no answer shares', () => {
    const { sims } = similarities(index, 'fixed term deposits');
    for (const s of sims) expect(s).to.be.within(0, 1.0001);
    const none = similarities(index, 'zzqx wvvk');
    expect(none.known).to.equal(false);
    expect(none.sims).to.deep.equal([0, 0, 0, 0]);
  });

  it('reads Chinese answers by characters and words', () => {
    const zh = new AnswerIndex(answers, new TextNormalizer('zh-CN'), matcherDefaults);
    const out = new Float32Array(answers.length);
    expect(zh.similarities('能改签吗', out)).to.equal(true);
    expect(Array.from(out).indexOf(Math.max(...out))).to.equal(3);
  });

  it('builds on a base whose answers are all empty, and then knows nothing', () => {
    const empty = new AnswerIndex(['', ''], new TextNormalizer('en-US'), matcherDefaults);
    expect(empty.similarities('anything at all', new Float32Array(2))).to.equal(false);
  });
});

describe('FaqMatcher with the answer-text term', () => {
  const entry = (id: string, questions: string[], answer: string): KnowledgeEntry => ({ id, questions, answer, metadata: {}, prompts: [], contextOnly: false });
  // "term deposit" is only in the savings answer; "deposit" is in the cash entry's question.
  const entries = [
    entry('savings', ['What interest rate do you pay on savings?', 'How much interest will my savings earn?'], answers[0] ?? ''),
    entry('cash', ['How do I deposit cash?', 'Can I pay in cash at a branch?'], 'Pay cash in at any branch or post office counter.'),
    entry('card', ['My card is damaged', 'My card is about to expire'], answers[1] ?? ''),
    entry('hours', ['When are you open?', 'What are your opening hours?'], 'Branches open 9 to 5, Monday to Saturday.'),
  ];
  const base: KnowledgeBase = { locale: 'en-US', entries, synonyms: [], version: 'answers' };
  const best = (m: FaqMatcher, text: string): string | undefined => m.match({ text })[0]?.entry.id;

  it('finds the entry whose answer holds the words, where the questions alone point elsewhere', () => {
    const off = FaqMatcher.build(base, { answerWeight: 0, semanticWeight: 0, selfCalibrate: false });
    const on = FaqMatcher.build(base, { answerWeight: 1, semanticWeight: 0, selfCalibrate: false });
    expect(best(off, 'do you have fixed term deposits')).to.equal('cash');
    expect(best(on, 'do you have fixed term deposits')).to.equal('savings');
    // A question the stored phrasings answer well keeps its entry.
    expect(best(on, 'how do I deposit cash')).to.equal('cash');
  });

  it('drops the term on a base that keeps the fixed calibration (too small to calibrate itself)', () => {
    const kept = FaqMatcher.build(base, { answerWeight: 1, semanticWeight: 0 });
    const off = FaqMatcher.build(base, { answerWeight: 0, semanticWeight: 0 });
    expect(kept.selfCalibration).to.equal(undefined);
    const text = 'do you have fixed term deposits';
    expect(kept.rawScores({ text })).to.deep.equal(off.rawScores({ text }));
  });
});
