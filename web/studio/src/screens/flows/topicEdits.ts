/**
 * What the canvas does to a topic's YAML: add an action, move it up or down its list, delete it, and
 * change its texts in both languages. Each edit takes the editor's text and returns the new text, with
 * comments and every untouched line kept as written (see yamlText.ts). Pure.
 */
import { isMap, isScalar, isSeq, stringify } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { topicLocales } from './topicGraph';
import type { TopicLocale } from './topicGraph';
import { nodeAt, readTopic } from './topicYaml';
import type { ReadTopic, YamlPath } from './topicYaml';
import { applyChanges, columnOf, indentLines, isEmptyValue, itemBlock, lineEnd, mapEnd, nextLineStart, onOwnLine, pairOf, scalarSource } from './yamlText';
import type { TextChange } from './yamlText';

/** The outcome of an edit: the new text, or why the canvas cannot make it (the YAML editor still can). */
export type EditResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: EditRefusal };

/** Why an edit was not made. */
export type EditRefusal = 'unreadable' | 'not-found' | 'flow-style' | 'out-of-range';

const refuse = (reason: EditRefusal): EditResult => ({ ok: false, reason });
const done = (text: string): EditResult => ({ ok: true, text });

/** Reads the text, refusing an edit while it has syntax errors. */
function readable(text: string): ReadTopic | undefined {
  const read = readTopic(text);
  return read.syntaxProblems.length === 0 ? read : undefined;
}

/** The list at `listPath`, if it is one. */
function listAt(read: ReadTopic, listPath: YamlPath) {
  const seq = nodeAt(read.doc, listPath);
  return isSeq(seq) ? seq : undefined;
}

/** Swaps an action with the one before (`-1`) or after (`+1`) it in its list. */
export function moveAction(text: string, path: YamlPath, delta: -1 | 1): EditResult {
  const read = readable(text);
  if (!read) return refuse('unreadable');
  const index = path.at(-1);
  const seq = listAt(read, path.slice(0, -1));
  if (!seq || typeof index !== 'number') return refuse('not-found');
  if (seq.flow) return refuse('flow-style');
  const first = Math.min(index, index + delta);
  if (first < 0 || first + 1 >= seq.items.length) return refuse('out-of-range');
  const a = itemBlock(read, seq, first);
  const b = itemBlock(read, seq, first + 1);
  const upper = text.slice(a.start, a.end);
  const lower = text.slice(b.start, b.end);
  return done(text.slice(0, a.start) + (lower.endsWith('\n') ? lower : `${lower}\n`) + upper + text.slice(b.end));
}

/** Deletes an action (and its comment lines); the last one of a list leaves `[]`. */
export function deleteAction(text: string, path: YamlPath): EditResult {
  const read = readable(text);
  if (!read) return refuse('unreadable');
  const index = path.at(-1);
  const seq = listAt(read, path.slice(0, -1));
  if (!seq || typeof index !== 'number' || index >= seq.items.length) return refuse('not-found');
  if (seq.flow) return refuse('flow-style');
  const block = itemBlock(read, seq, index);
  if (seq.items.length > 1) return done(text.slice(0, block.start) + text.slice(block.end));
  const parent = nodeAt(read.doc, path.slice(0, -2));
  const pair = isMap(parent) ? pairOf(parent, String(path.at(-2))) : undefined;
  const keyEnd = pair?.key.range?.[1];
  if (keyEnd === undefined) return refuse('not-found');
  return done(`${text.slice(0, keyEnd)}: []\n${text.slice(block.end)}`);
}

/** Inserts `action` into the list at `listPath` at position `index` (0 = first), creating the list if needed. */
export function insertAction(text: string, listPath: YamlPath, index: number, action: Readonly<Record<string, unknown>>): EditResult {
  const read = readable(text);
  if (!read) return refuse('unreadable');
  const item = stringify([action], { lineWidth: 0 });
  const seq = nodeAt(read.doc, listPath);
  if (isSeq(seq) && seq.items.length > 0) {
    if (seq.flow) return refuse('flow-style');
    if (index < 0 || index > seq.items.length) return refuse('out-of-range');
    const at = index < seq.items.length ? itemBlock(read, seq, index) : undefined;
    const last = itemBlock(read, seq, seq.items.length - 1);
    const offset = at ? at.start : last.end;
    return done(applyChanges(text, [{ from: offset, to: offset, insert: onOwnLine(text, offset, indentLines(item, last.dashColumn)) }]));
  }
  const parent = nodeAt(read.doc, listPath.slice(0, -1));
  const key = String(listPath.at(-1));
  if (!isMap(parent) || parent.flow) return refuse(isMap(parent) ? 'flow-style' : 'not-found');
  const pair = pairOf(parent, key);
  if (pair && !isEmptyValue(pair.value)) return refuse('flow-style');
  if (pair) {
    const keyEnd = pair.key.range?.[1] ?? 0;
    const column = columnOf(text, pair.key.range?.[0] ?? 0);
    return done(applyChanges(text, [{ from: keyEnd, to: nextLineStart(text, keyEnd + 1), insert: `:\n${indentLines(item, column + 2)}` }]));
  }
  const end = mapEnd(read, parent);
  return done(applyChanges(text, [{ from: end.at, to: end.at, insert: onOwnLine(text, end.at, indentLines(`${key}:\n${indentLines(item, 2)}`, end.column)) }]));
}

