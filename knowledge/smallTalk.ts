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

/** A message as small talk is checked against it, folded once: its words and its units. */
export interface SmallTalkMessage {
  /** Folded words: spaces and punctuation separate them; a Chinese run is one word. */
  readonly words: readonly string[];
  /** The words with Chinese runs cut into single characters. */
  readonly units: readonly string[];
}

/** Chinese characters one by one, and what is between them as one unit. */
const unitPattern = /\p{Script=Han}|[^\p{Script=Han}]+/gu;

function messageOf(words: readonly string[]): SmallTalkMessage {
  return { words, units: words.flatMap((w) => w.match(unitPattern) ?? []) };
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
      const own = entry.questions.map((q) => this.read(q)).filter((m) => m.words.length > 0);
      this.vocabularies.set(entry.id, new Set(own.flatMap((m) => m.units)));
      this.phrasingsOf.set(entry.id, new Set(own.map((m) => m.words.join(' '))));
      this.phrasings.push(...own.map((m) => m.words));
    }
    this.phrasings.sort((a, b) => b.length - a.length);
  }

  /** True when the base has any small talk. */
  get any(): boolean {
    return this.vocabularies.size > 0;
  }

  /** A text folded for the checks below. */
  read(text: string): SmallTalkMessage {
    return messageOf(
      foldText(text, this.locale)
        .split(' ')
        .filter((w) => w !== ''),
    );
  }

  /**
   * The message without the small-talk phrasings it starts or ends with; undefined when it has none,
   * or is nothing but small talk.
   */
  withoutSmallTalk(message: SmallTalkMessage): SmallTalkMessage | undefined {
    let words = message.words;
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
    return words.length > 0 && words.length < message.words.length ? messageOf(words) : undefined;
  }

  /**
   * False when `entryId` is small talk and the message has a unit none of its phrasings have (or no
   * unit at all), or, for the rest of a message that small talk was taken off (`trimmed`), when it is
   * not one of its phrasings; true otherwise, and for every entry that is not small talk.
   */
  mayAnswer(entryId: string, message: SmallTalkMessage, trimmed = false): boolean {
    const vocabulary = this.vocabularies.get(entryId);
    if (!vocabulary) return true;
    if (trimmed) return this.phrasingsOf.get(entryId)?.has(message.words.join(' ')) ?? false;
    return message.units.length > 0 && message.units.every((u) => vocabulary.has(u));
  }
}
