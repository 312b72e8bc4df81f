/**
 * Understands short answers the way a customer types them, in English and Chinese (P13): "yes it
 * did", "sorted, thank you", "still broken", "解决了", "还是不行". A reply that is really a new
 * question ("how do I return a lamp?", "怎么退货") is not an answer.
 */
import * as Recognizers from '@microsoft/recognizers-text-suite';
import { recognizeChoices } from 'botbuilder-dialogs';
import type { Token } from 'botbuilder-dialogs';
import { detectTextLocale } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';

/** Recognizers-text culture of each locale. */
export const recognizerCulture: Readonly<Record<SupportedLocale, string>> = {
  'en-US': Recognizers.Culture.English,
  'zh-CN': Recognizers.Culture.Chinese,
};

const han = /\p{Script=Han}/u;
const wordPart = /[\p{L}\p{N}']/u;

/**
 * Splits text into words, and Chinese into single characters (Chinese has no spaces, and the
 * default choice tokenizer would keep a whole sentence as one token).
 */
export function answerTokenizer(text: string): Token[] {
  const tokens: Token[] = [];
  let current: Token | undefined;
  const close = (): void => {
    if (current) tokens.push({ ...current, normalized: current.text.toLowerCase() });
    current = undefined;
  };
  let i = 0;
  for (const ch of text) {
    if (han.test(ch)) {
      close();
      tokens.push({ start: i, end: i + ch.length - 1, text: ch, normalized: ch });
    } else if (wordPart.test(ch)) {
      if (current) {
        current.text += ch;
        current.end = i + ch.length - 1;
      } else current = { start: i, end: i + ch.length - 1, text: ch, normalized: '' };
    } else close();
    i += ch.length;
  }
  close();
  return tokens;
}

/** Lower case, compatibility forms folded (full-width letters, "’"), spaces trimmed. */
export function normalizeAnswer(text: string): string {
  return text.normalize('NFKC').replace(/[’‘`]/g, "'").toLowerCase().trim();
}

/**
 * Which of several named phrase lists the text contains, with its position, using botbuilder's
 * choice recognition (longer phrases win over the shorter ones they contain). Numbers and ordinals
 * are not read as choices here; callers that render numbered lists handle those themselves.
 */
export function findAnswerPhrases<T extends string>(
  text: string,
  locale: SupportedLocale,
  phrases: Readonly<Record<T, readonly string[]>>,
): { readonly value: T; readonly start: number; readonly end: number }[] {
  const names = Object.keys(phrases) as T[];
  const choices = names.map((value) => ({ value, synonyms: [...phrases[value]] }));
  const found = recognizeChoices(normalizeAnswer(text), choices, {
    locale: recognizerCulture[locale],
    tokenizer: answerTokenizer,
    // One word may sit inside an English phrase ("not yet solved"); Chinese phrases must be whole.
    maxTokenDistance: locale === 'zh-CN' ? 0 : 1,
    recognizeNumbers: false,
    recognizeOrdinals: false,
    noValue: true,
  });
  return found.map((f) => ({ value: f.resolution.value as T, start: f.start, end: f.end }));
}

type Answer = 'yes' | 'no' | 'thanks';

/** Phrases that answer yes or no. "thanks" alone counts as yes only when nothing else was said. */
const answerPhrases: Readonly<Record<SupportedLocale, Readonly<Record<Answer, readonly string[]>>>> = {
  'en-US': {
    yes: [
      'yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'y', 'sure', 'ok', 'okay', 'correct', 'right', 'indeed', 'absolutely',
      'definitely', 'of course', 'solved', 'resolved', 'sorted', 'fixed', 'fixed it', 'that fixed it', 'it did', 'that did it',
      'it worked', 'that worked', 'worked', 'works', 'works now', 'working now', 'perfect', 'great', 'excellent', 'awesome',
      'brilliant', 'good', 'all good', 'all set', 'all sorted', 'helped', 'that helped', 'it helped', 'helpful', 'no problem',
      'no worries', 'got it',
    ],
    no: [
      'no', 'nope', 'nah', 'n', 'not really', 'not yet', 'not quite', 'not at all', 'not solved', 'not resolved', 'not fixed',
      'not sorted', 'not working', 'not helpful', 'still broken', 'still not', 'still not working', 'still an issue',
      'still a problem', 'still having', "didn't help", 'didnt help', 'did not help', "didn't work", 'didnt work', 'did not work',
      "doesn't work", 'doesnt work', 'does not work', "it didn't", 'it didnt', 'it did not', "it hasn't", 'it has not',
      "it isn't", "still isn't", 'no luck', 'no change', 'no difference', 'no joy', 'no thanks', 'no thank you', 'unsolved', 'unresolved', 'useless',
      // Said in irony: "thanks" in them is no yes.
      'thanks for nothing', 'thank you for nothing', 'thanks a lot for nothing',
    ],
    thanks: ['thanks', 'thank you', 'thank u', 'thx', 'ty', 'cheers', 'ta'],
  },
  'zh-CN': {
    yes: [
      '是的', '是啊', '对的', '嗯嗯', '好的', '好了', '行了', '可以', '可以了', 'ok', '解决了', '已解决',
      '解决', '搞定', '搞定了', '没问题', '没有问题', '没事了', '有用', '有帮助', '管用', '好使', '完美', '太好了', '明白了',
      '懂了', '清楚了', '不错', '成功了', '修好了',
    ],
    no: [
      '不', '不是', '不对', '否', '没', '没有', '不行', '不可以', '没解决', '没有解决', '未解决', '还没', '还没有', '还是不行',
      '还是没用', '还是有问题', '还是不好', '没用', '没有用', '不管用', '没帮助', '没有帮助', '不好使', '不太行', '有问题', '不用了',
      '失败',
    ],
    thanks: ['谢谢', '谢谢你', '多谢', '感谢', '谢了'],
  },
};

/** Words that turn the answer after them around ("not solved", "hasn't been fixed", "没有完全解决"). */
const negationBefore: Readonly<Record<SupportedLocale, RegExp>> = {
  'en-US': /(?:\b(?:not|never|hardly|barely)|n't|\bno)(?:\s+[\p{L}']+){0,2}\s*$/u,
  'zh-CN': /[不没未别]\p{Script=Han}{0,3}$/u,
};

/** Signs that the reply is a question rather than an answer. */
const questionLike: Readonly<Record<SupportedLocale, RegExp>> = {
  'en-US': /[?？]|(?:^|[,.;:!，。；：！]\s*)(?:how|what|where|when|why|who|which|can|could|do|does|is|are|will|would|should|may)\b/,
  'zh-CN': /[?？]|怎么|怎样|如何|为什么|为何|哪|什么|多少|几[点号天个]|吗\s*[。!！]?$/u,
};

/** One-word replies that are an answer only on their own ("是", "行"; inside a sentence they mean other things). */
const wholeReplyAnswers: Readonly<Record<SupportedLocale, Readonly<Record<string, boolean>>>> = {
  'en-US': { y: true, k: true, n: false },
  'zh-CN': { 是: true, 对: true, 行: true, 好: true, 嗯: true, 恩: true, 否: false },
};

/**
 * Words (Chinese: characters) that add nothing to an answer ("no, it still isn't", "还是没有解决了");
 * every other word of a reply is something the customer says beyond yes or no.
 */
const answerFillers: Readonly<Record<SupportedLocale, ReadonlySet<string>>> = {
  'en-US': new Set([
    'i', 'it', 'its', "it's", 'that', "that's", 'this', 'me', 'you', 'the', 'a', 'and', 'but', 'so', 'oh', 'well', 'wait', 'hmm', 'um', 'sorry',
    'still', 'really', 'just', 'now', 'yet', 'quite', 'very', 'much', 'all', 'at', 'totally', 'completely', 'fully', 'actually', 'anyway',
    'not', 'never', 'no', 'is', 'was', 'has', 'have', 'been', 'did', 'do', 'does', 'please', 'thanks', 'thank', 'again', 'though',
  ]),
  'zh-CN': new Set([...'了的啊呀吧哦噢呢啦嘛嗯恩哈我你您这那个还是也都就很太真已经完全一直仍依然并再']),
};

/**
 * How many words (Chinese: characters) beyond the answer make a reply a sentence of its own, when
 * its only sign of an answer is one short word ("yes but I have another question about returns").
 */
const longReply: Readonly<Record<SupportedLocale, number>> = { 'en-US': 4, 'zh-CN': 6 };

/** Chinese particles that may trail a one-word reply ("好啊", "行吧"). */
const trailingParticles = /[啊呀吧哦噢呢啦嘛的滴]+$/u;

/** Clause separators: a negation does not reach across them. */
const clauseBreak = /[,.;:!?，。；：！？、\n]/u;

function isNegated(text: string, start: number, locale: SupportedLocale): boolean {
  const before = text.slice(0, start);
  const clause = before.split(clauseBreak).pop() ?? '';
  return negationBefore[locale].test(clause);
}

/** How a reply reads as an answer to a yes/no question. */
export interface YesNoReading {
  /** true: yes; false: no; undefined: not an answer (a new question, or something else). */
  readonly answer: boolean | undefined;
  /**
   * The reply opens with nothing but its answer ("no", "not really", "还没", "No, how do I…"); a
   * caller may still take a reply that is not bare as a new question (e.g. one the FAQ answers).
   */
  readonly bare: boolean;
  /** What the reply asks after its answer, as typed ("No, how do I return it?" → "how do I return it?"). */
  readonly question?: string;
}

const notAnAnswer: YesNoReading = { answer: undefined, bare: false };

/**
 * Whether a reply means yes (true), no (false), or is not a yes/no answer at all (undefined). The
 * reply is read in its own language when it is plainly written in the other one ("yes" in a Chinese
 * conversation). When a reply says both ("yes, but it's still broken"), the later part wins.
 */
export function recognizeYesNo(text: string, conversationLocale: SupportedLocale): boolean | undefined {
  return readYesNo(text, conversationLocale).answer;
}

/**
 * {@link recognizeYesNo}, and whether the reply is bare. A "no" that negates the word after it is
 * not an answer ("no idea where my parcel is", "我的包裹还没到"); a question, or a long sentence
 * whose only answer word is a short one, is not an answer either.
 */
export function readYesNo(text: string, conversationLocale: SupportedLocale): YesNoReading {
  const cleaned = normalizeAnswer(text);
  if (!cleaned) return notAnAnswer;
  const locale = detectTextLocale(cleaned) ?? conversationLocale;
  const compact = cleaned.replace(/[^\p{L}\p{N}']/gu, '').replace(trailingParticles, '');
  const whole = wholeReplyAnswers[locale][compact];
  if (whole !== undefined) return { answer: whole, bare: true };
  const tokens = answerTokenizer(cleaned);
  const phrases = findAnswerPhrases(cleaned, locale, answerPhrases[locale]);
  const found = phrases
    .filter((m) => m.value !== 'no' || !negatesNextWord(cleaned, m, tokens, phrases, locale))
    .map((m) => ({ ...m, value: m.value !== 'no' && isNegated(cleaned, m.start, locale) ? ('no' as const) : m.value }));
  if (found.length === 0) return recognizeBooleanFallback(cleaned, locale, tokens);
  const firstClauseEnd = cleaned.search(clauseBreak);
  const inFirstClause = (t: { readonly start: number }): boolean => firstClauseEnd < 0 || t.start < firstClauseEnd;
  const extra = beyondAnswer(tokens, found, locale);
  const opensWithAnswer = found[0] !== undefined && inFirstClause(found[0]) && !extra.some(inFirstClause);
  const strong = found.filter((m) => m.value !== 'thanks');
  if (questionLike[locale].test(cleaned)) {
    // "No, how do I return it?" answers in its first clause, then asks; "Why is it not working?"
    // and "可以退货吗" only ask.
    const first = strong[0];
    if (!opensWithAnswer || !first || !inFirstClause(first)) return notAnAnswer;
    const asked = afterFirstClause(text);
    return { answer: first.value === 'yes', bare: true, ...(asked ? { question: asked } : {}) };
  }
  // "yes but I have another question about returns": one short word does not make a sentence an answer.
  const weak = strong.every((m) => tokens.filter((t) => t.start >= m.start && t.end <= m.end).length === 1);
  if (!opensWithAnswer && weak && extra.length >= longReply[locale]) return notAnAnswer;
  const last = strong.at(-1) ?? found.at(-1);
  return last ? { answer: last.value !== 'no', bare: opensWithAnswer } : notAnAnswer;
}

/** The text after the first clause break, trimmed; undefined when there is none. */
function afterFirstClause(text: string): string | undefined {
  const trimmed = text.trim();
  const at = trimmed.search(clauseBreak);
  const rest = at < 0 ? '' : trimmed.slice(at + 1).trim();
  return rest === '' ? undefined : rest;
}

/** Tokens of the reply that are neither inside an answer phrase nor filler. */
function beyondAnswer(tokens: readonly Token[], spans: readonly { start: number; end: number }[], locale: SupportedLocale): Token[] {
  return tokens.filter((t) => !answerFillers[locale].has(t.normalized) && !spans.some((s) => t.start >= s.start && t.end <= s.end));
}

/** "No" words that may also negate the word after them ("no idea", "还没到"). */
const negatingNo: Readonly<Record<SupportedLocale, ReadonlySet<string>>> = {
  'en-US': new Set(['no']),
  'zh-CN': new Set(['不', '没', '没有', '还没', '还没有']),
};

/**
 * True when a bare "no" word is followed by a word of its own, so that it says something about
 * that word ("no idea", "还没到", "没收到") instead of answering.
 */
function negatesNextWord(text: string, match: { start: number; end: number }, tokens: readonly Token[], phrases: readonly { start: number; end: number }[], locale: SupportedLocale): boolean {
  const { end } = match;
  if (!negatingNo[locale].has(text.slice(match.start, end + 1))) return false;
  const next = tokens.find((t) => t.start > end);
  if (!next || clauseBreak.test(text.slice(end + 1, next.start)) || answerFillers[locale].has(next.normalized)) return false;
  return !phrases.some((p) => next.start >= p.start && next.end <= p.end);
}

/** recognizers-text's own yes/no words ("ok", "sure", "对", "不行"), when they make up most of the reply. */
function recognizeBooleanFallback(cleaned: string, locale: SupportedLocale, tokens: readonly Token[]): YesNoReading {
  if (questionLike[locale].test(cleaned)) return notAnAnswer;
  const [first] = Recognizers.recognizeBoolean(cleaned, recognizerCulture[locale]);
  if (!first) return notAnAnswer;
  const meaningful = cleaned.replace(/[^\p{L}\p{N}]/gu, '').length;
  if (first.text.replace(/[^\p{L}\p{N}]/gu, '').length * 2 < meaningful) return notAnAnswer;
  const value = (first.resolution as { value?: unknown } | undefined)?.value;
  if (typeof value !== 'boolean') return notAnAnswer;
  const bare = beyondAnswer(tokens, [{ start: first.start, end: first.end }], locale).length === 0;
  return { answer: value && isNegated(cleaned, first.start, locale) ? false : value, bare };
}
