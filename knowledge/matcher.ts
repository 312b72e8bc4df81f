/**
 * The contract between a knowledge base and whatever ranks its entries for a question. The FAQ
 * dialog, the batch-test tool and the benchmark all talk to matchers through this interface.
 */
import type { KnowledgeBase, KnowledgeEntry } from './knowledgeBase';
import type { AnswerThresholds } from './answerPolicy';
import type { SelfCalibration } from './selfCalibration';

/** A question to match. */
export interface MatchQuery {
  readonly text: string;
  /** Only entries whose metadata has every one of these key=value pairs (lower-case) may match. */
  readonly filters?: Readonly<Record<string, string>>;
  /** Id of the entry just answered, so its `context-only` follow-ups may match. */
  readonly contextEntryId?: string;
  /** How many candidates to return (default 5). */
  readonly top?: number;
}

/** One ranked candidate. */
export interface MatchCandidate {
  readonly entry: KnowledgeEntry;
  /** Calibrated confidence in 0..1: about the chance that this entry is the right answer. */
  readonly confidence: number;
  /** The stored question (main or alternate) closest to the query, for "Did you mean…?" buttons. */
  readonly matchedQuestion: string;
}

/** Ranks a knowledge base's entries for a question. Built once per knowledge-base version. */
export interface Matcher {
  readonly knowledgeBase: KnowledgeBase;
  /** The thresholds fitted to this base (self-calibration); absent: the service's defaults. */
  readonly recommendedThresholds?: AnswerThresholds;
  /** What self-calibration found, for admins (absent: the base keeps a fixed calibration). */
  readonly selfCalibration?: SelfCalibration;
  /** Candidates, best first; empty when nothing is similar at all. Never throws for any string input. */
  match(query: MatchQuery): MatchCandidate[];
}
