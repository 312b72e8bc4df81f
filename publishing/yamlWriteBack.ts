/**
 * Writes a value edited as JSON (a settings form's document) back into the YAML text it was read
 * from, changing only what changed: scalars are updated in place, mappings and lists are walked
 * item by item, so the admins' comments, key order and flow style (`["09:00-17:00"]`) survive a save
 * from the studio. A text that is not YAML any more is replaced by the value written out afresh.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, visit } from 'yaml';
import type { Document, Node, YAMLMap, YAMLSeq } from 'yaml';

/** A JSON value as a settings document holds it. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

/**
 * `text` with `value` written into it. A key whose new value is `null` or missing is removed; a list
 * that grew gets its new items at the end, one that shrank loses its last ones.
 */
export function writeBackYaml(text: string, value: JsonValue): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents) || !isPlainObject(value)) return stringify(value, { lineWidth: 0, flowCollectionPadding: false });
  mergeMap(doc, doc.contents, value);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function merge(doc: Document, node: unknown, value: JsonValue): Node {
  if (isPlainObject(value) && isMap(node)) return mergeMap(doc, node, value);
  if (Array.isArray(value) && isSeq(node)) return mergeSeq(doc, node, value as readonly JsonValue[]);
  if (isScalar(node) && !isPlainObject(value) && !Array.isArray(value)) {
    if (node.value !== value) node.value = value;
    return node;
  }
  return fresh(doc, value, isMap(node) || isSeq(node) ? (node as YAMLMap | YAMLSeq).flow : undefined);
}

function mergeMap(doc: Document, node: YAMLMap, value: { readonly [key: string]: JsonValue | undefined }): YAMLMap {
  for (const pair of [...node.items]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (value[key] === undefined || value[key] === null) node.delete(pair.key);
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null) continue;
    const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
    if (pair) pair.value = merge(doc, pair.value, item);
    else node.set(key, fresh(doc, item));
  }
  return node;
}

function mergeSeq(doc: Document, node: YAMLSeq, value: readonly JsonValue[]): YAMLSeq {
  node.items.splice(value.length);
  value.forEach((item, index) => {
    if (index < node.items.length) node.items[index] = merge(doc, node.items[index], item);
    else node.items.push(fresh(doc, item));
  });
  return node;
}

/**
 * A new node for `value`, written as the sample files are: lists of plain values on one line, and
 * times (anything with a colon) in double quotes, `["09:00-17:00"]`.
 */
function fresh(doc: Document, value: JsonValue, flow?: boolean): Node {
  const created = doc.createNode(value) as Node;
  visit(created, {
    Seq(_key, seq) {
      seq.flow = seq.items.length > 0 && seq.items.every((item) => isScalar(item));
    },
    Scalar(_key, scalar) {
      if (typeof scalar.value === 'string' && scalar.value.includes(':')) scalar.type = 'QUOTE_DOUBLE';
    },
  });
  if (flow !== undefined && (isSeq(created) || isMap(created))) created.flow = flow;
  return created;
}

function isPlainObject(value: unknown): value is { readonly [key: string]: JsonValue | undefined } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
