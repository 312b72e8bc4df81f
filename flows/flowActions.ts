/**
 * What each action does when the executor reaches it, and how the host's answer to a request is
 * taken in. Everything goes through the run: its effects, its request, its variables.
 */
import { cursorOf, locate } from './flowCursor';
import type { Action, HttpRequestAction, QuestionAction, Topic } from './flowDefinition';
import { flowRunCodes } from './flowEffect';
import type { FlowMessage, FlowRequest, FlowResult } from './flowEffect';
import type { FlowRun, WorkingFrame } from './flowRun';

/** How long an HttpRequest may take when the flow does not say. */
export const defaultHttpTimeoutMs = 5000;
/** How many answers a Question tries when the flow does not say. */
export const defaultMaxTurns = 3;

function send(run: FlowRun, frame: WorkingFrame, actionId: string, message: FlowMessage): void {
  run.effects.push({ kind: 'send', topicId: frame.topicId, actionId, message });
}

/** Sends a Question's prompt (or retry prompt), with the choices as buttons, and waits for the answer. */
function ask(run: FlowRun, frame: WorkingFrame, action: QuestionAction, retry: boolean): void {
  const { locale } = run.context;
  const text = run.text(frame, action.id, retry ? (action.retryPrompt ?? action.prompt) : action.prompt);
  const buttons = action.entity.kind === 'choice' ? action.entity.choices.map((c) => ({ title: c.title[locale], value: c.title[locale] })) : undefined;
  send(run, frame, action.id, buttons ? { text, buttons } : { text });
  const failures = frame.pending?.kind === 'ask' ? frame.pending.failures : 0;
  const allowInterruptions = action.allowInterruptions ?? true;
  frame.pending = { kind: 'ask', actionId: action.id, variable: action.variable, entity: action.entity, allowInterruptions, failures };
  run.request = { kind: 'ask', topicId: frame.topicId, actionId: action.id, variable: action.variable, entity: action.entity, allowInterruptions, attempt: failures + 1 };
}

/** Calls the backend, or takes the failure path at once when the path cannot be worked out. */
function httpRequest(run: FlowRun, frame: WorkingFrame, action: HttpRequestAction): void {
  const path = run.value(frame, action.id, action.path);
  if (typeof path !== 'string' || path === '') return httpFailed(run, frame, action, 'path-invalid');
  const body = action.body && Object.fromEntries(Object.entries(action.body).map(([k, v]) => [k, run.value(frame, action.id, v)]));
  const request = { kind: 'http-request', topicId: frame.topicId, actionId: action.id, backend: action.backend, method: action.method, path } as const;
  frame.pending = { kind: 'http-request', actionId: action.id };
  run.request = { ...request, ...(body ? { body } : {}), timeoutMs: action.timeoutMs ?? defaultHttpTimeoutMs };
}

/** Keeps the failure in the result variable, then takes `onError`; without one, the topics end with an error. */
function httpFailed(run: FlowRun, frame: WorkingFrame, action: HttpRequestAction, code: string, status?: number): void {
  run.setVariable(frame, action.id, action.resultVariable, status === undefined ? { error: code } : { error: code, status });
  if (action.onError) frame.cursor.push({ list: 'onError', index: 0 });
  else run.failAll(flowRunCodes.httpFailed, `${action.method} ${action.backend} failed (${code}) at "${action.id}" of topic "${frame.topicId}"`);
}

/** Asks the host for what an action needs (every kind that waits for the host). */
function request(run: FlowRun, frame: WorkingFrame, action: Action): void {
  const from = { topicId: frame.topicId, actionId: action.id };
  let request: Exclude<FlowRequest, { kind: 'ask' | 'http-request' }>;
  switch (action.kind) {
    case 'Question':
      return ask(run, frame, action, false);
    case 'HttpRequest':
      return httpRequest(run, frame, action);
    case 'AnswerFromKnowledge': {
      const question = action.question === undefined ? undefined : run.value(frame, action.id, action.question);
      request = { kind: 'answer-from-knowledge', ...from, ...(typeof question === 'string' ? { question } : {}), filters: { ...action.filters } };
      break;
    }
    case 'CheckResolution':
      request = { kind: 'check-resolution', ...from };
      break;
    case 'TransferToAgent': {
      const note = action.note && run.text(frame, action.id, action.note);
      request = { kind: 'transfer-to-agent', ...from, reason: action.reason, ...(action.queue ? { queue: action.queue } : {}), ...(note ? { note } : {}), variables: run.collected() };
      break;
    }
    case 'TakeMessageOrCallback':
      request = { kind: 'take-message-or-callback', ...from, ...(action.queue ? { queue: action.queue } : {}), ...(action.reason ? { reason: action.reason } : {}), variables: run.collected() };
      break;
    default:
      return;
  }
  frame.pending = { kind: request.kind, actionId: action.id };
  run.request = request;
}

