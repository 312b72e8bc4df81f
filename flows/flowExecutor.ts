/**
 * Runs topics: given the saved topic stack and what just happened (a topic to start, the host's
 * answer to a request, "cancel"), picks the next actions until a topic needs the host or none is
 * left, and returns the new state with the effects and the request as plain data. It does no I/O,
 * so the same turn gives the same answer on any instance (after Rasa's flow executor).
 */
import type { FlowSet } from './flowDefinition';
import { FlowRunError, flowRunCodes, resultsFor } from './flowEffect';
import type { FlowEffect, FlowRequest, FlowResult } from './flowEffect';
import { FlowRun } from './flowRun';
import type { FlowContext, FlowSetLookup } from './flowRun';
import type { FlowState } from './flowState';

export type { FlowContext, FlowSetLookup } from './flowRun';

/** Actions one call may run before the topics end with `WL_FLOW_STEP_LIMIT`, when not configured. */
export const defaultStepLimit = 200;

/** What the executor is built with. */
export interface FlowExecutorOptions {
  /** The flow set of a version; undefined when it is gone (its topics then end with `WL_FLOW_VERSION_MISSING`). */
  readonly flowSetOf: FlowSetLookup;
  /** Actions one call may run (a GotoAction loop stops here). Default {@link defaultStepLimit}. */
  readonly stepLimit?: number;
}

/** A topic to start on a flow set (normally the published one), with values for its `topic.*` inputs. */
export interface StartTopic {
  readonly flows: FlowSet;
  readonly topicId: string;
  readonly inputs?: Readonly<Record<string, unknown>>;
}

/**
 * The outcome of one call: the state to save, the effects to carry out in order, and the request
 * (if any) the host must answer with `resume`. No request and no frames: every topic has ended.
 */
export interface FlowStep {
  readonly state: FlowState;
  readonly effects: readonly FlowEffect[];
  readonly request?: FlowRequest;
}

/** The flow interpreter. Stateless: everything a conversation needs is in its {@link FlowState}. */
export class FlowExecutor {
  private readonly flowSetOf: FlowSetLookup;
  private readonly stepLimit: number;

  constructor(options: FlowExecutorOptions) {
    if (typeof options.flowSetOf !== 'function') throw new TypeError('FlowExecutor needs flowSetOf(version)');
    const limit = options.stepLimit ?? defaultStepLimit;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`FlowExecutor stepLimit must be a positive integer, got ${String(limit)}`);
    this.flowSetOf = options.flowSetOf;
    this.stepLimit = limit;
  }

  /**
   * Starts a topic on top of whatever is in progress (a topic waiting on a Question waits on until
   * this one ends, then asks again). An unknown topic starts nothing and is reported as ended with
   * `WL_FLOW_TOPIC_MISSING`.
   */
  start(state: FlowState, start: StartTopic, context: FlowContext): FlowStep {
    const run = new FlowRun(state, context, this.flowSetOf, this.stepLimit);
    if (!start.flows.topics.some((t) => t.id === start.topicId)) {
      const detail = `topic "${start.topicId}" is not in flow-set version "${start.flows.version}"`;
      run.effects.push({ kind: 'topic-ended', topicId: start.topicId, outcome: { kind: 'error', code: flowRunCodes.topicMissing, detail }, variables: {} });
      return this.step(run);
    }
    run.know(start.flows);
    const frame = { topicId: start.topicId, version: start.flows.version, cursor: [{ list: 'actions' as const, index: 0 }], variables: {}, begunBy: 'host' as const };
    run.frames.push(frame);
    for (const [name, value] of Object.entries(start.inputs ?? {})) run.setVariable(frame, 'inputs', `topic.${name}`, value);
    run.run();
    return this.step(run);
  }

  /**
   * Answers the running topic's request and runs on. Throws a {@link FlowRunError} (state untouched)
   * when nothing is pending (`WL_FLOW_NOTHING_PENDING`) or the result answers another kind of request
   * (`WL_FLOW_RESULT_MISMATCH`): those are the host's mistakes, not the customer's.
   */
  resume(state: FlowState, result: FlowResult, context: FlowContext): FlowStep {
    const pending = state.frames.at(-1)?.pending;
    if (!pending) throw new FlowRunError(flowRunCodes.nothingPending, `resume(${result.kind}) while no topic waits for the host`);
    if (!resultsFor[pending.kind].includes(result.kind)) {
      throw new FlowRunError(flowRunCodes.resultMismatch, `a "${result.kind}" result does not answer the pending "${pending.kind}" at "${pending.actionId}"`);
    }
    const run = new FlowRun(state, context, this.flowSetOf, this.stepLimit);
    const frame = run.frames.at(-1);
    const topic = frame && run.topicOf(frame);
    if (frame && topic) run.resume(frame, topic, result);
    return this.step(run);
  }

  /**
   * Asks the running topic's pending Question again, its answers so far kept: after the host
   * answered a question the customer asked instead of answering (an interruption). Nothing
   * pending: nothing happens.
   */
  reprompt(state: FlowState, context: FlowContext): FlowStep {
    const run = new FlowRun(state, context, this.flowSetOf, this.stepLimit);
    run.run();
    return this.step(run);
  }

  /**
   * Leaves the running topic (the "cancel" guardrail), with the topics that began it; a topic it
   * interrupted goes on (asks its Question again). Nothing in progress: nothing happens.
   */
  cancelTopic(state: FlowState, context: FlowContext): FlowStep {
    const run = new FlowRun(state, context, this.flowSetOf, this.stepLimit);
    run.cancelTop();
    run.run();
    return this.step(run);
  }

  private step(run: FlowRun): FlowStep {
    return { state: run.state(), effects: run.effects, ...(run.request ? { request: run.request } : {}) };
  }
}
