/**
 * Drives the flow executor the way a host does, saving the state as JSON between every step (so a
 * test fails if anything in it would not survive Storage), applying conversation and user writes,
 * and keeping what the customer saw.
 */
import { expect } from 'chai';
import type { Action, FlowSet, LocaleText, Topic } from '../../flows/flowDefinition';
import type { FlowEffect, FlowRequest, FlowResult, TopicOutcome } from '../../flows/flowEffect';
import { FlowExecutor } from '../../flows/flowExecutor';
import type { FlowContext, FlowStep } from '../../flows/flowExecutor';
import { emptyFlowState, parseFlowState } from '../../flows/flowState';
import type { FlowState } from '../../flows/flowState';
import type { SupportedLocale } from '../../locale/locale';

/** The same words in both languages (for tests where the language does not matter). */
export function both(text: string): LocaleText {
  return { 'en-US': text, 'zh-CN': text };
}

/** A topic whose trigger runs `actions`. */
export function topic(id: string, actions: readonly Action[], extra: Partial<Topic> = {}): Topic {
  return {
    id,
    displayName: both(id),
    trigger: { kind: 'OnRecognizedIntent', id: 'main', actions },
    source: { file: `${id}.yaml`, path: '' },
    ...extra,
  };
}

/** A flow set of these topics. */
export function flowSet(version: string, topics: readonly Topic[]): FlowSet {
  return { version, topics };
}

/** Published flow sets by version, as the host's store would keep them. */
export class Versions {
  readonly sets = new Map<string, FlowSet>();
  constructor(...sets: FlowSet[]) {
    for (const s of sets) this.sets.set(s.version, s);
  }
  readonly lookup = (version: string): FlowSet | undefined => this.sets.get(version);
}

/** One conversation driven through the executor. */
export class Conversation {
  state: FlowState = emptyFlowState();
  /** Everything the executor gave, in order, across steps. */
  readonly effects: FlowEffect[] = [];
  request: FlowRequest | undefined;
  conversation: Record<string, unknown> = {};
  user: Record<string, unknown> = {};
  private sentSoFar = 0;

  constructor(
    readonly executor: FlowExecutor,
    public locale: SupportedLocale = 'en-US',
    readonly extra: Omit<FlowContext, 'locale' | 'conversation' | 'user'> = {},
  ) {}

  private context(): FlowContext {
    return { locale: this.locale, conversation: this.conversation, user: this.user, ...this.extra };
  }

  private take(step: FlowStep): this {
    const saved = JSON.stringify(step.state);
    const restored = parseFlowState(JSON.parse(saved));
    expect(restored, 'the state survives a JSON round trip').to.deep.equal(step.state);
    this.state = restored;
    this.request = step.request;
    for (const effect of step.effects) {
      this.effects.push(effect);
      if (effect.kind === 'set-conversation') this.conversation = { ...this.conversation, [effect.name]: effect.value };
      if (effect.kind === 'set-user') this.user = { ...this.user, [effect.name]: effect.value };
    }
    return this;
  }

  start(flows: FlowSet, topicId: string, inputs?: Record<string, unknown>): this {
    return this.take(this.executor.start(this.state, { flows, topicId, ...(inputs ? { inputs } : {}) }, this.context()));
  }

  resume(result: FlowResult): this {
    return this.take(this.executor.resume(this.state, result, this.context()));
  }

  answer(value: unknown): this {
    return this.resume({ kind: 'answer', value });
  }

  cancel(): this {
    return this.take(this.executor.cancelTopic(this.state, this.context()));
  }

  /** Texts sent since the last call of `sent()`. */
  sent(): (string | undefined)[] {
    const texts = this.effects.filter((e) => e.kind === 'send').map((e) => e.message.text);
    const fresh = texts.slice(this.sentSoFar);
    this.sentSoFar = texts.length;
    return fresh;
  }

  /** How each topic ended, in order: `id:completed`, `id:WL_FLOW_STEP_LIMIT`. */
  endings(): string[] {
    return this.effects.filter((e) => e.kind === 'topic-ended').map((e) => `${e.topicId}:${outcomeName(e.outcome)}`);
  }

  /** Diagnostics' codes. */
  diagnostics(): string[] {
    return this.effects.filter((e) => e.kind === 'diagnostic').map((e) => e.code);
  }

  /** The running topic's `topic.*`. */
  variables(): Record<string, unknown> {
    return { ...this.state.frames.at(-1)?.variables };
  }
}

function outcomeName(outcome: TopicOutcome): string {
  return outcome.kind === 'error' ? outcome.code : outcome.kind;
}

/** A conversation on an executor that knows these versions. */
export function converse(versions: Versions, locale: SupportedLocale = 'en-US', stepLimit?: number): Conversation {
  return new Conversation(new FlowExecutor({ flowSetOf: versions.lookup, ...(stepLimit ? { stepLimit } : {}) }), locale);
}