/** Runs one action whose condition (if any) holds. */
export function executeAction(run: FlowRun, frame: WorkingFrame, topic: Topic, action: Action): void {
  switch (action.kind) {
    case 'SendActivity': {
      const { locale } = run.context;
      const text = action.text && run.text(frame, action.id, action.text);
      const buttons = action.buttons?.map((b) => {
        const title = run.text(frame, action.id, b.title);
        return { title, value: b.value === undefined ? title : run.text(frame, action.id, b.value) };
      });
      const card = action.card && run.card(frame, action.id, action.card[locale]);
      send(run, frame, action.id, { ...(text !== undefined ? { text } : {}), ...(buttons ? { buttons } : {}), ...(card ? { card } : {}) });
      return run.advance(frame);
    }
    case 'Question': {
      const current = run.read(frame, action.variable);
      if ((action.skipIfSet ?? true) && current !== undefined && current !== null && current !== '') return run.advance(frame);
      return ask(run, frame, action, false);
    }
    case 'ConditionGroup': {
      const branch = action.conditions.findIndex((c) => run.condition(frame, c.id, c.condition));
      frame.cursor.push({ list: branch >= 0 ? branch : 'else', index: 0 });
      return;
    }
    case 'SetVariable':
      run.setVariable(frame, action.id, action.variable, run.value(frame, action.id, action.value));
      return run.advance(frame);
    case 'BeginDialog':
      return beginDialog(run, frame, action);
    case 'GotoAction': {
      const cursor = cursorOf(topic, action.actionId);
      if (!cursor) return run.failAll(flowRunCodes.gotoTargetMissing, `"${action.id}" goes to "${action.actionId}", which topic "${topic.id}" does not have`);
      frame.cursor = cursor.map((s) => ({ ...s }));
      return;
    }
    case 'EndDialog':
      return run.endTop({ kind: 'completed' });
    case 'CancelAllDialogs':
      return run.endAll({ kind: 'cancelled' });
    case 'LogEvent': {
      const properties = Object.fromEntries(Object.entries(action.properties ?? {}).map(([k, v]) => [k, run.value(frame, action.id, v)]));
      run.effects.push({ kind: 'log-event', topicId: frame.topicId, actionId: action.id, name: action.name, properties });
      return run.advance(frame);
    }
    default:
      return request(run, frame, action);
  }
}

/** Starts another topic on the same flow-set version, its inputs computed here. */
function beginDialog(run: FlowRun, frame: WorkingFrame, action: Extract<Action, { kind: 'BeginDialog' }>): void {
  const variables: Record<string, unknown> = {};
  const child = { topicId: action.dialog, version: frame.version, cursor: [{ list: 'actions' as const, index: 0 }], variables, begunBy: 'dialog' as const };
  for (const [name, value] of Object.entries(action.input ?? {})) {
    run.setVariable(child, action.id, `topic.${name.replace(/^topic\./, '')}`, run.value(frame, action.id, value));
  }
  run.frames.push(child);
}

/** A topic that waited while another ran asks again (a Question re-sends its prompt). */
export function reissue(run: FlowRun, frame: WorkingFrame, topic: Topic): void {
  const at = locate(topic, frame.cursor);
  if (at.kind !== 'action' || at.action.id !== frame.pending?.actionId) {
    return run.failAll(flowRunCodes.positionInvalid, `the pending action "${frame.pending?.actionId}" is not where topic "${topic.id}" left it`);
  }
  request(run, frame, at.action);
}

/** Takes in the host's answer to the action the frame waits on. */
export function applyResult(run: FlowRun, frame: WorkingFrame, action: Action, result: FlowResult): void {
  const pending = frame.pending;
  delete frame.pending;
  if (action.kind === 'HttpRequest' && result.kind === 'failed') return httpFailed(run, frame, action, result.code, result.status);
  if (result.kind === 'failed') return run.failAll(flowRunCodes.requestFailed, `${pending?.kind ?? 'request'} failed (${result.code}) at "${action.id}" of topic "${frame.topicId}"`);
  if (action.kind === 'Question' && result.kind === 'no-match') {
    const failures = (pending?.kind === 'ask' ? pending.failures : 0) + 1;
    if (pending?.kind === 'ask' && failures < (action.maxTurns ?? defaultMaxTurns)) {
      frame.pending = { ...pending, failures };
      return ask(run, frame, action, true);
    }
    if (action.defaultValue !== undefined) run.setVariable(frame, action.id, action.variable, run.value(frame, action.id, action.defaultValue));
    return run.advance(frame);
  }
  const target = 'resultVariable' in action ? action.resultVariable : action.kind === 'Question' ? action.variable : undefined;
  const value =
    result.kind === 'answer' ? result.value
    : result.kind === 'http' ? { status: result.status, body: result.body }
    : result.kind === 'knowledge' || result.kind === 'resolution' ? withoutKind(result)
    : undefined;
  if (target && result.kind !== 'done') run.setVariable(frame, action.id, target, value);
  // A person has the conversation now: every topic in progress is over (the validator calls what
  // follows a TransferToAgent unreachable). The host starts OnAgentEnded when the person is done.
  if (action.kind === 'TransferToAgent') return run.endAll({ kind: 'completed' });
  run.advance(frame);
}

function withoutKind<T extends { kind: string }>(result: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = result;
  return rest;
}
