/**
 * `npm run content -- validate|publish|rollback|list|export <kind> [path]`: how an admin checks,
 * publishes (to every running instance, taken up within 5 s), rolls back and exports the admin
 * content besides flows: knowledge, routing, agents (the roster), offers and messages. Works on the
 * store the server uses (the same settings). The files in content/ are the seed and the export, so
 * git workflows keep working. Flows have their own tool, `npm run flows`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { WarmlineConfig } from '../config';
import { routingOfBundle } from '../handoff/routingBundle';
import { adminContentProblems, adminKinds, isAdminKind, publishedInForce, readAdminSeed, seedPaths, topicsOf, writeAdminExport } from '../publishing/adminKinds';
import type { AdminKind, ContentInForce } from '../publishing/adminKinds';
import type { ContentFile, ContentProblem } from '../publishing/contentBundle';
import type { ContentVersions } from '../publishing/contentVersions';
import { PublishingError, publishingErrorCodes } from '../publishing/publishingErrors';
import { exportVersion, printAudit, printList, printMove } from './contentOutput';
import type { OutputIo } from './contentOutput';
import { count, requestOrExit, runAsProgram, stoppedMessage, withStore } from './contentStore';
import { problemLine } from './flowTools';

/** Exit codes of `npm run content` (also in docs/PUBLISHING.md). */
export const contentExitCodes = {
  done: 0,
  /** Nothing was changed: the content has problems (each printed), or the store, a version or the settings were not there. */
  problems: 1,
  /** Bad arguments: unknown command, kind or option, a missing --by, a path that does not exist. */
  usage: 2,
} as const;

const commands = ['validate', 'publish', 'rollback', 'list', 'export'] as const;
type Command = (typeof commands)[number];
const options: Readonly<Record<Command, readonly string[]>> = { validate: [], publish: ['by'], rollback: ['by', 'to'], list: ['audit'], export: ['version', 'prune'] };

const usage = `Usage:
  npm run content -- validate <kind> [path]
  npm run content -- publish <kind> [path] --by <name>
  npm run content -- rollback <kind> [--to <version>] --by <name>
  npm run content -- list <kind> [--audit]
  npm run content -- export <kind> [path] [--version <version>] [--prune]

<kind> is one of ${adminKinds.join(', ')} (flows: npm run flows). [path] is the folder
(knowledge, messages) or file (routing, agents, offers) to read or write; by default the one in
content/ that the server seeds from (KNOWLEDGE_DIR, ROUTING_FILE, AGENTS_FILE, OFFERS_FILE,
MESSAGES_DIR). validate and publish check the files against the content in force (the roster
against the routing's queues, offers against the knowledge topics and routing tiers) and list every
problem with file:line and path; publish refuses the files unless there are none. Running bots take
a published version up within 5 s. rollback goes back to the version published before (or --to).
export writes the published version (or --version); --prune removes files the version lacks.
Exit codes: 0 done, 1 problems (nothing changed), 2 usage.`;


class UsageError extends Error {}

interface Request {
  readonly command: Command;
  readonly kind: AdminKind;
  readonly path?: string;
  readonly by?: string;
  readonly to?: string;
  readonly version?: string;
  readonly prune: boolean;
  readonly audit: boolean;
}

/** Runs the tool; resolves with the process exit code ({@link contentExitCodes}). */
export async function runContent(argv: readonly string[], io: OutputIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const read = requestOrExit(() => readRequest(argv), usage, io, contentExitCodes);
  if ('exit' in read) return read.exit;
  const asked = read.request;
  const codes = { configuration: contentExitCodes.problems, storeUnavailable: contentExitCodes.problems };
  try {
    return await withStore(env, io, codes, (versions, config) => carryOut(asked, versions, config, io));
  } catch (err) {
    return report(err, io);
  }
}

