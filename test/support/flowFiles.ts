/** Topic files for flow tests: a complete, valid set to break one thing at a time. */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FlowError } from '../../flows/flowErrors';
import type { FlowProblem } from '../../flows/flowErrors';
import { parseFlowSet } from '../../flows/topicLoader';
import type { FlowFile, FlowSetOptions } from '../../flows/topicLoader';

/** A folder with every system trigger, an order lookup, a return with BeginDialog and GotoAction, and a flow test file. */
export const goodFlowsDir = path.join(__dirname, '..', 'fixtures', 'flows', 'good');

/** The files of {@link goodFlowsDir}, as a bundle held in memory. */
export function goodFlowFiles(): FlowFile[] {
  return readdirSync(goodFlowsDir)
    .sort()
    .map((name) => ({ path: name, text: readFileSync(path.join(goodFlowsDir, name), 'utf8') }));
}

/** The good files with `name` changed by `edit` (which must change it), or added when it is not there. */
export function withFile(name: string, edit: (text: string) => string, files: FlowFile[] = goodFlowFiles()): FlowFile[] {
  const old = files.find((f) => f.path === name);
  const text = edit(old?.text ?? '');
  expect(text, `the edit of ${name} changed nothing`).to.not.equal(old?.text);
  return old ? files.map((f) => (f === old ? { path: name, text } : f)) : [...files, { path: name, text }];
}

/** The problems that refuse `files`; fails the test when they are accepted. */
export function refusal(files: readonly FlowFile[], options?: FlowSetOptions): FlowError {
  try {
    parseFlowSet(files, options);
  } catch (err) {
    expect(err).to.be.instanceOf(FlowError);
    return err as FlowError;
  }
  expect.fail('the flows were accepted');
}

/** The problems of `files` as `code file:line path` strings, easy to compare. */
export function problemKeys(problems: readonly FlowProblem[]): string[] {
  return problems.map((p) => `${p.code} ${p.file}:${p.line ?? '?'} ${p.path}`);
}
