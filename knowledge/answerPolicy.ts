/**
 * Turns ranked candidates into what the customer sees: an answer, up to three "Did you mean…?"
 * choices, or an honest "no match" (answering wrongly with confidence is worse than handing over).
 */
import type { MatchCandidate } from './matcher';

/** Thresholds of one knowledge base; defaults are chosen on validation data (docs/BENCHMARKS.md). */
export interface AnswerThresholds {
  /** Top confidence needed to answer outright. */
  readonly answer: number;
  /** The top candidate must beat the runner-up by at least this much to answer outright. */
  readonly margin: number;
  /** Lowest confidence worth offering as a "Did you mean…?" choice. */
  readonly suggest: number;
  /** Most choices offered (the bar: 3). */
  readonly maxSuggestions: number;
}

/** Defaults used when a knowledge base sets none. */
export const defaultThresholds: AnswerThresholds = Object.freeze({ answer: 0.5, margin: 0.1, suggest: 0.2, maxSuggestions: 3 });

/** What to do with a question. */
export type AnswerDecision =
  | { readonly kind: 'answer'; readonly candidate: MatchCandidate; readonly candidates: readonly MatchCandidate[] }
  | { readonly kind: 'suggest'; readonly suggestions: readonly MatchCandidate[]; readonly candidates: readonly MatchCandidate[] }
  | { readonly kind: 'none'; readonly candidates: readonly MatchCandidate[] };

/** Decides between answer, suggestions and no match. Candidates must be sorted best first. */
export function decideAnswer(candidates: readonly MatchCandidate[], thresholds: AnswerThresholds = defaultThresholds): AnswerDecision {
  const [top, second] = candidates;
  if (!top || top.confidence < thresholds.suggest) return { kind: 'none', candidates };
  const gap = top.confidence - (second?.confidence ?? 0);
  if (top.confidence >= thresholds.answer && gap >= thresholds.margin) return { kind: 'answer', candidate: top, candidates };
  const suggestions = candidates.filter((c) => c.confidence >= thresholds.suggest).slice(0, thresholds.maxSuggestions);
  return { kind: 'suggest', suggestions, candidates };
}

/** Checks thresholds an admin wrote; returns the problems (empty when valid). */
export function thresholdProblems(t: Partial<AnswerThresholds>): string[] {
  const problems: string[] = [];
  const unit = (name: keyof AnswerThresholds, v: unknown): void => {
    if (v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= 1))) problems.push(`${name} must be a number from 0 to 1`);
  };
  unit('answer', t.answer);
  unit('margin', t.margin);
  unit('suggest', t.suggest);
  if (t.maxSuggestions !== undefined && !(Number.isInteger(t.maxSuggestions) && t.maxSuggestions >= 1 && t.maxSuggestions <= 5)) {
    problems.push('maxSuggestions must be a whole number from 1 to 5');
  }
  if (typeof t.answer === 'number' && typeof t.suggest === 'number' && t.suggest > t.answer) problems.push('suggest must not be above answer');
  return problems;
}
