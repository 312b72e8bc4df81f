/**
 * What an admin publishes: one kind of content (flows, knowledge, ...) as a set of text files, and
 * the id that names a set of files by its content, so that the same files are always one version.
 */
import { createHash } from 'node:crypto';
import { PublishingError, publishingErrorCodes } from './publishingErrors';

/** The kinds of admin content that are versioned and published, each on its own. */
export const contentKinds = ['flows', 'knowledge', 'routing', 'agents', 'offers', 'messages'] as const;

/** One of {@link contentKinds}. */
export type ContentKind = (typeof contentKinds)[number];

/** True when `value` names a content kind. */
export function isContentKind(value: unknown): value is ContentKind {
  return typeof value === 'string' && (contentKinds as readonly string[]).includes(value);
}

/** One file of a bundle: a relative path with `/` separators, and its text. */
export interface ContentFile {
  readonly path: string;
  readonly text: string;
}

/** A problem a validator found, with where it is when known (file, YAML path, 1-based line). */
export interface ContentProblem {
  readonly message: string;
  readonly file?: string;
  readonly path?: string;
  readonly line?: number;
  readonly code?: string;
}

/** Checks a bundle before it is published; returns every problem (none when it may be published). */
export type ContentValidator = (files: readonly ContentFile[]) => readonly ContentProblem[] | Promise<readonly ContentProblem[]>;

/** Largest bundle stored by default: the sum of its texts, in UTF-8 bytes. */
export const defaultMaxBundleBytes = 16 * 1024 * 1024;

const maxPathLength = 240;

/**
 * The files in the order they are stored and hashed (by path), with `\r\n` line ends made `\n` so
 * that a Windows checkout and a Linux one publish the same version. Throws a {@link PublishingError}
 * listing every bad path, repeated path or non-text file, or when there are none or too many bytes.
 */
export function normaliseBundle(kind: ContentKind, files: unknown, maxBytes = defaultMaxBundleBytes): ContentFile[] {
  if (!Array.isArray(files)) throw bundleError(kind, ['the files must be a list of { path, text }']);
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: ContentFile[] = [];
  let bytes = 0;
  files.forEach((file: unknown, index) => {
    const { path, text } = (typeof file === 'object' && file !== null ? file : {}) as { path?: unknown; text?: unknown };
    const name = typeof path === 'string' ? JSON.stringify(path) : `at index ${index}`;
    const pathProblem = checkPath(path);
    if (pathProblem) problems.push(`file ${name}: ${pathProblem}`);
    if (typeof text !== 'string') problems.push(`file ${name}: its text must be a string`);
    if (pathProblem || typeof text !== 'string' || typeof path !== 'string') return;
    if (seen.has(path)) problems.push(`file ${name} appears more than once`);
    seen.add(path);
    bytes += Buffer.byteLength(text);
    out.push({ path, text: text.replace(/\r\n/g, '\n') });
  });
  if (files.length === 0) problems.push('there are no files');
  if (bytes > maxBytes) problems.push(`the files hold ${bytes} bytes, more than the ${maxBytes} a version may hold`);
  if (problems.length > 0) throw bundleError(kind, problems);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The version id of normalised files: 16 hex digits of their SHA-256, the same for the same files. */
export function bundleId(files: readonly ContentFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(JSON.stringify([file.path, file.text])).update('\n');
  return hash.digest('hex').slice(0, 16);
}

/** True when two normalised bundles hold the same files. */
export function sameFiles(a: readonly ContentFile[], b: readonly ContentFile[]): boolean {
  return a.length === b.length && a.every((file, i) => file.path === b[i]?.path && file.text === b[i]?.text);
}

/** Every problem `validate` finds in `files`; a validator that throws or answers nonsense refuses them, saying why. */
export async function validateBundle(validate: ContentValidator, files: readonly ContentFile[]): Promise<readonly ContentProblem[]> {
  if (typeof validate !== 'function') throw new TypeError('publish needs a validator: (files) => problems');
  try {
    const problems = await validate(files);
    if (!Array.isArray(problems)) throw new TypeError('it did not return a list of problems');
    return problems;
  } catch (error) {
    // A validator that fails has not said the files are fine: refuse them.
    return [{ message: `The validator failed: ${error instanceof Error ? error.message : String(error)}`, code: 'WL_CONTENT_VALIDATOR_FAILED' }];
  }
}

function checkPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'the path must be a non-empty string';
  if (path.length > maxPathLength) return `the path is longer than ${maxPathLength} characters`;
  // Control characters would make a path that cannot be shown or written back safely.
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f\\]/.test(path)) return 'the path holds a backslash or a control character (use / between folders)';
  if (path.startsWith('/') || /^[a-z]:/i.test(path)) return 'the path must be relative to the content folder';
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'the path has an empty, "." or ".." part';
  return undefined;
}

function bundleError(kind: ContentKind, problems: readonly string[]): PublishingError {
  return new PublishingError(publishingErrorCodes.invalidBundle, kind, `These ${kind} files cannot be stored: ${problems.join('; ')}`);
}
