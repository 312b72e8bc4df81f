/**
 * The one list of coded errors raised while reading the routing files (`content/routing.yaml`,
 * `content/agents.yaml`), and how a problem is told to the admin who edits them: every problem at
 * once, each with its YAML path (`queues[2].hours.time_zone`). Start-up branches on `code`, never on
 * message text.
 */
import { parseYamlText, problemLine, problemsMessage, readYamlText } from '../yaml/yamlProblems';
import type { YamlProblem } from '../yaml/yamlProblems';

/** YAML paths (`queues[2].names.zh-CN`) and zod issues worded for the admin, as every YAML file words them. */
export { problemsFromZod as routingProblemsFromZod, yamlPath } from '../yaml/yamlProblems';

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
export type RoutingProblem = YamlProblem;

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
    super(problemsMessage('Routing', file, problems.map(problemLine)), options);
    this.name = 'RoutingError';
  }
}

/** Reads a routing file as text, or throws a `WL_ROUTING_NOT_FOUND` error naming it. */
export function readRoutingFile(file: string): string {
  return readYamlText(file, (problem, cause) => new RoutingError(routingErrorCodes.notFound, file, [problem], { cause }));
}

/**
 * Parses YAML text (an empty file gives `{}`), or throws a `WL_ROUTING_SYNTAX` error listing every
 * syntax problem with its line.
 */
export function parseRoutingYaml(text: string, source: string): unknown {
  return parseYamlText(text, (problems) => new RoutingError(routingErrorCodes.syntax, source, problems));
}
