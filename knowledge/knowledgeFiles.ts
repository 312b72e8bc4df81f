/**
 * Knowledge files on disk: which files count, which locale a file name declares, and reading one
 * (size-limited) into a {@link ParsedQna} with the parser its extension calls for.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { KnowledgeLocale } from './knowledgeBase';
import { KnowledgeError, KnowledgeFormatError, knowledgeErrorCodes } from './knowledgeErrors';
import type { ParsedQna } from './qnaParser';
import { parseQna } from './qnaParser';
import { parseQnaMakerTsv } from './tsvParser';

/** Largest knowledge file the loader reads (20 MB). */
export const maxKnowledgeFileBytes = 20 * 1024 * 1024;

const knowledgeExtension = /\.(qna|tsv)$/i;
const localeSuffix = /\.([a-z]{2}-[a-z]{2,4})\.(?:qna|tsv)$/i;
const supportedLocales: Readonly<Record<string, KnowledgeLocale>> = { 'en-us': 'en-US', 'zh-cn': 'zh-CN' };

/** True for `.qna` and `.tsv` file names (any case). */
export function isKnowledgeFileName(file: string): boolean {
  return knowledgeExtension.test(file);
}

/** The locale a file name declares (`faq.en-us.qna`, `faq.ZH-CN.tsv`), or undefined when it declares none. */
export function localeOfFileName(file: string): KnowledgeLocale | undefined {
  const suffix = localeSuffix.exec(path.basename(file))?.[1];
  if (suffix === undefined) return undefined;
  const locale = supportedLocales[suffix.toLowerCase()];
  if (!locale) throw new KnowledgeError(knowledgeErrorCodes.locale, `Knowledge: ${file}: locale "${suffix}" is not supported: expected .en-us or .zh-cn before the extension`);
  return locale;
}

/** File system facts about `target`; a clear error when it does not exist. */
export function statKnowledgePath(target: string, importedFrom?: string): Stats {
  try {
    return statSync(target);
  } catch (err) {
    const by = importedFrom ? ` (imported at ${importedFrom})` : '';
    throw new KnowledgeError(knowledgeErrorCodes.notFound, `Knowledge: ${target} does not exist or cannot be read${by}`, { cause: err });
  }
}

/**
 * True for a batch-test cases file (`query<TAB>expected` header, see content/knowledge/README.md),
 * which lives beside the knowledge but is not part of it.
 */
export function isBatchCasesFile(file: string): boolean {
  if (!/\.tsv$/i.test(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(256);
    const read = readSync(fd, head, 0, head.length, 0);
    return isBatchCasesText(head.toString('utf8', 0, read));
  } finally {
    closeSync(fd);
  }
}

/** True when a TSV text starts with the batch-test header (`query<TAB>expected`). */
export function isBatchCasesText(text: string): boolean {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  return firstLine.trim().toLowerCase().split('\t').map((c) => c.trim()).join('\t') === 'query\texpected';
}

/** The `.qna` and `.tsv` knowledge files directly inside `dir` (batch-test cases left out), sorted by name. */
export function listKnowledgeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && isKnowledgeFileName(d.name))
    .map((d) => path.join(dir, d.name))
    .filter((file) => !isBatchCasesFile(file))
    .sort();
}

/** Reads and parses one file (not its imports). `importedFrom` (`file:line`) is named when it is missing. */
export function readKnowledgeFile(file: string, importedFrom?: string): ParsedQna {
  if (!isKnowledgeFileName(file)) throw new KnowledgeFormatError([{ file, message: 'unsupported file type: expected a .qna or .tsv file' }]);
  const stats = statKnowledgePath(file, importedFrom);
  if (!stats.isFile()) throw new KnowledgeError(knowledgeErrorCodes.notFound, `Knowledge: ${file} is not a file`);
  if (stats.size > maxKnowledgeFileBytes) {
    const mb = (stats.size / 1024 / 1024).toFixed(1);
    throw new KnowledgeError(knowledgeErrorCodes.tooLarge, `Knowledge: ${file} is ${mb} MB; knowledge files may be at most ${maxKnowledgeFileBytes / 1024 / 1024} MB`);
  }
  return parseKnowledgeText(readFileSync(file, 'utf8'), file);
}

/** Parses one file's text (not its imports) with the parser its extension calls for; `file` names it in problems. */
export function parseKnowledgeText(text: string, file: string): ParsedQna {
  return /\.tsv$/i.test(file) ? parseQnaMakerTsv(text, file) : parseQna(text, file);
}
