/**
 * How the executor keeps a value a flow writes: only into a writable scope (`topic`, `conversation`,
 * `user`), only as plain JSON (so the topic stack can be saved), at a dotted path.
 */
import { scopes } from './flowDefinition';

/** A variable split into its writable scope and the path below it, or undefined when a flow may not write it. */
export function writableVariable(variable: string): { readonly scope: 'topic' | 'conversation' | 'user'; readonly keys: readonly string[] } | undefined {
  const [scope = '', ...keys] = variable.split('.');
  if (keys.length === 0 || keys.some((k) => k === '') || !Object.hasOwn(scopes, scope)) return undefined;
  return scopes[scope as keyof typeof scopes] === 'write' ? { scope: scope as 'topic' | 'conversation' | 'user', keys } : undefined;
}

/** A copy that is plain JSON; `ok: false` when the value cannot be kept (a function, a cycle). */
export function jsonCopy(value: unknown): { readonly ok: boolean; readonly value: unknown } {
  if (value === undefined) return { ok: true, value: undefined };
  try {
    const text = JSON.stringify(value);
    return text === undefined ? { ok: false, value: undefined } : { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, value: undefined };
  }
}

/** Sets `target.a.b.c` (making the objects on the way); undefined removes it. */
export function setPath(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let at = target;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  const last = keys.at(-1);
  if (last === undefined) return;
  if (value === undefined) delete at[last];
  else at[last] = value;
}
