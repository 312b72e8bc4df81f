/**
 * The FAQ engine as the rest of Warmline sees it: one knowledge base per locale, the question routed
 * to the base of the language it is written in, a cache of recent questions per base version, and
 * publishing a new version without a restart.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { detectTextLocale, isMixedScript } from '../locale/locale';
import { decideAnswer, defaultThresholds } from './answerPolicy';
import type { AnswerDecision, AnswerThresholds } from './answerPolicy';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeLocale } from './knowledgeBase';
import type { MatchCandidate, Matcher } from './matcher';
import type { ThresholdSettings } from './knowledgeSettings';
import type { SelfCalibration } from './selfCalibration';
import { isSmallTalk, SmallTalkGuard } from './smallTalk';

/** A customer's question. */
export interface FaqQuestion {
  readonly text: string;
  /** The customer's language; a question clearly written in another supported language goes to that base. */
  readonly locale: KnowledgeLocale;
  readonly filters?: Readonly<Record<string, string>>;
  /** The entry answered just before, so its context-only follow-ups may match. */
  readonly contextEntryId?: string;
  /** Entries not to answer with (a dialog-flow topic that does not apply now). */
  readonly exclude?: readonly string[];
}

/** What the engine decided, and which base decided it. */
export interface FaqAnswer {
  readonly locale: KnowledgeLocale;
  readonly version: string;
  readonly decision: AnswerDecision;
}

/** What {@link FaqService} needs. */
export interface FaqServiceOptions {
  /** Builds a matcher for a base (FaqMatcher.build in production). */
  readonly buildMatcher: (kb: KnowledgeBase) => Matcher;
  /**
   * Thresholds an admin set per locale (settings.yaml); what they leave out comes from the base's
   * matcher (its self-calibrated thresholds) or else {@link defaultThresholds}.
   */
  readonly thresholds?: ThresholdSettings;
  /** Recent questions remembered per process (default 5,000). */
  readonly cacheSize?: number;
}

interface Published {
  readonly kb: KnowledgeBase;
  readonly matcher: Matcher;
  readonly byId: ReadonlyMap<string, KnowledgeEntry>;
  readonly smallTalk: SmallTalkGuard;
}

/** Thrown when there is no knowledge base at all to answer from. */
export class NoKnowledgeError extends Error {
  readonly code = 'WL_KB_EMPTY';
  constructor() {
    super('No knowledge base is loaded');
    this.name = 'NoKnowledgeError';
  }
}

/** Answers questions from the published knowledge bases. */
export class FaqService {
  private published = new Map<KnowledgeLocale, Published>();
  /** The knowledge bases as published, without topic entries. */
  private readonly knowledge = new Map<KnowledgeLocale, KnowledgeBase>();
  private topicEntries: Partial<Record<KnowledgeLocale, readonly KnowledgeEntry[]>> = {};
  private readonly cache: LRUCache<string, MatchCandidate[]>;
  private thresholds: ThresholdSettings;

  constructor(
    bases: Iterable<KnowledgeBase>,
    private readonly options: FaqServiceOptions,
  ) {
    this.cache = new LRUCache({ max: options.cacheSize ?? 5000 });
    this.thresholds = { ...options.thresholds };
    this.publish(bases);
  }

  /** Replaces the thresholds an admin set (settings.yaml was edited); locales absent go back to their base's own. */
  setThresholds(thresholds: ThresholdSettings): void {
    this.thresholds = { ...thresholds };
  }

  /**
   * Replaces the knowledge bases given (others stay). Matchers are built before anything is
   * swapped, so a failed build leaves the previous version answering; the cache is cleared.
   */
  publish(bases: Iterable<KnowledgeBase>): void {
    const given = [...bases];
    this.swap(given);
    for (const kb of given) this.knowledge.set(kb.locale, kb);
  }

  /**
   * Replaces the entries that start dialog-flow topics (their trigger queries), matched together
   * with the knowledge so that one calibrated score chooses between a topic and an answer. Entries
   * of a locale without a knowledge base are ignored.
   */
  publishTopics(entries: Partial<Record<KnowledgeLocale, readonly KnowledgeEntry[]>>): void {
    const previous = this.topicEntries;
    this.topicEntries = entries;
    try {
      this.swap([...this.knowledge.values()]);
    } catch (error) {
      this.topicEntries = previous;
      throw error;
    }
  }

  /** Builds the matchers of these bases (with the topic entries) before swapping any in. */
  private swap(bases: readonly KnowledgeBase[]): void {
    const next = new Map(this.published);
    for (const knowledge of bases) {
      const kb = withTopics(knowledge, this.topicEntries[knowledge.locale] ?? []);
      next.set(kb.locale, { kb, matcher: this.options.buildMatcher(kb), byId: new Map(kb.entries.map((e) => [e.id, e])), smallTalk: new SmallTalkGuard(kb.entries, kb.locale) });
    }
    if (next.size === 0) throw new NoKnowledgeError();
    this.published = next;
    this.cache.clear();
  }

  /**
   * Ranks, decides and says which base answered. A question mixing Chinese and English ("我想 return
   * 我的 headphones") is matched against both bases and answered from the customer's own base with
   * the entry of the same id when the other base matched it better. Never throws for any text.
   */
  ask(question: FaqQuestion): FaqAnswer {
    const own = this.published.get(question.locale);
    if (own && this.published.size > 1 && isMixedScript(question.text)) {
      const answers = [...this.published.keys()].map((locale) => this.askBase(locale, question));
      const best = answers.reduce((a, b) => (strength(b.decision) > strength(a.decision) ? b : a));
      return best.locale === question.locale ? best : { locale: question.locale, version: own.kb.version, decision: inBase(best.decision, own.byId) };
    }
    return this.askBase(this.baseFor(question), question);
  }

