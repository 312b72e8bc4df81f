/**
 * Runs the flow tests of a flows folder (`npm run flows -- test`, and `npm test` for the shipped
 * topics): the `*.test.yaml` files against the topics beside them, each test a conversation driven
 * through the executor with a fixed clock and no I/O, so a run always gives the same answer. Every
 * failure names the file, the test, the step and its line; nothing a file holds makes it throw.
 */
import type { FlowSet } from './flowDefinition';
import { FlowError } from './flowErrors';
import { FlowTestConversation } from './flowTestConversation';
import { isFlowTestFile, readFlowTestFile } from './flowTestFile';
import type { FlowTestCase } from './flowTestFile';
import { clockOf, runStep, unexpectedMessages } from './flowTestSteps';
import { isTopicFile, parseFlowSet } from './topicLoader';
import type { FlowFile } from './topicLoader';

export type { FlowTestCase } from './flowTestFile';

/** One failing test (or broken test file): which, where, and what was expected and what happened. */
export interface FlowTestFailure {
  readonly test: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
}

/** What a run found. */
export interface FlowTestReport {
  readonly passed: number;
  readonly failures: readonly FlowTestFailure[];
}

/** The tests of a folder, read but not run: the topics, the tests, and what kept any from being read. */
export interface FlowTestSuite {
  readonly flows?: FlowSet;
  readonly cases: readonly FlowTestCase[];
  readonly problems: readonly FlowTestFailure[];
}

/** Reads the topics and the test files among `files` (paths relative to the flows folder). */
export function readFlowTests(files: readonly FlowFile[]): FlowTestSuite {
  const cases: FlowTestCase[] = [];
  const problems: FlowTestFailure[] = [];
  for (const file of [...files].filter((f) => isFlowTestFile(f.path)).sort((a, b) => a.path.localeCompare(b.path))) {
    const read = readFlowTestFile(file);
    cases.push(...read.cases);
    problems.push(...read.problems);
  }
  if (!files.some((f) => isTopicFile(f.path))) return { cases, problems };
  try {
    return { flows: parseFlowSet(files), cases, problems };
  } catch (err) {
    if (!(err instanceof FlowError)) throw err;
    const invalid = err.problems.map((p) => ({ test: 'the topics are valid', message: `${p.path ? `${p.path}: ` : ''}${p.message} (${p.code})`, ...(p.file ? { file: p.file } : {}), ...(p.line === undefined ? {} : { line: p.line }) }));
    return { cases, problems: [...problems, ...invalid] };
  }
}

/** Runs one test: its failure, or undefined when it passed. */
export function runFlowTest(flows: FlowSet | undefined, test: FlowTestCase): FlowTestFailure | undefined {
  const fail = (message: string, line?: number): FlowTestFailure => ({ test: test.name, message, file: test.file, ...(line === undefined ? {} : { line }) });
  if (!flows) return fail('there are no valid topics to test', test.line);
  if (!flows.topics.some((t) => t.id === test.start)) return fail(`start: there is no topic "${test.start}" (topics: ${flows.topics.map((t) => t.id).join(', ')})`, test.startLine);
  const { locale, conversation, user, customer, system } = test;
  const c = new FlowTestConversation(flows, { locale, now: clockOf(test), ...{ conversation, user, customer, system } });
  try {
    c.start(test.start, test.inputs);
    if (c.diagnostics.length > 0) return fail(`on start: the topic reported a problem: ${c.diagnostics.join('; ')}`, test.startLine);
    for (const [i, step] of test.steps.entries()) {
      const problem = runStep(c, step, test);
      if (problem) return fail(`step ${i + 1}${step.line === undefined ? '' : ` (line ${step.line})`}: ${problem}`, step.line);
    }
  } catch (err) {
    // The executor throws only for a host's mistake; here that is the runner's, but a test must not crash the run.
    return fail(`the runner failed: ${(err as Error).message}`, test.line);
  }
  const extra = unexpectedMessages(c);
  return extra ? fail(`after the last step: ${extra}`, test.steps.at(-1)?.line) : undefined;
}

/** Runs every flow test among `files` against the topics among them. */
export function runFlowTests(files: readonly FlowFile[]): FlowTestReport {
  const suite = readFlowTests(files);
  const failures: FlowTestFailure[] = [...suite.problems];
  let passed = 0;
  for (const test of suite.cases) {
    const failure = runFlowTest(suite.flows, test);
    if (failure) failures.push(failure);
    else passed += 1;
  }
  return { passed, failures };
}
