/**
 * MiniSearch 7 as a benchmark peer: a BM25 full-text index over every training question, the best
 * hit's label wins. The plain keyword-search baseline a bot author might reach for first.
 */
import MiniSearch from 'minisearch';
import type { KnowledgeLocale } from '../../knowledge/knowledgeBase';
import type { Example } from '../datasets';
import { defaultTop } from '../faq/benchClassifier';
import type { BenchClassifier, Prediction } from '../faq/benchClassifier';

interface QuestionDoc {
  readonly id: number;
  readonly text: string;
  readonly label: string;
}

/**
 * Maps a BM25 score (0..∞, grows with the number of query words that hit) to 0..1: the score per
 * query word, squashed by x / (x + scoreScale). Monotonic per query length, so it never changes
 * the ranking; it only makes one threshold mean roughly the same for short and long queries.
 */
const scoreScale = 2;

/** Word tokens for Chinese (no spaces between words), from the ICU word segmenter. */
function chineseTokenizer(): (text: string) => string[] {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  return (text) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** MiniSearch with default search options (OR of terms, no fuzzy or prefix matching). */
export class MiniSearchClassifier implements BenchClassifier {
  readonly name = 'MiniSearch';
  private index: MiniSearch<QuestionDoc> | undefined;
  private tokenize: (text: string) => string[] = MiniSearch.getDefault('tokenize') as (text: string) => string[];

  train(examples: readonly Example[], locale: KnowledgeLocale): void {
    this.tokenize = locale === 'zh-CN' ? chineseTokenizer() : (MiniSearch.getDefault('tokenize') as (text: string) => string[]);
    const index = new MiniSearch<QuestionDoc>({ fields: ['text'], storeFields: ['label'], tokenize: this.tokenize });
    index.addAll(examples.map((e, id) => ({ id, text: e.text, label: e.label })));
    this.index = index;
  }

  predict(text: string, top = defaultTop): Prediction[] {
    if (!this.index) throw new Error('MiniSearchClassifier.predict called before train');
    const words = this.tokenize(text).filter((w) => w.trim() !== '').length;
    if (words === 0) return [];
    const best = new Map<string, number>();
    for (const hit of this.index.search(text)) {
      const label = String(hit.label);
      if (!best.has(label)) best.set(label, hit.score); // hits come best first
      if (best.size >= top) break;
    }
    return [...best].map(([label, score]) => {
      const perWord = score / words;
      return { label, confidence: perWord / (perWord + scoreScale) };
    });
  }
}
