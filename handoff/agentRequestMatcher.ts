/**
 * Tells whether a customer's message asks for a person (P1), in English, Chinese or a mix of both,
 * from the built-in {@link agentRequestPhrases} plus an admin's own phrases. Pragmatic rules, each
 * one explainable: a request verb before a request word ("can I talk to a real person"), a short
 * message that is nothing but the request ("AGENT!!", "人工客服在吗"), a message that opens with the
 * request and goes on about the issue ("agent please about order LM-200300"), or a configured phrase, unless
 * negated ("I don't want an agent", "不要人工") or part of another thing ("travel agent", "人工智能").
 */
import { agentRequestPhrases } from './agentRequestPhrases';
import type { RequestNoun } from './agentRequestPhrases';
import { clauseWords, compactClause, hasHan, messageClauses, phraseWords } from './messageText';

const en = agentRequestPhrases.en;
const zh = agentRequestPhrases.zh;

interface NounPattern {
  readonly words: readonly string[];
  readonly strong: boolean;
  readonly kind: 'person' | 'vague' | 'team';
  readonly notAfter: ReadonlySet<string>;
  readonly notBefore: ReadonlySet<string>;
}

interface Occurrence {
  readonly start: number;
  readonly end: number;
  readonly strong: boolean;
  readonly kind: NounPattern['kind'];
}

const nouns: readonly NounPattern[] = (en.nouns as readonly RequestNoun[])
  .map((n): NounPattern => ({ words: n.words.split(' '), strong: n.strong === true, kind: n.kind ?? 'person', notAfter: new Set(n.notAfter ?? []), notBefore: new Set(n.notBefore ?? []) }))
  .sort((a, b) => b.words.length - a.words.length);
const verbs = new Set<string>(en.verbs);
const conversational = new Set<string>(en.conversational);
const bridges = new Set<string>(en.bridges);
const fillers = new Set<string>(en.fillers);
const negations = new Set<string>(en.negations);
const urging = new Set<string>(en.opening.urging);
const topicWords = new Set<string>(en.opening.topic);
const personTopicWords = new Set<string>(en.opening.person);
const definite = new Set<string>(en.opening.definite);
const notNegating = new Set<string>(en.notNegating);
const byLength = (a: string, b: string): number => b.length - a.length;
const zhShort = [...zh.nouns, ...zh.fillers].sort(byLength);
const zhNouns = new Set<string>(zh.nouns);
const zhFillers = [...zh.fillers].sort(byLength);

function startsAt(words: readonly string[], at: number, pattern: readonly string[]): boolean {
  return pattern.every((w, i) => words[at + i] === w);
}

/** Request words in a clause, longest first, without overlaps, skipping "travel agent" and the like. */
function findNouns(words: readonly string[]): Occurrence[] {
  const found: Occurrence[] = [];
  for (let i = 0; i < words.length; ) {
    const noun = nouns.find((n) => startsAt(words, i, n.words));
    if (!noun) {
      i += 1;
      continue;
    }
    const end = i + noun.words.length;
    const blocked = noun.notAfter.has(words[i - 1] ?? '') || noun.notBefore.has(words[end] ?? '');
    if (!blocked) found.push({ start: i, end, strong: noun.strong, kind: noun.kind });
    i = end;
  }
  return found;
}

/** True when a negation shortly before `at` refuses the request ("do not want", "no agent"). */
function negatedBefore(words: readonly string[], at: number): boolean {
  if (en.whyWords.some((why) => startsAt(words, 0, why.split(' ')))) return false;
  for (let j = Math.max(0, at - 4); j < at; j += 1) {
    const w = words[j] ?? '';
    if (w === 'not' && !notNegating.has(words[j - 1] ?? '')) return true;
    if (negations.has(w)) return true;
    // "no agent", "no real person", "no need for…"; not "no, I want an agent" said without the comma.
    if (w === 'no' && (words[j + 1] === 'need' || (!verbs.has(words[at] ?? '') && words.slice(j + 1, at).every((b) => bridges.has(b))))) return true;
  }
  return false;
}

function isIdentityQuestion(words: readonly string[]): boolean {
  return en.identity.some(([a, b]) => words.some((w, i) => w === a && words[i + 1] === b));
}

/** Strips Chinese filler words greedily; what is left is the text that is not filler. */
function zhLeftover(text: string, vocabulary: readonly string[]): { rest: string; nouns: number } {
  let rest = '';
  let count = 0;
  for (let i = 0; i < text.length; ) {
    const word = vocabulary.find((v) => text.startsWith(v, i));
    if (word === undefined) {
      rest += text[i] ?? '';
      i += 1;
    } else {
      if (zhNouns.has(word)) count += 1;
      i += word.length;
    }
  }
  return { rest, nouns: count };
}

