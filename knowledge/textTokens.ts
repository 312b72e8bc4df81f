/**
 * Splits normalised text into the units features are made of: words (Chinese words found by a
 * dictionary segmenter, English words optionally stemmed), the Chinese words a second segmenter
 * finds, and the Chinese runs that character n-grams are cut from.
 */
import { chineseWords } from './chineseWords';
import { hasCjk } from './textNormalizer';
import { stemWord } from './textStemmer';
import { englishPlaceAt, isChinesePlace, placeFeature } from './placeNames';

/** The units of one normalised text. */
export interface TextTokens {
  /** Words in order (stemmed when asked), used for word uni- and bigrams. */
  readonly words: readonly string[];
  /**
   * Chinese words of ICU's segmentation (when `both` segmenters are used), for single-word
   * features: where jieba and ICU cut differently ("能/不能" and "能不能"), a paraphrase cut the
   * other way still shares a word.
   */
  readonly extraWords: readonly string[];
  /** Non-Chinese words as written, used for within-word character n-grams. */
  readonly plainWords: readonly string[];
  /** Runs of Chinese characters, used for character n-grams across word boundaries. */
  readonly cjkRuns: readonly string[];
}

/** How Chinese is cut into words: ICU's segmenter, jieba's, or jieba's words plus ICU's as extras. */
export type ChineseWordMode = 'icu' | 'jieba' | 'both';

/**
 * Tokens of a text that has already been through `TextNormalizer.normalize`. With `countries`, a
 * text that names a country or says "abroad" gets the class word `placeFeature` among its
 * `extraWords` (knowledge/placeNames.ts).
 */
export function textTokens(normalized: string, stem: boolean, chinese: ChineseWordMode = 'both', countries = true): TextTokens {
  const words: string[] = [];
  const extraWords: string[] = [];
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
    for (const word of chineseWords(piece, chinese === 'icu' ? 'icu' : 'jieba')) {
      if (hasCjk(word)) words.push(word);
      else {
        plainWords.push(word);
        words.push(stem ? stemWord(word) : word);
      }
    }
    if (chinese === 'both') for (const word of chineseWords(piece, 'icu')) if (hasCjk(word)) extraWords.push(word);
  }
  if (countries && (plainWords.some((_, at) => englishPlaceAt(plainWords, at) > 0) || words.some(isChinesePlace) || extraWords.some(isChinesePlace))) extraWords.push(placeFeature);
  return { words, extraWords, plainWords, cjkRuns };
}
