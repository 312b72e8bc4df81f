/**
 * Brings a question into the one written form the FAQ matcher compares: width- and case-folded,
 * English contractions spelled out, punctuation gone, every synonym an admin declared replaced by
 * its canonical word and, in Chinese bases, built-in near-synonyms folded too. Queries and stored
 * questions go through the same normaliser.
 */
import type { KnowledgeLocale, SynonymGroup } from './knowledgeBase';
import { foldChinese } from './chineseSynonyms';
import { toSimplified } from './traditionalChinese';

/** Longest input the matcher reads; the rest of a longer message adds nothing but latency. */
export const maxNormalizedInput = 2000;

const apostrophes = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
/** Whole-word contractions whose expansion is not regular. */
const irregular: Readonly<Record<string, string>> = {
  "can't": 'can not',
  cannot: 'can not',
  "won't": 'will not',
  "shan't": 'shall not',
  "ain't": 'is not',
  "let's": 'let us',
  "y'all": 'you all',
  "i'm": 'i am',
};
/** Words whose `'s` means "is" (elsewhere it is a possessive and is dropped). */
const isWords = new Set(['it', 'that', 'what', 'where', 'who', 'how', 'there', 'here', 'he', 'she', 'when', 'why', 'which', 'this']);
const suffixes: ReadonlyArray<readonly [string, string]> = [
  ["n't", ' not'],
  ["'re", ' are'],
  ["'ll", ' will'],
  ["'ve", ' have'],
  ["'d", ' would'],
  ["'m", ' am'],
];
/** Anything that is not a letter, digit or combining mark separates words. */
const separators = /[^\p{L}\p{N}\p{M}']+/gu;
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function expandWord(word: string): string {
  const fixed = irregular[word];
  if (fixed !== undefined) return fixed;
  if (!word.includes("'")) return word;
  for (const [suffix, expansion] of suffixes) {
    if (word.endsWith(suffix) && word.length > suffix.length) return word.slice(0, -suffix.length) + expansion;
  }
  if (word.endsWith("'s")) {
    const stem = word.slice(0, -2);
    return isWords.has(stem) ? `${stem} is` : stem;
  }
  return word.replace(/'/g, '');
}

/** True when the text contains Chinese, Japanese or Korean characters. */
export function hasCjk(text: string): boolean {
  return cjk.test(text);
}

/**
 * Folds width and case, Traditional Chinese characters to Simplified, and removes punctuation; in
 * English also expands contractions. The result is words separated by single spaces (Chinese runs
 * stay unsegmented).
 */
export function foldText(text: string, locale: KnowledgeLocale): string {
  const folded = toSimplified(text.slice(0, maxNormalizedInput).normalize('NFKC').toLowerCase().replace(apostrophes, "'"));
  const words = folded.split(separators).filter((w) => w.length > 0 && w !== "'");
  const out = locale === 'en-US' ? words.map(expandWord) : words.map((w) => w.replace(/'/g, ''));
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

/** Replaces admin-declared synonyms by their canonical word, then folds; see the file comment. */
export class TextNormalizer {
  readonly locale: KnowledgeLocale;
  /** Folded alternates, longest first, each with its folded canonical. */
  private readonly replacements: ReadonlyArray<{ readonly pattern: RegExp; readonly canonical: string }>;

  /** Chinese bases also fold the built-in near-synonyms (`chineseSynonyms.ts`), after the admin's. */
  private readonly builtInSynonyms: boolean;

  /** `builtInSynonyms: false` leaves out the built-in Chinese near-synonyms (for comparisons). */
  constructor(locale: KnowledgeLocale, synonyms: readonly SynonymGroup[] = [], builtInSynonyms = true) {
    this.locale = locale;
    this.builtInSynonyms = locale === 'zh-CN' && builtInSynonyms;
    const pairs: Array<{ alternate: string; canonical: string }> = [];
    for (const group of synonyms) {
      const canonical = foldText(group.canonical, locale);
      if (canonical === '') continue;
      for (const alt of group.alternates) {
        const alternate = foldText(alt, locale);
        if (alternate !== '' && alternate !== canonical) pairs.push({ alternate, canonical });
      }
    }
    pairs.sort((a, b) => b.alternate.length - a.alternate.length);
    this.replacements = pairs.map(({ alternate, canonical }) => {
      const escaped = alternate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      // Chinese is written without spaces, so a CJK alternate matches anywhere; others whole words only.
      const source = hasCjk(alternate) ? escaped : `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`;
      return { pattern: new RegExp(source, 'gu'), canonical };
    });
  }

  /** The folded text with synonyms (the admin's, then the built-in ones) replaced by their canonical words. */
  normalize(text: string): string {
    const replaced = this.replaceSynonyms(foldText(text, this.locale));
    return this.builtInSynonyms && replaced !== '' ? foldChinese(replaced) : replaced;
  }

  /** Folded text with the admin's synonyms replaced by their canonical words. */
  private replaceSynonyms(folded: string): string {
    let out = folded;
    if (out === '' || this.replacements.length === 0) return out;
    // Placeholders keep a canonical from being rewritten again by a shorter alternate.
    const canonicals: string[] = [];
    for (const { pattern, canonical } of this.replacements) {
      pattern.lastIndex = 0;
      if (!pattern.test(out)) continue;
      pattern.lastIndex = 0;
      out = out.replace(pattern, () => {
        canonicals.push(canonical);
        return `\uf8ff${String.fromCharCode(0xe000 + canonicals.length - 1)}\uf8ff`;
      });
    }
    return out.replace(/\uf8ff([\ue000-\uf8fe])\uf8ff/g, (_, c: string) => canonicals[c.charCodeAt(0) - 0xe000] ?? '');
  }
}
