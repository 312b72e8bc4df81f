/**
 * Batch testing of a knowledge base before it is published (the successor of QnA Maker's batch
 * test): a file of questions with the entry each should reach, or `none` for questions the base
 * must not answer, scored against the engine's decisions.
 */
import type { AnswerDecision } from './answerPolicy';

/** One test case: `query<TAB>expected`. */
export interface BatchCase {
  readonly query: string;
  /** An entry id, or `none` when the base should not answer. */
  readonly expected: string;
  readonly line: number;
}

/** Thrown for a cases file that cannot be read as `query<TAB>expected` lines. */
export class BatchCasesError extends Error {
  readonly code = 'WL_KB_CASES';
  constructor(readonly file: string, readonly problems: readonly string[]) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BatchCasesError';
  }
}

/** Parses a cases file; an optional first line `query<TAB>expected` is a header. Blank lines and `#` comments are skipped. */
export function parseBatchCases(text: string, file: string): BatchCase[] {
  const cases: BatchCase[] = [];
  const problems: string[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const cells = raw.split('\t');
    if (line === 1 && cells[0]?.trim().toLowerCase() === 'query') return;
    const query = cells[0]?.trim() ?? '';
    const expected = cells[1]?.trim() ?? '';
    if (cells.length !== 2) problems.push(`line ${line}: expected "query<TAB>expected" (2 columns), found ${cells.length}`);
    else if (!query) problems.push(`line ${line}: the query is empty`);
    else if (!expected) problems.push(`line ${line}: the expected entry id is empty (use "none" for questions the base should not answer)`);
    else cases.push({ query, expected: expected.toLowerCase() === 'none' ? 'none' : expected, line });
  });
  if (problems.length > 0) throw new BatchCasesError(file, problems);
  if (cases.length === 0) throw new BatchCasesError(file, ['no cases found']);
  return cases;
}

/** What happened to one case. */
export interface CaseOutcome {
  readonly case: BatchCase;
  readonly decision: AnswerDecision['kind'];
  /** The entry answered, or the top suggestion / candidate. */
  readonly got: string | undefined;
  readonly confidence: number;
  readonly correct: boolean;
  /** The expected entry was answered or offered as a choice. */
  readonly reached: boolean;
  /** The expected entry was the matcher's first candidate, whatever its confidence and the decision. */
  readonly rankedFirst: boolean;
}

/** Batch-test figures. */
export interface BatchReport {
  readonly n: number;
  readonly answerable: number;
  readonly outOfScope: number;
  /** Answerable cases answered outright with the expected entry. */
  readonly accuracy: number;
  /** Answerable cases where the expected entry was answered or offered as a suggestion. */
  readonly reachable: number;
  /**
   * Answerable cases whose expected entry was the first candidate, whatever the confidence: the most
   * that any thresholds could answer right. Far above `accuracy`: the thresholds are the limit (or the
   * base's wrong-answer guard). Close to it: the ranking is, and alternates are what helps.
   */
  readonly rankedFirst: number;
  /** Out-of-scope cases that were not answered outright and got no suggestions either. */
  readonly outOfScopeRecall: number;
  /** All cases answered outright with the wrong entry (the harmful mistakes). */
  readonly wrongAnswerRate: number;
  /** Most frequent (expected → answered) mistakes. */
  readonly confusions: ReadonlyArray<{ expected: string; got: string; count: number; example: string }>;
  readonly outcomes: readonly CaseOutcome[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Runs every case through `decide` and scores the decisions. */
export function evaluateBatch(cases: readonly BatchCase[], decide: (query: string) => AnswerDecision): BatchReport {
  const outcomes: CaseOutcome[] = cases.map((c) => {
    const d = decide(c.query);
    const top = d.kind === 'answer' ? d.candidate : d.candidates[0];
    const got = d.kind === 'answer' ? d.candidate.entry.id : d.kind === 'suggest' ? d.suggestions[0]?.entry.id : undefined;
    const correct = c.expected === 'none' ? d.kind === 'none' : d.kind === 'answer' && got === c.expected;
    const reached = c.expected !== 'none' && (correct || (d.kind === 'suggest' && d.suggestions.some((s) => s.entry.id === c.expected)));
    const rankedFirst = c.expected !== 'none' && top?.entry.id === c.expected;
    return { case: c, decision: d.kind, got, confidence: top?.confidence ?? 0, correct, reached, rankedFirst };
  });
  const answerable = outcomes.filter((o) => o.case.expected !== 'none');
  const outOfScope = outcomes.filter((o) => o.case.expected === 'none');
  const wrong = outcomes.filter((o) => o.decision === 'answer' && o.got !== o.case.expected);
  const confusionCounts = new Map<string, { expected: string; got: string; count: number; example: string }>();
  for (const o of outcomes) {
    if (o.correct) continue;
    const got = o.decision === 'none' ? 'none' : `${o.got ?? 'none'}${o.decision === 'suggest' ? ' (suggested)' : ''}`;
    const key = `${o.case.expected}\u0000${got}`;
    const old = confusionCounts.get(key);
    confusionCounts.set(key, { expected: o.case.expected, got, count: (old?.count ?? 0) + 1, example: old?.example ?? o.case.query });
  }
  return {
    n: outcomes.length,
    answerable: answerable.length,
    outOfScope: outOfScope.length,
    accuracy: ratio(answerable.filter((o) => o.correct).length, answerable.length),
    reachable: ratio(answerable.filter((o) => o.reached).length, answerable.length),
    rankedFirst: ratio(answerable.filter((o) => o.rankedFirst).length, answerable.length),
    outOfScopeRecall: ratio(outOfScope.filter((o) => o.correct).length, outOfScope.length),
    wrongAnswerRate: ratio(wrong.length, outcomes.length),
    confusions: [...confusionCounts.values()].sort((a, b) => b.count - a.count).slice(0, 10),
    outcomes,
  };
}
