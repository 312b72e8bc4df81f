/**
 * How a problem in a YAML file an admin edits (routing, agents, customers) is told to them: where
 * (a YAML path such as `queues[2].hours.time_zone`, or `line 4`) and what, every problem at once.
 * Each area keeps its own error class and codes; this is the wording and the reading they share.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { YAMLError } from 'yaml';
import type { z } from 'zod';

/** One problem in a YAML file: where (`queues[1].id`, `line 4`, or '' for the whole file) and what. */
export interface YamlProblem {
  readonly path: string;
  readonly message: string;
}

/** A YAML path as an admin reads it: `queues[2].names.zh-CN`, `topic_queues["a b"]`. */
export function yamlPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(key))) out += out === '' ? String(key) : `.${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Turns zod's issues into problems worded for an admin, each with its YAML path. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[]): YamlProblem[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return { path: yamlPath(issue.path) || '(top level)', message: `unknown setting ${keys} (check the spelling)` };
    }
    if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
      const input = (issue as { input?: unknown }).input;
      const message = input === undefined ? 'is required but missing' : `expected ${article(issue.expected)}, got ${describeValue(input)}`;
      return { path: yamlPath(issue.path), message };
    }
    return { path: yamlPath(issue.path), message: issue.message };
  });
}

function article(expected: string): string {
  const names: Record<string, string> = { object: 'a mapping (key: value lines)', record: 'a mapping (key: value lines)', array: 'a list', string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false' };
  return names[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** One problem as a line: `queues[1].id: must not be empty`, or the message alone for the whole file. */
export function problemLine(problem: YamlProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/**
 * The message of an error about a whole file: `Routing: routing.yaml: <the one problem>`, or
 * `Routing: routing.yaml has 3 problems:` and one indented line each. `area` names the file's part
 * of the product.
 */
export function problemsMessage(area: string, file: string, lines: readonly string[]): string {
  if (lines.length === 1) return `${area}: ${file}: ${lines[0] ?? ''}`;
  return [`${area}: ${file} has ${lines.length} problems:`, ...lines.map((l) => `  - ${l}`)].join('\n');
}

/**
 * Reads a YAML file as text. When it cannot be read, throws what `unreadable` makes of the problem
 * (`cannot be read (ENOENT: …)`) and the cause, so each area raises its own coded error.
 */
export function readYamlText(file: string, unreadable: (problem: YamlProblem, cause: unknown) => Error): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw unreadable({ path: '', message: `cannot be read (${(err as Error).message})` }, err);
  }
}

/**
 * Parses YAML text (an empty file gives `{}`). When it is not valid YAML, throws what `invalid`
 * makes of every syntax problem, each with its line (`line 4: not valid YAML: …`).
 */
export function parseYamlText(text: string, invalid: (problems: YamlProblem[]) => Error): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw invalid(doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : '', message: yamlSyntaxMessage(e) })));
  }
  return doc.toJS() ?? {};
}

/** A YAML syntax error in an admin's words, without the parser's position suffix: `not valid YAML: …`. */
export function yamlSyntaxMessage(error: YAMLError): string {
  return `not valid YAML: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`;
}
