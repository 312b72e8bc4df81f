/**
 * Splits normalised text into the units features are made of: words (Chinese words found by the
 * ICU word segmenter, English words optionally stemmed) and the Chinese runs that character
 * n-grams are cut from.
 */
import { hasCjk } from './textNormalizer';
import { stemWord } from './textStemmer';

/** The units of one normalised text. */
export interface TextTokens {
  /** Words in order (stemmed when asked), used for word uni- and bigrams. */
  readonly words: readonly string[];
  /** Non-Chinese words as written, used for within-word character n-grams. */
  readonly plainWords: readonly string[];
  /** Runs of Chinese characters, used for character n-grams across word boundaries. */
  readonly cjkRuns: readonly string[];
}

let segmenter: Intl.Segmenter | undefined;

function segment(run: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(run)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/** Tokens of a text that has already been through `TextNormalizer.normalize`. */
export function textTokens(normalized: string, stem: boolean): TextTokens {
  const words: string[] = [];
  const plainWords: string[] = [];
  const cjkRuns: string[] = [];
  for (const piece of normalized.split(' ')) {
    if (piece === '') continue;
    if (!hasCjk(piece)) {
      plainWords.push(piece);
      words.push(stem ? stemWord(piece) : piece);
      continue;
    }
    // A piece may mix scripts ("iphone充电"): segment it and route each word by script.
    cjkRuns.push(...piece.split(/[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/u).filter((r) => r !== ''));
    for (const word of segment(piece)) {
      if (hasCjk(word)) words.push(word);
      else {
        plainWords.push(word);
        words.push(stem ? stemWord(word) : word);
      }
    }
  }
  return { words, plainWords, cjkRuns };
}
