/**
 * Reads a flow test file (`*.test.yaml` beside the topics): one test, or `tests:` with several, each
 * a topic to start, the scopes it starts with and the steps of the conversation ("the bot says",
 * "the customer says", "the backend answers", "the state is"). Every problem is reported with the
 * file and line, never thrown, so one broken file does not hide the others' results.
 */
import { z } from 'zod';
import { problemsFromZod, yamlPath } from '../yaml/yamlProblems';
import { YamlSource } from './yamlSource';
import type { YamlSegments } from './yamlSource';

const json = z.unknown();
const record = z.record(z.string(), json);
const text = z.string().min(1);
/** A bot message: its exact text, or parts of it. A card counts as the text of its TextBlocks. */
const botStep = z.union([z.string(), z.strictObject({ text: z.string().optional(), contains: text.optional(), buttons: z.array(z.string()).optional() })]);
const failed = { failed: text.optional() };
const stepSchemas = {
  bot: botStep,
  user: z.string(),
  http: z.strictObject({
    backend: text.optional(),
    method: z.enum(['GET', 'POST']).optional(),
    path: text.optional(),
    body: json.optional(),
    answer: z.union([z.strictObject({ status: z.number().int(), body: json.optional() }), z.strictObject({ failed: text, status: z.number().int().optional() })]),
  }),
  transfer: z.strictObject({ reason: text.optional(), queue: text.optional(), note: z.string().optional(), variables: record.optional(), ...failed }),
  message: z.union([z.null(), z.literal(true), z.strictObject({ queue: text.optional(), reason: text.optional(), variables: record.optional(), ...failed })]),
  knowledge: z.strictObject({
    question: z.string().optional(),
    filters: z.record(z.string(), z.string()).optional(),
    answered: z.boolean().optional(),
    entryId: text.optional(),
    topic: text.optional(),
    reason: text.optional(),
    ...failed,
  }),
  resolution: z.strictObject({ resolved: z.boolean().optional(), csat: z.number().optional(), ...failed }),
  cancel: z.union([z.null(), z.literal(true), z.string().min(1)]),
  event: z.union([text, z.strictObject({ name: text, properties: record.optional() })]),
  state: record,
  ended: text,
} as const;

/** The kinds of step a test may have. */
export type FlowTestStepKind = keyof typeof stepSchemas;
const stepKinds = Object.keys(stepSchemas) as FlowTestStepKind[];

/** One step: its kind, its value as written (checked against its schema) and its line. */
export type FlowTestStep = { [K in FlowTestStepKind]: { readonly kind: K; readonly value: z.infer<(typeof stepSchemas)[K]>; readonly line?: number } }[FlowTestStepKind];

const testSchema = z.strictObject({
  name: text,
  locale: z.enum(['en-US', 'zh-CN']).default('en-US'),
  start: text,
  inputs: record.optional(),
  conversation: record.optional(),
  user: record.optional(),
  customer: record.optional(),
  system: record.optional(),
  /** The fixed clock (ISO 8601); relative dates in answers are read against it. */
  now: z.iso.datetime({ offset: true }).optional(),
  steps: z.array(json).min(1),
});

/** One test, ready to run. */
export interface FlowTestCase extends Omit<z.infer<typeof testSchema>, 'steps'> {
  readonly file: string;
  readonly line?: number;
  /** Where `start` is written, to point at an unknown topic. */
  readonly startLine?: number;
  readonly steps: readonly FlowTestStep[];
}

/** A problem with a test file. `test` is the test's name when it got that far, else the file. */
export interface FlowTestProblem {
  readonly test: string;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
}

/** True for a flow test file (`*.test.yaml` or `*.test.yml`). */
export function isFlowTestFile(relativePath: string): boolean {
  return /\.test\.ya?ml$/i.test(relativePath);
}

