/**
 * What each step of a flow test does: asserts what the bot said, logged, asked for or holds, or
 * answers what the topic waits for (the customer's reply, a backend, the knowledge base, the desk).
 * A step answers with what went wrong, worded for the admin who wrote the test, or nothing.
 */
import { isDeepStrictEqual } from 'node:util';
import { CancelRequestMatcher } from '../handoff/cancelRequestMatcher';
import { recognizeEntity } from './entityRecognizer';
import type { FlowRequest, FlowRequestKind, FlowResult } from './flowEffect';
import type { FlowTestConversation } from './flowTestConversation';
import { outcomeName, shownText } from './flowTestConversation';
import type { FlowTestCase, FlowTestStep } from './flowTestFile';

type StepOf<K extends FlowTestStep['kind']> = Extract<FlowTestStep, { kind: K }>['value'];

const cancelPhrases = new CancelRequestMatcher([]);
const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));
const expectedRequest: Readonly<Record<FlowRequestKind, string>> = {
  ask: "a Question waiting for the customer's answer",
  'http-request': 'an http-request',
  'transfer-to-agent': 'a transfer-to-agent',
  'take-message-or-callback': 'a take-message-or-callback',
  'answer-from-knowledge': 'an answer-from-knowledge',
  'check-resolution': 'a check-resolution',
};

/** What the conversation waits for now, as a sentence's end: "asked a Question (topic.orderNumber)". */
export function waitingFor(c: FlowTestConversation): string {
  const r = c.request;
  if (!r) return c.state.frames.length === 0 ? `ended (${c.endings.map((e) => `${e.topicId}: ${outcomeName(e.outcome)}`).join(', ') || 'nothing ran'})` : 'waits for nothing';
  if (r.kind === 'ask') return `asked a Question (${r.variable})`;
  if (r.kind === 'http-request') return `made an http-request (${r.method} ${r.backend} ${r.path})`;
  return `asked for ${expectedRequest[r.kind].replace(/^an? /, 'a ')} (at "${r.actionId}")`;
}

/** Messages nobody asserted: a failure before anything moves the conversation on. */
export function unexpectedMessages(c: FlowTestConversation): string | undefined {
  if (c.messages.length === 0) return undefined;
  return `the bot said ${c.messages.map((m) => show(shownText(m))).join(', ')}, which the test does not expect (add a bot step)`;
}

/** Runs one step. */
export function runStep(c: FlowTestConversation, step: FlowTestStep, test: FlowTestCase): string | undefined {
  if (step.kind === 'bot') return bot(c, step.value);
  if (step.kind === 'state') return state(c, step.value, test);
  if (step.kind === 'event') return event(c, step.value);
  if (step.kind === 'ended') return ended(c, step.value, test);
  const extra = unexpectedMessages(c);
  if (extra) return extra;
  switch (step.kind) {
    case 'user':
      return answer(c, 'ask', (r) => {
        const found = recognizeEntity(step.value, r.entity, test.locale, clockOf(test));
        return found.ok ? { kind: 'answer', value: found.value } : { kind: 'no-match' };
      }, step.value);
    case 'http':
      return answer(c, 'http-request', (r) => {
        const { answer: reply, ...expected } = step.value;
        const wrong = mismatches(expected, r);
        if (wrong) return wrong;
        return 'failed' in reply ? { kind: 'failed', code: reply.failed, ...(reply.status === undefined ? {} : { status: reply.status }) } : { kind: 'http', status: reply.status, body: reply.body ?? null };
      });
    case 'transfer':
    case 'message': {
      const value = typeof step.value === 'object' && step.value !== null ? step.value : {};
      const { failed, variables, ...expected } = value;
      return answer(c, step.kind === 'transfer' ? 'transfer-to-agent' : 'take-message-or-callback', (r) =>
        mismatches(expected, r) ?? variablesDiffer(variables, r.variables) ?? (failed ? { kind: 'failed', code: failed } : { kind: 'done' }),
      );
    }
    case 'knowledge': {
      const { question, filters, failed, ...result } = step.value;
      return answer(c, 'answer-from-knowledge', (r) =>
        mismatches({ ...(question === undefined ? {} : { question }), ...(filters ? { filters } : {}) }, r) ?? (failed ? { kind: 'failed', code: failed } : { kind: 'knowledge', answered: result.answered ?? true, ...withoutAnswered(result) }),
      );
    }
    case 'resolution': {
      const { failed, resolved, csat } = step.value;
      return answer(c, 'check-resolution', () => (failed ? { kind: 'failed', code: failed } : { kind: 'resolution', resolved: resolved ?? true, ...(csat === undefined ? {} : { csat }) }));
    }
    case 'cancel': {
      const words = typeof step.value === 'string' ? step.value : undefined;
      if (words !== undefined && !cancelPhrases.matches(words)) return `"${words}" is not a cancel phrase, so it would not leave the topic`;
      if (c.state.frames.length === 0) return `expected a topic to cancel, the topic ${waitingFor(c)}`;
      c.cancel(words);
      return diagnostics(c);
    }
  }
}

function withoutAnswered<T extends { answered?: boolean }>(result: T): Omit<T, 'answered'> {
  const { answered: _answered, ...rest } = result;
  return rest;
}

/** The fixed clock of a test: its `now`, or 2026-01-15 09:00 UTC. */
export function clockOf(test: FlowTestCase): Date {
  return new Date(test.now ?? '2026-01-15T09:00:00Z');
}

