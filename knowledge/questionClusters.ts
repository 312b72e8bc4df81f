/**
 * Groups questions nobody could answer by what they are about, so an editor turns a group into one
 * entry (or the alternates of one) instead of reading them one by one. Words come from the engine's
 * own normaliser and tokenizer (synonyms folded, English stemmed, Chinese segmented); words common in
 * the knowledge base ("how", "do", "我") weigh little, so "how do I pay" and "how do I return" stay apart.
 */
import type { KnowledgeLocale, SynonymGroup } from './knowledgeBase';
import { TextNormalizer } from './textNormalizer';
import { textTokens } from './textTokens';

/** What may be grouped: a text with how often it was asked. */
export interface ClusterItem {
  readonly text: string;
  readonly count: number;
}

/** Options for {@link clusterQuestions}. */
export interface ClusterOptions {
  readonly locale: KnowledgeLocale;
  readonly synonyms?: readonly SynonymGroup[];
  /** Texts that say how common each word is (the base's questions); the items themselves always count. */
  readonly corpus?: readonly string[];
  /** Weighted overlap (0–1) a question needs with a group's first question to join it (default 0.3). */
  readonly threshold?: number;
}

/** A group of similar questions, most asked first; `count` is the sum of theirs. */
export interface QuestionCluster<T extends ClusterItem> {
  readonly items: readonly T[];
  readonly count: number;
}

/**
 * Greedy grouping: questions most asked first, each joining the group whose first question it
 * overlaps most (by IDF-weighted word overlap, at least `threshold`), else starting a new group.
 * Groups are returned most asked first.
 */
export function clusterQuestions<T extends ClusterItem>(items: readonly T[], options: ClusterOptions): QuestionCluster<T>[] {
  const normalizer = new TextNormalizer(options.locale, options.synonyms ?? []);
  const wordsOf = (text: string): Set<string> => new Set(textTokens(normalizer.normalize(text), true).words);
  const sorted = [...items].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  const itemWords = sorted.map((i) => wordsOf(i.text));
  const documents = [...(options.corpus ?? []).map(wordsOf), ...itemWords];
  const df = new Map<string, number>();
  for (const words of documents) for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string): number => Math.log((documents.length + 1) / ((df.get(w) ?? 0) + 1)) + 1;
  const similarity = (a: Set<string>, b: Set<string>): number => {
    let shared = 0;
    let all = 0;
    for (const w of new Set([...a, ...b])) {
      const weight = idf(w);
      all += weight;
      if (a.has(w) && b.has(w)) shared += weight;
    }
    return all === 0 ? 0 : shared / all;
  };
  const threshold = options.threshold ?? 0.3;
  const groups: { head: Set<string>; items: T[] }[] = [];
  sorted.forEach((item, i) => {
    const words = itemWords[i] ?? new Set<string>();
    let best: { group: (typeof groups)[number]; score: number } | undefined;
    for (const group of groups) {
      const score = similarity(words, group.head);
      if (score >= threshold && (!best || score > best.score)) best = { group, score };
    }
    if (best) best.group.items.push(item);
    else groups.push({ head: words, items: [item] });
  });
  return groups
    .map((g) => ({ items: g.items, count: g.items.reduce((sum, x) => sum + x.count, 0) }))
    .sort((a, b) => b.count - a.count);
}
