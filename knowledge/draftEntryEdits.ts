/**
 * The small steps every edit of the knowledge draft is made of: find an entry in a locale's draft
 * base (or say why not), the file new entries go to, and the file change that rewrites one entry in
 * place (or removes it), leaving the rest of its `.qna` file as written.
 */
import type { EditableEntry } from './editableEntry';
import type { KnowledgeEntry, KnowledgeLocale } from './knowledgeBase';
import { KnowledgeEditError, knowledgeEditCodes } from './knowledgeEditErrors';
import type { KnowledgeSnapshot, LocaleKnowledge } from './knowledgeSnapshot';
import { qnaEntryBlockAt, replaceQnaBlock } from './qnaBlocks';
import { formatQnaEntry } from './qnaWriter';

/** A file of the draft to set (or delete with `null`). */
export interface FileChange {
  readonly path: string;
  readonly text: string | null;
}

/** The error for a locale whose draft does not load, with its problems. */
export function broken(locale: KnowledgeLocale, mine: LocaleKnowledge): KnowledgeEditError {
  return new KnowledgeEditError(knowledgeEditCodes.broken, `The ${locale} knowledge draft does not load; fix its problems first.`, mine.problems);
}

/** The entry with `id` in a locale's draft, or a coded error. */
export function found(mine: LocaleKnowledge, locale: KnowledgeLocale, id: string): KnowledgeEntry {
  if (!mine.base && mine.problems.length > 0) throw broken(locale, mine);
  const entry = mine.base?.entries.find((e) => e.id === id);
  if (!entry) throw new KnowledgeEditError(knowledgeEditCodes.notFound, `The ${locale} knowledge has no entry ${JSON.stringify(id.slice(0, 64))}.`);
  return entry;
}

/** The file new entries of a locale go to: its first top-level `.qna` file, or a new one. */
export function mainFileOf(mine: LocaleKnowledge, locale: KnowledgeLocale): string {
  return mine.rootFiles.find((f) => /\.qna$/i.test(f)) ?? `knowledge.${locale.toLowerCase()}.qna`;
}

/** The texts of a snapshot's files by path. */
export function textsOf(snapshot: KnowledgeSnapshot): ReadonlyMap<string, string> {
  return new Map(snapshot.files.map((f) => [f.path, f.text] as const));
}

/**
 * The file change that writes `next` over `entry` where it is written (or removes it: undefined),
 * in the file's text as `texts` holds it.
 */
export function rewrite(texts: ReadonlyMap<string, string>, entry: KnowledgeEntry, next: EditableEntry | undefined): FileChange {
  const source = entry.source;
  if (!source || !/\.qna$/i.test(source.file)) {
    throw new KnowledgeEditError(knowledgeEditCodes.notEditable, `Entry ${entry.id} comes from ${source?.file ?? 'outside a file'}, a QnA Maker TSV file; import it as .qna to edit it here.`);
  }
  const text = texts.get(source.file) ?? '';
  const block = qnaEntryBlockAt(text, source.line);
  if (!block) throw new KnowledgeEditError(knowledgeEditCodes.notFound, `Entry ${entry.id} is not where ${source.file}:${source.line} says.`);
  return { path: source.file, text: replaceQnaBlock(text, block, next && formatQnaEntry(next)) };
}
