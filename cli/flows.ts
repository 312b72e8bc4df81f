/**
 * `npm run flows -- validate|test|publish|rollback|list|export`: how an admin checks flows, publishes
 * them to every running instance (taken up within 5 s), rolls back and exports, over the store the
 * server uses (the same settings: .env and the environment; SQLite by default, Redis when REDIS_URL
 * is set). The files in content/flows are the seed and the export, so git workflows keep working.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appRoot } from '../config';
import type { ContentFile, ContentValidator } from '../publishing/contentBundle';
import { isFlowFile, readContentFolder, writeContentFolder } from '../publishing/contentFolder';
import type { ContentVersions } from '../publishing/contentVersions';
import { PublishingError, publishingErrorCodes } from '../publishing/publishingErrors';
import { flowTools, FlowToolMissing, problemLine } from './flowTools';
import type { FlowTools } from './flowTools';
import { exportVersion, printAudit, printList, printMove } from './contentOutput';
import { count, requestOrExit, runAsProgram, stoppedMessage, withStore } from './contentStore';

/** Where the tool writes; tests pass their own. */
export interface FlowsIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes of `npm run flows` (also in docs). */
export const flowsExitCodes = {
  done: 0,
  /** A store error part-way; nothing half-done is left (each change is one atomic write). Running it again is safe. */
  failed: 1,
  /** Bad arguments: unknown command or option, a missing --by or folder. */
  usage: 2,
  /** The store cannot be opened or reached. */
  storeUnavailable: 3,
  /** The settings are not valid (or STORAGE=memory). */
  configuration: 4,
  /** The flows were refused: validation problems or failing flow tests. Nothing was published. */
  rejected: 5,
  /** Nothing is published yet, no such version, or no earlier version to roll back to. */
  notFound: 6,
  /** Someone else published or rolled back at the same moment; nothing was changed. Look at list and retry. */
  conflict: 7,
  /** This build has no flows validator or flow test runner yet. */
  toolMissing: 8,
} as const;

const usage = `Usage:
  npm run flows -- validate [dir]
  npm run flows -- test [dir]
  npm run flows -- publish [dir] --by <name>
  npm run flows -- rollback [--to <version>] --by <name>
  npm run flows -- list [--audit]
  npm run flows -- export <dir> [--version <version>] [--prune]

[dir] is the flows folder (default content/flows). publish validates the topics and refuses them,
listing every problem, unless all are valid; running bots take a published version up within 5 s.
rollback goes back to the version published before (or --to, a version id or its first digits).
export writes the published version (or --version) into <dir>; --prune removes topic files there
that the version does not have. Uses the server's settings (.env, environment): SQLite by default,
Redis when REDIS_URL is set.
Exit codes: 0 done, 1 failed, 2 usage, 3 store unreachable, 4 settings invalid, 5 flows refused,
6 not found, 7 changed meanwhile, 8 validator or test runner missing.`;

class UsageError extends Error {}

type Request =
  | { readonly command: 'validate'; readonly dir: string }
  | { readonly command: 'test'; readonly dir: string }
  | { readonly command: 'publish'; readonly dir: string; readonly by: string }
  | { readonly command: 'rollback'; readonly by: string; readonly to?: string }
  | { readonly command: 'list'; readonly audit: boolean }
  | { readonly command: 'export'; readonly dir: string; readonly version?: string; readonly prune: boolean };

/** Runs the tool; resolves with the process exit code ({@link flowsExitCodes}). */
export async function runFlows(argv: readonly string[], io: FlowsIo, env: NodeJS.ProcessEnv = process.env, tools: FlowTools = flowTools()): Promise<number> {
  const read = requestOrExit(() => readRequest(argv), usage, io, flowsExitCodes);
  if ('exit' in read) return read.exit;
  const request = read.request;
  try {
    if (request.command === 'validate' || request.command === 'test') return await check(request.command, readFlows(request.dir), tools, io);
    if (request.command === 'publish') {
      // Read the topics and load the validator before touching the store: either may be missing.
      const files = readFlows(request.dir);
      const validate = await tools.validator();
      return await withStore(env, io, flowsExitCodes, (versions) => publish(versions, files, request.by, validate, io));
    }
    return await withStore(env, io, flowsExitCodes, (versions) => carryOut(request, versions, io));
  } catch (err) {
    return report(err, io);
  }
}

