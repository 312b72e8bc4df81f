/**
 * Tells whether a customer's message asks for a person (P1), in English, Chinese or a mix of both,
 * from the built-in {@link agentRequestPhrases} plus an admin's own phrases. Pragmatic rules, each
 * one explainable: a request verb before a request word ("can I talk to a real person", "找你们经理"),
 * a request word asked to act ("can a manager call me"), talking with a person ("跟客服说"), a short
 * message that is nothing but the request ("AGENT!!", "人工客服在吗", "有人在线吗"), a message that
 * opens with the request and goes on about the issue ("agent please about order LM-200300"),
 * refusing the bot ("不要机器人"), or a configured phrase, unless negated ("I don't want an agent",
 * "不要人工"), part of another thing ("travel agent", "人工智能"), a mention ("客服说三天到账",
 * "客服电话"), or a question of procedure ("do I need to speak to an agent to…"). A request word with
 * one typo counts ("agnet").
 * Measured by `npm run bench:requests` (docs/BENCHMARKS.md).
 */
import { agentRequestPhrases } from './agentRequestPhrases';
import type { RequestNoun } from './agentRequestPhrases';
import { clauseWords, compactClause, hasHan, messageClauses, phraseWords } from './messageText';
import { RecentAnswers } from './recentAnswers';

const en = agentRequestPhrases.en;
const zh = agentRequestPhrases.zh;

interface NounPattern {
  readonly words: readonly string[];
  readonly strong: boolean;
  readonly kind: 'person' | 'vague' | 'team';
  readonly contactOnly: boolean;
  readonly modifiable: boolean;
  readonly notAfter: ReadonlySet<string>;
  readonly notBefore: ReadonlySet<string>;
}

interface Occurrence {
  readonly start: number;
  readonly end: number;
  readonly noun: NounPattern;
}

const nouns: readonly NounPattern[] = (en.nouns as readonly RequestNoun[])
  .map(
    (n): NounPattern => ({
      words: n.words.split(' '),
      strong: n.strong === true,
      kind: n.kind ?? 'person',
      contactOnly: n.contactOnly === true,
      modifiable: n.modifiable === true,
      notAfter: new Set(n.notAfter ?? []),
      notBefore: new Set(n.notBefore ?? []),
    }),
  )
  .sort((a, b) => b.words.length - a.words.length);
const typoNouns = nouns.filter((n) => n.words.length === 1 && (en.typoNouns as readonly string[]).includes(n.words[0] ?? ''));
const notTypos = new Set<string>(en.notTypos);
const verbs = new Set<string>(en.verbs);
const contactVerbs = new Set<string>(en.contactVerbs);
const asking = {
  verbs: new Set<string>(en.asking.verbs),
  bridges: new Set<string>(en.asking.bridges),
  after: new Set<string>(en.asking.after),
  actions: new Set<string>(en.asking.actions),
  vagueActions: new Set<string>(en.asking.vagueActions),
  objects: new Set<string>(en.asking.objects),
};
const notForVague = new Set<string>(en.notForVague);
const procedure = en.procedure.map((p) => p.split(' '));
const notVerbs = en.notVerbs as readonly (readonly [string, string])[];
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
const zhShort = [...zh.nouns, ...zh.shortNouns, ...zh.fillers].sort(byLength);
const zhNouns = new Set<string>([...zh.nouns, ...zh.shortNouns]);
const zhFillers = [...zh.fillers].sort(byLength);

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A sticky pattern matching any of `words`, longest first. */
const anyOf = (words: readonly string[]): string => `(?:${[...words].sort(byLength).map(escape).join('|')})`;
const zhModifiers = `${anyOf(zh.modifiers)}{0,2}`;
const zhDescribed = `(?:\\p{Script=Han}{1,${zh.describedMax}}的)`;
/** The Chinese rules besides the phrases: verb + person, 跟 + person + 说, 让人 + 联系我, 找个…的人. */
const zhRules: readonly RegExp[] = [
  new RegExp(`${anyOf(zh.verbs)}${zhModifiers}${anyOf(zh.nouns)}`, 'uy'),
  new RegExp(`${anyOf(zh.withWords)}(?:${zhModifiers}|${zhDescribed})${anyOf([...zh.nouns, ...zh.people])}${anyOf(zh.talkVerbs)}`, 'uy'),
  new RegExp(`${anyOf(zh.callers)}${zhModifiers}${anyOf(zh.people)}${anyOf(zh.callbacks)}`, 'uy'),
  new RegExp(`${anyOf(zh.describedVerbs)}${zhDescribed}${anyOf(zh.people)}`, 'uy'),
];