/** The texts of a `{ en-US, zh-CN }` mapping, as they are now. */
export function localeTextsAt(read: ReadTopic, path: YamlPath): Record<TopicLocale, string> {
  const node = nodeAt(read.doc, path);
  const value = (l: TopicLocale): string => {
    const v = isMap(node) ? node.get(l, true) : undefined;
    return isScalar(v) && v.value !== null && v.value !== undefined ? String(v.value as string) : '';
  };
  return { 'en-US': value('en-US'), 'zh-CN': value('zh-CN') };
}

/** Replaces one language's scalar in a block mapping, or adds its line. */
function blockLocaleChange(read: ReadTopic, map: YAMLMap, locale: TopicLocale, value: string): TextChange {
  const text = read.text;
  const end = mapEnd(read, map);
  const pair = pairOf(map, locale);
  const valueNode = pair?.value as Node | undefined;
  if (!pair || !isScalar(valueNode) || valueNode.source === '' || !valueNode.range) {
    const keyEnd = pair?.key.range?.[1];
    const source = scalarSource(value, { inFlow: false, indent: end.column + 2 });
    if (keyEnd !== undefined) return { from: keyEnd, to: lineEnd(text, keyEnd), insert: `: ${source}` };
    return { from: end.at, to: end.at, insert: onOwnLine(text, end.at, `${' '.repeat(end.column)}${locale}: ${source}\n`) };
  }
  const [from, to] = valueNode.range;
  const old = text.slice(from, to);
  let source = scalarSource(value, { inFlow: false, indent: end.column, ...(valueNode.type ? { type: valueNode.type } : {}) });
  if (old.endsWith('\n') && !source.endsWith('\n')) source += '\n';
  return { from, to, insert: source };
}

/** Sets the `{ en-US, zh-CN }` texts at `path` (a message, a prompt, a note, a name), adding the mapping if it is missing. */
export function setLocaleTexts(text: string, path: YamlPath, texts: Readonly<Record<TopicLocale, string>>): EditResult {
  const read = readable(text);
  if (!read) return refuse('unreadable');
  const node = nodeAt(read.doc, path);
  const now = localeTextsAt(read, path);
  if (topicLocales.every((l) => now[l] === texts[l]) && isMap(node)) return done(text);
  if (isMap(node) && node.flow) {
    const padded = /^\{\s/.test(text.slice(node.range?.[0] ?? 0));
    const inner = topicLocales.map((l) => `${l}: ${scalarSource(texts[l], { inFlow: true, indent: 0 })}`).join(', ');
    return done(applyChanges(text, [{ from: node.range?.[0] ?? 0, to: node.range?.[1] ?? 0, insert: padded ? `{ ${inner} }` : `{${inner}}` }]));
  }
  if (isMap(node)) return done(applyChanges(text, topicLocales.filter((l) => now[l] !== texts[l]).map((l) => blockLocaleChange(read, node, l, texts[l]))));
  if (node !== undefined) return refuse('flow-style');
  if (topicLocales.every((l) => texts[l] === '')) return done(text);
  const parent = nodeAt(read.doc, path.slice(0, -1));
  if (!isMap(parent) || parent.flow) return refuse('not-found');
  const end = mapEnd(read, parent);
  const lines = topicLocales.map((l) => `  ${l}: ${scalarSource(texts[l], { inFlow: false, indent: end.column + 2 })}\n`).join('');
  return done(applyChanges(text, [{ from: end.at, to: end.at, insert: onOwnLine(text, end.at, indentLines(`${String(path.at(-1))}:\n${lines}`, end.column)) }]));
}
