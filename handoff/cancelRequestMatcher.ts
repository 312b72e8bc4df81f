/**
 * Tells whether a short message withdraws a request for a person ("never mind", "算了"), from the
 * built-in {@link cancelRequestPhrases} plus an admin's own. Only short, clear messages count: every
 * word must be a cancel phrase or a filler beside one, so "cancel my order" and "取消订单" are
 * requests about something else, and a message that also asks for a person is not a cancel.
 */
import { cancelRequestPhrases } from './cancelRequestPhrases';
import { clauseWords, hasHan, messageClauses, phraseWords } from './messageText';
import { RecentAnswers } from './recentAnswers';

/** Longest cancel message, in English words plus Chinese characters. */
const maxLength = 16;

const byLength = (a: string, b: string): number => b.length - a.length;

/** Finds "never mind" messages; built once from the configured phrases. */
export class CancelRequestMatcher {
  private readonly phrases: readonly (readonly string[])[];
  private readonly fillers: ReadonlySet<string>;
  private readonly zhPhrases: ReadonlySet<string>;
  private readonly recent = new RecentAnswers<boolean>();
  private readonly zhVocabulary: readonly string[];

  /** `extraPhrases`: admins' phrases of every locale (customers mix languages). */
  constructor(extraPhrases: readonly string[]) {
    const folded = [...cancelRequestPhrases.en.phrases, ...extraPhrases].map((p) => phraseWords(p)).filter((w) => w.length > 0);
    const zhExtra = extraPhrases.map((p) => phraseWords(p).join('')).filter(hasHan);
    this.phrases = folded.filter((w) => !w.some(hasHan)).sort((a, b) => b.length - a.length);
    this.fillers = new Set(cancelRequestPhrases.en.fillers);
    this.zhPhrases = new Set([...cancelRequestPhrases.zh.phrases, ...zhExtra]);
    this.zhVocabulary = [...this.zhPhrases, ...cancelRequestPhrases.zh.fillers].sort(byLength);
  }

  /** True when the whole message withdraws the request; callers check for a new request first. */
  matches(text: string): boolean {
    return this.recent.of(text, (t) => this.read(t));
  }

  private read(text: string): boolean {
    const clauses = messageClauses(text).map((c) => clauseWords(c).map((w) => w.text));
    const length = clauses.flat().reduce((n, w) => n + (hasHan(w) ? w.length : 1), 0);
    if (length === 0 || length > maxLength) return false;
    let cancels = 0;
    for (const words of clauses) {
      const found = this.readClause(words);
      if (found === undefined) return false;
      cancels += found;
    }
    return cancels > 0;
  }

  /** Cancel phrases in the clause, or undefined when a word is neither a phrase nor a filler. */
  private readClause(words: readonly string[]): number | undefined {
    let cancels = 0;
    for (let i = 0; i < words.length; ) {
      const phrase = this.phrases.find((p) => p.every((w, k) => words[i + k] === w));
      if (phrase) {
        cancels += 1;
        i += phrase.length;
        continue;
      }
      const word = words[i] ?? '';
      if (hasHan(word)) {
        const found = this.readChinese(word);
        if (found === undefined) return undefined;
        cancels += found;
      } else if (!this.fillers.has(word)) return undefined;
      i += 1;
    }
    return cancels;
  }

  private readChinese(text: string): number | undefined {
    let cancels = 0;
    for (let i = 0; i < text.length; ) {
      const word = this.zhVocabulary.find((v) => text.startsWith(v, i));
      if (word === undefined) return undefined;
      if (this.zhPhrases.has(word)) cancels += 1;
      i += word.length;
    }
    return cancels;
  }
}
