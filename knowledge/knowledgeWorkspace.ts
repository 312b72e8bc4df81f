/**
 * The knowledge draft as Warmline Studio edits it, entry by entry: entries of each locale's base
 * with search, one entry with the tag to send back as If-Match, and saving, adding or removing an
 * entry by rewriting only its lines in the draft's `.qna` file (comments and other entries stay as
 * written). Knowledge is versioned as files (kind `knowledge`): every change is a file change of the
 * draft, published with the others by `POST /api/publish`.
 */
import { LRUCache } from 'lru-cache';
import { absentETag } from '../storage/compareAndSet';
import type { ContentFile } from '../publishing/contentBundle';
import { StaleDraftError } from '../publishing/contentDrafts';
import type { ContentDrafts } from '../publishing/contentDrafts';
import type { ContentVersions } from '../publishing/contentVersions';
import { editableOf, entryTag } from './editableEntry';
import type { CheckedEntry, EditableEntry } from './editableEntry';
import type { KnowledgeEntry, KnowledgeLocale } from './knowledgeBase';
import { KnowledgeEditError, knowledgeEditCodes } from './knowledgeEditErrors';
import { broken, found, mainFileOf, rewrite, textsOf } from './draftEntryEdits';
import type { FileChange } from './draftEntryEdits';
import { knowledgeLocales, readKnowledgeSnapshot } from './knowledgeSnapshot';
import type { KnowledgeSnapshot, LocaleKnowledge } from './knowledgeSnapshot';

export type { FileChange } from './draftEntryEdits';
import { largestNumericId } from './qnaDrafts';
import { appendQnaBlock } from './qnaBlocks';
import { formatQnaEntry } from './qnaWriter';
import { foldText } from './textNormalizer';

/** The knowledge draft: its files read per locale, and the eTag of the draft record. */
export interface DraftKnowledge {
  readonly snapshot: KnowledgeSnapshot;
  readonly eTag: string;
  readonly basedOn: string | null;
  /** Paths the draft changes (or deletes) against the published version. */
  readonly changedFiles: readonly string[];
}

/** Whether an entry is as published, changed in the draft, or only in the draft. */
export type EntryState = 'published' | 'changed' | 'new';

/** One entry of the list. */
export interface EntrySummary {
  readonly id: string;
  readonly question: string;
  readonly alternates: number;
  readonly topic: string | undefined;
  readonly state: EntryState;
}

/** One entry as the editor shows it. */
export interface EntryView {
  readonly locale: KnowledgeLocale;
  readonly entry: EditableEntry;
  /** Send back as If-Match to save only over this content. */
  readonly tag: string;
  readonly file: string;
  readonly line: number;
  /** False for entries from a QnA Maker TSV file. */
  readonly editable: boolean;
  /** Reachable only as the follow-up of a `context-only` prompt. */
  readonly contextOnly: boolean;
  readonly state: EntryState;
  /** The entry as published, when it is. */
  readonly published: EditableEntry | undefined;
}

const maxAttempts = 5;

/** Reads and edits the knowledge draft entry by entry. */
export class KnowledgeWorkspace {
  private readonly snapshots = new LRUCache<string, KnowledgeSnapshot>({ max: 6 });

  constructor(
    private readonly drafts: ContentDrafts,
    private readonly versions: ContentVersions,
  ) {}

  /** The draft (the published version when there is no draft). */
  async draft(): Promise<DraftKnowledge> {
    const [draft, composed] = await Promise.all([this.drafts.get('knowledge'), this.drafts.compose('knowledge')]);
    return { snapshot: this.snapshotOf(composed.files), eTag: draft?.eTag ?? absentETag, basedOn: composed.basedOn, changedFiles: composed.changes.map((c) => c.path) };
  }

  /** The published version, or undefined when none is. */
  async published(): Promise<KnowledgeSnapshot | undefined> {
    const published = await this.versions.published('knowledge');
    return published ? this.snapshotOf(published.files) : undefined;
  }

  /** Entries of the locale's draft base whose id, questions, answer or filters hold `query` (all without one). */
  async list(locale: KnowledgeLocale, query = ''): Promise<{ draft: DraftKnowledge; entries: EntrySummary[] }> {
    const [draft, published] = await Promise.all([this.draft(), this.published()]);
    const base = draft.snapshot.locales[locale].base;
    const wanted = foldText(query, locale);
    const matches = (e: KnowledgeEntry): boolean => wanted === '' || [e.id, ...e.questions, e.answer, ...Object.values(e.metadata)].some((t) => foldText(t, locale).includes(wanted));
    const entries = (base?.entries ?? []).filter(matches).map((e) => ({
      id: e.id,
      question: e.questions[0] ?? '',
      alternates: e.questions.length - 1,
      topic: e.metadata.topic,
      state: stateOf(e, published?.locales[locale]),
    }));
    return { draft, entries };
  }

  /** One entry of the locale's draft. */
  async entry(locale: KnowledgeLocale, id: string): Promise<EntryView> {
    const [draft, published] = await Promise.all([this.draft(), this.published()]);
    return viewOf(locale, found(draft.snapshot.locales[locale], locale, id), published?.locales[locale]);
  }

