/**
 * Warmline's own FAQ matcher as a benchmark system: one knowledge entry per label (id = label,
 * questions = that label's training texts), ranked by `FaqMatcher`, exactly as a bot would use it.
 */
import { createHash } from 'node:crypto';
import { FaqMatcher, recommendedThresholds } from '../../knowledge/faqMatcher';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeLocale } from '../../knowledge/knowledgeBase';
import type { Example } from '../datasets';
import { neutralAnswer } from '../datasets';
import { defaultTop } from '../faq/benchClassifier';
import type { BenchClassifier, Prediction } from '../faq/benchClassifier';

/** Groups examples into knowledge entries, one per label, in first-seen order (answers say nothing of the label). */
export function entriesByLabel(examples: readonly Example[]): KnowledgeEntry[] {
  const questions = new Map<string, string[]>();
  for (const e of examples) {
    const list = questions.get(e.label);
    if (list) list.push(e.text);
    else questions.set(e.label, [e.text]);
  }
  return [...questions].map(([label, texts]) => ({ id: label, questions: texts, answer: neutralAnswer, metadata: {}, prompts: [], contextOnly: false }));
}

/** A knowledge base holding the given entries, with a content hash as its version. */
export function benchKnowledgeBase(locale: KnowledgeLocale, entries: readonly KnowledgeEntry[]): KnowledgeBase {
  const hash = createHash('sha256');
  for (const e of entries) hash.update(e.id).update('\u0000').update(e.questions.join('\u0001')).update('\u0002');
  return { locale, entries, synonyms: [], version: hash.digest('hex').slice(0, 16) };
}

/** The Warmline matcher behind the benchmark interface; the label is the matched entry's id. */
export class WarmlineClassifier implements BenchClassifier {
  readonly name = 'Warmline';
  private matcher: FaqMatcher | undefined;

  train(examples: readonly Example[], locale: KnowledgeLocale): void {
    this.matcher = FaqMatcher.build(benchKnowledgeBase(locale, entriesByLabel(examples)));
  }

  /** `recommendedThresholds[locale].answer` from the matcher, the threshold a bot uses by default. */
  shippedThreshold(locale: KnowledgeLocale): number | undefined {
    return recommendedThresholds[locale]?.answer;
  }

  predict(text: string, top = defaultTop): Prediction[] {
    if (!this.matcher) throw new Error('WarmlineClassifier.predict called before train');
    return this.matcher.match({ text, top }).map((c) => ({ label: c.entry.id, confidence: c.confidence }));
  }
}
