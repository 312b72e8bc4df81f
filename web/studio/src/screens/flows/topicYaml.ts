/**
 * A topic file as the Flows screen reads it: the `yaml` Document (with source ranges and line
 * numbers), its syntax errors, and the action lists inside it (the trigger's, a ConditionGroup's
 * branches and else, an HttpRequest's onError), mirroring flows/actionTree.ts on the YAML itself so
 * the canvas can point back at the text. Pure: no DOM, no React.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, YAMLMap, YAMLSeq } from 'yaml';

/** A path into the YAML, as `doc.getIn` takes it: `['beginDialog', 'actions', 2]`. */
export type YamlPath = readonly (string | number)[];

/** A problem found while reading the text itself (before any validation). */
export interface SyntaxProblem {
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

/** The topic text, parsed. */
export interface ReadTopic {
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  readonly syntaxProblems: readonly SyntaxProblem[];
}

/** Parses topic text, keeping ranges and lines; never throws. */
export function readTopic(text: string): ReadTopic {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntaxProblems = doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, message: e.message.split('\n')[0] ?? e.message }));
  return { text, doc, lines, syntaxProblems };
}

/** Where a list of actions sits and what it is for. */
export interface ActionListSpot {
  /** Path of the list itself (`[..., 'conditions', 0, 'actions']`). */
  readonly path: YamlPath;
  readonly role: 'actions' | 'condition' | 'else' | 'onError';
  /** The condition's id and expression, for a ConditionGroup branch. */
  readonly condition?: { readonly id: string; readonly expression: string };
  /** The list node; undefined when the key is absent or empty. */
  readonly seq: YAMLSeq | undefined;
}

/** One action, as a mapping in the YAML. */
export interface ActionSpot {
  readonly path: YamlPath;
  readonly map: YAMLMap;
  readonly kind: string;
  readonly id: string;
  /** 1-based line of the action's first key. */
  readonly line: number;
}

/** A scalar's value as text ('' when it is not a scalar). */
export function scalarText(node: unknown): string {
  if (!isScalar(node)) return '';
  const v = node.value;
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v as string | number | boolean);
}

/** The node at `path`, or undefined. */
export function nodeAt(doc: Document.Parsed, path: YamlPath): Node | undefined {
  if (path.length === 0) return (doc.contents as Node | null) ?? undefined;
  const found = doc.getIn(path, true);
  return isMap(found) || isSeq(found) || isScalar(found) ? found : undefined;
}

/** The mapping of a topic's trigger (`beginDialog`), or undefined when the text is not shaped as a topic. */
export function triggerMap(read: ReadTopic): YAMLMap | undefined {
  const found = read.doc.errors.length === 0 ? nodeAt(read.doc, ['beginDialog']) : undefined;
  return isMap(found) ? found : undefined;
}

function listSpot(read: ReadTopic, path: YamlPath, role: ActionListSpot['role'], condition?: ActionListSpot['condition']): ActionListSpot {
  const found = nodeAt(read.doc, path);
  return { path, role, seq: isSeq(found) ? found : undefined, ...(condition ? { condition } : {}) };
}

/** The lists directly inside an action: each branch and the else of a ConditionGroup, an HttpRequest's onError. */
export function nestedListSpots(read: ReadTopic, action: ActionSpot): ActionListSpot[] {
  if (action.kind === 'ConditionGroup') {
    const conditions = action.map.get('conditions', true);
    const branches = isSeq(conditions)
      ? conditions.items.map((c, i) => listSpot(read, [...action.path, 'conditions', i, 'actions'], 'condition', { id: isMap(c) ? scalarText(c.get('id', true)) : '', expression: isMap(c) ? scalarText(c.get('condition', true)) : '' }))
      : [];
    return [...branches, listSpot(read, [...action.path, 'elseActions'], 'else')];
  }
  if (action.kind === 'HttpRequest') return [listSpot(read, [...action.path, 'onError'], 'onError')];
  return [];
}

/** The actions of one list, in order (items that are not mappings are skipped). */
export function actionsOf(read: ReadTopic, list: ActionListSpot): ActionSpot[] {
  return (list.seq?.items ?? []).flatMap((item, i) => {
    if (!isMap(item)) return [];
    const start = item.range?.[0] ?? 0;
    return [{ path: [...list.path, i], map: item, kind: scalarText(item.get('kind', true)), id: scalarText(item.get('id', true)), line: read.lines.linePos(start).line }];
  });
}

/** The trigger's list of actions. */
export function topLevelList(read: ReadTopic): ActionListSpot {
  return listSpot(read, ['beginDialog', 'actions'], 'actions');
}

/** Every action of the topic, depth first in the order of the text. */
export function allActions(read: ReadTopic): ActionSpot[] {
  const out: ActionSpot[] = [];
  const visit = (list: ActionListSpot): void => {
    for (const action of actionsOf(read, list)) {
      out.push(action);
      nestedListSpots(read, action).forEach(visit);
    }
  };
  if (triggerMap(read)) visit(topLevelList(read));
  return out;
}

/** A path as one string, for keys and ids. */
export function pathKey(path: YamlPath): string {
  return path.join('.');
}