  /** Rewrites an entry where it is written; with `ifMatch` (its tag), only when nobody changed it since. */
  async save(locale: KnowledgeLocale, id: string, entry: CheckedEntry, who: string, ifMatch?: string): Promise<EntryView> {
    await this.change(who, (draft) => {
      const current = found(draft.snapshot.locales[locale], locale, id);
      if (ifMatch !== undefined && ifMatch !== '*' && entryTag(editableOf(current)) !== ifMatch) {
        throw new KnowledgeEditError(knowledgeEditCodes.changed, `Entry ${id} (${locale}) was changed by someone else since you opened it; open it again and redo your edit.`);
      }
      return [rewrite(textsOf(draft.snapshot), current, { ...entry, id })];
    });
    return this.entry(locale, id);
  }

  /** Adds a new entry at the end of the locale's first `.qna` file; without an id, the next free number. */
  async create(locale: KnowledgeLocale, entry: CheckedEntry, who: string): Promise<EntryView> {
    let id = entry.id;
    const published = await this.published();
    await this.change(who, (draft) => {
      const { snapshot } = draft;
      const known = knowledgeLocales.flatMap((l) => [...(snapshot.locales[l].base?.entries ?? []), ...(published?.locales[l].base?.entries ?? [])]).map((e) => e.id);
      id = entry.id ?? String(largestNumericId(known) + 1);
      const mine = snapshot.locales[locale];
      if (mine.problems.length > 0) throw broken(locale, mine);
      if (mine.base?.entries.some((e) => e.id === id)) throw new KnowledgeEditError(knowledgeEditCodes.exists, `The ${locale} knowledge already has an entry ${id}.`);
      const file = mainFileOf(mine, locale);
      const text = snapshot.files.find((f) => f.path === file)?.text ?? '';
      return [{ path: file, text: appendQnaBlock(text, formatQnaEntry({ ...entry, id })) }];
    });
    return this.entry(locale, id as string);
  }

  /** Removes an entry from the draft; with `ifMatch` (its tag), only when nobody changed it since. */
  async remove(locale: KnowledgeLocale, id: string, who: string, ifMatch?: string): Promise<void> {
    await this.change(who, (draft) => {
      const current = found(draft.snapshot.locales[locale], locale, id);
      if (ifMatch !== undefined && ifMatch !== '*' && entryTag(editableOf(current)) !== ifMatch) {
        throw new KnowledgeEditError(knowledgeEditCodes.changed, `Entry ${id} (${locale}) was changed by someone else since you opened it; open it again.`);
      }
      return [rewrite(textsOf(draft.snapshot), current, undefined)];
    });
  }

  /** Adds questions to an entry as alternates (those it does not ask yet, ignoring case). */
  async addQuestions(locale: KnowledgeLocale, id: string, questions: readonly string[], who: string): Promise<EntryView> {
    await this.change(who, (draft) => {
      const entry = found(draft.snapshot.locales[locale], locale, id);
      const current = editableOf(entry);
      const asked = new Set(current.questions.map((q) => q.trim().toLowerCase()));
      const added: string[] = [];
      for (const q of questions.map((x) => x.trim())) {
        if (q === '' || asked.has(q.toLowerCase())) continue;
        asked.add(q.toLowerCase());
        added.push(q);
      }
      if (added.length === 0) return [];
      return [rewrite(textsOf(draft.snapshot), entry, { ...current, questions: [...current.questions, ...added] })];
    });
    return this.entry(locale, id);
  }

  /**
   * Writes the file changes `plan` decides on the draft as it is now; when another editor changed the
   * draft in between, reads it again and decides again (a plan may throw to refuse).
   */
  async change(who: string, plan: (draft: DraftKnowledge) => readonly FileChange[]): Promise<DraftKnowledge> {
    for (let attempt = 1; ; attempt += 1) {
      const draft = await this.draft();
      const changes = plan(draft);
      let eTag = draft.eTag;
      try {
        for (const c of changes) eTag = (await this.drafts.put('knowledge', c.path, c.text, who, eTag))?.eTag ?? absentETag;
        return changes.length === 0 ? draft : await this.draft();
      } catch (error) {
        if (!(error instanceof StaleDraftError) || attempt >= maxAttempts) throw error;
      }
    }
  }

  private snapshotOf(files: readonly ContentFile[]): KnowledgeSnapshot {
    const snapshot = readKnowledgeSnapshot(files);
    const cached = this.snapshots.get(snapshot.id);
    if (cached) return cached;
    this.snapshots.set(snapshot.id, snapshot);
    return snapshot;
  }
}

function stateOf(entry: KnowledgeEntry, published: LocaleKnowledge | undefined): EntryState {
  const before = published?.base?.entries.find((e) => e.id === entry.id);
  if (!before) return 'new';
  return entryTag(editableOf(before)) === entryTag(editableOf(entry)) ? 'published' : 'changed';
}

function viewOf(locale: KnowledgeLocale, entry: KnowledgeEntry, published: LocaleKnowledge | undefined): EntryView {
  const editable = editableOf(entry);
  const before = published?.base?.entries.find((e) => e.id === entry.id);
  return {
    locale,
    entry: editable,
    tag: entryTag(editable),
    file: entry.source?.file ?? '',
    line: entry.source?.line ?? 0,
    editable: /\.qna$/i.test(entry.source?.file ?? ''),
    contextOnly: entry.contextOnly,
    state: stateOf(entry, published),
    published: before ? editableOf(before) : undefined,
  };
}
