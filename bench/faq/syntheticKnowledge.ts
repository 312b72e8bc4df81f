/**
 * Deterministic synthetic knowledge bases and query streams for the performance rows: entries of
 * about three short questions that share topic words, plus perturbed and random queries.
 */
import type { KnowledgeEntry } from '../../knowledge/knowledgeBase';
import { seededRandom } from '../../knowledge/seededRandom';

/** A query and, for perturbed ones, the entry it was made from. */
export interface SyntheticQuery {
  readonly text: string;
  readonly sourceId?: string;
}

/** Knowledge entries and the queries to time against them. */
export interface SyntheticKnowledge {
  readonly entries: KnowledgeEntry[];
  readonly queries: SyntheticQuery[];
}

/** Options; defaults give 2,000 queries, three in four made from stored questions. */
export interface SyntheticOptions {
  readonly seed?: number;
  readonly perturbedQueries?: number;
  readonly randomQueries?: number;
}

/** How many of the most frequent words act as function words ("how", "my", "the"…). */
const fillerCount = 150;

/** Builds `size` entries over `vocabulary` (most frequent word first) and a query stream. */
export function syntheticKnowledge(size: number, vocabulary: readonly string[], options: SyntheticOptions = {}): SyntheticKnowledge {
  const rng = seededRandom(options.seed ?? 20240601);
  const fillers = vocabulary.slice(0, fillerCount);
  const content = vocabulary.slice(fillerCount).filter((w) => w.length >= 3);
  if (fillers.length === 0 || content.length < 10) throw new Error('vocabulary too small for synthetic knowledge');
  const int = (n: number): number => Math.floor(rng() * n);
  // Skewed towards the front of a list sorted by frequency, like real word use.
  const skewed = <T>(list: readonly T[]): T => list[Math.floor(list.length * rng() * rng())] as T;
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i -= 1) {
      const j = int(i + 1);
      [list[i], list[j]] = [list[j] as T, list[i] as T];
    }
    return list;
  };

  const entries: KnowledgeEntry[] = [];
  for (let i = 0; i < size; i += 1) {
    const topic = new Set<string>();
    while (topic.size < 3) topic.add(skewed(content));
    const questions: string[] = [];
    for (let q = 0; q < 3; q += 1) {
      const words = shuffle([...topic]).slice(0, 2 + int(2));
      for (let f = 2 + int(3); f > 0; f -= 1) words.push(skewed(fillers));
      questions.push(shuffle(words).join(' '));
    }
    entries.push({ id: `e${i}`, questions, answer: `answer ${i}`, metadata: {}, prompts: [], contextOnly: false });
  }

  const queries: SyntheticQuery[] = [];
  for (let n = options.perturbedQueries ?? 1500; n > 0; n -= 1) {
    const entry = entries[int(entries.length)] as KnowledgeEntry;
    const words = (entry.questions[int(entry.questions.length)] ?? '').split(' ');
    if (words.length > 3 && rng() < 0.5) words.splice(int(words.length), 1);
    if (rng() < 0.5) words[int(words.length)] = skewed(fillers);
    if (rng() < 0.3) {
      const w = int(words.length);
      const word = words[w] ?? '';
      const at = int(Math.max(1, word.length - 1));
      if (word.length > 3) words[w] = word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
    }
    queries.push({ text: words.join(' '), sourceId: entry.id });
  }
  for (let n = options.randomQueries ?? 500; n > 0; n -= 1) {
    const words: string[] = [];
    for (let k = 3 + int(5); k > 0; k -= 1) words.push(skewed(vocabulary));
    queries.push({ text: words.join(' ') });
  }
  return { entries, queries: shuffle(queries) };
}
