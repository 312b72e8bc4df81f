/**
 * A topic drawn as a graph: the trigger, one node per action, and the edges a conversation can take.
 * Actions follow each other in order; a ConditionGroup fans out into its branches and its else, which
 * join again at the action after it; an HttpRequest's onError is a path of its own that ends the
 * topic; GotoAction jumps (drawn dashed); EndDialog, CancelAllDialogs and TransferToAgent end it.
 * This is the executor's order (flows/flowRun.ts), computed from the YAML alone. Pure data.
 */
import { isMap, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { actionsOf, nestedListSpots, pathKey, readTopic, scalarText, topLevelList, triggerMap } from './topicYaml';
import type { ActionListSpot, ActionSpot, ReadTopic, YamlPath } from './topicYaml';

/** The two languages of a topic's texts. */
export const topicLocales = ['en-US', 'zh-CN'] as const;
/** One of {@link topicLocales}. */
export type TopicLocale = (typeof topicLocales)[number];

/** One box on the canvas. */
export interface FlowNode {
  /** Unique in the graph: the action's YAML path, or `trigger` / `end`. */
  readonly key: string;
  readonly role: 'trigger' | 'action' | 'end';
  /** YAML path of the action (or `['beginDialog']` for the trigger). */
  readonly path: YamlPath;
  readonly kind: string;
  readonly actionId: string;
  /** The action's main text in each language, where it has one (message, prompt, note). */
  readonly texts: Partial<Record<TopicLocale, string>>;
  /** A one-line summary of what it does besides its text (variable, target, request). */
  readonly detail: string;
  /** 1-based line in the text. */
  readonly line: number;
  /** Its list and place in it, for moving it (actions only). */
  readonly list?: { readonly path: YamlPath; readonly index: number; readonly length: number };
  /** The lists it holds (branches, else, onError), to add a first action into them. */
  readonly nested: readonly ActionListSpot[];
}

/** How one node leads to another. */
export type FlowEdgeKind = 'next' | 'condition' | 'else' | 'onError' | 'goto';

/** One arrow on the canvas. */
export interface FlowEdge {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  readonly kind: FlowEdgeKind;
  /** The condition's id, for a branch. */
  readonly label?: string;
}

/** What the canvas draws. */
export interface TopicGraph {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

const endKinds = new Set(['EndDialog', 'CancelAllDialogs', 'TransferToAgent']);
const mainText: Readonly<Record<string, string>> = { SendActivity: 'text', Question: 'prompt', TransferToAgent: 'note' };

function localeTexts(map: YAMLMap, key: string | undefined): Partial<Record<TopicLocale, string>> {
  const node = key ? map.get(key, true) : undefined;
  if (!isMap(node)) return {};
  return Object.fromEntries(topicLocales.flatMap((l) => (node.has(l) ? [[l, scalarText(node.get(l, true))]] : [])));
}

const field = (map: YAMLMap, key: string): string => scalarText(map.get(key, true));

/** The short non-text summary of an action. */
function detailOf(action: ActionSpot): string {
  const m = action.map;
  switch (action.kind) {
    case 'Question': {
      const entity = m.get('entity', true);
      const kind = isMap(entity) ? field(entity, 'kind') : scalarText(entity);
      const choices = isMap(entity) ? entity.get('choices', true) : undefined;
      const values = isSeq(choices) ? choices.items.map((c) => (isMap(c) ? field(c, 'value') : '')).filter(Boolean) : [];
      return `${field(m, 'variable')} · ${kind}${values.length > 0 ? `: ${values.join(' | ')}` : ''}`;
    }
    case 'ConditionGroup': {
      const conditions = m.get('conditions', true);
      return isSeq(conditions) ? conditions.items.map((c) => (isMap(c) ? `${field(c, 'id')}: ${field(c, 'condition').replace(/^=\s*/, '')}` : '')).join(' · ') : '';
    }
    case 'SetVariable':
      return `${field(m, 'variable')} = ${field(m, 'value')}`;
    case 'BeginDialog':
      return `→ ${field(m, 'dialog')}`;
    case 'GotoAction':
      return `→ ${field(m, 'actionId')}`;
    case 'HttpRequest':
      return `${field(m, 'method')} ${field(m, 'backend')} ${field(m, 'path')}`.trim();
    case 'LogEvent':
      return field(m, 'name');
    case 'TransferToAgent':
    case 'TakeMessageOrCallback':
      return [field(m, 'reason'), field(m, 'queue')].filter(Boolean).join(' · ');
    case 'AnswerFromKnowledge':
    case 'CheckResolution':
      return field(m, 'resultVariable');
    default:
      return '';
  }
}

/** The graph of a topic's text, or undefined while the text is not a readable topic. */
export function topicGraph(text: string | ReadTopic): TopicGraph | undefined {
  const read = typeof text === 'string' ? readTopic(text) : text;
  const trigger = triggerMap(read);
  if (!trigger) return undefined;
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const byActionId = new Map<string, string>();
  const triggerLine = read.lines.linePos(trigger.range?.[0] ?? 0).line;
  nodes.push({ key: 'trigger', role: 'trigger', path: ['beginDialog'], kind: field(trigger, 'kind'), actionId: field(trigger, 'id') || 'main', texts: {}, detail: '', line: triggerLine, nested: [topLevelList(read)] });

  // Nodes in the order of the text, so the keyboard visits them as they are written.
  const collect = (list: ActionListSpot): void => {
    const actions = actionsOf(read, list);
    actions.forEach((action, index) => {
      const key = pathKey(action.path);
      const nested = nestedListSpots(read, action);
      if (action.id && !byActionId.has(action.id)) byActionId.set(action.id, key);
      nodes.push({ key, role: 'action', path: action.path, kind: action.kind, actionId: action.id, texts: localeTexts(action.map, mainText[action.kind]), detail: detailOf(action), line: action.line, list: { path: list.path, index, length: actions.length }, nested });
      nested.forEach(collect);
    });
  };
  collect(topLevelList(read));

  const edge = (from: string, to: string | undefined, kind: FlowEdgeKind, label?: string): void => {
    if (to === undefined) return;
    edges.push({ key: `${from}>${to}:${kind}${label ? `:${label}` : ''}`, from, to, kind, ...(label ? { label } : {}) });
  };
  /** Draws a list's edges; returns its first node (or `next` when it is empty). */
  const wire = (list: ActionListSpot, next: string | undefined): string | undefined => {
    let continuation = next;
    for (const action of actionsOf(read, list).reverse()) {
      const key = pathKey(action.path);
      if (action.kind === 'GotoAction') edge(key, byActionId.get(field(action.map, 'actionId')), 'goto');
      else if (action.kind === 'ConditionGroup') {
        const lists = nestedListSpots(read, action);
        for (const branch of lists) {
          const entry = wire(branch, continuation);
          edge(key, entry, branch.role === 'condition' ? 'condition' : 'else', branch.condition?.id);
        }
      } else if (action.kind === 'HttpRequest') {
        edge(key, continuation, 'next');
        const onError = nestedListSpots(read, action)[0];
        if (onError?.seq && onError.seq.items.length > 0) edge(key, wire(onError, 'end'), 'onError');
      } else if (!endKinds.has(action.kind)) edge(key, continuation, 'next');
      continuation = key;
    }
    return continuation;
  };
  edge('trigger', wire(topLevelList(read), 'end'), 'next');
  if (edges.some((e) => e.to === 'end')) nodes.push({ key: 'end', role: 'end', path: [], kind: '', actionId: '', texts: {}, detail: '', line: 0, nested: [] });
  return { nodes, edges };
}