function readRequest(argv: readonly string[]): Request | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { by: { type: 'string' }, to: { type: 'string' }, version: { type: 'string' }, prune: { type: 'boolean' }, audit: { type: 'boolean' }, help: { type: 'boolean' } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, kind, ...rest] = positionals;
  if (command === undefined) throw new UsageError(`A command is required: ${commands.join(', ')}.`);
  if (!(commands as readonly string[]).includes(command)) throw new UsageError(`Unknown command "${command}": use ${commands.join(', ')}.`);
  const known = command as Command;
  if (kind === undefined) throw new UsageError(`${known} needs the kind of content: ${adminKinds.join(', ')}.`);
  if (!isAdminKind(kind)) throw new UsageError(`Unknown kind "${kind}": use ${adminKinds.join(', ')}${kind === 'flows' ? ' (flows: npm run flows)' : ''}.`);
  const stray = Object.keys(values).filter((k) => k !== 'help' && !options[known].includes(k));
  if (stray.length > 0) throw new UsageError(`${known} does not take ${stray.map((s) => `--${s}`).join(', ')}.`);
  const paths = known === 'rollback' || known === 'list' ? 0 : 1;
  if (rest.length > paths) throw new UsageError(`Unexpected "${rest.slice(paths).join(' ')}".`);
  for (const name of ['by', 'to', 'version'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') throw new UsageError(`--${name} needs a value.`);
  }
  if ((known === 'publish' || known === 'rollback') && values.by === undefined) throw new UsageError(`${known} needs --by <name>: who is ${known === 'publish' ? 'publishing' : 'rolling back'}, for the audit log.`);
  return {
    command: known,
    kind,
    prune: values.prune === true,
    audit: values.audit === true,
    ...(rest[0] !== undefined ? { path: rest[0] } : {}),
    ...(values.by !== undefined ? { by: values.by } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
    ...(values.version !== undefined ? { version: values.version } : {}),
  };
}

async function carryOut(request: Request, versions: ContentVersions, config: WarmlineConfig, io: OutputIo): Promise<number> {
  const { kind } = request;
  const where = path.resolve(request.path ?? seedPaths(config)[kind]);
  switch (request.command) {
    case 'validate': {
      const files = readAdminSeed(kind, where);
      const problems = adminContentProblems(kind, files, await inForce(versions, config));
      if (problems.length > 0) return refused(problems, ` in ${count(files.length, `${kind} file`)}.`, io);
      io.out(`${count(files.length, `${kind} file`)} ${files.length === 1 ? 'is' : 'are'} valid.`);
      return contentExitCodes.done;
    }
    case 'publish': {
      const files = readAdminSeed(kind, where);
      const context = await inForce(versions, config);
      const result = await versions.publish(kind, files, request.by ?? '', (fs) => adminContentProblems(kind, fs, context));
      if (result.status === 'rejected') return refused(result.problems, '; nothing was published.', io);
      if (result.status === 'unchanged') io.out(`${kind} version ${result.version} is already published; nothing changed.`);
      else printMove(result.entry, io);
      return contentExitCodes.done;
    }
    case 'rollback': {
      const result = await versions.rollback(kind, request.by ?? '', request.to);
      if (result.status === 'unchanged') io.out(`${kind} version ${result.version} is already published; nothing changed.`);
      else printMove(result.entry, io);
      return contentExitCodes.done;
    }
    case 'list':
      printList(await versions.list(kind), io, `npm run content -- publish ${kind} --by <name>`);
      if (request.audit) printAudit(await versions.audit(kind), io);
      return contentExitCodes.done;
    case 'export':
      await exportVersion(versions, kind, request.version, where, (files: readonly ContentFile[]) => writeAdminExport(kind, files, where, request.prune), io);
      return contentExitCodes.done;
  }
}

/** Prints every problem, `file:line path: message (code)`, then how many and `after` that; nothing was changed. */
function refused(problems: readonly ContentProblem[], after: string, io: OutputIo): number {
  for (const problem of problems) io.err(problemLine(problem));
  io.err(`${count(problems.length, 'problem')}${after}`);
  return contentExitCodes.problems;
}

/**
 * The content a version is checked against: what is published, and for a kind with nothing
 * published yet, its seed in content/ (what the server would publish first).
 */
async function inForce(versions: ContentVersions, config: WarmlineConfig): Promise<ContentInForce> {
  const published = await publishedInForce(versions);
  const seeds = seedPaths(config);
  const fromSeed = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch {
      // A seed that does not load checks nothing: the server would not have published it either.
      return undefined;
    }
  };
  const routing = published.routing ?? fromSeed(() => routingOfBundle(readAdminSeed('routing', seeds.routing)));
  const topics = published.topics ?? fromSeed(() => topicsOf(readAdminSeed('knowledge', seeds.knowledge)));
  return { ...published, ...(routing ? { routing } : {}), ...(topics ? { topics } : {}) };
}

/** Turns an error into a message and an exit code. */
function report(err: unknown, io: OutputIo): number {
  if (err instanceof PublishingError) {
    io.err(err.message);
    return err.code === publishingErrorCodes.invalidArgument ? contentExitCodes.usage : contentExitCodes.problems;
  }
  io.err(stoppedMessage(err));
  return contentExitCodes.problems;
}

if (require.main === module) {
  void runAsProgram((argv, io) => runContent(argv, io));
}
