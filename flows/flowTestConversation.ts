/**
 * One flow test's conversation: drives the executor the way the bot's host does (saving the state,
 * applying conversation and user writes) and keeps what a test asserts on, each until a step takes
 * it: the messages the bot sent, the events it logged, how topics ended, what it waits for.
 */
import type { SupportedLocale } from '../locale/locale';
import type { FlowSet } from './flowDefinition';
import type { FlowMessage, FlowRequest, FlowResult, TopicOutcome } from './flowEffect';
import { FlowExecutor } from './flowExecutor';
import type { FlowContext, FlowStep } from './flowExecutor';
import { emptyFlowState, parseFlowState } from './flowState';
import type { FlowState } from './flowState';
import { setPath } from './flowVariables';

/** Where a test's conversation starts. */
export interface FlowTestSetup {
  readonly locale: SupportedLocale;
  readonly now: Date;
  readonly conversation?: Readonly<Record<string, unknown>>;
  readonly user?: Readonly<Record<string, unknown>>;
  readonly customer?: Readonly<Record<string, unknown>>;
  readonly system?: Readonly<Record<string, unknown>>;
}

/** A logged event, and whether a step has taken it. */
interface LoggedEvent {
  readonly name: string;
  readonly properties: Readonly<Record<string, unknown>>;
  taken: boolean;
}

/** The conversation of one test. */
export class FlowTestConversation {
  private readonly executor: FlowExecutor;
  state: FlowState = emptyFlowState();
  request: FlowRequest | undefined;
  readonly conversation: Record<string, unknown>;
  readonly user: Record<string, unknown>;
  /** Messages no `bot` step has taken yet, oldest first. */
  readonly messages: FlowMessage[] = [];
  readonly events: LoggedEvent[] = [];
  /** Every topic that ended, in order. */
  readonly endings: { topicId: string; outcome: TopicOutcome; variables: Readonly<Record<string, unknown>> }[] = [];
  /** Problems the executor reported in the last call (a flow bug: an expression that failed). */
  diagnostics: string[] = [];

  constructor(
    private readonly flows: FlowSet,
    private readonly setup: FlowTestSetup,
  ) {
    this.executor = new FlowExecutor({ flowSetOf: (version) => (version === flows.version ? flows : undefined) });
    this.conversation = structuredClone({ ...setup.conversation });
    this.user = structuredClone({ ...setup.user });
  }

  /** Starts a topic on top of whatever runs. */
  start(topicId: string, inputs?: Readonly<Record<string, unknown>>): void {
    this.take(this.executor.start(this.state, { flows: this.flows, topicId, ...(inputs ? { inputs } : {}) }, this.context()));
  }

  /** Answers the pending request; `text` is what the customer wrote, when they wrote something. */
  resume(result: FlowResult, text?: string): void {
    this.take(this.executor.resume(this.state, result, this.context(text)));
  }

  /** The cancel guardrail: leaves the running topic. */
  cancel(text?: string): void {
    this.take(this.executor.cancelTopic(this.state, this.context(text)));
  }

  private context(text?: string): FlowContext {
    const { locale, now, customer, system } = this.setup;
    const iso = now.toISOString();
    return {
      locale,
      conversation: this.conversation,
      user: this.user,
      turn: { locale, ...(text === undefined ? {} : { text }) },
      system: { channel: 'test', now: iso, timeZone: 'UTC', localDate: iso.slice(0, 10), localTime: iso.slice(11, 16), ...system },
      customer: { ...customer },
    };
  }

  private take(step: FlowStep): void {
    // As the host saves it: anything that would not survive Storage fails the test.
    this.state = parseFlowState(JSON.parse(JSON.stringify(step.state)));
    this.request = step.request;
    this.diagnostics = [];
    for (const effect of step.effects) {
      if (effect.kind === 'send') this.messages.push(effect.message);
      else if (effect.kind === 'log-event') this.events.push({ name: effect.name, properties: effect.properties, taken: false });
      else if (effect.kind === 'topic-ended') this.endings.push({ topicId: effect.topicId, outcome: effect.outcome, variables: effect.variables });
      else if (effect.kind === 'diagnostic') this.diagnostics.push(`${effect.code} at "${effect.actionId ?? effect.topicId}": ${effect.detail}`);
      else setPath(effect.kind === 'set-user' ? this.user : this.conversation, effect.name.split('.'), effect.value);
    }
  }
}

/** What a message shows as text: its text, or the TextBlocks of its card. */
export function shownText(message: FlowMessage): string {
  if (message.text !== undefined) return message.text;
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const { type, text } = node as { type?: unknown; text?: unknown };
    if (type === 'TextBlock' && typeof text === 'string') texts.push(text);
    Object.values(node).forEach(visit);
  };
  visit(message.card);
  return texts.join('\n');
}

/** How an outcome is written in a test: `completed`, `cancelled` or the error code. */
export function outcomeName(outcome: TopicOutcome): string {
  return outcome.kind === 'error' ? outcome.code : outcome.kind;
}
