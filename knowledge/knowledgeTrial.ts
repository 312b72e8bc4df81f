/**
 * Tries the knowledge draft before it is published: one question with the top matches and their
 * confidence ("test this question"), or a batch of cases scored as `npm run kb -- eval` scores them.
 * The engine is the one the bot runs (same matcher, same thresholds, same decision, the dialog-flow
 * topics in force matched alongside), built once per set of draft files and topics.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AnswerDecision, AnswerThresholds } from './answerPolicy';
import { BatchCasesError, evaluateBatch, parseBatchCases } from './batchEvaluation';
import type { BatchReport } from './batchEvaluation';
import { FaqMatcher } from './faqMatcher';
import { FaqService } from './faqService';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeLocale } from './knowledgeBase';
import { KnowledgeEditError, knowledgeEditCodes } from './knowledgeEditErrors';
import { isBatchCasesText } from './knowledgeFiles';
import type { KnowledgeSnapshot } from './knowledgeSnapshot';
import { knowledgeLocales } from './knowledgeSnapshot';
import type { Matcher } from './matcher';

/** One ranked entry for a question. */
export interface TrialMatch {
  readonly id: string;
  readonly question: string;
  /** The stored question (main or alternate) closest to the one asked. */
  readonly matchedQuestion: string;
  readonly confidence: number;
  /** A knowledge entry, or a dialog-flow topic (matched by its trigger queries; `question` is its name). */
  readonly kind: 'entry' | 'topic';
}

/** What {@link KnowledgeTrial} needs besides the knowledge. */
export interface KnowledgeTrialOptions {
  /** Builds a matcher for a base (FaqMatcher.build by default). */
  readonly buildMatcher?: (kb: KnowledgeBase) => Matcher;
  /** The entries of the dialog-flow topics in force, matched with the knowledge as the bot matches them. */
  readonly topics?: () => Partial<Record<KnowledgeLocale, readonly KnowledgeEntry[]>>;
}

/** What the engine does with one question on the draft. */
export interface TrialAnswer {
  /** The base that answered (a question written in the other language goes to that one, as in the bot). */
  readonly locale: KnowledgeLocale;
  readonly decision: AnswerDecision['kind'];
  /** The entry answered outright, or the suggestions offered, by id. */
  readonly answered: string | undefined;
  readonly suggested: readonly string[];
  readonly matches: readonly TrialMatch[];
  readonly thresholds: AnswerThresholds;
}

/** One row of a batch evaluation. */
export interface TrialCase {
  readonly line: number;
  readonly query: string;
  readonly expected: string;
  readonly expectedQuestion: string | undefined;
  readonly decision: AnswerDecision['kind'];
  readonly got: string | undefined;
  readonly gotQuestion: string | undefined;
  readonly confidence: number;
  readonly correct: boolean;
  readonly reached: boolean;
}

/** A batch evaluation's figures and its rows. */
export type TrialReport = Omit<BatchReport, 'outcomes'> & { readonly locale: KnowledgeLocale; readonly source: string; readonly cases: readonly TrialCase[] };

/** Runs questions against a snapshot's knowledge, with a FAQ engine cached per snapshot. */
export class KnowledgeTrial {
  private readonly engines = new LRUCache<string, FaqService>({ max: 3 });
  private readonly buildMatcher: (kb: KnowledgeBase) => Matcher;
  private readonly topics: () => Partial<Record<KnowledgeLocale, readonly KnowledgeEntry[]>>;

  constructor(options: KnowledgeTrialOptions = {}) {
    this.buildMatcher = options.buildMatcher ?? ((kb) => FaqMatcher.build(kb));
    this.topics = options.topics ?? (() => ({}));
  }

