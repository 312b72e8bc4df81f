/**
 * Scores how a customer feels in one message, −1 (angry) … 1 (happy), for the escalation policy's
 * "sustained frustration" rule and the agent's summary. A deliberate, explainable baseline: a
 * hand-written {@link sentimentLexicon} for customer service, with negation ("not happy", "不满意"),
 * intensifiers ("very", "非常", "太"), exclamation marks and ALL CAPS, summed and squashed into
 * −1…1 (the approach of VADER, Hutto & Gilbert 2014, with our own words and weights). Every score
 * can be traced to the words that produced it; a learned model can replace it behind the same
 * signature once labelled conversations exist.
 */
import { sentimentLexicon } from './sentimentLexicon';
import { clauseWords, exclamationCount, hasHan, messageClauses } from './messageText';
import type { MessageWord } from './messageText';

/** Larger values squash less: a single strong word (−3) scores about −0.6. */
const squash = 15;
/** A negated word keeps most of its strength, reversed ("not happy" is nearly as bad as "unhappy"). */
const negationFactor = -0.75;
/** How much ALL CAPS strengthens a sentiment word. */
const capsFactor = 1.5;
/** Added (in the message's direction) per exclamation mark, up to {@link maxExclamations}. */
const exclamationBoost = 0.3;
const maxExclamations = 4;
/** Shouting a whole message counts as a mildly negative word. */
const shoutingValue = -1;

const en = sentimentLexicon.en;
const zh = sentimentLexicon.zh;
/** Terms by their first word (English) or character (Chinese), longest first. */
function indexBy<T>(items: readonly T[], key: (item: T) => string, size: (item: T) => number): ReadonlyMap<string, readonly T[]> {
  const index = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => size(b) - size(a))) index.set(key(item), [...(index.get(key(item)) ?? []), item]);
  return index;
}
const enTerms = indexBy(
  Object.entries(en.terms).map(([words, value]) => ({ words: words.split(' '), value })),
  (t) => t.words[0] ?? '',
  (t) => t.words.length,
);
const enNegations = new Set<string>(en.negations);
const zhTerms = indexBy(Object.keys(zh.terms), (t) => t.charAt(0), (t) => t.length);
const zhIntensifiers = Object.keys(zh.intensifiers).sort((a, b) => b.length - a.length);

const isCaps = (raw: string): boolean => /^\p{Lu}{2,}$/u.test(raw.replace(/[^\p{L}]/gu, ''));

/**
 * Sentiment of one message, −1…1; 0 for a neutral question or a text with no sentiment words.
 * English and Chinese words are both read whatever the conversation's locale, because customers mix.
 */
export function scoreSentiment(text: string): number {
  let total = 0;
  let latin = 0;
  let shouted = 0;
  for (const clause of messageClauses(text)) {
    const words = clauseWords(clause);
    total += scoreWords(words);
    for (const w of words) {
      if (hasHan(w.text) || !/\p{L}{3,}/u.test(w.raw)) continue;
      latin += 1;
      if (isCaps(w.raw)) shouted += 1;
    }
  }
  if (shouted >= 2 && shouted * 2 >= latin) total += shoutingValue;
  if (total !== 0) total += Math.sign(total) * exclamationBoost * Math.min(exclamationCount(text), maxExclamations);
  return total / Math.sqrt(total * total + squash);
}

function scoreWords(words: readonly MessageWord[]): number {
  let total = 0;
  for (let i = 0; i < words.length; ) {
    const word = words[i];
    if (word === undefined) break;
    if (hasHan(word.text)) {
      total += scoreChinese(word.text);
      i += 1;
      continue;
    }
    const term = enTerms.get(word.text)?.find((t) => t.words.every((w, k) => words[i + k]?.text === w));
    if (!term) {
      i += 1;
      continue;
    }
    let value = term.value;
    let k = i - 1;
    for (; k >= 0 && en.intensifiers[words[k]?.text ?? ''] !== undefined; k -= 1) value *= en.intensifiers[words[k]?.text ?? ''] ?? 1;
    if (words.slice(Math.max(0, k - 2), k + 1).some((w) => enNegations.has(w.text))) value *= negationFactor;
    if (words.slice(i, i + term.words.length).some((w) => isCaps(w.raw))) value *= capsFactor;
    total += value;
    i += term.words.length;
  }
  return total;
}

function scoreChinese(run: string): number {
  let total = 0;
  for (let i = 0; i < run.length; ) {
    const term = zhTerms.get(run.charAt(i))?.find((t) => run.startsWith(t, i));
    if (term === undefined) {
      i += 1;
      continue;
    }
    let value = zh.terms[term] ?? 0;
    let before = run.slice(Math.max(0, i - 4), i);
    for (let found = true; found; ) {
      const intensifier = zhIntensifiers.find((w) => before.endsWith(w));
      found = intensifier !== undefined;
      if (intensifier !== undefined) {
        value *= zh.intensifiers[intensifier] ?? 1;
        before = before.slice(0, -intensifier.length);
      }
    }
    if (zh.negations.some((n) => before.endsWith(n))) value *= negationFactor;
    total += value;
    i += term.length;
  }
  return total;
}
