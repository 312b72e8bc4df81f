/**
 * English words for synthetic knowledge bases, taken at run time from the training texts of the
 * shared data sets (only single words are kept, never a sentence).
 */
import { loadBanking77, loadClinc150 } from '../datasets';

/** Distinct lower-case words of BANKING77 and CLINC150 training texts, most frequent first. */
export function benchVocabulary(): string[] {
  const counts = new Map<string, number>();
  const texts = [...loadBanking77('full').reportTrain, ...loadClinc150().reportTrain].map((e) => e.text);
  for (const text of texts) {
    for (const word of text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([word]) => word);
}
