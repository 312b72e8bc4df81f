/**
 * Checks what flows read and write: every expression parses; every variable it reads is set
 * somewhere (`topic.*` in the same topic, counting its inputs; `conversation.*` and `user.*` by any
 * topic) or provided by the runtime ({@link knownVariables}); nothing writes a read-only scope.
 * Conservative on purpose: a variable set anywhere in the topic counts, whatever the order.
 */
import { scopes } from './flowDefinition';
import type { ScopeName, Topic } from './flowDefinition';
import { expressionReferences } from './flowExpressions';
import { knownVariables } from './knownVariables';
import type { Report } from './problemReport';
import { parseTemplate } from './textTemplate';
import { expressionSites, variableWrites } from './topicExpressions';
import type { ExpressionSite } from './topicExpressions';

const scopeList = Object.keys(scopes).map((s) => `${s}.`).join(', ');

/** Reports every expression and variable problem of `topics`. */
export function checkVariables(topics: readonly Topic[], report: Report): void {
  const shared = new Set<string>();
  for (const topic of topics) {
    for (const { variable } of variableWrites(topic)) if (/^(conversation|user)\./.test(variable)) shared.add(variable);
  }
  for (const topic of topics) {
    const own = new Set((topic.inputs ?? []).map((name) => `topic.${name}`));
    for (const { path, variable } of variableWrites(topic)) {
      own.add(variable);
      checkWrite(variable, (code, message) => report(code, topic, path, message));
    }
    for (const site of expressionSites(topic)) {
      for (const ref of readsOf(site, (message) => report('expression-syntax', topic, site.path, message))) {
        const problem = unknownRead(ref, own, shared);
        if (problem) report(problem.code, topic, site.path, problem.message);
      }
    }
    topic.outputs?.forEach((name, i) => {
      if (!covers(own, `topic.${name}`)) report('unknown-variable', topic, ['outputs', i], `hands back topic.${name}, but nothing in this topic sets it`);
    });
  }
}

function checkWrite(variable: string, report: (code: 'unknown-scope' | 'read-only-scope', message: string) => void): void {
  const scope = variable.split('.')[0] ?? '';
  if (!isScope(scope)) report('unknown-scope', `"${variable}" has no scope; write it with one of ${scopeList} e.g. topic.${variable.split('.').pop() ?? 'name'}`);
  else if (scopes[scope] === 'read') report('read-only-scope', `${variable} cannot be set: ${scope}.* is read-only; keep the value in topic.*, conversation.* or user.*`);
}

/** The variables one expression or text reads; a parse failure is reported and reads nothing. */
function readsOf(site: ExpressionSite, syntax: (message: string) => void): string[] {
  const texts: string[] = [];
  if (site.template) {
    const template = parseTemplate(site.text);
    if (!template.ok) {
      syntax(template.message);
      return [];
    }
    for (const part of template.parts) if ('expression' in part) texts.push(part.expression);
  } else texts.push(site.text);
  return texts.flatMap((text) => {
    try {
      return expressionReferences(text).map((ref) => ref.replace(/\[[^\]]*\]/g, ''));
    } catch (err) {
      syntax((err as Error).message);
      return [];
    }
  });
}

function unknownRead(ref: string, own: ReadonlySet<string>, shared: ReadonlySet<string>): { code: 'unknown-scope' | 'unknown-variable'; message: string } | undefined {
  const [scope = '', ...rest] = ref.split('.');
  if (!isScope(scope)) return { code: 'unknown-scope', message: `reads "${ref}", which has no scope; write it with one of ${scopeList} e.g. topic.${ref}` };
  if (rest.length === 0) return undefined;
  if (scope === 'topic') {
    if (covers(own, ref)) return undefined;
    return { code: 'unknown-variable', message: `reads ${ref}, but nothing in this topic sets it (a Question, SetVariable, resultVariable or BeginDialog output) and it is not one of the topic's inputs` };
  }
  const provided = knownVariables[scope].map((name) => `${scope}.${name}`);
  if (covers(new Set(provided), ref) || covers(shared, ref)) return undefined;
  const setByFlows = scope === 'conversation' || scope === 'user' ? ' and no topic sets it' : '';
  return { code: 'unknown-variable', message: `reads ${ref}, which the runtime does not provide${setByFlows}; ${scope}.* has ${provided.join(', ')}` };
}

/** True when `ref` is one of `variables`, inside one (`topic.order.body`), or holds one (`topic.order` when `topic.order.id` is set). */
function covers(variables: ReadonlySet<string>, ref: string): boolean {
  for (const v of variables) if (ref === v || ref.startsWith(`${v}.`) || v.startsWith(`${ref}.`)) return true;
  return false;
}

function isScope(name: string): name is ScopeName {
  return Object.hasOwn(scopes, name);
}
