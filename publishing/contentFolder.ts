/**
 * Files in `content/` are the seed and the export of published content, so that git workflows keep
 * working: a folder is read into a bundle to publish, and a version is written back into a folder.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ContentFile } from './contentBundle';
import { PublishingError, publishingErrorCodes } from './publishingErrors';

/** Which files of a folder belong to the bundle, by relative path (`/` separators). */
export type ContentFilter = (relativePath: string) => boolean;

/**
 * Which files of a flows folder make a flows bundle: topics and their test files (`*.yaml`, `*.yml`).
 * The server seeding from `content/flows` and `npm run flows -- publish` must agree, or the same
 * folder would give two versions.
 */
export const isFlowFile: ContentFilter = (relativePath) => /\.ya?ml$/i.test(relativePath);

/** What {@link writeContentFolder} did. */
export interface FolderWrite {
  /** Files created or changed. */
  readonly written: readonly string[];
  /** Files already holding the version's text. */
  readonly unchanged: readonly string[];
  /** Files the filter takes that the version does not have: removed when asked to, else left alone. */
  readonly stale: readonly string[];
  readonly removed: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The files of `dir` (and its sub-folders) that `include` takes, as a bundle; hidden files and folders are skipped. */
export function readContentFolder(dir: string, include: ContentFilter = () => true): ContentFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new PublishingError(publishingErrorCodes.invalidArgument, '', `${dir} is not a folder`);
  }
  const notText: string[] = [];
  const files = listFiles(dir).filter(include).flatMap((relative) => {
    try {
      return [{ path: relative, text: utf8.decode(readFileSync(path.join(dir, relative))) }];
    } catch {
      notText.push(relative);
      return [];
    }
  });
  if (notText.length > 0) throw new PublishingError(publishingErrorCodes.invalidBundle, '', `Not UTF-8 text: ${notText.join(', ')} in ${dir}`);
  return files;
}

/**
 * Writes `files` into `dir` (creating folders), each file replaced whole so that a reader never sees
 * half a file. Files `include` takes that are not in `files` are listed as stale, and removed only
 * when `removeStale` is set.
 */
export function writeContentFolder(dir: string, files: readonly ContentFile[], include: ContentFilter, removeStale = false): FolderWrite {
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(files.map((f) => f.path));
  const stale = listFiles(dir).filter((p) => include(p) && !wanted.has(p));
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    if (existsSync(target) && readFileSync(target, 'utf8') === file.text) {
      unchanged.push(file.path);
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, file.text);
    renameSync(temporary, target);
    written.push(file.path);
  }
  if (removeStale) for (const p of stale) unlinkSync(path.join(dir, ...p.split('/')));
  return { written, unchanged, stale, removed: removeStale && stale.length > 0 };
}

/** Relative paths of the regular files under `dir`, skipping hidden entries. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((relative) => !relative.split('/').some((part) => part.startsWith('.')))
    .sort();
}
