/**
 * Import and export of one locale's knowledge in the draft, as `.qna` or QnA Maker TSV. An import is
 * read in full first and refused with every problem (and its line) when it does not parse; then it
 * replaces the locale's files, or merges into them: entries with an id the locale has are rewritten
 * where they are written, the others and new synonym groups are added to the locale's first `.qna` file.
 */
import { editableOf } from './editableEntry';
import type { EditableEntry } from './editableEntry';
import type { KnowledgeEntry, KnowledgeLocale } from './knowledgeBase';
import { buildKnowledgeBase } from './knowledgeBuilder';
import { KnowledgeEditError, knowledgeEditCodes } from './knowledgeEditErrors';
import { KnowledgeFormatError } from './knowledgeErrors';
import type { KnowledgeSnapshot } from './knowledgeSnapshot';
import type { DraftKnowledge, FileChange, KnowledgeWorkspace } from './knowledgeWorkspace';
import { broken, mainFileOf, rewrite, textsOf } from './draftEntryEdits';
import { appendQnaBlock } from './qnaBlocks';
import { parseQna } from './qnaParser';
import type { ParsedQna } from './qnaParser';
import { formatQnaEntry, formatQnaFile, formatQnaSynonyms } from './qnaWriter';
import { largestNumericId } from './qnaDrafts';
import { parseQnaMakerTsv } from './tsvParser';
import { formatQnaMakerTsv } from './tsvWriter';

/** The two formats of import and export. */
export type TransferFormat = 'qna' | 'tsv';

/** Replace the locale's files with the import, or merge the import into them. */
export type ImportMode = 'replace' | 'merge';

/** What an import changed. */
export interface ImportSummary {
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly changes: readonly FileChange[];
}

/** The locale's knowledge as a file to download. */
export function exportKnowledge(snapshot: KnowledgeSnapshot, locale: KnowledgeLocale, format: TransferFormat): { fileName: string; text: string } {
  const mine = snapshot.locales[locale];
  if (!mine.base && mine.problems.length > 0) throw broken(locale, mine);
  const entries = mine.base?.entries ?? [];
  const name = `knowledge.${locale.toLowerCase()}`;
  if (format === 'tsv') {
    const contextOnly = new Set(entries.filter((e) => e.contextOnly).map((e) => e.id));
    return { fileName: `${name}.tsv`, text: formatQnaMakerTsv(entries.map(editableOf), `${name}.qna`, contextOnly) };
  }
  const [only] = mine.rootFiles;
  // One .qna file holding every entry: as written, comments and all.
  if (mine.rootFiles.length === 1 && only && /\.qna$/i.test(only) && entries.every((e) => e.source?.file === only)) {
    return { fileName: only, text: snapshot.files.find((f) => f.path === only)?.text ?? '' };
  }
  return { fileName: `${name}.qna`, text: formatQnaFile({ synonyms: mine.base?.synonyms ?? [], entries: entries.map(editableOf) }) };
}

/** Reads an import in full, or refuses it with every problem and its line. */
export function readImport(text: string, format: TransferFormat, locale: KnowledgeLocale): ParsedQna {
  const name = `import.${locale.toLowerCase()}.${format}`;
  let parsed: ParsedQna;
  try {
    parsed = format === 'tsv' ? parseQnaMakerTsv(text, name) : parseQna(text, name);
    if (parsed.imports.length > 0) {
      throw new KnowledgeEditError(knowledgeEditCodes.unreadable, 'An import is one file: it may not [import] others.', parsed.imports.map((i) => ({ line: i.line, message: `[import](${i.path}) is not followed in an import` })));
    }
    buildKnowledgeBase(locale, parsed.entries, parsed.synonyms);
  } catch (error) {
    if (error instanceof KnowledgeFormatError) {
      throw new KnowledgeEditError(knowledgeEditCodes.unreadable, `The ${format === 'tsv' ? 'TSV' : '.qna'} file has ${error.problems.length} problem(s); nothing was imported.`, [...error.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).map((p) => ({ ...(p.line !== undefined ? { line: p.line } : {}), message: p.message })));
    }
    throw error;
  }
  if (parsed.entries.length === 0) throw new KnowledgeEditError(knowledgeEditCodes.unreadable, 'The file holds no entries; nothing was imported.', [{ message: 'no entries' }]);
  return parsed;
}