/** The tests of one file, and every problem that kept a test from being read. */
export function readFlowTestFile(file: { readonly path: string; readonly text: string }): { cases: FlowTestCase[]; problems: FlowTestProblem[] } {
  const source = new YamlSource(file.text);
  const problem = (test: string, message: string, at: YamlSegments): FlowTestProblem => {
    const line = source.lineOf(at);
    return { test, message, file: file.path, ...(line === undefined ? {} : { line }) };
  };
  if (source.syntaxProblems.length > 0) {
    return { cases: [], problems: source.syntaxProblems.map((p) => ({ test: file.path, message: p.message, file: file.path, ...(p.line === undefined ? {} : { line: p.line }) })) };
  }
  const data = source.data;
  const many = typeof data === 'object' && data !== null && !Array.isArray(data) && 'tests' in data;
  if (many) {
    const list = z.strictObject({ tests: z.array(json).min(1) }).safeParse(data);
    if (!list.success) return { cases: [], problems: issuesOf(list.error.issues).map((p) => problem(file.path, p.message, p.at)) };
  }
  const raw: unknown[] = many ? (data as { tests: unknown[] }).tests : [data];
  const cases: FlowTestCase[] = [];
  const problems: FlowTestProblem[] = [];
  raw.forEach((item, index) => {
    const base: YamlSegments = many ? ['tests', index] : [];
    const name = typeof (item as { name?: unknown } | null)?.name === 'string' ? (item as { name: string }).name : many ? `${file.path} test ${index + 1}` : file.path;
    const parsed = testSchema.safeParse(item);
    if (!parsed.success) {
      return issuesOf(parsed.error.issues).forEach((p) => problems.push(problem(name, p.message, [...base, ...p.at])));
    }
    const steps: FlowTestStep[] = [];
    let broken = false;
    parsed.data.steps.forEach((raw, i) => {
      const at: YamlSegments = [...base, 'steps', i];
      const step = readStep(raw, (message, where = []) => {
        broken = true;
        problems.push(problem(name, `step ${i + 1}: ${message}`, [...at, ...where]));
      });
      const line = source.lineOf(at);
      if (step) steps.push({ ...step, ...(line === undefined ? {} : { line }) } as FlowTestStep);
    });
    if (broken) return;
    const line = source.lineOf(base);
    const startLine = source.lineOf([...base, 'start']);
    cases.push({ ...parsed.data, file: file.path, steps, ...(line === undefined ? {} : { line }), ...(startLine === undefined ? {} : { startLine }) });
  });
  return { cases, problems };
}

/** One step as written: a mapping with exactly one known kind. */
function readStep(raw: unknown, report: (message: string, where?: YamlSegments) => void): Omit<FlowTestStep, 'line'> | undefined {
  const keys = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? Object.keys(raw) : [];
  const kinds = `one of ${stepKinds.join(', ')}`;
  if (keys.length !== 1) return void report(keys.length === 0 ? `a step is a mapping with ${kinds}` : `a step has exactly one kind, this one has ${keys.join(', ')}`);
  const kind = keys[0] as string;
  if (!(stepKinds as string[]).includes(kind)) return void report(`unknown step kind "${kind}": use ${kinds}`);
  const schema = stepSchemas[kind as FlowTestStepKind];
  const parsed = schema.safeParse((raw as Record<string, unknown>)[kind]);
  if (!parsed.success) {
    issuesOf(parsed.error.issues, [kind]).forEach((p) => report(p.message, [kind, ...p.at]));
    return undefined;
  }
  return { kind, value: parsed.data } as Omit<FlowTestStep, 'line'>;
}

/** Zod's issues worded for an admin, each with where it is (an unknown setting: at that setting). */
function issuesOf(issues: readonly z.core.$ZodIssue[], prefix: YamlSegments = []): { message: string; at: YamlSegments }[] {
  return problemsFromZod(issues).map((p, i) => {
    const issue = issues[i];
    const at = [...((issue?.path ?? []) as YamlSegments), ...(issue?.code === 'unrecognized_keys' && issue.keys[0] ? [issue.keys[0]] : [])];
    const where = yamlPath([...prefix, ...((issue?.path ?? []) as YamlSegments)]);
    return { message: `${where ? `${where}: ` : ''}${p.message}`, at };
  });
}
