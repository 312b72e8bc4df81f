/**
 * The one place flows meet Adaptive Expressions (the Bot Framework's expression language): parsing
 * a condition or value, evaluating it against the turn's scopes without ever throwing, filling
 * `${expression}` into texts and card JSON, and listing the variables an expression reads (so the
 * validator can refuse an unknown one before a customer meets it).
 */
import { Expression as AdaptiveExpression } from 'adaptive-expressions';
import { LRUCache } from 'lru-cache';
import type { Expression, ScopeName, ValueOrExpression } from './flowDefinition';
import { parseTemplate } from './textTemplate';

/** The scopes an expression reads: `topic`, `conversation`, `user`, `turn`, `system`, `customer`. */
export type FlowMemory = Readonly<Partial<Record<ScopeName, unknown>>>;

/** Why an expression could not be used. */
export const expressionErrorCodes = {
  /** Not valid Adaptive Expression syntax, or an unknown function. */
  syntax: 'WL_FLOW_EXPRESSION_SYNTAX',
  /** It tries to change memory (`setPathToValue`); flows change variables with SetVariable. */
  sideEffect: 'WL_FLOW_EXPRESSION_SIDE_EFFECT',
  /** It parsed but failed while running (divide by zero, a bad argument). */
  evaluation: 'WL_FLOW_EXPRESSION_FAILED',
} as const;

/** One of the values of {@link expressionErrorCodes}. */
export type ExpressionErrorCode = (typeof expressionErrorCodes)[keyof typeof expressionErrorCodes];

/** Raised by {@link parseExpression}; the message names the expression as the admin wrote it. */
export class ExpressionError extends Error {
  constructor(
    readonly code: ExpressionErrorCode,
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`"=${expression}" ${reason}`);
    this.name = 'ExpressionError';
  }
}

/** What evaluating gave: a value, or a coded failure with a message for the log. Never a throw. */
export type EvaluationResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly code: ExpressionErrorCode; readonly message: string };

/** Parsed expressions by text: parsing costs far more than evaluating, and flows repeat theirs. */
const parsedCache = new LRUCache<string, AdaptiveExpression>({ max: 2000 });

/**
 * Parses an expression (written without its leading `=`), or throws an {@link ExpressionError}
 * naming it. Parsed expressions are kept, so a flow's expressions are parsed once.
 */
export function parseExpression(text: string): AdaptiveExpression {
  const cached = parsedCache.get(text);
  if (cached) return cached;
  let parsed: AdaptiveExpression;
  try {
    parsed = AdaptiveExpression.parse(text);
  } catch (err) {
    throw new ExpressionError(expressionErrorCodes.syntax, text, `is not a valid expression: ${firstLine(err)}`);
  }
  if (writesMemory(parsed)) throw new ExpressionError(expressionErrorCodes.sideEffect, text, 'changes a variable; an expression may only read them (use a SetVariable action)');
  parsedCache.set(text, parsed);
  return parsed;
}

/** Evaluates an expression against `memory`; a parse or run failure comes back as `{ ok: false }`. */
export function evaluateExpression(expression: Expression | string, memory: FlowMemory): EvaluationResult {
  const text = typeof expression === 'string' ? expression : expression.expression;
  let parsed: AdaptiveExpression;
  try {
    parsed = parseExpression(text);
  } catch (err) {
    const error = err as ExpressionError;
    return { ok: false, code: error.code, message: error.message };
  }
  try {
    const { value, error } = parsed.tryEvaluate(memory);
    if (error) return { ok: false, code: expressionErrorCodes.evaluation, message: `"=${text}" failed: ${error}` };
    return { ok: true, value };
  } catch (err) {
    return { ok: false, code: expressionErrorCodes.evaluation, message: `"=${text}" failed: ${firstLine(err)}` };
  }
}

/**
 * Evaluates a condition. It holds by Adaptive Expressions' own rule (as in its `if` and `&&`):
 * a boolean is itself, null or missing is false, any other value is true.
 */
export function evaluateCondition(expression: Expression, memory: FlowMemory): EvaluationResult {
  const result = evaluateExpression(expression, memory);
  if (!result.ok) return result;
  const value = typeof result.value === 'boolean' ? result.value : result.value !== null && result.value !== undefined;
  return { ok: true, value };
}

/** A failed evaluation: its code and a message naming the expression, for the log. */
export type EvaluationFailure = Extract<EvaluationResult, { ok: false }>;

/** A text with its `${…}` filled in, and every part that could not be (shown as nothing). */
export interface Interpolated<T> {
  readonly value: T;
  readonly failures: readonly EvaluationFailure[];
}

/**
 * Fills each `${expression}` of `text` with its value: text as is, numbers and true/false as
 * written, nothing for null or missing, a list as its items separated by ", ", anything else as
 * JSON. A part that fails is left empty and reported, so a customer never sees an expression.
 */
export function interpolate(text: string, memory: FlowMemory): Interpolated<string> {
  if (!text.includes('${')) return { value: text, failures: [] };
  const template = parseTemplate(text);
  if (!template.ok) return { value: text, failures: [{ ok: false, code: expressionErrorCodes.syntax, message: template.message }] };
  const failures: EvaluationFailure[] = [];
  let value = '';
  for (const part of template.parts) {
    if ('literal' in part) {
      value += part.literal;
      continue;
    }
    const result = evaluateExpression(part.expression, memory);
    if (result.ok) value += display(result.value);
    else failures.push(result);
  }
  return { value, failures };
}

/** Fills `${…}` in every string of an Adaptive Card (or any JSON); keys and other values are kept. */
export function interpolateJson<T>(json: T, memory: FlowMemory): Interpolated<T> {
  const failures: EvaluationFailure[] = [];
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const filled = interpolate(node, memory);
      failures.push(...filled.failures);
      return filled.value;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return { value: walk(json) as T, failures };
}

/** A literal is itself; an expression is evaluated. */
export function evaluateValue(value: ValueOrExpression, memory: FlowMemory): EvaluationResult {
  if (isExpression(value)) return evaluateExpression(value, memory);
  return { ok: true, value };
}

/** True for `{ expression }`, false for a literal value. */
export function isExpression(value: ValueOrExpression | undefined): value is Expression {
  return typeof value === 'object' && value !== null && typeof (value as Expression).expression === 'string';
}

/**
 * The variable paths an expression reads (`topic.order.body.status`, `customer.tier`); lambda
 * parameters (`x` in `foreach(list, x, x.name)`) are not included. Throws like {@link parseExpression}.
 */
export function expressionReferences(text: string): string[] {
  return parseExpression(text).references();
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(display).join(', ');
  return JSON.stringify(value);
}

function writesMemory(expression: AdaptiveExpression): boolean {
  return expression.type === 'setPathToValue' || expression.children.some(writesMemory);
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}