/** The file changes that import `parsed` into the locale's draft. */
export function planImport(draft: DraftKnowledge, locale: KnowledgeLocale, parsed: ParsedQna, source: { text: string; format: TransferFormat }, mode: ImportMode): ImportSummary {
  const mine = draft.snapshot.locales[locale];
  const main = mainFileOf(mine, locale);
  const known = new Map((mine.base?.entries ?? []).map((e) => [e.id, e] as const));
  if (mode === 'replace') {
    const text = source.format === 'qna' ? source.text.replace(/\r\n?/g, '\n') : formatQnaFile({ synonyms: parsed.synonyms, entries: parsed.entries.map(editableOf) });
    const others = mine.rootFiles.filter((f) => f !== main).map((path) => ({ path, text: null }));
    const ids = parsed.entries.map((e) => e.id);
    return { added: ids.filter((id) => !known.has(id)), updated: ids.filter((id) => known.has(id)), changes: [{ path: main, text }, ...others] };
  }
  if (!mine.base && mine.problems.length > 0) throw broken(locale, mine);
  const entries = withFreshIds(parsed, known);
  const texts = new Map(textsOf(draft.snapshot));
  const changed = new Set<string>();
  // Rewrites bottom-up in each file, so the lines of entries still to rewrite do not move.
  const updates = entries.filter((e) => known.has(e.id)).map((e) => ({ next: e, current: known.get(e.id) as KnowledgeEntry }));
  updates.sort((a, b) => (a.current.source?.file ?? '').localeCompare(b.current.source?.file ?? '') || (b.current.source?.line ?? 0) - (a.current.source?.line ?? 0));
  for (const { next, current } of updates) {
    const change = rewrite(texts, current, next);
    texts.set(change.path, change.text ?? '');
    changed.add(change.path);
  }
  const added = entries.filter((e) => !known.has(e.id));
  const synonymsKnown = new Set((mine.base?.synonyms ?? []).map((g) => g.canonical.toLowerCase()));
  const blocks = [...parsed.synonyms.filter((g) => !synonymsKnown.has(g.canonical.toLowerCase())).map(formatQnaSynonyms), ...added.map(formatQnaEntry)];
  if (blocks.length > 0) {
    texts.set(main, blocks.reduce((text, block) => appendQnaBlock(text, block), texts.get(main) ?? ''));
    changed.add(main);
  }
  return { added: added.map((e) => e.id), updated: updates.map((u) => u.next.id), changes: [...changed].map((path) => ({ path, text: texts.get(path) ?? '' })) };
}

/** The import's entries; those the parser numbered itself get numbers after every id already in use, prompts following them. */
function withFreshIds(parsed: ParsedQna, known: ReadonlyMap<string, KnowledgeEntry>): EditableEntry[] {
  let next = largestNumericId([...known.keys(), ...parsed.entries.map((e) => e.id).filter((id) => !parsed.generatedIds.includes(id))]);
  const renamed = new Map(parsed.generatedIds.map((id) => [id, String((next += 1))] as const));
  return parsed.entries.map((e) => {
    const entry = editableOf(e);
    return { ...entry, id: renamed.get(entry.id) ?? entry.id, prompts: entry.prompts.map((p) => ({ ...p, entryId: renamed.get(p.entryId) ?? p.entryId })) };
  });
}

/** Imports `text` into the locale's draft on behalf of `who`; refuses an unreadable file with every problem and its line. */
export async function importKnowledge(workspace: KnowledgeWorkspace, locale: KnowledgeLocale, text: string, format: TransferFormat, mode: ImportMode, who: string): Promise<ImportSummary> {
  const parsed = readImport(text, format, locale);
  let summary: ImportSummary | undefined;
  await workspace.change(who, (draft) => {
    summary = planImport(draft, locale, parsed, { text, format }, mode);
    return summary.changes;
  });
  return summary as ImportSummary;
}
