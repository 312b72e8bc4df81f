import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseYamlText, problemLine, problemsFromZod, problemsMessage, readYamlText, yamlPath } from '../../yaml/yamlProblems';
import type { YamlProblem } from '../../yaml/yamlProblems';

/** An error that carries the problems it was made from, as an area's coded error would. */
class ProblemsError extends Error {
  constructor(
    readonly problems: readonly YamlProblem[],
    options?: { cause?: unknown },
  ) {
    super(problems.map(problemLine).join('; '), options);
  }
}

const queue = z.strictObject({ id: z.string().min(1, 'must not be empty'), priority: z.number().int().optional(), names: z.record(z.string(), z.string()).optional() });
const file = z.strictObject({ queues: z.array(queue), open: z.boolean().optional() });

/** The problems an admin is shown for `value`, as lines. */
function problemsOf(value: unknown): string[] {
  const parsed = file.safeParse(value, { reportInput: true });
  if (parsed.success) expect.fail('the value was accepted');
  return problemsFromZod(parsed.error.issues).map(problemLine);
}

describe('YAML problems', () => {
  describe('yamlPath', () => {
    it('writes a path as an admin reads it', () => {
      expect(yamlPath(['queues', 2, 'names', 'zh-CN'])).to.equal('queues[2].names.zh-CN');
      expect(yamlPath(['topic_queues', 'a b'])).to.equal('topic_queues["a b"]');
      expect(yamlPath(['customers', 'web:1', 'tier'])).to.equal('customers["web:1"].tier');
      expect(yamlPath([0, 'id'])).to.equal('[0].id');
      expect(yamlPath([])).to.equal('');
    });
  });

  describe('problemsFromZod', () => {
    it('names a misspelt setting and where it is', () => {
      expect(problemsOf({ queues: [], opne: true })).to.deep.equal(['(top level): unknown setting "opne" (check the spelling)']);
      expect(problemsOf({ queues: [{ id: 'a', priorty: 1 }] })).to.deep.equal(['queues[0]: unknown setting "priorty" (check the spelling)']);
    });

    it('says a required setting is missing', () => {
      expect(problemsOf({})).to.deep.equal(['queues: is required but missing']);
    });

    it('says what was expected and what was written, in words an admin knows', () => {
      expect(problemsOf({ queues: { id: 'a' } })).to.deep.equal(['queues: expected a list, got a mapping']);
      expect(problemsOf({ queues: ['general'] })).to.deep.equal(['queues[0]: expected a mapping (key: value lines), got the text "general"']);
      expect(problemsOf({ queues: [{ id: 7 }], open: 'yes' })).to.deep.equal(['queues[0].id: expected text, got number 7', 'open: expected true or false, got the text "yes"']);
      expect(problemsOf({ queues: [{ id: 'a', priority: null }] })).to.deep.equal(['queues[0].priority: expected a number, got nothing']);
      expect(problemsOf([])).to.deep.equal(['expected a mapping (key: value lines), got a list']);
    });

    it("keeps the schema's own wording for a broken rule", () => {
      expect(problemsOf({ queues: [{ id: '' }] })).to.deep.equal(['queues[0].id: must not be empty']);
    });
  });

  describe('problemsMessage', () => {
    it('gives one problem on the line naming the file, and several as a list', () => {
      expect(problemsMessage('Routing', 'routing.yaml', ['queues: is required but missing'])).to.equal('Routing: routing.yaml: queues: is required but missing');
      expect(problemsMessage('Customers', 'customers.yaml', ['a: one', 'b: two'])).to.equal('Customers: customers.yaml has 2 problems:\n  - a: one\n  - b: two');
    });
  });

  describe('parseYamlText', () => {
    const fail = (problems: YamlProblem[]): Error => new ProblemsError(problems);

    it('gives the document, and an empty mapping for an empty file', () => {
      expect(parseYamlText('queues:\n  - id: general\n', fail)).to.deep.equal({ queues: [{ id: 'general' }] });
      expect(parseYamlText('', fail)).to.deep.equal({});
      expect(parseYamlText('# only a comment\n', fail)).to.deep.equal({});
    });

    it('throws the caller\'s error with every syntax problem and its line', () => {
      const error = (() => {
        try {
          parseYamlText('queues:\n  - id: a\n    id: b\nopen: [\n', fail);
        } catch (err) {
          return err;
        }
        return expect.fail('the text was accepted');
      })();
      expect(error).to.be.instanceOf(ProblemsError);
      const problems = (error as ProblemsError).problems;
      expect(problems.length).to.be.at.least(2);
      expect(problems[0]).to.deep.equal({ path: 'line 3', message: 'not valid YAML: Map keys must be unique' });
      for (const p of problems) expect(problemLine(p)).to.match(/^line \d+: not valid YAML: \S/);
    });
  });

  describe('readYamlText', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'warmline-yaml-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('reads a file as text', () => {
      const file = path.join(dir, 'routing.yaml');
      writeFileSync(file, 'queues: []\n关闭: 是\n');
      expect(readYamlText(file, () => new Error('unexpected'))).to.equal('queues: []\n关闭: 是\n');
    });

    it("throws the caller's error for a file that cannot be read, with the cause", () => {
      const missing = path.join(dir, 'missing.yaml');
      const error = (() => {
        try {
          readYamlText(missing, (problem, cause) => new ProblemsError([problem], { cause }));
        } catch (err) {
          return err as ProblemsError;
        }
        return expect.fail('a missing file was read');
      })();
      expect(error.problems).to.have.length(1);
      expect(error.problems[0]?.path).to.equal('');
      expect(error.problems[0]?.message).to.match(/^cannot be read \(ENOENT/).and.contain(missing);
      expect(error.cause).to.have.property('code', 'ENOENT');
    });
  });
});
