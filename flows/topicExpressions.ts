/**
 * Where a topic holds expressions (conditions, `=` values, `${…}` in texts and cards) and which
 * variables it sets, each with its YAML path: what the validator checks for syntax, unknown
 * variables and read-only scopes.
 */
import { supportedLocales } from '../locale/locale';
import { actionSites, triggerPath } from './actionTree';
import type { Action, LocaleText, Topic, ValueOrExpression } from './flowDefinition';
import { isExpression } from './flowExpressions';
import type { YamlSegments } from './yamlSource';

/** An expression as written: `=…` (`template: false`) or a text with `${…}` (`template: true`). */
export interface ExpressionSite {
  readonly path: YamlSegments;
  readonly text: string;
  readonly template: boolean;
}

/** A variable a topic sets, where. */
export interface VariableWrite {
  readonly path: YamlSegments;
  readonly variable: string;
}

/** Every expression and interpolated text of a topic. */
export function expressionSites(topic: Topic): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  const expr = (path: YamlSegments, value: ValueOrExpression | undefined): void => {
    if (isExpression(value)) sites.push({ path, text: value.expression, template: false });
  };
  const texts = (path: YamlSegments, value: LocaleText | undefined): void => {
    for (const locale of supportedLocales) if (value?.[locale]?.includes('${')) sites.push({ path: [...path, locale], text: value[locale], template: true });
  };
  const json = (path: YamlSegments, node: unknown): void => {
    if (typeof node === 'string' && node.includes('${')) sites.push({ path, text: node, template: true });
    else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) json([...path, Array.isArray(node) ? Number(k) : k], v);
  };
  const record = (path: YamlSegments, values: Readonly<Record<string, ValueOrExpression>> | undefined): void => {
    for (const [key, value] of Object.entries(values ?? {})) expr([...path, key], value);
  };
  expr([...triggerPath, 'condition'], topic.trigger.condition);
  for (const { action, path } of actionSites(topic)) {
    const at = (...more: (string | number)[]): YamlSegments => [...path, ...more];
    expr(at('condition'), action.condition);
    switch (action.kind) {
      case 'SendActivity':
        texts(at('text'), action.text);
        action.buttons?.forEach((b, i) => {
          texts(at('buttons', i, 'title'), b.title);
          json(at('buttons', i, 'value'), b.value);
        });
        json(at('card'), action.card);
        break;
      case 'Question':
        texts(at('prompt'), action.prompt);
        texts(at('retryPrompt'), action.retryPrompt);
        expr(at('defaultValue'), action.defaultValue);
        if (action.entity.kind === 'choice') action.entity.choices.forEach((c, i) => texts(at('entity', 'choices', i, 'title'), c.title));
        break;
      case 'ConditionGroup':
        action.conditions.forEach((c, i) => expr(at('conditions', i, 'condition'), c.condition));
        break;
      case 'SetVariable':
        expr(at('value'), action.value);
        break;
      case 'BeginDialog':
        record(at('input'), action.input);
        break;
      case 'AnswerFromKnowledge':
        expr(at('question'), action.question);
        break;
      case 'TransferToAgent':
        texts(at('note'), action.note);
        break;
      case 'HttpRequest':
        expr(at('path'), action.path);
        record(at('body'), action.body);
        break;
      case 'LogEvent':
        record(at('properties'), action.properties);
        break;
    }
  }
  return sites;
}

/** Every variable a topic's actions set (not its inputs). */
export function variableWrites(topic: Topic): VariableWrite[] {
  return actionSites(topic).flatMap(({ action, path }) => writesOf(action).map(([key, variable]) => ({ path: [...path, ...key], variable })));
}

function writesOf(action: Action): [YamlSegments, string][] {
  switch (action.kind) {
    case 'Question':
    case 'SetVariable':
      return [[['variable'], action.variable]];
    case 'HttpRequest':
      return [[['resultVariable'], action.resultVariable]];
    case 'AnswerFromKnowledge':
    case 'CheckResolution':
      return action.resultVariable ? [[['resultVariable'], action.resultVariable]] : [];
    case 'BeginDialog':
      return Object.entries(action.output ?? {}).map(([key, variable]) => [['output', key], variable]);
    default:
      return [];
  }
}