function zhNegated(text: string, at: number): boolean {
  const before = text.slice(0, at);
  if (zh.whyWords.some((w) => before.includes(w))) return false;
  // The nearest cue before the phrase; it may end inside it ("不要人工" holds the phrase "要人工").
  return zh.negations.some((cue) => {
    const pos = at === 0 ? -1 : text.lastIndexOf(cue, at - 1);
    return pos >= 0 && pos + cue.length >= at - 2;
  });
}

function zhBlocked(text: string, phrase: string, at: number): boolean {
  const after = text.slice(at + phrase.length);
  return zh.blocks.some((b) => phrase.endsWith(b.word) && b.notBefore.some((s) => after.startsWith(s)));
}

/**
 * True when one of `phrases` (longest first) occurs in `text` not negated and not part of another
 * word; at each place only the longest phrase is read, so negation is judged on the whole request.
 */
function zhRequestIn(text: string, phrases: readonly string[]): boolean {
  for (let at = 0; at < text.length; ) {
    const phrase = phrases.find((p) => text.startsWith(p, at));
    if (phrase === undefined) {
      at += 1;
      continue;
    }
    if (!zhBlocked(text, phrase, at) && !zhNegated(text, at)) return true;
    at += phrase.length;
  }
  return false;
}

/** Finds requests for a person; built once from the configured phrases. */
export class AgentRequestMatcher {
  private readonly extraWords: readonly (readonly string[])[];
  private readonly zhPhrases: readonly string[];

  /** `extraPhrases`: admins' phrases of every locale (customers mix languages). */
  constructor(extraPhrases: readonly string[]) {
    const folded = [...en.phrases, ...extraPhrases].map((p) => phraseWords(p)).filter((w) => w.length > 0);
    this.zhPhrases = [...zh.phrases, ...folded.filter((w) => w.some(hasHan)).map((w) => w.join(''))].sort(byLength);
    this.extraWords = folded.filter((w) => !w.some(hasHan));
  }

  /** True when the message asks for a person; see the file comment for the rules. */
  matches(text: string): boolean {
    return messageClauses(text).some((clause) => this.clauseAsks(clause));
  }

  private clauseAsks(clause: string): boolean {
    const folded = clauseWords(clause);
    const words = folded.map((w) => w.text);
    const compact = compactClause(folded);
    for (const phrase of this.extraWords) {
      for (let i = 0; i < words.length; i += 1) {
        if (startsAt(words, i, phrase) && !negatedBefore(words, i)) return true;
      }
    }
    if (hasHan(compact) && zhRequestIn(compact, this.zhPhrases)) return true;
    return englishAsks(words) || shortChinese(compact);
  }
}

function englishAsks(words: readonly string[]): boolean {
  const identity = isIdentityQuestion(words);
  const found = findNouns(words);
  for (const noun of found) {
    let k = noun.start - 1;
    while (k >= 0 && bridges.has(words[k] ?? '')) k -= 1;
    const verb = words[k];
    if (verb !== undefined && verbs.has(verb) && !(identity && conversational.has(verb)) && !negatedBefore(words, k)) return true;
    if (noun.strong && !identity && !negatedBefore(words, noun.start)) return true;
  }
  const first = found[0];
  if (first === undefined || identity || negatedBefore(words, first.start)) return false;
  if (opensWithRequest(words, first)) return true;
  // A short message that is nothing but the request: every other word is a filler.
  const covered = new Set(found.flatMap((n) => Array.from({ length: n.end - n.start }, (_, i) => n.start + i)));
  return words.every((w, i) => covered.has(i) || fillers.has(w) || (hasHan(w) && zhLeftover(w, zhFillers).rest === ''));
}

/**
 * A clause that opens with a request word and goes on about the issue: "agent please about order
 * LM-200300", "a human regarding my refund", "representative for order LM-200300". Not "the agent
 * about my order was rude", "someone about my order called", "customer service for returns".
 */
function opensWithRequest(words: readonly string[], noun: Occurrence): boolean {
  if (noun.kind === 'vague') return false;
  const before = words.slice(0, noun.start);
  if (!before.every((w) => fillers.has(w) && !definite.has(w))) return false;
  let next = noun.end;
  while (urging.has(words[next] ?? '')) next += 1;
  const word = words[next];
  if (word === undefined) return false;
  return next > noun.end || topicWords.has(word) || (noun.kind === 'person' && personTopicWords.has(word));
}

/** A short Chinese message that is nothing but a request word and fillers ("客服！", "我要客服"). */
function shortChinese(compact: string): boolean {
  if (!hasHan(compact)) return false;
  const { rest, nouns: count } = zhLeftover(compact, zhShort);
  return rest === '' && count > 0 && !zhNegated(compact, compact.length);
}
