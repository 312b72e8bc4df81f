/**
 * Reading fields of stored JSON whose shape is not guaranteed (records written by older versions,
 * hosts or hand): a missing or mistyped field reads as empty, never throws.
 */

/** A JSON object. */
export type Doc = Record<string, unknown>;

/** `value[field]` as an object (`value` itself for `''`), or an empty one. */
export function objectAt(value: unknown, field: string): Doc {
  const inner = field === '' ? value : typeof value === 'object' && value !== null ? (value as Doc)[field] : undefined;
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Doc) : {};
}

/** `value[field]` as an array, or an empty one. */
export function arrayAt(value: unknown, field: string): unknown[] {
  const inner = objectAt(value, '')[field];
  return Array.isArray(inner) ? inner : [];
}