function readRequest(argv: readonly string[]): Request | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { by: { type: 'string' }, to: { type: 'string' }, version: { type: 'string' }, prune: { type: 'boolean' }, audit: { type: 'boolean' }, help: { type: 'boolean' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...rest] = positionals;
  const allowed: Record<string, readonly string[]> = { validate: [], test: [], publish: ['by'], rollback: ['by', 'to'], list: ['audit'], export: ['version', 'prune'] };
  if (command === undefined) throw new UsageError('A command is required: validate, test, publish, rollback, list or export.');
  const options = allowed[command];
  if (!options) throw new UsageError(`Unknown command "${command}": use validate, test, publish, rollback, list or export.`);
  const stray = Object.keys(values).filter((k) => k !== 'help' && !options.includes(k));
  if (stray.length > 0) throw new UsageError(`${command} does not take ${stray.map((s) => `--${s}`).join(', ')}.`);
  const folders = command === 'rollback' || command === 'list' ? 0 : 1;
  if (rest.length > folders) throw new UsageError(`Unexpected "${rest.slice(folders).join(' ')}".`);
  const dir = rest[0] ?? path.join(appRoot, 'content', 'flows');
  for (const name of ['by', 'to', 'version'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') throw new UsageError(`--${name} needs a value.`);
  }
  if ((command === 'publish' || command === 'rollback') && values.by === undefined) throw new UsageError(`${command} needs --by <name>: who is ${command === 'publish' ? 'publishing' : 'rolling back'}, for the audit log.`);
  switch (command) {
    case 'validate':
    case 'test':
      return { command, dir };
    case 'publish':
      return { command, dir, by: values.by ?? '' };
    case 'rollback':
      return { command, by: values.by ?? '', ...(values.to !== undefined ? { to: values.to } : {}) };
    case 'list':
      return { command, audit: values.audit === true };
    default:
      if (rest[0] === undefined) throw new UsageError('export needs the folder to write to.');
      return { command: 'export', dir, prune: values.prune === true, ...(values.version !== undefined ? { version: values.version } : {}) };
  }
}

function readFlows(dir: string): ContentFile[] {
  const files = readContentFolder(path.resolve(dir), isFlowFile);
  if (files.length === 0) throw new PublishingError(publishingErrorCodes.invalidBundle, 'flows', `${dir} holds no .yaml topic files`);
  return files;
}

/** Validates the flows (or runs their tests), printing every problem or failure. */
async function check(what: 'validate' | 'test', files: readonly ContentFile[], tools: FlowTools, io: FlowsIo): Promise<number> {
  if (what === 'validate') {
    const problems = await (await tools.validator())(files);
    for (const problem of problems) io.err(problemLine(problem));
    if (problems.length > 0) {
      io.err(`${count(problems.length, 'problem')} in ${count(files.length, 'flow file')}.`);
      return flowsExitCodes.rejected;
    }
    io.out(`${count(files.length, 'flow file')} ${files.length === 1 ? 'is' : 'are'} valid.`);
    return flowsExitCodes.done;
  }
  const result = await (await tools.testRunner())(files);
  for (const f of result.failures) io.err(`FAIL ${f.file ? `${f.file}${f.line === undefined ? '' : `:${f.line}`} ` : ''}${f.test}: ${f.message}`);
  io.out(`${count(result.passed, 'flow test')} passed, ${result.failures.length} failed.`);
  return result.failures.length > 0 ? flowsExitCodes.rejected : flowsExitCodes.done;
}

async function publish(versions: ContentVersions, files: readonly ContentFile[], by: string, validate: ContentValidator, io: FlowsIo): Promise<number> {
  const result = await versions.publish('flows', files, by, validate);
  if (result.status === 'rejected') {
    for (const problem of result.problems) io.err(problemLine(problem));
    io.err(`${count(result.problems.length, 'problem')}; nothing was published.`);
    return flowsExitCodes.rejected;
  }
  if (result.status === 'unchanged') io.out(`flows version ${result.version} is already published; nothing changed.`);
  else printMove(result.entry, io);
  return flowsExitCodes.done;
}

async function carryOut(request: Exclude<Request, { command: 'validate' | 'test' | 'publish' }>, versions: ContentVersions, io: FlowsIo): Promise<number> {
  switch (request.command) {
    case 'rollback': {
      const result = await versions.rollback('flows', request.by, request.to);
      if (result.status === 'unchanged') io.out(`flows version ${result.version} is already published; nothing changed.`);
      else printMove(result.entry, io);
      return flowsExitCodes.done;
    }
    case 'list':
      printList(await versions.list('flows'), io);
      if (request.audit) printAudit(await versions.audit('flows'), io);
      return flowsExitCodes.done;
    case 'export':
      await exportVersion(versions, 'flows', request.version, request.dir, (files) => writeContentFolder(path.resolve(request.dir), files, isFlowFile, request.prune), io);
      return flowsExitCodes.done;
  }
}

/** Turns an error into a message and an exit code. */
function report(err: unknown, io: FlowsIo): number {
  if (err instanceof FlowToolMissing) {
    io.err(`${err.message}; validate, test and publish need it. Nothing was published.`);
    return flowsExitCodes.toolMissing;
  }
  if (err instanceof PublishingError) {
    io.err(err.message);
    const codes = publishingErrorCodes;
    if (err.code === codes.unknownVersion || err.code === codes.ambiguousVersion || err.code === codes.nothingPublished || err.code === codes.noPrevious) return flowsExitCodes.notFound;
    if (err.code === codes.changedMeanwhile || err.code === codes.conflict) return flowsExitCodes.conflict;
    if (err.code === codes.invalidBundle) return flowsExitCodes.rejected;
    if (err.code === codes.invalidArgument) return flowsExitCodes.usage;
    return flowsExitCodes.failed;
  }
  io.err(stoppedMessage(err));
  return flowsExitCodes.failed;
}

if (require.main === module) {
  void runAsProgram((argv, io) => runFlows(argv, io));
}
