import { expect } from 'chai';
import { decideAnswer } from '../../knowledge/answerPolicy';
import { evaluateBatch } from '../../knowledge/batchEvaluation';
import type { BatchCase } from '../../knowledge/batchEvaluation';
import type { KnowledgeEntry } from '../../knowledge/knowledgeBase';
import type { MatchCandidate } from '../../knowledge/matcher';

const entry = (id: string): KnowledgeEntry => ({ id, questions: [`question ${id}`], answer: `answer ${id}`, metadata: {}, prompts: [], contextOnly: false });
const ranked = (...scores: Array<[string, number]>): MatchCandidate[] => scores.map(([id, confidence]) => ({ entry: entry(id), confidence, matchedQuestion: `question ${id}` }));

/** Batch figures from decisions made with fixed thresholds (answer 0.5, margin 0.1, suggest 0.2). */
describe('knowledge/batchEvaluation', () => {
  const thresholds = { answer: 0.5, margin: 0.1, suggest: 0.2, maxSuggestions: 3 };
  const rankings: Record<string, MatchCandidate[]> = {
    'answered right': ranked(['1', 0.9], ['2', 0.05]),
    'answered wrong': ranked(['2', 0.8], ['1', 0.1]),
    'right entry first, too unsure to answer': ranked(['1', 0.1], ['2', 0.05]),
    'right entry second, both suggested': ranked(['2', 0.4], ['1', 0.35]),
    'nothing ranked': [],
    'out of scope, declined': ranked(['1', 0.05]),
    'out of scope, answered': ranked(['3', 0.7]),
  };
  const cases: BatchCase[] = [
    { query: 'answered right', expected: '1', line: 2 },
    { query: 'answered wrong', expected: '1', line: 3 },
    { query: 'right entry first, too unsure to answer', expected: '1', line: 4 },
    { query: 'right entry second, both suggested', expected: '1', line: 5 },
    { query: 'nothing ranked', expected: '1', line: 6 },
    { query: 'out of scope, declined', expected: 'none', line: 7 },
    { query: 'out of scope, answered', expected: 'none', line: 8 },
  ];
  const report = evaluateBatch(cases, (query) => decideAnswer(rankings[query] ?? [], thresholds));

  it('counts answerable and out-of-scope cases, answered right, reached, declined and wrong', () => {
    expect(report).to.include({ n: 7, answerable: 5, outOfScope: 2 });
    expect(report.accuracy).to.equal(1 / 5);
    expect(report.reachable).to.equal(2 / 5);
    expect(report.outOfScopeRecall).to.equal(1 / 2);
    expect(report.wrongAnswerRate).to.equal(2 / 7);
  });

  it('ranked first: the right entry on top whatever the decision, never counted for out-of-scope cases', () => {
    expect(report.rankedFirst).to.equal(2 / 5);
    const first = report.outcomes.filter((o) => o.rankedFirst).map((o) => o.case.query);
    expect(first).to.deep.equal(['answered right', 'right entry first, too unsure to answer']);
  });

  it('lists the mistakes by expected and got entry, suggestions marked', () => {
    const pairs = report.confusions.map((c) => `${c.expected} → ${c.got}`);
    expect(pairs).to.have.members(['1 → 2', '1 → none', '1 → 2 (suggested)', 'none → 3']);
    expect(report.confusions.find((c) => c.got === 'none')).to.include({ count: 2 });
  });
});
