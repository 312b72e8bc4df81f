/**
 * Small edits of YAML text that leave every other line as it was written: the `yaml` Document finds
 * where a node is (its source range), the `yaml` CST writes a scalar the way YAML needs it (quoted
 * when it must be), and only that stretch of text is replaced. Re-printing the whole Document would
 * preserve comments but re-format untouched lines (flow spacing, quotes), which would then show up in
 * the diff against the published version as changes nobody made.
 */
import { CST, isMap, isScalar, isSeq, parse } from 'yaml';
import type { Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { scalarText } from './topicYaml';
import type { ReadTopic } from './topicYaml';

/** One replacement of a stretch of text. */
export interface TextChange {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** Applies changes that do not overlap (in any order). */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  return [...changes].sort((a, b) => b.from - a.from).reduce((t, c) => t.slice(0, c.from) + c.insert + t.slice(c.to), text);
}

/** The offset where the line holding `offset` starts. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the line holding `offset - 1` ends (after its newline), i.e. the next line's start. */
export function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The offset of the newline ending the line holding `offset` (or the end of the text). */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}

/** 0-based column of an offset. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Every non-empty line of `block` indented by `spaces` more. */
export function indentLines(block: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return block.replace(/^(?=.)/gm, pad);
}

/** Text to insert at `offset` so that it starts on a line of its own. */
export function onOwnLine(text: string, offset: number, block: string): string {
  return offset > 0 && text[offset - 1] !== '\n' ? `\n${block}` : block;
}

/** The stretch of text of a block sequence's item: its leading comment lines, its lines, up to the next item. */
export function itemBlock(read: ReadTopic, seq: YAMLSeq, index: number): { start: number; end: number; dashColumn: number } {
  const text = read.text;
  const item = seq.items[index] as Node;
  const [itemStart = 0, itemEnd = 0] = item.range ?? [];
  const own = lineStart(text, itemStart);
  const floor = index > 0 ? nextLineStart(text, (seq.items[index - 1] as Node).range?.[1] ?? 0) : 0;
  let start = own;
  while (start > floor) {
    const above = lineStart(text, start - 1);
    const line = text.slice(above, start - 1).trim();
    if (line !== '' && !line.startsWith('#')) break;
    start = above;
  }
  while (start < own && text.slice(start, nextLineStart(text, start + 1)).trim() === '') start = nextLineStart(text, start + 1);
  const end = index < seq.items.length - 1 ? itemBlock(read, seq, index + 1).start : nextLineStart(text, itemEnd);
  const dash = text.slice(own, itemStart).search(/\S/);
  return { start, end, dashColumn: dash < 0 ? Math.max(0, itemStart - own - 2) : dash };
}

/** Whether `source` reads back as exactly the string `value`. */
function readsBackAs(source: string, value: string, inFlow: boolean): boolean {
  try {
    const back: unknown = inFlow ? (parse(`[${source}]`) as unknown[])[0] : (parse(`k: ${source}`) as { k?: unknown }).k;
    return back === value;
  } catch {
    return false;
  }
}

/** How to write `value` as a YAML scalar: in the style it had if that still reads back the same, else quoted. */
export function scalarSource(value: string, options: { readonly inFlow: boolean; readonly indent: number; readonly type?: Scalar['type'] }): string {
  const block = options.type === 'BLOCK_LITERAL' || options.type === 'BLOCK_FOLDED';
  const write = (type: Scalar['type']): string => CST.stringify(CST.createScalarToken(value, { indent: options.indent, inFlow: options.inFlow, type, end: [] }));
  if (block && !options.inFlow) return write('BLOCK_LITERAL');
  const preferred = value.includes('\n') ? 'QUOTE_DOUBLE' : (options.type ?? 'PLAIN');
  const source = write(preferred);
  return readsBackAs(source, value, options.inFlow) ? source : write('QUOTE_DOUBLE');
}

/** The key/value pair named `key` of a mapping, with its key node. */
export function pairOf(map: YAMLMap, key: string): { key: Scalar; value: unknown } | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && scalarText(p.key) === key);
  return pair && isScalar(pair.key) ? { key: pair.key, value: pair.value } : undefined;
}

/** Where a new `key:` line goes in a block mapping (after its last line) and at which column. */
export function mapEnd(read: ReadTopic, map: YAMLMap): { at: number; column: number } {
  const first = map.items[0]?.key as Node | undefined;
  return { at: nextLineStart(read.text, map.range?.[1] ?? read.text.length), column: columnOf(read.text, first?.range?.[0] ?? map.range?.[0] ?? 0) };
}

/** Whether a node is an empty value: nothing written after the key, or `[]`. */
export function isEmptyValue(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null) || (isSeq(node) && node.items.length === 0) || (isMap(node) && node.items.length === 0);
}
