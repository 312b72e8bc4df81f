/**
 * What the canvas adds and edits: the kinds of action (the list in flows/flowDefinition.ts), a new
 * action of each kind with the fields the schema requires and an id not yet taken, a new topic, and
 * which `{ en-US, zh-CN }` texts an action has for the side form. Pure data.
 */
import { isMap, isSeq, stringify } from 'yaml';
import type { TopicLocale } from './topicGraph';
import { allActions, nodeAt, scalarText } from './topicYaml';
import type { ReadTopic, YamlPath } from './topicYaml';

/** Every action kind a topic may contain (flows/flowDefinition.ts `Action`). */
export const actionKinds = [
  'SendActivity',
  'Question',
  'ConditionGroup',
  'SetVariable',
  'BeginDialog',
  'GotoAction',
  'EndDialog',
  'CancelAllDialogs',
  'AnswerFromKnowledge',
  'CheckResolution',
  'TransferToAgent',
  'TakeMessageOrCallback',
  'HttpRequest',
  'LogEvent',
] as const;
/** One of {@link actionKinds}. */
export type ActionKindName = (typeof actionKinds)[number];

/** The trigger kinds a new topic may start with (flows/flowDefinition.ts `triggerKinds`). */
export const newTopicTriggers = ['OnRecognizedIntent', 'OnConversationStart', 'OnUnknownIntent', 'OnAnswered', 'OnEscalate', 'OnResolved', 'OnNotResolved', 'OnAgentEnded', 'OnError'] as const;

/** Placeholder wording of new actions, per language (the admin replaces it). */
export interface NewActionWords {
  readonly message: Readonly<Record<TopicLocale, string>>;
  readonly question: Readonly<Record<TopicLocale, string>>;
}

/** The first id `<base><n>` that no action or condition of the topic has. */
export function freeId(read: ReadTopic, base: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set(taken);
  for (const action of allActions(read)) {
    used.add(action.id);
    const conditions = action.map.get('conditions', true);
    if (isSeq(conditions)) conditions.items.forEach((c) => isMap(c) && used.add(scalarText(c.get('id', true))));
  }
  for (let n = 1; ; n += 1) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

const camel = (kind: string): string => kind.charAt(0).toLowerCase() + kind.slice(1);

/** A new action of `kind` that the schema accepts, with a fresh id. */
export function newAction(read: ReadTopic, kind: ActionKindName, words: NewActionWords): Record<string, unknown> {
  const id = freeId(read, camel(kind));
  const message = { ...words.message };
  switch (kind) {
    case 'SendActivity':
      return { kind, id, text: message };
    case 'Question':
      return { kind, id, variable: `topic.${id}`, prompt: { ...words.question }, entity: 'text' };
    case 'ConditionGroup': {
      const branch = freeId(read, 'condition');
      return { kind, id, conditions: [{ id: branch, condition: '=true', actions: [{ kind: 'SendActivity', id: freeId(read, 'sendActivity', new Set([id, branch])), text: message }] }] };
    }
    case 'SetVariable':
      return { kind, id, variable: `topic.${id}`, value: '' };
    case 'BeginDialog':
      return { kind, id, dialog: 'greeting' };
    case 'GotoAction':
      return { kind, id, actionId: allActions(read)[0]?.id ?? id };
    case 'TransferToAgent':
      return { kind, id, reason: 'requested' };
    case 'HttpRequest':
      return { kind, id, method: 'GET', backend: 'orders', path: '/', resultVariable: `topic.${id}` };
    case 'LogEvent':
      return { kind, id, name: id };
    default:
      return { kind, id };
  }
}

/** A `{ en-US, zh-CN }` text of an action the side form edits. */
export interface TextField {
  readonly path: YamlPath;
  /** Which text: a field name (`text`, `prompt`, ...), or `button` / `choice` with `item`. */
  readonly name: 'displayName' | 'text' | 'prompt' | 'retryPrompt' | 'note' | 'button' | 'choice';
  /** The button's number or the choice's value. */
  readonly item?: string;
}

const ownTexts: Readonly<Record<string, readonly ('text' | 'prompt' | 'retryPrompt' | 'note')[]>> = {
  SendActivity: ['text'],
  Question: ['prompt', 'retryPrompt'],
  TransferToAgent: ['note'],
};

/** The texts of the action at `path` (the topic's name for the trigger), present or optional. */
export function textFields(read: ReadTopic, path: YamlPath, kind: string): TextField[] {
  if (path.length === 1 && path[0] === 'beginDialog') return [{ path: ['displayName'], name: 'displayName' }];
  const fields: TextField[] = (ownTexts[kind] ?? []).map((name) => ({ path: [...path, name], name }));
  const buttons = nodeAt(read.doc, [...path, 'buttons']);
  if (kind === 'SendActivity' && isSeq(buttons)) buttons.items.forEach((_b, i) => fields.push({ path: [...path, 'buttons', i, 'title'], name: 'button', item: String(i + 1) }));
  const choices = nodeAt(read.doc, [...path, 'entity', 'choices']);
  if (kind === 'Question' && isSeq(choices)) choices.items.forEach((c, i) => fields.push({ path: [...path, 'entity', 'choices', i, 'title'], name: 'choice', item: isMap(c) ? scalarText(c.get('value', true)) : String(i + 1) }));
  return fields;
}

/** A new topic's file: the schema's minimum (a name, a trigger, one message), texts in both languages. */
export function newTopicYaml(topic: { readonly id: string; readonly name: Readonly<Record<TopicLocale, string>>; readonly trigger: string }, words: NewActionWords): string {
  const intent = topic.trigger === 'OnRecognizedIntent' ? { intent: { triggerQueries: { 'en-US': [topic.name['en-US']], 'zh-CN': [topic.name['zh-CN']] } } } : {};
  const body = {
    kind: 'AdaptiveDialog',
    id: topic.id,
    displayName: topic.name,
    beginDialog: { kind: topic.trigger, id: 'main', ...intent, actions: [{ kind: 'SendActivity', id: 'sendActivity1', text: { ...words.message } }] },
  };
  return stringify(body, { lineWidth: 0 });
}
