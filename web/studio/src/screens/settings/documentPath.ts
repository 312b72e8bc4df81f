/**
 * Places in a settings document, written as the server writes a problem's YAML path
 * (`queues[2].hours.weekly.mon[0]`), so a problem finds the field it belongs to; and immutable
 * reads and writes at such a place.
 */
import type { SettingsProblem } from './settingsApi';

/** A place in a document: keys and list indexes from the top. */
export type Path = readonly (string | number)[];

/** The YAML path of `path`, exactly as the server's validation words it. */
export function pathText(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** The element id of the field at a YAML path (ids keep letters, digits, `-` and `_`). */
export function fieldId(prefix: string, yamlPath: string): string {
  return `${prefix}-${yamlPath.replace(/[^\w-]/g, '_')}`;
}

/** The value at `path`, or undefined. */
export function getAt(doc: unknown, path: Path): unknown {
  let node = doc;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A copy of `doc` with `value` at `path` (undefined removes a key; missing mappings are made). */
export function setAt(doc: unknown, path: Path, value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const base = typeof doc === 'object' && doc !== null ? doc : typeof key === 'number' ? [] : {};
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(base) ? [...(base as unknown[])] : { ...(base as Record<string, unknown>) };
  const next = setAt((base as Record<string | number, unknown>)[key], rest, value);
  if (next === undefined && !Array.isArray(copy)) delete (copy as Record<string | number, unknown>)[key];
  else (copy as Record<string | number, unknown>)[key] = next;
  return copy;
}

/** The problems at `yamlPath` or inside it (`agents[0].queues` takes `agents[0].queues[1]`). */
export function problemsAt(problems: readonly SettingsProblem[], yamlPath: string): SettingsProblem[] {
  return problems.filter((p) => p.path !== undefined && (p.path === yamlPath || p.path.startsWith(`${yamlPath}[`) || p.path.startsWith(`${yamlPath}.`)));
}

/**
 * The id of the field a problem belongs to in the page, if one is shown: the field at its path, else
 * the nearest field around it (`queues[0].hours.weekly` for a problem in a day that has no field).
 */
export function fieldOfProblem(prefix: string, problem: SettingsProblem): string | undefined {
  let path = problem.path;
  while (path) {
    const id = fieldId(prefix, path);
    if (document.getElementById(id)) return id;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    path = cut > 0 ? path.slice(0, cut) : '';
  }
  return undefined;
}
