/**
 * What `npm run flows` checks flows with: the flows validator (`parseFlowSet` in
 * flows/topicLoader.ts) and the flow test runner (`runFlowTests` in flows/flowTestRunner.ts). They
 * are loaded when a command needs them, so the tool still lists, exports and rolls back in a build
 * that lacks one, and says so instead of publishing unchecked flows.
 */
import path from 'node:path';
// Types only: erased when compiled, so the runner module is still loaded only when a command needs it.
import type { FlowTestReport } from '../flows/flowTestRunner';
import type { ContentFile, ContentProblem, ContentValidator } from '../publishing/contentBundle';
import type { FlowValidationOptions } from '../flows/flowValidator';
import { flowValidation } from '../app/flowContent';
import { loadConfig } from '../config';
import { loadRouting } from '../handoff/routingLoader';

export type { FlowTestFailure, FlowTestReport } from '../flows/flowTestRunner';

/** Runs the flow test files among `files` against the topics among them. */
export type FlowTestRunner = (files: readonly ContentFile[]) => Promise<FlowTestReport> | FlowTestReport;

/** Loads the validator and the test runner; tests pass their own. */
export interface FlowTools {
  validator(): Promise<ContentValidator>;
  testRunner(): Promise<FlowTestRunner>;
}

/** A tool this build does not have yet (its module is missing). */
export class FlowToolMissing extends Error {
  readonly code = 'WL_FLOWS_TOOL_MISSING';
}

/** Where the real tools live, relative to this folder; tests point them elsewhere. */
export interface FlowToolModules {
  readonly validator: string;
  readonly testRunner: string;
}

/** What the server validates flows with: the routing file's phrases (from the settings), every system trigger required. */
function serverValidation(): FlowValidationOptions {
  try {
    return flowValidation(loadRouting(loadConfig(process.env).handoff.routingFile));
  } catch {
    // Settings or routing that do not load are reported by the commands that need them; the flows are still checked.
    return { requireSystemTriggers: true };
  }
}

const defaultModules: FlowToolModules = { validator: '../flows/topicLoader', testRunner: '../flows/flowTestRunner' };

/**
 * The tools from `modules` (by default flows/topicLoader.ts and flows/flowTestRunner.ts). `options`
 * gives the validator the server's own settings (its phrases for a person and for cancel, every
 * system trigger required), so the tool refuses what a running bot would refuse.
 */
export function flowTools(modules: FlowToolModules = defaultModules, options: () => object = serverValidation): FlowTools {
  return {
    async validator() {
      const parseFlowSet = load(modules.validator, 'parseFlowSet', 'flows validator');
      const settings = options();
      return async (files) => problemsOf(await callCatching(() => parseFlowSet(files, settings)));
    },
    async testRunner() {
      const runFlowTests = load(modules.testRunner, 'runFlowTests', 'flow test runner');
      return async (files) => (await runFlowTests(files)) as FlowTestReport;
    },
  };
}

/** The problems in whatever `parseFlowSet` answered: a list, `{ problems }`, a thrown `FlowError`, or a set (no problems). */
export function problemsOf(result: unknown): ContentProblem[] {
  const list = Array.isArray(result) ? result : (result as { problems?: unknown } | null)?.problems;
  if (!Array.isArray(list)) return [];
  return list.map((p: unknown): ContentProblem => {
    if (typeof p === 'string') return { message: p };
    const { message, file, path: where, line, code, source } = (p ?? {}) as Record<string, unknown> & { source?: Record<string, unknown> };
    const spot = { file: file ?? source?.file, path: where ?? source?.path, line: line ?? source?.line };
    return {
      message: typeof message === 'string' ? message : JSON.stringify(p),
      ...(typeof spot.file === 'string' ? { file: spot.file } : {}),
      ...(typeof spot.path === 'string' && spot.path !== '' ? { path: spot.path } : {}),
      ...(typeof spot.line === 'number' ? { line: spot.line } : {}),
      ...(typeof code === 'string' ? { code } : {}),
    };
  });
}

/** A problem as an admin reads it: `greeting.yaml:12 beginDialog.actions[0].text: message (code)`. */
export function problemLine(problem: ContentProblem): string {
  const where = [problem.file ? `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}` : '', problem.path ?? ''].filter(Boolean).join(' ');
  return `${where ? `${where}: ` : ''}${problem.message}${problem.code ? ` (${problem.code})` : ''}`;
}

/** A function that may throw a `FlowError` with the problems: the problems either way. */
async function callCatching(run: () => unknown): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    if (Array.isArray((error as { problems?: unknown } | null)?.problems)) return error;
    throw error;
  }
}

// The loaded function's type is whatever the module declares; its answer is checked where it is used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function load(modulePath: string, name: string, what: string): (files: readonly ContentFile[], options?: object) => any {
  const resolved = path.resolve(__dirname, modulePath);
  let loaded: Record<string, unknown>;
  try {
    // require, not import(): the module may be absent, and the compiled CommonJS build resolves it the same way.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(resolved) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(resolved)) {
      throw new FlowToolMissing(`This build has no ${what} yet (${path.relative(process.cwd(), resolved) || resolved} is missing)`);
    }
    throw error;
  }
  const fn = loaded[name];
  if (typeof fn !== 'function') throw new FlowToolMissing(`${path.relative(process.cwd(), resolved)} does not export ${name} (the ${what})`);
  return fn as (files: readonly ContentFile[]) => unknown;
}
