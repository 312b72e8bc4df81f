/**
 * The structured cells of a QnA Maker TSV export: `Metadata` (`key:value|key2:value2`), `Prompts`
 * (a JSON array of `{displayOrder, qnaId, displayText}`) and `IsContextOnly` (`true` / `false`).
 */

/** A cell's value, or why it could not be read. */
export type TsvCell<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A follow-up prompt as exported; `contextOnly` only when the export says so on the prompt itself. */
export interface TsvPrompt {
  readonly displayOrder: number;
  readonly qnaId: string;
  readonly displayText: string;
  readonly contextOnly?: boolean;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Metadata as lower-cased, trimmed key/value pairs. Also accepts the JSON `[{"name","value"}]` form. */
export function parseTsvMetadata(cell: string): TsvCell<Record<string, string>> {
  const text = cell.trim();
  const out: Record<string, string> = {};
  if (text === '' || text === '[]') return { ok: true, value: out };
  let pairs: Array<[string, string]>;
  if (text.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      return fail(`Metadata is not valid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(data)) return fail('Metadata must be "key:value|key2:value2" or a JSON array of {"name","value"}');
    pairs = data.map((item: unknown) => {
      const o = (item ?? {}) as Record<string, unknown>;
      return [String(o.name ?? ''), String(o.value ?? '')];
    });
  } else {
    const items = text.split('|');
    const bad = items.find((item) => !item.includes(':'));
    if (bad !== undefined) return fail(`Metadata item ${JSON.stringify(bad)} has no ":": expected "key:value|key2:value2"`);
    pairs = items.map((item) => [item.slice(0, item.indexOf(':')), item.slice(item.indexOf(':') + 1)]);
  }
  for (const [rawKey, rawValue] of pairs) {
    const key = rawKey.trim().toLowerCase();
    const value = rawValue.trim().toLowerCase();
    if (key === '' || value === '') return fail(`Metadata needs a key and a value in every item, found ${JSON.stringify(`${rawKey}:${rawValue}`)}`);
    if (key in out) return fail(`Metadata key "${key}" is given twice`);
    out[key] = value;
  }
  return { ok: true, value: out };
}

/** `true`, `false` or empty (false), in any case. */
export function parseTsvBoolean(cell: string, column: string): TsvCell<boolean> {
  const text = cell.trim().toLowerCase();
  if (text === '' || text === 'false') return { ok: true, value: false };
  if (text === 'true') return { ok: true, value: true };
  return fail(`${column} must be true or false, found ${JSON.stringify(cell.trim())}`);
}

/** The value of `key` in `o`, ignoring case and any "-" or "_" in the key. */
function field(o: Record<string, unknown>, ...names: string[]): unknown {
  for (const [key, value] of Object.entries(o)) {
    if (names.includes(key.toLowerCase().replace(/[-_]/g, ''))) return value;
  }
  return undefined;
}

/** The Prompts cell, sorted by display order. Keys are matched without regard to case. */
export function parseTsvPrompts(cell: string): TsvCell<TsvPrompt[]> {
  const text = cell.trim();
  if (text === '') return { ok: true, value: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail(`Prompts is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) return fail('Prompts must be a JSON array of {"displayOrder","qnaId","displayText"}');
  const prompts: Array<TsvPrompt & { index: number }> = [];
  for (const [index, item] of data.entries()) {
    if (item === null || typeof item !== 'object') return fail(`Prompts item ${index + 1} is not an object`);
    const o = item as Record<string, unknown>;
    const qnaId = field(o, 'qnaid');
    const displayText = field(o, 'displaytext');
    const displayOrder = field(o, 'displayorder') ?? index;
    const contextOnly = field(o, 'contextonly', 'iscontextonly');
    if (typeof qnaId !== 'number' && !(typeof qnaId === 'string' && /^\d+$/.test(qnaId))) return fail(`Prompts item ${index + 1} needs a numeric "qnaId"`);
    if (typeof displayText !== 'string' || displayText.trim() === '') return fail(`Prompts item ${index + 1} needs a non-empty "displayText"`);
    if (typeof displayOrder !== 'number') return fail(`Prompts item ${index + 1} has a "displayOrder" that is not a number`);
    if (contextOnly !== undefined && typeof contextOnly !== 'boolean') return fail(`Prompts item ${index + 1} has a context-only flag that is not true or false`);
    prompts.push({ displayOrder, qnaId: String(qnaId), displayText: displayText.trim(), index, ...(contextOnly === undefined ? {} : { contextOnly }) });
  }
  prompts.sort((a, b) => a.displayOrder - b.displayOrder || a.index - b.index);
  return { ok: true, value: prompts.map(({ index: _index, ...p }) => p) };
}
