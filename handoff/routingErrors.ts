/**
 * The one list of coded errors raised while reading the routing files (`content/routing.yaml`,
 * `content/agents.yaml`), and how a problem is told to the admin who edits them: every problem at
 * once, each with its YAML path (`queues[2].hours.time_zone`). Start-up branches on `code`, never on
 * message text.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';

/** Every error code the routing files can raise. */
export const routingErrorCodes = {
  /** The file is YAML but breaks the rules: wrong type, bad value, unknown setting, broken cross-reference. */
  invalid: 'WL_ROUTING_INVALID',
  /** The file does not exist or cannot be read. */
  notFound: 'WL_ROUTING_NOT_FOUND',
  /** The file is not valid YAML (bad indentation, unclosed bracket, a key written twice). */
  syntax: 'WL_ROUTING_SYNTAX',
} as const;

/** One of the values of {@link routingErrorCodes}. */
export type RoutingErrorCode = (typeof routingErrorCodes)[keyof typeof routingErrorCodes];

/** One problem in a routing file: where (a YAML path such as `queues[1].id`, or `line 4`) and what. */
export interface RoutingProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Raised when a routing file cannot be used. Lists every problem found, so an admin fixes the file
 * in one pass; `file` is the file (or the source name given to a `parse…` function).
 */
export class RoutingError extends Error {
  constructor(
    readonly code: RoutingErrorCode,
    readonly file: string,
    readonly problems: readonly RoutingProblem[],
    options?: { cause?: unknown },
  ) {
    super(describeProblems(file, problems), options);
    this.name = 'RoutingError';
  }
}

function describeProblems(file: string, problems: readonly RoutingProblem[]): string {
  const lines = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  if (lines.length === 1) return `Routing: ${file}: ${lines[0] ?? ''}`;
  return [`Routing: ${file} has ${lines.length} problems:`, ...lines.map((l) => `  - ${l}`)].join('\n');
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
export function routingProblemsFromZod(issues: readonly z.core.$ZodIssue[]): RoutingProblem[] {
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

/** Reads a routing file as text, or throws a `WL_ROUTING_NOT_FOUND` error naming it. */
export function readRoutingFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new RoutingError(routingErrorCodes.notFound, file, [{ path: '', message: `cannot be read (${(err as Error).message})` }], { cause: err });
  }
}

/**
 * Parses YAML text (an empty file gives `{}`), or throws a `WL_ROUTING_SYNTAX` error listing every
 * syntax problem with its line.
 */
export function parseRoutingYaml(text: string, source: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new RoutingError(
      routingErrorCodes.syntax,
      source,
      doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : '', message: `not valid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}` })),
    );
  }
  return doc.toJS() ?? {};
}
