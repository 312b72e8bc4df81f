/**
 * Runs the flow tests (`*.test.yaml`) of the flows folders the repository ships, one `it` per test,
 * so `npm test` names each failing test. `npm run flows -- test <dir>` runs the same tests.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readFlowTests, runFlowTest, runFlowTests } from '../../flows/flowTestRunner';
import type { FlowFile } from '../../flows/topicLoader';

const root = path.join(__dirname, '..', '..');

/** Folders whose flow tests run in `npm test`: the shipped topics and the fixtures. */
const folders = ['content/flows', 'test/fixtures/flows/good'];

function filesOf(dir: string): FlowFile[] {
  return readdirSync(path.join(root, dir))
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => ({ path: name, text: readFileSync(path.join(root, dir, name), 'utf8') }));
}

for (const dir of folders) {
  describe(`flow tests in ${dir}`, () => {
    const files = filesOf(dir);
    const suite = readFlowTests(files);

    it('has tests, and every test file and topic can be read', () => {
      expect(suite.cases, 'no *.test.yaml tests').to.not.be.empty;
      expect(suite.problems.map((p) => `${p.file ?? ''}:${p.line ?? '?'} ${p.test}: ${p.message}`)).to.deep.equal([]);
    });

    for (const test of suite.cases) {
      it(`${test.file}: ${test.name}`, () => {
        const failure = runFlowTest(suite.flows, test);
        if (failure) expect.fail(`${failure.file ?? ''}:${failure.line ?? '?'} ${failure.message}`);
      });
    }

    it('runFlowTests (what npm run flows -- test runs) agrees', () => {
      expect(runFlowTests(files)).to.deep.equal({ passed: suite.cases.length, failures: [] });
    });
  });
}
