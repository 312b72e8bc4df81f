/**
 * The executor's private view of Adaptive Expressions: evaluate a condition or a value, and fill
 * `${…}` in a text. Kept in one small file so that it can later delegate to `flowExpressions.ts`,
 * the module the loader and validator share, without the executor changing.
 */
import { Expression } from 'adaptive-expressions';
import { LRUCache } from 'lru-cache';
import type { ValueOrExpression } from './flowDefinition';

/** What an expression reads: one object per scope (`topic`, `conversation`, `user`, `turn`, …). */
export type FlowMemory = Readonly<Record<string, unknown>>;

/** The outcome of one evaluation: a value, or why there is none. */
export type Evaluated = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** Parsed expressions by text: parsing costs far more than evaluating, and flows repeat theirs. */
const parsed = new LRUCache<string, Expression>({ max: 2000 });

/** Evaluates one expression (written without its leading `=`). Never throws. */
export function evaluateExpression(text: string, memory: FlowMemory): Evaluated {
  try {
    let expression = parsed.get(text);
    if (!expression) {
      expression = Expression.parse(text);
      parsed.set(text, expression);
    }
    const { value, error } = expression.tryEvaluate(memory) as { value: unknown; error?: string };
    return error ? { ok: false, error } : { ok: true, value };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** A literal as written, or the value of its expression. */
export function evaluateValue(value: ValueOrExpression, memory: FlowMemory): Evaluated {
  if (value !== null && typeof value === 'object') return evaluateExpression(value.expression, memory);
  return { ok: true, value };
}

/** Adaptive Expressions' own truth: anything but `false`, `null` and `undefined` is true. */
export function isTrue(value: unknown): boolean {
  return value !== false && value !== null && value !== undefined;
}

/** How a value reads inside a sentence: nothing for no value, JSON for objects. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The index just after the `}` closing a `${` opened before `from`, skipping quoted strings; -1 if none. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  let quote: string | undefined;
  for (let i = from; i < text.length; i += 1) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '{') depth += 1;
    else if (ch === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Fills every `${expression}` in a text. A part that cannot be evaluated reads as nothing and is
 * reported in `errors`, so a message still goes out.
 */
export function interpolate(text: string, memory: FlowMemory): { readonly text: string; readonly errors: readonly string[] } {
  if (!text.includes('${')) return { text, errors: [] };
  let out = '';
  const errors: string[] = [];
  let at = 0;
  for (let open = text.indexOf('${'); open >= 0; open = text.indexOf('${', at)) {
    const end = closingBrace(text, open + 2);
    if (end < 0) break;
    out += text.slice(at, open);
    const source = text.slice(open + 2, end - 1);
    const result = evaluateExpression(source, memory);
    if (result.ok) out += asText(result.value);
    else errors.push(`\${${source}}: ${result.error}`);
    at = end;
  }
  return { text: out + text.slice(at), errors };
}
