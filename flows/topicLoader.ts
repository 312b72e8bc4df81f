/**
 * Reads the topic files of a flows folder (`content/flows/`, `FLOWS_DIR`) or of a bundle held in
 * memory, checks each against the schema and the whole set with the validator, and returns a
 * frozen {@link FlowSet}, or throws one {@link FlowError} listing every problem with its file,
 * YAML path and line.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deepFreeze } from '../yaml/deepFreeze';
import { yamlPath } from '../yaml/yamlProblems';
import { mapActions, triggerPath } from './actionTree';
import type { FlowSet, SourceSpot, Topic } from './flowDefinition';
import { FlowError, flowErrorCodes } from './flowErrors';
import type { FlowProblem } from './flowErrors';
import { validateFlowSet } from './flowValidator';
import type { FlowValidationOptions, UnparsedTopic } from './flowValidator';
import { schemaProblems } from './schemaProblems';
import { topicFileSchema } from './topicSchema';
import { YamlSource } from './yamlSource';
import type { YamlSegments } from './yamlSource';

/** One file of a flows bundle: its path relative to the folder (`/` separators) and its text. */
export interface FlowFile {
  readonly path: string;
  readonly text: string;
}

/** How a set is read: the validator's options, and a version to use instead of the content hash. */
export interface FlowSetOptions extends FlowValidationOptions {
  readonly version?: string;
}

/**
 * True for a topic file: `*.yaml` or `*.yml` directly in the folder. Flow tests (`*.test.yaml`)
 * and anything in a sub-folder are not topics.
 */
export function isTopicFile(relativePath: string): boolean {
  return /^[^/\\]+\.ya?ml$/i.test(relativePath) && !/\.test\.ya?ml$/i.test(relativePath);
}

/** What one topic file gave: the topic when it is well formed, and its problems. */
interface ReadTopic {
  readonly topic?: Topic;
  readonly unparsed?: UnparsedTopic;
  readonly problems: readonly FlowProblem[];
  readonly source?: YamlSource;
}

function readTopic(file: FlowFile): ReadTopic {
  const source = new YamlSource(file.text);
  if (source.syntaxProblems.length > 0) {
    return { problems: source.syntaxProblems.map((p) => ({ code: 'yaml-syntax', file: file.path, path: '', ...(p.line === undefined ? {} : { line: p.line }), message: p.message })), unparsed: { id: fileStem(file.path) } };
  }
  const parsed = topicFileSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) return { problems: schemaProblems(parsed.error.issues, file.path, source), unparsed: unparsedTopic(source.data, file.path), source };
  const spot = (segments: YamlSegments): SourceSpot => located(file.path, segments, source);
  const topic: Topic = {
    ...parsed.data,
    id: parsed.data.id ?? fileStem(file.path),
    trigger: { ...parsed.data.trigger, actions: mapActions(parsed.data.trigger.actions, [...triggerPath, 'actions'], (_action, at) => ({ source: spot(at) })) },
    source: spot([]),
  };
  return { topic, problems: [], source };
}

/**
 * Every problem of a bundle of flow files, none when it may be used or published. Files that are
 * not topics ({@link isTopicFile}) are left out.
 */
export function flowSetProblems(files: readonly FlowFile[], options: FlowValidationOptions = {}): FlowProblem[] {
  return readFlowFiles(files, options).problems;
}

/**
 * Reads a bundle of flow files held in memory into a frozen {@link FlowSet}, or throws a
 * `WL_FLOWS_INVALID` {@link FlowError}. Its version is {@link flowSetVersion} of the topic files
 * unless `options.version` names one (the store's own id for the bundle).
 */
export function parseFlowSet(files: readonly FlowFile[], options: FlowSetOptions = {}): FlowSet {
  const { topics, problems } = readFlowFiles(files, options);
  if (problems.length > 0) throw new FlowError(flowErrorCodes.invalid, problems);
  return deepFreeze({ topics, version: options.version ?? flowSetVersion(files.filter((f) => isTopicFile(f.path))) });
}

