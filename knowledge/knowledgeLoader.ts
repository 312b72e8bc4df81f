/**
 * Loads knowledge bases from `.qna` / QnA Maker `.tsv` files or a folder of them: follows
 * `[import]`s, merges entries and synonyms, and builds one validated base per locale.
 */
import path from 'node:path';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeLocale, SynonymGroup } from './knowledgeBase';
import { buildKnowledgeBase } from './knowledgeBuilder';
import { KnowledgeError, KnowledgeFormatError, knowledgeErrorCodes } from './knowledgeErrors';
import { isBatchCasesText, isKnowledgeFileName, listKnowledgeFiles, localeOfFileName, maxKnowledgeFileBytes, parseKnowledgeText, readKnowledgeFile, statKnowledgePath } from './knowledgeFiles';
import { largestNumericId } from './qnaDrafts';
import type { ParsedQna } from './qnaParser';

export { buildKnowledgeBase } from './knowledgeBuilder';
export { maxKnowledgeFileBytes } from './knowledgeFiles';

/** Where knowledge files are read from: the disk, or texts held in memory (a version to publish). */
interface KnowledgeSource {
  /** The name a file is known by (absolute on disk), so that a file imported twice is read once. */
  name(file: string): string;
  /** The name of the file an `[import]` in `from` points to. */
  imported(from: string, target: string): string;
  read(file: string, importedFrom?: string): ParsedQna;
}

const disk: KnowledgeSource = {
  name: (file) => path.resolve(file),
  imported: (from, target) => path.resolve(path.dirname(from), target),
  read: readKnowledgeFile,
};

/** The files of one locale, each read once, in load order (a file, then what it imports). */
class KnowledgeMerge {
  readonly loaded = new Set<string>();
  readonly #parts: ParsedQna[] = [];

  constructor(
    readonly locale: KnowledgeLocale,
    private readonly source: KnowledgeSource = disk,
  ) {}

  add(file: string, chain: readonly string[] = [], importedFrom?: string): void {
    const absolute = this.source.name(file);
    if (chain.includes(absolute)) {
      const cycle = [...chain.slice(chain.indexOf(absolute)), absolute].join(' → ');
      throw new KnowledgeError(knowledgeErrorCodes.importCycle, `Knowledge: import cycle: ${cycle} (imported at ${importedFrom ?? absolute})`);
    }
    if (this.loaded.has(absolute)) return;
    const declared = localeOfFileName(absolute);
    if (declared && declared !== this.locale) {
      throw new KnowledgeFormatError([{ file: absolute, message: `is ${declared} but is imported into the ${this.locale} knowledge at ${importedFrom ?? absolute}` }]);
    }
    const parsed = this.source.read(absolute, importedFrom);
    this.loaded.add(absolute);
    this.#parts.push(parsed);
    for (const imp of parsed.imports) {
      this.add(this.source.imported(absolute, imp.path), [...chain, absolute], `${absolute}:${imp.line}`);
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
  return mergeAll(files, disk, locale);
}

/**
 * The knowledge bases in files held in memory (relative paths with `/`, as a published version holds
 * them), loaded as {@link loadKnowledge} loads a folder: the `.qna` / `.tsv` files at the top level
 * (batch-test cases left out) and what they import, which may sit in sub-folders. Problems name the
 * relative path and line.
 */
export function loadKnowledgeTexts(files: readonly { readonly path: string; readonly text: string }[], locale?: KnowledgeLocale): Map<KnowledgeLocale, KnowledgeBase> {
  const texts = new Map(files.map((f) => [path.posix.normalize(f.path), f.text] as const));
  const memory: KnowledgeSource = {
    name: (file) => path.posix.normalize(file),
    imported: (from, target) => path.posix.normalize(path.posix.join(path.posix.dirname(from), target.replace(/\\/g, '/'))),
    read(file, importedFrom) {
      const text = texts.get(file);
      const by = importedFrom ? ` (imported at ${importedFrom})` : '';
      if (!isKnowledgeFileName(file)) throw new KnowledgeFormatError([{ file, message: 'unsupported file type: expected a .qna or .tsv file' }]);
      if (text === undefined || file.startsWith('../')) throw new KnowledgeError(knowledgeErrorCodes.notFound, `Knowledge: ${file} is not among the files${by}`);
      if (Buffer.byteLength(text) > maxKnowledgeFileBytes) throw new KnowledgeError(knowledgeErrorCodes.tooLarge, `Knowledge: ${file} is larger than the ${maxKnowledgeFileBytes / 1024 / 1024} MB a knowledge file may hold`);
      return parseKnowledgeText(text, file);
    },
  };
  const roots = [...texts].filter(([name, text]) => !name.includes('/') && isKnowledgeFileName(name) && !(/\.tsv$/i.test(name) && isBatchCasesText(text))).map(([name]) => name).sort();
  if (roots.length === 0) throw new KnowledgeError(knowledgeErrorCodes.notFound, 'Knowledge: there are no .qna or .tsv files at the top level');
  return mergeAll(roots, memory, locale);
}

/** One base per locale of `files` and what they import: files named for a locale first, then the others not imported by them. */
function mergeAll(files: readonly string[], source: KnowledgeSource, locale: KnowledgeLocale | undefined): Map<KnowledgeLocale, KnowledgeBase> {
  const merges = new Map<KnowledgeLocale, KnowledgeMerge>();
  const mergeFor = (l: KnowledgeLocale): KnowledgeMerge => {
    const merge = merges.get(l) ?? new KnowledgeMerge(l, source);
    merges.set(l, merge);
    return merge;
  };
  const suffixed = files.filter((f) => localeOfFileName(f) !== undefined);
  for (const file of suffixed) mergeFor(localeFor(file, undefined)).add(file);
  const used = new Set([...merges.values()].flatMap((m) => [...m.loaded]));
  for (const file of files.filter((f) => !suffixed.includes(f) && !used.has(source.name(f)))) mergeFor(localeFor(file, locale)).add(file);
  return new Map([...merges].map(([l, m]) => [l, m.build()] as const));
}