/** Answers the pending request of `kind` with what `decide` says (or fails with the mismatch it names). */
function answer<K extends FlowRequestKind>(c: FlowTestConversation, kind: K, decide: (r: Extract<FlowRequest, { kind: K }>) => FlowResult | string, text?: string): string | undefined {
  const r = c.request;
  if (r?.kind !== kind) return `expected ${expectedRequest[kind]}, the topic ${waitingFor(c)}`;
  const result = decide(r as Extract<FlowRequest, { kind: K }>);
  if (typeof result === 'string') return result;
  c.resume(result, text);
  return diagnostics(c);
}

function diagnostics(c: FlowTestConversation): string | undefined {
  return c.diagnostics.length > 0 ? `the topic reported a problem: ${c.diagnostics.join('; ')}` : undefined;
}

/** The fields of the request that differ from what the test expects. */
function mismatches(expected: Readonly<Record<string, unknown>>, request: FlowRequest): string | undefined {
  const wrong = Object.entries(expected)
    .filter(([, v]) => v !== undefined)
    .filter(([k, v]) => !isDeepStrictEqual((request as unknown as Record<string, unknown>)[k], v))
    .map(([k, v]) => `${k} ${show(v)}, it was ${show((request as unknown as Record<string, unknown>)[k])}`);
  return wrong.length > 0 ? `expected the ${request.kind} with ${wrong.join('; ')}` : undefined;
}

function variablesDiffer(expected: Readonly<Record<string, unknown>> | undefined, actual: Readonly<Record<string, unknown>>): string | undefined {
  const wrong = Object.entries(expected ?? {}).filter(([k, v]) => !isDeepStrictEqual(actual[k], v));
  return wrong.length > 0 ? `expected the summary's variables to hold ${wrong.map(([k, v]) => `${k} = ${show(v)}`).join(', ')}; they were ${show(actual)}` : undefined;
}

function bot(c: FlowTestConversation, expected: StepOf<'bot'>): string | undefined {
  const message = c.messages.shift();
  const want = typeof expected === 'string' ? { text: expected } : expected;
  const wanted = want.text !== undefined ? show(want.text) : want.contains !== undefined ? `something containing ${show(want.contains)}` : 'a message';
  if (!message) return `expected the bot to say ${wanted}, it said nothing more (the topic ${waitingFor(c)})`;
  const said = shownText(message);
  if (want.text !== undefined && said !== want.text) return `expected the bot to say ${wanted}, it said ${show(said)}`;
  if (want.contains !== undefined && !said.includes(want.contains)) return `expected the bot to say ${wanted}, it said ${show(said)}`;
  const buttons = message.buttons?.map((b) => b.title) ?? [];
  if (want.buttons && !isDeepStrictEqual(buttons, want.buttons)) return `expected the buttons ${show(want.buttons)}, the bot showed ${show(buttons)} with ${show(said)}`;
  return undefined;
}

function event(c: FlowTestConversation, expected: StepOf<'event'>): string | undefined {
  const want = typeof expected === 'string' ? { name: expected } : expected;
  const named = c.events.filter((e) => !e.taken && e.name === want.name);
  const found = named.find((e) => Object.entries(want.properties ?? {}).every(([k, v]) => isDeepStrictEqual(e.properties[k], v)));
  if (found) return void (found.taken = true);
  if (named[0]) return `expected the event "${want.name}" with ${show(want.properties)}, it was logged with ${show(named[0].properties)}`;
  return `expected the event "${want.name}", the topic logged ${c.events.filter((e) => !e.taken).map((e) => `"${e.name}"`).join(', ') || 'no other event'}`;
}

/** `topic.*` of the running topic, or of the tested topic as it ended. */
function topicVariables(c: FlowTestConversation, test: FlowTestCase): Readonly<Record<string, unknown>> {
  const running = c.state.frames.at(-1);
  if (running) return running.variables;
  return c.endings.filter((e) => e.topicId === test.start).at(-1)?.variables ?? {};
}

function state(c: FlowTestConversation, expected: StepOf<'state'>, test: FlowTestCase): string | undefined {
  const scopes: Readonly<Record<string, Readonly<Record<string, unknown>>>> = { topic: topicVariables(c, test), conversation: c.conversation, user: c.user };
  const wrong: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const [scope = '', ...keys] = name.split('.');
    const values = scopes[scope];
    if (!values || keys.length === 0) return `"${name}" is not a variable a test can check: use topic.*, conversation.* or user.*`;
    const actual = keys.reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined), values);
    const same = want === null ? actual === null || actual === undefined : isDeepStrictEqual(actual, want);
    if (!same) wrong.push(`${name} to be ${show(want)}, it is ${show(actual)}`);
  }
  return wrong.length > 0 ? `expected ${wrong.join('; ')}` : undefined;
}

function ended(c: FlowTestConversation, expected: string, test: FlowTestCase): string | undefined {
  const ending = c.endings.filter((e) => e.topicId === test.start).at(-1);
  if (!ending || c.state.frames.length > 0) return `expected "${test.start}" to have ended (${expected}), the topic ${waitingFor(c)}`;
  const name = outcomeName(ending.outcome);
  if (name !== expected) return `expected "${test.start}" to end ${expected}, it ended ${name}${ending.outcome.kind === 'error' ? ` (${ending.outcome.detail})` : ''}`;
  return undefined;
}