/**
 * Reads the topic files of `dir` into a frozen {@link FlowSet}; problems are reported with the
 * file's full path. Throws `WL_FLOWS_NOT_FOUND` when the folder cannot be listed.
 */
export function loadFlowSet(dir: string, options: FlowSetOptions = {}): FlowSet {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && isTopicFile(e.name))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    throw new FlowError(flowErrorCodes.notFound, [{ code: 'unreadable-file', file: dir, path: '', message: `the flows folder cannot be read (${(err as Error).message})` }], { cause: err });
  }
  const files: FlowFile[] = [];
  const unreadable: FlowProblem[] = [];
  for (const name of names) {
    try {
      files.push({ path: name, text: readFileSync(path.join(dir, name), 'utf8') });
    } catch (err) {
      unreadable.push({ code: 'unreadable-file', file: name, path: '', message: `cannot be read (${(err as Error).message})` });
    }
  }
  if (names.length === 0) unreadable.push({ code: 'no-topics', file: '', path: '', message: `${dir} has no topic files (*.yaml)` });
  try {
    if (unreadable.length > 0) throw new FlowError(flowErrorCodes.invalid, unreadable);
    return parseFlowSet(files, options);
  } catch (err) {
    if (!(err instanceof FlowError)) throw err;
    throw new FlowError(err.code, err.problems.map((p) => (p.file ? { ...p, file: path.join(dir, p.file) } : p)));
  }
}

/**
 * The version of a bundle: 16 hex digits of the SHA-256 of its files sorted by path (`\r\n` read
 * as `\n`), so the same files always give the same version, read from a folder or from storage.
 */
export function flowSetVersion(files: readonly FlowFile[]): string {
  const hash = createHash('sha256');
  for (const file of sortedByPath(files)) hash.update(JSON.stringify([file.path, file.text.replace(/\r\n/g, '\n')])).update('\n');
  return hash.digest('hex').slice(0, 16);
}

function readFlowFiles(files: readonly FlowFile[], options: FlowValidationOptions): { topics: Topic[]; problems: FlowProblem[] } {
  const topicFiles = sortedByPath(files.filter((f) => isTopicFile(f.path)));
  const read = topicFiles.map(readTopic);
  const topics = read.flatMap((r) => (r.topic ? [r.topic] : []));
  const sources = new Map(topicFiles.map((f, i) => [f.path, read[i]?.source] as const));
  const problems = read.flatMap((r) => r.problems);
  if (read.length === 0) return { topics, problems: [{ code: 'no-topics', file: '', path: '', message: 'there are no topic files (*.yaml)' }] };
  const validation = validateFlowSet(topics, {
    ...options,
    unparsed: read.flatMap((r) => (r.unparsed ? [r.unparsed] : [])),
    locate: (file, segments) => sources.get(file)?.lineOf(segments),
  });
  return { topics, problems: [...problems, ...validation].sort(byPlace) };
}

function sortedByPath(files: readonly FlowFile[]): FlowFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** File by file, line by line; problems of the whole set last. */
function byPlace(a: FlowProblem, b: FlowProblem): number {
  if ((a.file === '') !== (b.file === '')) return a.file === '' ? 1 : -1;
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0);
}

function located(file: string, segments: YamlSegments, source: YamlSource): SourceSpot {
  const line = source.lineOf(segments);
  return line === undefined ? { file, path: yamlPath(segments) } : { file, path: yamlPath(segments), line };
}

function fileStem(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/i, '');
}

/** What can be told of a topic that failed the schema, so other topics' references to it still hold. */
function unparsedTopic(data: unknown, file: string): UnparsedTopic {
  const raw = (typeof data === 'object' && data !== null ? data : {}) as { id?: unknown; beginDialog?: { kind?: unknown } };
  const kind = typeof raw.beginDialog === 'object' && raw.beginDialog !== null ? raw.beginDialog.kind : undefined;
  return { id: typeof raw.id === 'string' ? raw.id : fileStem(file), ...(typeof kind === 'string' ? { triggerKind: kind } : {}) };
}
