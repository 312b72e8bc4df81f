/**
 * The flow tests of the flows draft, run from the studio's test chat: the `*.test.yaml` files of the
 * draft composed over the published flows, against the draft's topics, with the same runner as
 * `npm run flows -- test` (flows/flowTestRunner.ts). Every test is listed, passed or not.
 */
import { readFlowTests, runFlowTest } from '../flows/flowTestRunner';
import type { ContentFile } from '../publishing/contentBundle';

/** One test's result; `message` and `line` say what failed. */
export interface FlowTestResult {
  readonly test: string;
  readonly file?: string;
  readonly passed: boolean;
  readonly message?: string;
  readonly line?: number;
}

/** Every test of the draft, and the counts. */
export interface FlowTestResults {
  readonly passed: number;
  readonly failed: number;
  readonly results: readonly FlowTestResult[];
}

/** Runs the flow tests among `files` (a composed flows draft). */
export function runDraftFlowTests(files: readonly ContentFile[]): FlowTestResults {
  const suite = readFlowTests(files);
  const results: FlowTestResult[] = suite.problems.map((p) => ({ ...p, passed: false }));
  for (const test of suite.cases) {
    const failure = runFlowTest(suite.flows, test);
    results.push(failure ? { ...failure, passed: false } : { test: test.name, file: test.file, passed: true, ...(test.line === undefined ? {} : { line: test.line }) });
  }
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}