  private askBase(locale: KnowledgeLocale, question: FaqQuestion): FaqAnswer {
    const base = this.published.get(locale) as Published;
    const whole = question.text.normalize('NFKC').trim().replace(/\s+/g, ' ');
    const excluded = question.exclude && question.exclude.length > 0 ? new Set(question.exclude) : undefined;
    const allowed = (c: MatchCandidate): boolean => !excluded?.has(c.entry.id);
    let considered = this.rank(base, locale, whole, question).filter(allowed);
    const guard = base.smallTalk;
    if (guard.any) {
      // Small talk answers only a message made of its own words; "Hi, where is my order?" is matched
      // without the greeting (knowledge/smallTalk.ts).
      const message = guard.read(whole);
      considered = considered.filter((c) => guard.mayAnswer(c.entry.id, message));
      const top = considered[0]?.entry;
      const rest = top && isSmallTalk(top) ? undefined : guard.withoutSmallTalk(message);
      if (rest) considered = this.rank(base, locale, rest.words.join(' '), question).filter((c) => allowed(c) && guard.mayAnswer(c.entry.id, rest, true));
    }
    return { locale, version: base.kb.version, decision: decideAnswer(considered, this.thresholdsFor(locale)) };
  }

  /** The base's top candidates for a text, from the cache of recent questions when it has them. */
  private rank(base: Published, locale: KnowledgeLocale, text: string, question: FaqQuestion): MatchCandidate[] {
    const key = [base.kb.version, locale, text.toLowerCase(), JSON.stringify(question.filters ?? {}), question.contextEntryId ?? ''].join('\u0000');
    let candidates = this.cache.get(key);
    if (!candidates) {
      candidates = text ? base.matcher.match({ text, filters: question.filters, contextEntryId: question.contextEntryId, top: 5 }) : [];
      this.cache.set(key, candidates);
    }
    return candidates;
  }

  /** An entry by id, for prompts and "Did you mean" choices. */
  entry(locale: KnowledgeLocale, id: string): KnowledgeEntry | undefined {
    return this.published.get(locale)?.byId.get(id);
  }

  /** Every `topic` named in the published bases' metadata, sorted (offers and routing refer to them). */
  topics(): string[] {
    const found = new Set<string>();
    for (const { kb } of this.published.values()) for (const e of kb.entries) if (e.metadata.topic) found.add(e.metadata.topic);
    return [...found].sort();
  }

  /** The published version of each locale's base. */
  versions(): Partial<Record<KnowledgeLocale, string>> {
    return Object.fromEntries([...this.published].map(([locale, p]) => [locale, p.kb.version]));
  }

  /** What the base of a locale found when it calibrated itself (undefined: fixed calibration, or no base). */
  selfCalibrationFor(locale: KnowledgeLocale): SelfCalibration | undefined {
    return this.published.get(locale)?.matcher.selfCalibration;
  }

  /** The thresholds in force for a locale: what the admin set over what the base's matcher recommends. */
  thresholdsFor(locale: KnowledgeLocale): AnswerThresholds {
    const merged = { ...(this.published.get(locale)?.matcher.recommendedThresholds ?? defaultThresholds), ...this.thresholds[locale] };
    // An admin who lowered only `answer` below the calibrated `suggest` means "answer from there".
    return merged.suggest > merged.answer ? { ...merged, suggest: merged.answer } : merged;
  }

  private baseFor(question: FaqQuestion): KnowledgeLocale {
    const written = detectTextLocale(question.text);
    if (written && this.published.has(written)) return written;
    if (this.published.has(question.locale)) return question.locale;
    return this.published.keys().next().value as KnowledgeLocale;
  }
}

/** How strongly a decision answers: an answer beats suggestions beats none, then the top confidence. */
function strength(decision: AnswerDecision): number {
  const top = decision.candidates[0]?.confidence ?? 0;
  return (decision.kind === 'answer' ? 2 : decision.kind === 'suggest' ? 1 : 0) + top;
}

/** The same decision over the entries of another locale's base with the same ids (ids are shared across locales). */
function inBase(decision: AnswerDecision, byId: ReadonlyMap<string, KnowledgeEntry>): AnswerDecision {
  const move = (c: MatchCandidate): MatchCandidate[] => {
    const entry = byId.get(c.entry.id);
    return entry ? [{ ...c, entry, matchedQuestion: entry.questions[0] ?? c.matchedQuestion }] : [];
  };
  const candidates = decision.candidates.flatMap(move);
  if (decision.kind === 'answer') {
    const [candidate] = move(decision.candidate);
    return candidate ? { kind: 'answer', candidate, candidates } : { kind: 'none', candidates };
  }
  if (decision.kind === 'suggest') {
    const suggestions = decision.suggestions.flatMap(move);
    return suggestions.length > 0 ? { kind: 'suggest', suggestions, candidates } : { kind: 'none', candidates };
  }
  return { kind: 'none', candidates };
}

/** A base with topic entries added (its version changes with them, so cached rankings do not outlive them). */
function withTopics(kb: KnowledgeBase, topics: readonly KnowledgeEntry[]): KnowledgeBase {
  if (topics.length === 0) return kb;
  const known = new Set(kb.entries.map((e) => e.id));
  const added = topics.filter((t) => !known.has(t.id));
  const stamp = createHash('sha256').update(JSON.stringify(added.map((t) => [t.id, t.questions]))).digest('hex').slice(0, 8);
  return { ...kb, entries: [...kb.entries, ...added], version: `${kb.version}+${stamp}` };
}
