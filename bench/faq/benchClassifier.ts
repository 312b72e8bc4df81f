/**
 * The one interface every system in the FAQ benchmark is driven through, so Warmline and its peers
 * are trained on the same examples and scored by the same code.
 */
import type { KnowledgeLocale } from '../../knowledge/knowledgeBase';
import type { Example } from '../datasets';

/** One ranked label for a query. */
export interface Prediction {
  readonly label: string;
  /** The system's own score for this label, mapped to 0..1 (higher is more sure). */
  readonly confidence: number;
}

/** A system under test: learns labelled examples, then ranks labels for a query. */
export interface BenchClassifier {
  readonly name: string;
  /** Learns the examples from scratch (a second call replaces what the first learnt). */
  train(examples: readonly Example[], locale: KnowledgeLocale): Promise<void> | void;
  /** Labels best first (at most `top`, default 5); empty when the system has nothing to offer. */
  predict(text: string, top?: number): Promise<Prediction[]> | Prediction[];
  /**
   * The answer threshold the system ships with for this locale, if it has one, so open-set rows can
   * also show it used out of the box (next to the threshold chosen on validation).
   */
  shippedThreshold?(locale: KnowledgeLocale): number | undefined;
}

/** A named way to make a fresh, untrained classifier. */
export interface BenchSystem {
  /** Short id used in `--systems` and in the results JSON. */
  readonly id: string;
  readonly name: string;
  create(): Promise<BenchClassifier>;
}

/** How many labels a benchmark asks for by default. */
export const defaultTop = 5;
