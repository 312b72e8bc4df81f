/** The knowledge screen's calls to the bot's API (docs/STUDIO_API.md, "Knowledge"). */
import type { SignedIn } from '../../api';

/** The locales a knowledge base is written in. */
export const knowledgeLocales = ['en-US', 'zh-CN'] as const;
/** en-US or zh-CN. */
export type KnowledgeLocale = (typeof knowledgeLocales)[number];

/** A follow-up button after the answer, leading to another entry. */
export interface EntryPrompt {
  displayText: string;
  entryId: string;
  contextOnly: boolean;
}

/** An entry as the editor changes it. */
export interface Entry {
  id: string;
  questions: string[];
  answer: string;
  metadata: Record<string, string>;
  prompts: EntryPrompt[];
}

/** Against the published version: unchanged, changed in the draft, or only in the draft. */
export type EntryState = 'published' | 'changed' | 'new';

/** One line of the entry list. */
export interface EntrySummary {
  id: string;
  question: string;
  alternates: number;
  topic?: string;
  state: EntryState;
}

/** A problem the server names: of a field, a line of a file, or the draft. */
export interface Problem {
  file?: string;
  line?: number;
  path?: string;
  kind?: string;
  message: string;
}

/** One entry as the server shows it, with the tag to save it back with. */
export interface EntryView {
  locale: KnowledgeLocale;
  entry: Entry;
  tag: string;
  file: string;
  line: number;
  editable: boolean;
  contextOnly: boolean;
  state: EntryState;
  published?: Entry;
  problems?: Problem[];
}

/** The entry list of a locale and the draft's state. */
export interface EntryList {
  entries: EntrySummary[];
  changedFiles: string[];
  loadProblems: Problem[];
  problems: Problem[];
}

/** One ranked match of a tested question. */
export interface TrialMatch {
  id: string;
  kind: 'entry' | 'topic';
  question: string;
  matchedQuestion: string;
  confidence: number;
}

/** What the bot would do with a tested question. */
export interface TrialAnswer {
  locale: KnowledgeLocale;
  decision: 'answer' | 'suggest' | 'none';
  answered?: string;
  suggested: string[];
  matches: TrialMatch[];
}

/** One row of a batch evaluation. */
export interface TrialCase {
  line: number;
  query: string;
  expected: string;
  expectedQuestion?: string;
  decision: 'answer' | 'suggest' | 'none';
  got?: string;
  gotQuestion?: string;
  confidence: number;
  correct: boolean;
  reached: boolean;
  rankedFirst: boolean;
}

/** A batch evaluation's figures and rows. */
export interface TrialReport {
  n: number;
  answerable: number;
  outOfScope: number;
  accuracy: number;
  reachable: number;
  rankedFirst: number;
  outOfScopeRecall: number;
  wrongAnswerRate: number;
  source: string;
  cases: TrialCase[];
}

/** A text customers used, with how often and when last. */
export interface LearnedText {
  text: string;
  count: number;
  lastSeen: string;
}

/** What there is to review in a locale. */
export interface ReviewList {
  suggestions: { entryId: string; question?: string; alternates: LearnedText[] }[];
  groups: { questions: LearnedText[]; count: number; likelyEntryId?: string }[];
}

/** What an import changed in the draft. */
export interface ImportSummary {
  added: string[];
  updated: string[];
  problems: Problem[];
}

/** What a call answered: its body, or the server's error (with every problem it named). */
export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; code: string; message: string; problems: Problem[] };

async function call<T>(method: string, url: string, session: SignedIn, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const text = typeof body === 'string';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { ...(method === 'GET' ? {} : { 'X-CSRF-Token': session.csrfToken }), ...(body === undefined ? {} : { 'Content-Type': text ? 'text/plain' : 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: text ? body : JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, status: 0, code: 'NetworkError', message: '', problems: [] };
  }
  if (res.status === 204) return { ok: true, value: undefined as T };
  const parsed = (await res.json().catch(() => ({}))) as { code?: string; message?: string; problems?: Problem[] };
  if (res.ok) return { ok: true, value: parsed as T };
  return { ok: false, status: res.status, code: parsed.code ?? 'Failed', message: parsed.message ?? '', problems: parsed.problems ?? [] };
}

const q = encodeURIComponent;

/** Calls of the knowledge screen for one signed-in session. */
export function knowledgeApi(session: SignedIn) {
  return {
    list: (locale: KnowledgeLocale, query: string) => call<EntryList>('GET', `/api/knowledge/entries?locale=${locale}&q=${q(query)}`, session),
    entry: (locale: KnowledgeLocale, id: string) => call<EntryView>('GET', `/api/knowledge/entries/${locale}/${q(id)}`, session),
    save: (locale: KnowledgeLocale, entry: Entry, tag: string) => call<EntryView>('PUT', `/api/knowledge/entries/${locale}/${q(entry.id)}`, session, entry, { 'If-Match': `"${tag}"` }),
    create: (locale: KnowledgeLocale, entry: Partial<Entry>) => call<EntryView>('POST', `/api/knowledge/entries/${locale}`, session, entry),
    remove: (locale: KnowledgeLocale, id: string, tag: string) => call<{ problems: Problem[] }>('DELETE', `/api/knowledge/entries/${locale}/${q(id)}`, session, undefined, { 'If-Match': `"${tag}"` }),
    test: (locale: KnowledgeLocale, question: string) => call<TrialAnswer>('POST', '/api/knowledge/test', session, { locale, question }),
    evaluate: (locale: KnowledgeLocale, cases?: string) => call<TrialReport>('POST', '/api/knowledge/evaluate', session, { locale, ...(cases === undefined ? {} : { cases }) }),
    review: (locale: KnowledgeLocale) => call<ReviewList>('GET', `/api/knowledge/review?locale=${locale}`, session),
    accept: (locale: KnowledgeLocale, entryId: string, texts: string[]) => call<EntryView>('POST', '/api/knowledge/review/accept', session, { locale, entryId, texts }),
    reject: (locale: KnowledgeLocale, texts: string[], entryId?: string) => call<void>('POST', '/api/knowledge/review/reject', session, { locale, texts, ...(entryId ? { entryId } : {}) }),
    newEntry: (locale: KnowledgeLocale, questions: string[], answer: string) => call<EntryView>('POST', '/api/knowledge/review/new-entry', session, { locale, questions, answer }),
    importFile: (locale: KnowledgeLocale, format: 'qna' | 'tsv', mode: 'merge' | 'replace', text: string) => call<ImportSummary>('POST', `/api/knowledge/import?locale=${locale}&format=${format}&mode=${mode}`, session, text),
    exportUrl: (locale: KnowledgeLocale, format: 'qna' | 'tsv') => `/api/knowledge/export?locale=${locale}&format=${format}`,
  };
}

/** The API of one session, as the screen's parts receive it. */
export type KnowledgeApi = ReturnType<typeof knowledgeApi>;

/** Whether the role may change the draft (the server refuses the others anyway). */
export function canEdit(session: SignedIn): boolean {
  return session.role === 'editor' || session.role === 'admin';
}