function startsAt(words: readonly string[], at: number, pattern: readonly string[]): boolean {
  return pattern.every((w, i) => words[at + i] === w);
}

/** Edit distance of at most one (a letter added, dropped, changed, or two swapped). */
function oneTypo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return swapped || a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/** The request word `word` was likely meant as ("agnet" → agent); only for words that are no other word. */
function typoNoun(word: string): NounPattern | undefined {
  if (word.length < 4 || notTypos.has(word) || verbs.has(word) || fillers.has(word) || bridges.has(word)) return undefined;
  return typoNouns.find((n) => oneTypo(word, n.words[0] ?? ''));
}

/** A word that may name a team ("billing" team), not a word of the sentence around it. */
function isModifier(word: string | undefined): boolean {
  return word !== undefined && !bridges.has(word) && !fillers.has(word) && !verbs.has(word) && !definite.has(word) && !negations.has(word) && !hasHan(word);
}

/** Request words in a clause, longest first, without overlaps, skipping "travel agent" and the like. */
function findNouns(words: readonly string[]): Occurrence[] {
  const found: Occurrence[] = [];
  for (let i = 0; i < words.length; ) {
    const noun = nouns.find((n) => startsAt(words, i, n.words)) ?? typoNoun(words[i] ?? '');
    if (!noun) {
      i += 1;
      continue;
    }
    const end = i + noun.words.length;
    const blocked = noun.notAfter.has(words[i - 1] ?? '') || noun.notBefore.has(words[end] ?? '');
    const start = noun.modifiable && isModifier(words[i - 1]) && !found.some((f) => f.end === i) ? i - 1 : i;
    if (!blocked) found.push({ start, end, noun });
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
  const before = text.slice(0, at);
  if (zh.identityBefore.some((w) => before.endsWith(w)) && !zh.notIdentityBefore.some((w) => before.endsWith(w))) return true;
  return zh.blocks.some((b) => phrase.endsWith(b.word) && b.notBefore.some((s) => after.startsWith(s)));
}

/** The longest text any of `patterns` matches at `at`, or undefined. */
function longestAt(text: string, at: number, patterns: readonly RegExp[]): string | undefined {
  let longest: string | undefined;
  for (const pattern of patterns) {
    pattern.lastIndex = at;
    const found = pattern.exec(text)?.[0];
    if (found !== undefined && found.length > (longest?.length ?? 0)) longest = found;
  }
  return longest;
}

/**
 * True when one of `patterns` matches in `text` not negated and not part of another word; at each
 * place only the longest match is read, so negation is judged on the whole request.
 */
function zhRequestIn(text: string, patterns: readonly RegExp[]): boolean {
  for (let at = 0; at < text.length; ) {
    const phrase = longestAt(text, at, patterns);
    if (phrase === undefined) {
      at += 1;
      continue;
    }
    if (!zhBlocked(text, phrase, at) && !zhNegated(text, at)) return true;
    at += phrase.length;
  }
  return false;
}

/** Refusing the bot ("不要机器人", "别让机器人回我了") asks for a person. */
function zhRefusesBot(text: string): boolean {
  return zh.botWords.some((bot) => {
    const at = text.indexOf(bot);
    return at > 0 && zhNegated(text, at);
  });
}

/** Finds requests for a person; built once from the configured phrases. */
export class AgentRequestMatcher {
  private readonly extraWords: readonly (readonly string[])[];
  private readonly recent = new RecentAnswers<boolean>();
  private readonly zhPatterns: readonly RegExp[];

  /** `extraPhrases`: admins' phrases of every locale (customers mix languages). */
  constructor(extraPhrases: readonly string[]) {
    const folded = [...en.phrases, ...extraPhrases].map((p) => phraseWords(p)).filter((w) => w.length > 0);
    const zhPhrases = [...zh.phrases, ...folded.filter((w) => w.some(hasHan)).map((w) => w.join(''))];
    this.zhPatterns = [new RegExp(anyOf(zhPhrases), 'y'), ...zhRules];
    this.extraWords = folded.filter((w) => !w.some(hasHan));
  }

  /** True when the message asks for a person; see the file comment for the rules. */
  matches(text: string): boolean {
    return this.recent.of(text, (t) => messageClauses(t).some((clause) => this.clauseAsks(clause)));
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
    if (hasHan(compact) && (zhRequestIn(compact, this.zhPatterns) || zhRefusesBot(compact))) return true;
    return englishAsks(words) || shortChinese(compact);
  }
}

/** "can a manager call me", "have someone look at my order": a person asked to act. */
function askedToAct(words: readonly string[], found: Occurrence): boolean {
  let k = found.start - 1;
  while (k >= 0 && asking.bridges.has(words[k] ?? '')) k -= 1;
  let next = found.end;
  while (asking.after.has(words[next] ?? '')) next += 1;
  const action = words[next] ?? '';
  if (!asking.verbs.has(words[k] ?? '') || !asking.actions.has(action)) return false;
  if (found.noun.kind !== 'vague' || asking.vagueActions.has(action)) return true;
  return words.slice(next + 1).every((w) => asking.objects.has(w));
}

function englishAsks(words: readonly string[]): boolean {
  if (procedure.some((p) => startsAt(words, 0, p))) return false;
  const identity = isIdentityQuestion(words);
  const found = findNouns(words);
  for (const occurrence of found) {
    const { noun } = occurrence;
    let k = occurrence.start - 1;
    while (k >= 0 && bridges.has(words[k] ?? '')) k -= 1;
    const verb = words[k];
    const notVerb = notVerbs.some(([a, b]) => b === verb && words[k - 1] === a);
    const asks = verb !== undefined && !notVerb && (noun.contactOnly ? contactVerbs : verbs).has(verb) && !(noun.kind === 'vague' && notForVague.has(verb));
    if (asks && !(identity && conversational.has(verb)) && !negatedBefore(words, k)) return true;
    if (!identity && (noun.strong || askedToAct(words, occurrence)) && !negatedBefore(words, occurrence.start)) return true;
  }
  const first = found[0];
  if (first === undefined || identity || negatedBefore(words, first.start)) return false;
  if (opensWithRequest(words, first)) return true;
  // A short message that is nothing but the request: every other word is a filler.
  const covered = new Set(found.filter((n) => !n.noun.contactOnly).flatMap((n) => Array.from({ length: n.end - n.start }, (_, i) => n.start + i)));
  return words.every((w, i) => covered.has(i) || fillers.has(w) || (hasHan(w) && zhLeftover(w, zhFillers).rest === ''));
}

/**
 * A clause that opens with a request word and goes on about the issue: "agent please about order
 * LM-200300", "a human regarding my refund", "representative for order LM-200300". Not "the agent
 * about my order was rude", "someone about my order called", "customer service for returns".
 */
function opensWithRequest(words: readonly string[], occurrence: Occurrence): boolean {
  const { noun } = occurrence;
  if (noun.kind === 'vague' || noun.contactOnly) return false;
  const before = words.slice(0, occurrence.start);
  if (!before.every((w) => fillers.has(w) && !definite.has(w))) return false;
  let next = occurrence.end;
  while (urging.has(words[next] ?? '')) next += 1;
  const word = words[next];
  if (word === undefined) return false;
  return next > occurrence.end || topicWords.has(word) || (noun.kind === 'person' && personTopicWords.has(word));
}

/** A short Chinese message that is nothing but a request word and fillers ("客服！", "我要客服"). */
function shortChinese(compact: string): boolean {
  if (!hasHan(compact)) return false;
  const { rest, nouns: count } = zhLeftover(compact, zhShort);
  return rest === '' && count > 0 && !zhNegated(compact, compact.length);
}