  /** The top matches of `question` and what the bot would do with it. */
  ask(snapshot: KnowledgeSnapshot, locale: KnowledgeLocale, question: string): TrialAnswer {
    const engine = this.engine(snapshot);
    const { decision, locale: used } = engine.ask({ text: question, locale });
    const base = snapshot.locales[used].base;
    return {
      locale: used,
      decision: decision.kind,
      answered: decision.kind === 'answer' ? decision.candidate.entry.id : undefined,
      suggested: decision.kind === 'suggest' ? decision.suggestions.map((s) => s.entry.id) : [],
      matches: decision.candidates.map((c) => {
        const topic = !base?.entries.some((e) => e.id === c.entry.id);
        // A topic's entry holds its name in that locale as the answer.
        return { id: c.entry.id, kind: topic ? 'topic' : 'entry', question: topic ? c.entry.answer : (c.entry.questions[0] ?? ''), matchedQuestion: c.matchedQuestion, confidence: c.confidence } as const;
      }),
      thresholds: engine.thresholdsFor(used),
    };
  }

  /**
   * Scores cases (`query<TAB>expected` lines) against the locale's base: those given, else the
   * snapshot's own `tests/cases.<locale>.tsv`. Refuses unreadable cases with every problem and its line.
   */
  evaluate(snapshot: KnowledgeSnapshot, locale: KnowledgeLocale, casesText?: string): TrialReport {
    const own = snapshot.files.find((f) => f.path.toLowerCase().endsWith(`.${locale.toLowerCase()}.tsv`) && isBatchCasesText(f.text));
    const source = casesText === undefined ? own?.path : 'uploaded cases';
    const text = casesText ?? own?.text;
    if (text === undefined || source === undefined) throw new KnowledgeEditError(knowledgeEditCodes.notFound, `The ${locale} knowledge has no batch cases (tests/cases.${locale.toLowerCase()}.tsv); upload some.`);
    let cases;
    try {
      cases = parseBatchCases(text, source);
    } catch (error) {
      if (!(error instanceof BatchCasesError)) throw error;
      const problems = error.problems.map((p) => {
        const m = /^line (\d+): (.*)$/.exec(p);
        return m ? { line: Number(m[1]), message: m[2] ?? p } : { message: p };
      });
      throw new KnowledgeEditError(knowledgeEditCodes.unreadable, `The cases have ${problems.length} problem(s).`, problems);
    }
    const engine = this.engine(snapshot);
    const report = evaluateBatch(cases, (query) => engine.ask({ text: query, locale }).decision);
    const questionOf = (id: string | undefined): string | undefined => (id === undefined ? undefined : snapshot.locales[locale].base?.entries.find((e) => e.id === id)?.questions[0]);
    const { outcomes, ...figures } = report;
    return {
      ...figures,
      locale,
      source,
      cases: outcomes.map((o) => ({
        line: o.case.line,
        query: o.case.query,
        expected: o.case.expected,
        expectedQuestion: questionOf(o.case.expected),
        decision: o.decision,
        got: o.got,
        gotQuestion: questionOf(o.got),
        confidence: o.confidence,
        correct: o.correct,
        reached: o.reached,
        rankedFirst: o.rankedFirst,
      })),
    };
  }

  /** The engine of a snapshot with the topics in force, built once for each. */
  private engine(snapshot: KnowledgeSnapshot): FaqService {
    const topics = this.topics();
    const stamp = createHash('sha256').update(JSON.stringify(knowledgeLocales.map((l) => (topics[l] ?? []).map((t) => [t.id, t.questions, t.answer])))).digest('hex').slice(0, 16);
    const key = `${snapshot.id}+${stamp}`;
    const cached = this.engines.get(key);
    if (cached) return cached;
    const bases = knowledgeLocales.flatMap((l) => snapshot.locales[l].base ?? []);
    if (bases.length === 0) {
      const problems = knowledgeLocales.flatMap((l) => snapshot.locales[l].problems);
      throw new KnowledgeEditError(knowledgeEditCodes.broken, 'No locale of the knowledge draft loads; fix its problems first.', problems);
    }
    const engine = new FaqService(bases, { buildMatcher: this.buildMatcher, thresholds: snapshot.thresholds, cacheSize: 500 });
    engine.publishTopics(topics);
    this.engines.set(key, engine);
    return engine;
  }
}
