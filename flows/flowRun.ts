/**
 * One call into the executor: a working copy of the topic stack, the effects gathered so far, and
 * the loop that picks the next action until a topic needs the host (a request) or no topic is left.
 * What each action does lives in `flowActions.ts`.
 */
import type { SupportedLocale } from '../locale/locale';
import { applyResult, executeAction, reissue } from './flowActions';
import { locate } from './flowCursor';
import type { Expression, FlowSet, LocaleText, Topic, ValueOrExpression } from './flowDefinition';
import { flowRunCodes } from './flowEffect';
import type { FlowEffect, FlowRequest, FlowResult, FlowRunCode, TopicOutcome } from './flowEffect';
import type { FlowState, PendingQuestion, PendingRequest, TopicFrame } from './flowState';
import { jsonCopy, setPath, writableVariable } from './flowVariables';
import { evaluateCondition, evaluateExpression, evaluateValue, interpolate, interpolateJson } from './flowExpressions';
import type { EvaluationFailure, FlowMemory } from './flowExpressions';

/** What a call knows of the conversation besides the topics: its language and the scopes flows read. */
export interface FlowContext {
  readonly locale: SupportedLocale;
  /** `conversation.*`; writes come back as `set-conversation` effects. */
  readonly conversation?: Readonly<Record<string, unknown>>;
  /** `user.*` (the persisted profile); writes come back as `set-user` effects. */
  readonly user?: Readonly<Record<string, unknown>>;
  /** `turn.*` (the activity, recognised text); `turn.locale` defaults to `locale`. */
  readonly turn?: Readonly<Record<string, unknown>>;
  /** `system.*` (channel, time in the queue's zone). */
  readonly system?: Readonly<Record<string, unknown>>;
  /** `customer.*` (the CRM profile), read-only. */
  readonly customer?: Readonly<Record<string, unknown>>;
}

/** A frame being changed by this call. */
export interface WorkingFrame extends Omit<TopicFrame, 'cursor' | 'variables' | 'pending'> {
  cursor: { list: TopicFrame['cursor'][number]['list']; index: number }[];
  variables: Record<string, unknown>;
  pending?: PendingQuestion | PendingRequest;
}

/** Finds the flow set of a version. */
export type FlowSetLookup = (version: string) => FlowSet | undefined;

const topicIndexes = new WeakMap<FlowSet, ReadonlyMap<string, Topic>>();

function topicIn(flows: FlowSet, id: string): Topic | undefined {
  let index = topicIndexes.get(flows);
  if (!index) {
    index = new Map(flows.topics.map((t) => [t.id, t]));
    topicIndexes.set(flows, index);
  }
  return index.get(id);
}

/** One call's work on the topic stack. */
export class FlowRun {
  readonly frames: WorkingFrame[];
  readonly effects: FlowEffect[] = [];
  request: FlowRequest | undefined;
  private steps = 0;
  private readonly known = new Map<string, FlowSet>();
  private readonly conversation: Record<string, unknown>;
  private readonly user: Record<string, unknown>;

  constructor(
    state: FlowState,
    readonly context: FlowContext,
    private readonly lookup: FlowSetLookup,
    private readonly stepLimit: number,
  ) {
    this.frames = structuredClone(state.frames) as WorkingFrame[];
    this.conversation = structuredClone({ ...context.conversation });
    this.user = structuredClone({ ...context.user });
  }

  /** Makes a flow set known to this call (the one a new topic starts on). */
  know(flows: FlowSet): void {
    this.known.set(flows.version, flows);
  }

  /** The topic a frame runs, from the version it started on; ends every topic when that is gone. */
  topicOf(frame: WorkingFrame): Topic | undefined {
    const flows = this.known.get(frame.version) ?? this.lookup(frame.version);
    if (!flows) return void this.failAll(flowRunCodes.versionMissing, `flow-set version "${frame.version}" of topic "${frame.topicId}" is not available`);
    this.known.set(flows.version, flows);
    const topic = topicIn(flows, frame.topicId);
    if (!topic) this.failAll(flowRunCodes.topicMissing, `topic "${frame.topicId}" is not in flow-set version "${frame.version}"`);
    return topic;
  }

  /** Runs actions until a request is pending or no topic is left. */
  run(): void {
    while (!this.request) {
      const frame = this.frames.at(-1);
      const topic = frame && this.topicOf(frame);
      if (!frame || !topic) return;
      if (frame.pending) return reissue(this, frame, topic);
      const at = locate(topic, frame.cursor);
      if (at.kind === 'invalid') return this.failAll(flowRunCodes.positionInvalid, at.detail);
      if (at.kind === 'end') {
        this.leaveList(frame);
        continue;
      }
      if (++this.steps > this.stepLimit) {
        return this.failAll(flowRunCodes.stepLimit, `more than ${this.stepLimit} actions in one turn, at "${at.action.id}" of topic "${topic.id}"`);
      }
      if (at.action.condition && !this.condition(frame, at.action.id, at.action.condition)) this.advance(frame);
      else executeAction(this, frame, topic, at.action);
    }
  }

  /** Answers the top frame's pending request, then runs on. */
  resume(frame: WorkingFrame, topic: Topic, result: FlowResult): void {
    const at = locate(topic, frame.cursor);
    if (at.kind !== 'action' || at.action.id !== frame.pending?.actionId) {
      return this.failAll(flowRunCodes.positionInvalid, `the pending action "${frame.pending?.actionId}" is not where topic "${topic.id}" left it`);
    }
    applyResult(this, frame, at.action, result);
    this.run();
  }

