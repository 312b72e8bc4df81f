/**
 * Small talk in a knowledge base: greetings, thanks, goodbyes, "are you a bot?". An entry with the
 * metadata `editorial = chitchat` (the key and value QnA Maker gives its chit-chat entries) is small
 * talk. The bot answers it without a resolution check and does not count it as a question answered
 * or missed.
 *
 * Small talk must not swallow a real question or a complaint:
 * - A greeting or thanks before or after a question ("Hi, where is my order?", "…, thanks") is
 *   taken off, and the rest is matched as the question. Only whole phrasings of small-talk entries
 *   are taken off, between punctuation or spaces, so nothing is cut out of a Chinese sentence.
 * - A small-talk entry may answer only a message every unit of which (an English word, a Chinese
 *   character) is in one of the entry's own phrasings; "translate hello into Spanish" is matched as
 *   a question. What is left after small talk was taken off it may answer only when that is one of
 *   its phrasings ("thanks, bye"), so "thank you for nothing" is not taken for a goodbye.
 * An admin who finds a greeting missed adds it as an alternate.
 */
import type { KnowledgeEntry, KnowledgeLocale } from './knowledgeBase';
import { foldText } from './textNormalizer';

const smallTalkKey = 'editorial';
const smallTalkValue = 'chitchat';

/** True for an entry marked `editorial = chitchat`. */
export function isSmallTalk(entry: KnowledgeEntry): boolean {
  return entry.metadata[smallTalkKey] === smallTalkValue;
}

const cjkChar = /\p{Script=Han}/u;

/** The units of a text: folded words, with Chinese runs cut into single characters. */
function units(text: string, locale: KnowledgeLocale): string[] {
  const out: string[] = [];
  for (const word of foldText(text, locale).split(' ')) {
    if (word === '') continue;
    if (!cjkChar.test(word)) {
      out.push(word);
      continue;
    }
    let latin = '';
    for (const ch of word) {
      if (cjkChar.test(ch)) {
        if (latin) out.push(latin);
        latin = '';
        out.push(ch);
      } else latin += ch;
    }
    if (latin) out.push(latin);
  }
  return out;
}

/** Folded words of a text: spaces and punctuation separate them; a Chinese run is one word. */
function foldedWords(text: string, locale: KnowledgeLocale): string[] {
  return foldText(text, locale)
    .split(' ')
    .filter((w) => w !== '');
}

/** Which small-talk entries may answer which messages: each entry's vocabulary, built once per base version. */
export class SmallTalkGuard {
  private readonly vocabularies = new Map<string, ReadonlySet<string>>();
  /** Each small-talk entry's phrasings, as folded words joined by a space. */
  private readonly phrasingsOf = new Map<string, ReadonlySet<string>>();
  /** Every small-talk phrasing as folded words, longest first. */
  private readonly phrasings: (readonly string[])[] = [];

  constructor(
    entries: readonly KnowledgeEntry[],
    private readonly locale: KnowledgeLocale,
  ) {
    for (const entry of entries) {
      if (!isSmallTalk(entry)) continue;
      this.vocabularies.set(entry.id, new Set(entry.questions.flatMap((q) => units(q, locale))));
      const own = new Set<string>();
      for (const q of entry.questions) {
        const words = foldedWords(q, locale);
        if (words.length === 0) continue;
        this.phrasings.push(words);
        own.add(words.join(' '));
      }
      this.phrasingsOf.set(entry.id, own);
    }
    this.phrasings.sort((a, b) => b.length - a.length);
  }

  /** True when the base has any small talk. */
  get any(): boolean {
    return this.vocabularies.size > 0;
  }

  /**
   * `text` without the small-talk phrasings it starts or ends with, as folded words; undefined when
   * it has none, or is nothing but small talk.
   */
  withoutSmallTalk(text: string): string | undefined {
    let words = foldedWords(text, this.locale);
    const total = words.length;
    for (let changed = true; changed && words.length > 0; ) {
      changed = false;
      const first = this.phrasings.find((p) => p.length < words.length && p.every((w, i) => words[i] === w));
      if (first) {
        words = words.slice(first.length);
        changed = true;
      }
      const last = this.phrasings.find((p) => p.length < words.length && p.every((w, i) => words[words.length - p.length + i] === w));
      if (last) {
        words = words.slice(0, words.length - last.length);
        changed = true;
      }
    }
    return words.length > 0 && words.length < total ? words.join(' ') : undefined;
  }

  /**
   * False when `entryId` is small talk and `text` has a unit none of its phrasings have (or no unit
   * at all), or, for the rest of a message that small talk was taken off (`trimmed`), when it is not
   * one of its phrasings; true otherwise, and for every entry that is not small talk.
   */
  mayAnswer(entryId: string, text: string, trimmed = false): boolean {
    const vocabulary = this.vocabularies.get(entryId);
    if (!vocabulary) return true;
    if (trimmed) return this.phrasingsOf.get(entryId)?.has(foldedWords(text, this.locale).join(' ')) ?? false;
    const asked = units(text, this.locale);
    return asked.length > 0 && asked.every((u) => vocabulary.has(u));
  }
}
