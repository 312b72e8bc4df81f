/**
 * Turns the schema's findings about one topic file into coded problems an admin can act on: each
 * with its YAML path and line, one problem per misspelt key (on that key's line), and a kind that
 * does not exist answered with the kinds that do.
 */
import type { z } from 'zod';
import { problemsFromZod, yamlPath } from '../yaml/yamlProblems';
import { flowProblemCodes } from './flowErrors';
import type { FlowProblem, FlowProblemCode } from './flowErrors';
import type { YamlSegments, YamlSource } from './yamlSource';

type Issue = z.core.$ZodIssue;

/** The problems of one file, from zod's issues for it. */
export function schemaProblems(issues: readonly Issue[], file: string, source: YamlSource): FlowProblem[] {
  return issues.flatMap(oneKeyEach).map((issue) => {
    const segments = issuePath(issue);
    const { code, message } = describe(issue);
    const line = source.lineOf(segments);
    return { code, file, path: yamlPath(segments), ...(line === undefined ? {} : { line }), message };
  });
}

/** An issue about several unknown keys becomes one per key, located at the key. */
function oneKeyEach(issue: Issue): Issue[] {
  if (issue.code !== 'unrecognized_keys') return [issue];
  return issue.keys.map((key) => ({ ...issue, keys: [key], path: [...issue.path, key] }));
}

function describe(issue: Issue): { code: FlowProblemCode; message: string } {
  const own = (issue as { params?: { code?: unknown } }).params?.code;
  if (issue.code === 'custom' && isProblemCode(own)) return { code: own, message: issue.message };
  if (issue.code === 'unrecognized_keys') {
    const custom = !issue.message.startsWith('Unrecognized key');
    return { code: 'unknown-field', message: custom ? issue.message : `unknown setting "${issue.keys[0] ?? ''}" (check the spelling)` };
  }
  if (issue.code === 'invalid_union' && (issue as Discriminated).note === 'No matching discriminator') return unknownKind(issue as Discriminated);
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_type' && input === undefined) return { code: 'missing-field', message: 'is required but missing' };
  return { code: 'invalid-field', message: problemsFromZod([issue])[0]?.message ?? issue.message };
}

/** zod's issue for a `kind` no branch of a discriminated union has (its fields are not in zod's types). */
type Discriminated = Issue & { readonly note?: string; readonly options?: readonly unknown[] };

function unknownKind(issue: Discriminated): { code: FlowProblemCode; message: string } {
  const options = (issue.options ?? []).map(String);
  const what = options.includes('SendActivity') ? 'action' : options.includes('OnRecognizedIntent') ? 'trigger' : 'entity';
  const input = (issue as { input?: unknown }).input;
  const kind = typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
  const list = options.join(', ');
  if (kind === undefined) return { code: 'missing-field', message: `is required: the ${what} kind, one of ${list}` };
  return { code: 'unknown-kind', message: `${JSON.stringify(kind)} is not ${what === 'action' ? 'an' : 'a'} ${what} kind; use one of ${list}` };
}

function isProblemCode(value: unknown): value is FlowProblemCode {
  return typeof value === 'string' && (flowProblemCodes as readonly string[]).includes(value);
}

function issuePath(issue: Issue): YamlSegments {
  return issue.path.filter((s): s is string | number => typeof s !== 'symbol');
}
