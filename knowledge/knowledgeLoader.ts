/**
 * Loads knowledge bases from `.qna` / QnA Maker `.tsv` files or a folder of them: follows
 * `[import]`s, merges entries and synonyms, and builds one validated base per locale.
 */
import path from 'node:path';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeLocale, SynonymGroup } from './knowledgeBase';
import { buildKnowledgeBase } from './knowledgeBuilder';
import { KnowledgeError, KnowledgeFormatError, knowledgeErrorCodes } from './knowledgeErrors';
import { listKnowledgeFiles, localeOfFileName, readKnowledgeFile, statKnowledgePath } from './knowledgeFiles';
import { largestNumericId } from './qnaDrafts';
import type { ParsedQna } from './qnaParser';

export { buildKnowledgeBase } from './knowledgeBuilder';
export { maxKnowledgeFileBytes } from './knowledgeFiles';

/** The files of one locale, each read once, in load order (a file, then what it imports). */
class KnowledgeMerge {
  readonly loaded = new Set<string>();
  readonly #parts: ParsedQna[] = [];

  constructor(readonly locale: KnowledgeLocale) {}

  add(file: string, chain: readonly string[] = [], importedFrom?: string): void {
    const absolute = path.resolve(file);
    if (chain.includes(absolute)) {
      const cycle = [...chain.slice(chain.indexOf(absolute)), absolute].join(' → ');
      throw new KnowledgeError(knowledgeErrorCodes.importCycle, `Knowledge: import cycle: ${cycle} (imported at ${importedFrom ?? absolute})`);
    }
    if (this.loaded.has(absolute)) return;
    const declared = localeOfFileName(absolute);
    if (declared && declared !== this.locale) {
      throw new KnowledgeFormatError([{ file: absolute, message: `is ${declared} but is imported into the ${this.locale} knowledge at ${importedFrom ?? absolute}` }]);
    }
    const parsed = readKnowledgeFile(absolute, importedFrom);
    this.loaded.add(absolute);
    this.#parts.push(parsed);
    for (const imp of parsed.imports) {
      this.add(path.resolve(path.dirname(absolute), imp.path), [...chain, absolute], `${absolute}:${imp.line}`);
    }
  }

  /** One base of every file added. Ids the parsers numbered are renumbered when several files are merged. */
  build(): KnowledgeBase {
    const entries = this.#parts.length === 1 ? (this.#parts[0]?.entries ?? []) : renumber(this.#parts);
    return buildKnowledgeBase(this.locale, entries, mergeSynonyms(this.#parts.flatMap((p) => p.synonyms)));
  }
}

/** Entries of several files, with parser-numbered ids moved after the largest explicit numeric id of all files. */
function renumber(parts: readonly ParsedQna[]): KnowledgeEntry[] {
  const explicit = parts.flatMap((p) => p.entries.map((e) => e.id).filter((id) => !p.generatedIds.includes(id)));
  let next = largestNumericId(explicit);
  return parts.flatMap((part) => {
    const ids = new Map(part.generatedIds.map((id) => [id, String((next += 1))] as const));
    return part.entries.map((e) => ({
      ...e,
      id: ids.get(e.id) ?? e.id,
      prompts: e.prompts.map((p) => ({ ...p, entryId: ids.get(p.entryId) ?? p.entryId })),
    }));
  });
}

/** Groups with the same word (ignoring case) become one, alternates kept once each, in order. */
function mergeSynonyms(groups: readonly SynonymGroup[]): SynonymGroup[] {
  const byWord = new Map<string, { canonical: string; alternates: string[] }>();
  for (const g of groups) {
    const key = g.canonical.toLowerCase();
    const merged = byWord.get(key) ?? { canonical: g.canonical, alternates: [] };
    for (const a of g.alternates) if (!merged.alternates.includes(a)) merged.alternates.push(a);
    byWord.set(key, merged);
  }
  return [...byWord.values()];
}

function localeFor(file: string, fallback: KnowledgeLocale | undefined): KnowledgeLocale {
  const locale = localeOfFileName(file) ?? fallback;
  if (!locale) throw new KnowledgeError(knowledgeErrorCodes.locale, `Knowledge: ${file} has no locale: name it *.en-us.qna / *.zh-cn.qna (or .tsv), or pass a locale`);
  return locale;
}

/**
 * The knowledge base of one `.qna` or `.tsv` file and everything it imports. The locale comes from
 * the file name (`faq.en-us.qna`), else from `locale`. Throws a {@link KnowledgeError} naming the
 * file (and line) of every problem.
 */
export function loadKnowledgeFile(file: string, locale?: KnowledgeLocale): KnowledgeBase {
  const merge = new KnowledgeMerge(localeFor(file, locale));
  merge.add(file);
  return merge.build();
}

/**
 * The knowledge bases in a file or in the `.qna` / `.tsv` files directly inside a folder, one per
 * locale. Files without a locale suffix take `locale`; a file another one imports is read once.
 */
export function loadKnowledge(pathOrDir: string, locale?: KnowledgeLocale): Map<KnowledgeLocale, KnowledgeBase> {
  if (!statKnowledgePath(pathOrDir).isDirectory()) {
    const base = loadKnowledgeFile(pathOrDir, locale);
    return new Map([[base.locale, base]]);
  }
  const files = listKnowledgeFiles(pathOrDir);
  if (files.length === 0) throw new KnowledgeError(knowledgeErrorCodes.notFound, `Knowledge: ${pathOrDir} holds no .qna or .tsv files`);
  const merges = new Map<KnowledgeLocale, KnowledgeMerge>();
  const mergeFor = (l: KnowledgeLocale): KnowledgeMerge => {
    const merge = merges.get(l) ?? new KnowledgeMerge(l);
    merges.set(l, merge);
    return merge;
  };
  const suffixed = files.filter((f) => localeOfFileName(f) !== undefined);
  for (const file of suffixed) mergeFor(localeFor(file, undefined)).add(file);
  const used = new Set([...merges.values()].flatMap((m) => [...m.loaded]));
  for (const file of files.filter((f) => !suffixed.includes(f) && !used.has(path.resolve(f)))) mergeFor(localeFor(file, locale)).add(file);
  return new Map([...merges].map(([l, m]) => [l, m.build()] as const));
}
