/**
 * Checks a set of topics as a whole, listing every problem at once: topic ids, BeginDialog targets
 * and their inputs and outputs, one topic per system trigger, each topic's structure, expressions and
 * variables, and the guardrails no flow may take over (a request for a person, cancel). A pure
 * check over parsed topics, like `offers/offerGate.ts`; the loader adds the lines.
 */
import type { Topic, TriggerKind } from './flowDefinition';
import { triggerKinds } from './flowDefinition';
import type { FlowProblem } from './flowErrors';
import { checkGuardrails } from './guardrailCheck';
import type { GuardrailPhrases } from './guardrailCheck';
import { reporter } from './problemReport';
import type { LineLocator, Report } from './problemReport';
import { actionSites, triggerPath } from './actionTree';
import { checkStructure } from './topicStructureCheck';
import { checkVariables } from './variableCheck';

/** What a caller may tell the validator: admins' own phrases for a person and for cancel. */
export type FlowValidationOptions = GuardrailPhrases & {
  /**
   * Every system trigger (OnConversationStart … OnError) must have its topic. Off while the bot's
   * built-in behaviour still runs from code: then a set may hold only its own topics.
   */
  readonly requireSystemTriggers?: boolean;
};

/** A topic file that failed the schema: what is known of it, so references to it are not reported too. */
export interface UnparsedTopic {
  readonly id: string;
  readonly triggerKind?: string;
}

/** What the loader adds: the topics that did not parse, and where each path is in its file. */
export interface ValidateOptions extends FlowValidationOptions {
  readonly unparsed?: readonly UnparsedTopic[];
  readonly locate?: LineLocator;
}

/** What each system trigger is for, to say why a set needs it. */
const systemTriggers: Readonly<Record<Exclude<TriggerKind, 'OnRecognizedIntent'>, string>> = {
  OnConversationStart: 'the greeting',
  OnUnknownIntent: 'what the bot says when no topic and no FAQ entry matches',
  OnAnswered: 'what follows an answer from the knowledge base (the resolution check)',
  OnEscalate: 'where a request for a person goes (P1)',
  OnResolved: 'what follows "yes, that solved it"',
  OnNotResolved: 'what follows "no, it did not"',
  OnAgentEnded: 'what follows when an agent ends the chat',
  OnError: 'what the customer is told when a turn fails',
};

/** System triggers a set may leave out: the bot then does what it does without flows. */
const optionalSystemTriggers: ReadonlySet<TriggerKind> = new Set(['OnAnswered']);

/** Every problem of `topics` as a set; empty when it may be used. */
export function validateFlowSet(topics: readonly Topic[], options: ValidateOptions = {}): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const report = reporter(problems, options.locate);
  const byId = new Map<string, Topic>();
  for (const topic of topics) {
    const first = byId.get(topic.id);
    if (first) report('duplicate-topic-id', topic, ['id'], `the topic id "${topic.id}" is also used by ${first.source.file}; give each topic its own id (or file name)`);
    else byId.set(topic.id, topic);
  }
  const unparsed = new Set((options.unparsed ?? []).map((u) => u.id));
  for (const topic of topics) {
    checkStructure(topic, report);
    checkDialogCalls(topic, byId, unparsed, report);
  }
  checkVariables(topics, report);
  checkGuardrails(topics, byId, report, options);
  checkSystemTriggers(topics, options.unparsed ?? [], problems, report, options.requireSystemTriggers ?? false);
  return problems;
}

function checkDialogCalls(topic: Topic, byId: ReadonlyMap<string, Topic>, unparsed: ReadonlySet<string>, report: Report): void {
  for (const { action, path } of actionSites(topic)) {
    if (action.kind !== 'BeginDialog' || unparsed.has(action.dialog)) continue;
    const callee = byId.get(action.dialog);
    if (!callee) {
      report('unknown-topic', topic, [...path, 'dialog'], `begins "${action.dialog}", but no topic has that id`);
      continue;
    }
    const takes = callee.inputs ?? [];
    const gives = callee.outputs ?? [];
    for (const name of Object.keys(action.input ?? {})) {
      if (!takes.includes(name)) report('unknown-input', topic, [...path, 'input', name], `"${callee.id}" takes no input "${name}"; its inputs: ${takes.join(', ') || 'none'}`);
    }
    for (const name of Object.keys(action.output ?? {})) {
      if (!gives.includes(name)) report('unknown-output', topic, [...path, 'output', name], `"${callee.id}" hands back no output "${name}"; its outputs: ${gives.join(', ') || 'none'}`);
    }
  }
}

function checkSystemTriggers(topics: readonly Topic[], unparsed: readonly UnparsedTopic[], problems: FlowProblem[], report: Report, required: boolean): void {
  for (const kind of triggerKinds) {
    if (kind === 'OnRecognizedIntent') continue;
    const having = topics.filter((t) => t.trigger.kind === kind);
    having.slice(1).forEach((topic) => {
      report('duplicate-system-trigger', topic, [...triggerPath, 'kind'], `topic "${having[0]?.id ?? ''}" (${having[0]?.source.file ?? ''}) already has the trigger ${kind}; only one topic may have it`);
    });
    if (required && !optionalSystemTriggers.has(kind) && having.length === 0 && !unparsed.some((u) => u.triggerKind === kind)) {
      problems.push({ code: 'missing-system-trigger', file: '', path: '', message: `no topic has the trigger ${kind}; the set needs exactly one: ${systemTriggers[kind]}` });
    }
  }
}
