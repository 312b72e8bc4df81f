/**
 * Cuts runs of Chinese into words. ICU's word segmenter (Intl.Segmenter) knows few domain words and
 * splits "航班" or "两个" into characters; jieba's dictionary segmenter (@node-rs/jieba, a native
 * module whose 5 MB dictionary is loaded once, on the first Chinese text) finds most customer-service
 * words. The two err in different places, so the matcher uses both (see `textTokens`).
 */
import { readFileSync } from 'node:fs';
import type * as JiebaModule from '@node-rs/jieba';

type Jieba = JiebaModule.Jieba;

/** Which segmenter cuts Chinese runs into words. */
export type ChineseSegmenter = 'icu' | 'jieba';

let icu: Intl.Segmenter | undefined;
let jieba: Jieba | undefined;

/** The shared jieba instance with its default dictionary, loaded on first use (about 0.2 s). */
function loadJieba(): Jieba {
  if (jieba === undefined) {
    // Required lazily so that a process without Chinese bases never loads the native module or its dictionary.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof JiebaModule;
    // The package's `@node-rs/jieba/dict` module would keep the dictionary and an IDF table we do not
    // use in memory for good (11 MB); read once here, the dictionary is dropped after jieba has built on it.
    jieba = JiebaClass.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  }
  return jieba;
}

const wordLike = /[\p{L}\p{N}]/u;

/** Words of `text` in order, spaces and punctuation left out (jieba without its HMM guesser by default). */
export function chineseWords(text: string, segmenter: ChineseSegmenter = 'jieba'): string[] {
  if (segmenter === 'icu') {
    icu ??= new Intl.Segmenter('zh', { granularity: 'word' });
    const out: string[] = [];
    for (const s of icu.segment(text)) if (s.isWordLike) out.push(s.segment);
    return out;
  }
  // The HMM guesser glues unknown characters into words ("人飞要"); on the development bases it cost
  // about a point of top-1, so only dictionary words are kept.
  return loadJieba()
    .cut(text, false)
    .filter((w) => wordLike.test(w));
}
