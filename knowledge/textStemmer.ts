/**
 * English stemming for the FAQ matcher ("refunds", "refunded" → "refund"), so a question matches
 * stored phrasings that use another form of the same word.
 */
// wink-porter2-stemmer ships no type declarations; this is its whole API (string in, string out).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porter2 = require('wink-porter2-stemmer') as (word: string) => string;

const cache = new Map<string, string>();
const cacheLimit = 200_000;

/** The Porter2 stem of a lower-case English word; other words come back unchanged. */
export function stemWord(word: string): string {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  const known = cache.get(word);
  if (known !== undefined) return known;
  const stem = porter2(word);
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(word, stem);
  return stem;
}