  /** Moves past the current action. */
  advance(frame: WorkingFrame): void {
    const last = frame.cursor.at(-1);
    if (last) last.index += 1;
  }

  /** At the end of a nested list: back to the action holding it, or the end of the topic. */
  private leaveList(frame: WorkingFrame): void {
    const left = frame.cursor.pop();
    // An onError path runs instead of the rest of the topic.
    if (frame.cursor.length === 0 || left?.list === 'onError') return this.endTop({ kind: 'completed' });
    this.advance(frame);
  }

  private popTop(outcome: TopicOutcome): WorkingFrame | undefined {
    const frame = this.frames.pop();
    if (frame) this.effects.push({ kind: 'topic-ended', topicId: frame.topicId, outcome, variables: frame.variables });
    return frame;
  }

  /** Ends the running topic; a topic begun by another hands its outputs back and that one goes on. */
  endTop(outcome: TopicOutcome): void {
    const ended = this.popTop(outcome);
    const parent = this.frames.at(-1);
    if (!ended || ended.begunBy !== 'dialog' || !parent) return;
    const parentTopic = this.topicOf(parent);
    const at = parentTopic && locate(parentTopic, parent.cursor);
    if (at?.kind !== 'action' || at.action.kind !== 'BeginDialog') return;
    for (const [from, to] of Object.entries(at.action.output ?? {})) {
      this.setVariable(parent, at.action.id, to, ended.variables[from.replace(/^topic\./, '')]);
    }
    this.advance(parent);
  }

  /** Ends the running topic and the topics that began it with BeginDialog. */
  cancelTop(): void {
    while (this.frames.at(-1)?.begunBy === 'dialog') this.popTop({ kind: 'cancelled' });
    this.popTop({ kind: 'cancelled' });
  }

  /** Ends every topic in progress. */
  endAll(outcome: TopicOutcome): void {
    while (this.frames.length > 0) this.popTop(outcome);
  }

  /** Ends every topic with a coded error; the host then runs its OnError topic. */
  failAll(code: FlowRunCode, detail: string): void {
    this.endAll({ kind: 'error', code, detail });
  }

  /** Everything an expression of this frame may read. */
  memory(frame: WorkingFrame): FlowMemory {
    const { context } = this;
    return {
      topic: frame.variables,
      conversation: this.conversation,
      user: this.user,
      turn: { locale: context.locale, ...context.turn },
      system: context.system ?? {},
      customer: context.customer ?? {},
    };
  }

  private diagnose(frame: WorkingFrame, actionId: string, code: FlowRunCode, detail: string): void {
    this.effects.push({ kind: 'diagnostic', topicId: frame.topicId, actionId, code, detail });
  }

  private failed(frame: WorkingFrame, actionId: string, failures: readonly EvaluationFailure[]): void {
    for (const failure of failures) this.diagnose(frame, actionId, flowRunCodes.expressionFailed, failure.message);
  }

  /** A condition's truth; one that cannot be evaluated counts as false. */
  condition(frame: WorkingFrame, actionId: string, condition: Expression): boolean {
    const result = evaluateCondition(condition, this.memory(frame));
    if (result.ok) return result.value === true;
    this.failed(frame, actionId, [result]);
    return false;
  }

  /** A value; one that cannot be evaluated is none. */
  value(frame: WorkingFrame, actionId: string, value: ValueOrExpression): unknown {
    const result = evaluateValue(value, this.memory(frame));
    if (result.ok) return result.value;
    this.failed(frame, actionId, [result]);
    return undefined;
  }

  /** A string in the conversation's language with `${…}` filled in. */
  text(frame: WorkingFrame, actionId: string, text: LocaleText | string): string {
    const raw = typeof text === 'string' ? text : text[this.context.locale];
    const { value, failures } = interpolate(raw, this.memory(frame));
    this.failed(frame, actionId, failures);
    return value;
  }

  /** Adaptive Card JSON with `${…}` filled in every string. */
  card(frame: WorkingFrame, actionId: string, card: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const { value, failures } = interpolateJson(card, this.memory(frame));
    this.failed(frame, actionId, failures);
    return value as Record<string, unknown>;
  }

  /** Reads a variable (`topic.order.status`). */
  read(frame: WorkingFrame, variable: string): unknown {
    const result = evaluateExpression(variable, this.memory(frame));
    return result.ok ? result.value : undefined;
  }

  /** Writes `topic.*` into the frame; `conversation.*` and `user.*` here and as effects for the host. */
  setVariable(frame: WorkingFrame, actionId: string, variable: string, value: unknown): void {
    const target = writableVariable(variable);
    if (!target) return this.diagnose(frame, actionId, flowRunCodes.variableNotWritable, `"${variable}" cannot be written by a flow`);
    const { scope, keys } = target;
    const json = jsonCopy(value);
    if (!json.ok) this.diagnose(frame, actionId, flowRunCodes.valueNotSerialisable, `the value for "${variable}" cannot be kept`);
    if (scope === 'topic') return setPath(frame.variables, keys, json.value);
    setPath(scope === 'user' ? this.user : this.conversation, keys, json.value);
    this.effects.push({ kind: scope === 'user' ? 'set-user' : 'set-conversation', name: keys.join('.'), value: json.value });
  }

  /** What the topics in progress collected, the running topic's values last (they win). */
  collected(): Record<string, unknown> {
    return Object.assign({}, ...this.frames.map((f) => f.variables)) as Record<string, unknown>;
  }

  /** The state to save. */
  state(): FlowState {
    // The run ends with this call and its frames were copied when it began: they are handed over, not copied again.
    return { frames: this.frames };
  }
}
