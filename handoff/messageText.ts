/**
 * How the escalation policy reads a customer's message: width- and case-folded, split into clauses
 * at punctuation (so "no, I want an agent" is two thoughts), and each clause into words, with English
 * contractions spelled out and Chinese runs kept whole. Shared by the request detectors and the
 * sentiment scorer so that they read a message the same way.
 */

/** Longest part of a message the policy reads; nobody asks for a person in paragraph five. */
const maxInput = 2000;

const apostrophes = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
/** Clause ends: sentence and clause punctuation (after NFKC, full-width marks are ASCII). */
const clauseEnds = /[,.;:!?\n\r\u3001\u3002\uff61\u2026\u2014\u2013()[\]{}"]+|\s-\s/u;
const words = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}'])+/gu;
const hanPattern = /\p{Script=Han}/u;

/** Contractions whose expansion is not `stem + not/is/...`, with and without the apostrophe. */
const irregular: Readonly<Record<string, readonly string[]>> = {
  "can't": ['can', 'not'],
  cant: ['can', 'not'],
  cannot: ['can', 'not'],
  "won't": ['will', 'not'],
  "i'm": ['i', 'am'],
  im: ['i', 'am'],
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  isnt: ['is', 'not'],
  wasnt: ['was', 'not'],
  arent: ['are', 'not'],
  wouldnt: ['would', 'not'],
  couldnt: ['could', 'not'],
  shouldnt: ['should', 'not'],
  havent: ['have', 'not'],
  wont: ['will', 'not'],
  nvm: ['never', 'mind'],
};
const suffixes: ReadonlyArray<readonly [string, string]> = [
  ["n't", 'not'],
  ["'re", 'are'],
  ["'ll", 'will'],
  ["'ve", 'have'],
  ["'d", 'would'],
  ["'m", 'am'],
  ["'s", 'is'],
];

/** One word of a clause: `text` folded, `raw` as the customer typed it (for ALL CAPS). */
export interface MessageWord {
  readonly text: string;
  readonly raw: string;
}

/** NFKC (full-width → ASCII), apostrophes unified; case is kept. */
function fold(text: string): string {
  return text.slice(0, maxInput).normalize('NFKC').replace(apostrophes, "'");
}

/** True when the text has a Chinese character. */
export function hasHan(text: string): boolean {
  return hanPattern.test(text);
}

function expand(raw: string): MessageWord[] {
  const trimmed = raw.replace(/^'+|'+$/g, '');
  const lower = trimmed.toLowerCase();
  if (lower === '') return [];
  const fixed = irregular[lower];
  if (fixed) return fixed.map((text) => ({ text, raw: trimmed }));
  for (const [suffix, expansion] of suffixes) {
    if (lower.endsWith(suffix) && lower.length > suffix.length) {
      return [
        { text: lower.slice(0, -suffix.length), raw: trimmed },
        { text: expansion, raw: trimmed },
      ];
    }
  }
  return [{ text: lower.replace(/'/g, ''), raw: trimmed }];
}

/** The words of one clause, folded; a run of Chinese characters is one word. */
export function clauseWords(clause: string): MessageWord[] {
  return [...clause.matchAll(words)].flatMap((m) => expand(m[0]));
}

/** Splits a message into its clauses (raw case kept, width folded), dropping empty ones. */
export function messageClauses(text: string): string[] {
  return fold(text)
    .split(clauseEnds)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** The folded words of a clause joined without spaces, the form Chinese phrases are found in. */
export function compactClause(clause: readonly MessageWord[]): string {
  return clause.map((w) => w.text).join('');
}

/** Folds one configured or built-in phrase into words, the way messages are folded. */
export function phraseWords(phrase: string): string[] {
  return clauseWords(fold(phrase)).map((w) => w.text);
}

/** Number of `!` in the message, full-width ones included. */
export function exclamationCount(text: string): number {
  return (fold(text).match(/!/g) ?? []).length;
}
