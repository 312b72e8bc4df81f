/**
 * Active-learning review in Warmline Studio: the phrasings customers chose for an entry (to accept
 * as alternates or reject) and the questions nobody could answer, grouped by similarity (to add as
 * alternates of an entry, or to make a new entry of). Accepting changes the knowledge draft; it
 * reaches customers when an admin publishes.
 */
import type { ActiveLearning, SuggestedAlternate, UnansweredQuestion } from './activeLearning';
import type { CheckedEntry } from './editableEntry';
import type { KnowledgeLocale } from './knowledgeBase';
import type { EntryView, KnowledgeWorkspace } from './knowledgeWorkspace';
import { clusterQuestions } from './questionClusters';

/** Phrasings customers chose for one entry. */
export interface AlternateSuggestions {
  readonly entryId: string;
  /** The entry's main question in the draft; undefined when the draft has no such entry any more. */
  readonly question: string | undefined;
  readonly alternates: readonly SuggestedAlternate[];
}

/** Unanswered questions about the same thing. */
export interface UnansweredGroup {
  readonly questions: readonly UnansweredQuestion[];
  readonly count: number;
  /** The entry most often offered (and refused) for them: a first guess for "add as alternate of". */
  readonly likelyEntryId: string | undefined;
}

/** What there is to review in a locale. */
export interface LearningReviewList {
  readonly locale: KnowledgeLocale;
  readonly suggestions: readonly AlternateSuggestions[];
  readonly groups: readonly UnansweredGroup[];
}

const key = (text: string): string => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Lists and settles active-learning suggestions against the knowledge draft. */
export class LearningReview {
  constructor(
    private readonly learning: ActiveLearning,
    private readonly workspace: KnowledgeWorkspace,
  ) {}

  /** Suggestions not yet among the entries' questions, and unanswered questions in groups. */
  async list(locale: KnowledgeLocale): Promise<LearningReviewList> {
    const [{ snapshot }, suggested, unanswered] = await Promise.all([this.workspace.draft(), this.learning.suggestedAlternates(locale), this.learning.unanswered(locale)]);
    const base = snapshot.locales[locale].base;
    const asked = new Set((base?.entries ?? []).flatMap((e) => e.questions.map(key)));
    const suggestions = suggested
      .map(({ entryId, alternates }) => {
        const entry = base?.entries.find((e) => e.id === entryId);
        const own = new Set((entry?.questions ?? []).map(key));
        return { entryId, question: entry?.questions[0], alternates: alternates.filter((a) => !own.has(key(a.text))) };
      })
      .filter((s) => s.alternates.length > 0);
    const open = unanswered.filter((u) => !asked.has(key(u.text)));
    const clusters = clusterQuestions(open, { locale, synonyms: base?.synonyms ?? [], corpus: (base?.entries ?? []).flatMap((e) => e.questions) });
    const groups = clusters.map((c) => ({ questions: c.items, count: c.count, likelyEntryId: mostOffered(c.items) }));
    return { locale, suggestions, groups };
  }

  /** Adds `texts` as alternates of the entry in the draft and forgets them as suggestions. */
  async accept(locale: KnowledgeLocale, entryId: string, texts: readonly string[], who: string): Promise<EntryView> {
    const view = await this.workspace.addQuestions(locale, entryId, texts, who);
    await this.learning.dismiss(locale, texts, entryId);
    return view;
  }

  /** Forgets `texts` as suggestions (for `entryId`, and as unanswered questions) without changing the knowledge. */
  async reject(locale: KnowledgeLocale, texts: readonly string[], entryId?: string): Promise<void> {
    await this.learning.dismiss(locale, texts, entryId);
  }

  /** Makes a new entry of unanswered questions (the first one its main question) and forgets them. */
  async newEntry(locale: KnowledgeLocale, entry: CheckedEntry, who: string): Promise<EntryView> {
    const view = await this.workspace.create(locale, entry, who);
    await this.learning.dismiss(locale, entry.questions);
    return view;
  }
}

function mostOffered(questions: readonly UnansweredQuestion[]): string | undefined {
  const counts = new Map<string, number>();
  for (const q of questions) {
    const first = q.candidateIds[0];
    if (first !== undefined) counts.set(first, (counts.get(first) ?? 0) + q.count);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
