import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { flowTools } from '../../cli/flowTools';
import { runFlows } from '../../cli/flows';
import { readFlowTests, runFlowTests } from '../../flows/flowTestRunner';
import type { FlowFile } from '../../flows/topicLoader';
import { goodFlowFiles, goodFlowsDir } from '../support/flowFiles';

/** The good topics (without their own tests) and these test files. */
function withTests(tests: Record<string, string>, extraTopics: Record<string, string> = {}): FlowFile[] {
  const topics = goodFlowFiles().filter((f) => !f.path.endsWith('.test.yaml'));
  return [...topics, ...Object.entries({ ...extraTopics, ...tests }).map(([p, text]) => ({ path: p, text }))];
}

/** Each failure as `file:line test: message`. */
function failuresOf(files: readonly FlowFile[]): string[] {
  return runFlowTests(files).failures.map((f) => `${f.file ?? '?'}:${f.line ?? '?'} ${f.test}: ${f.message}`);
}

const order = (steps: string, extra = ''): string => `name: order test\nstart: where-is-my-order\n${extra}steps:\n${steps}`;

/** A topic that asks the knowledge base, then the resolution check or a date and a callback. */
const helpDesk = `kind: AdaptiveDialog
id: help-desk
displayName: { en-US: Help desk, zh-CN: 帮助台 }
beginDialog:
  kind: OnRecognizedIntent
  intent:
    triggerQueries: { en-US: [call me back], zh-CN: [给我回电] }
  actions:
    - { kind: AnswerFromKnowledge, id: faq, filters: { topic: orders }, resultVariable: topic.answer }
    - kind: ConditionGroup
      id: found
      conditions:
        - id: answered
          condition: =topic.answer.answered
          actions:
            - { kind: CheckResolution, id: check, resultVariable: topic.resolution }
            - { kind: LogEvent, id: rated, name: faq-rated, properties: { csat: =topic.resolution.csat } }
      elseActions:
        - kind: Question
          id: when
          variable: topic.when
          prompt: { en-US: "When may we call you?", zh-CN: "我们什么时候给您回电？" }
          entity: datetime
        - { kind: TakeMessageOrCallback, id: callback, queue: orders, reason: no-answer }
`;

describe('runFlowTests: the fixture flow tests', () => {
  it('passes every test beside the good topics, in en and zh', () => {
    const report = runFlowTests(goodFlowFiles());
    expect(report.failures).to.deep.equal([]);
    const cases = readFlowTests(goodFlowFiles()).cases;
    expect(report.passed).to.equal(cases.length);
    expect(new Set(cases.map((c) => `${c.start} ${c.locale}`))).to.include.members(['where-is-my-order en-US', 'where-is-my-order zh-CN', 'return-item en-US', 'return-item zh-CN', 'greeting en-US', 'greeting zh-CN', 'escalate en-US', 'escalate zh-CN']);
  });
});

describe('runFlowTests: wrong expectations fail with file, test, step and line', () => {
  it('says what the bot was expected to say and what it said', () => {
    const files = withTests({ 'order.test.yaml': order('  - bot: What is your order number?\n') });
    expect(failuresOf(files)).to.deep.equal([
      'order.test.yaml:4 order test: step 1 (line 4): expected the bot to say "What is your order number?", it said "What is your order number? It looks like LM-123456."',
    ]);
  });

  it('says which request the topic made when the test expected another', () => {
    const files = withTests({ 'order.test.yaml': order('  - bot: { contains: LM-123456 }\n  - http: { answer: { status: 200 } }\n') });
    expect(failuresOf(files)).to.deep.equal(['order.test.yaml:5 order test: step 2 (line 5): expected an http-request, the topic asked a Question (topic.orderNumber)']);
  });

  it('fails on a bot message the test does not expect, before the next step and after the last', () => {
    const before = withTests({ 'order.test.yaml': order('  - user: LM-123456\n') });
    expect(failuresOf(before)).to.deep.equal([
      'order.test.yaml:4 order test: step 1 (line 4): the bot said "What is your order number? It looks like LM-123456.", which the test does not expect (add a bot step)',
    ]);
    const after = withTests({ 'order.test.yaml': order('  - bot: { contains: LM }\n  - user: LM-123456\n  - http: { answer: { failed: timeout } }\n') });
    expect(failuresOf(after)).to.deep.equal([
      `order.test.yaml:6 order test: after the last step: the bot said "Sorry, I can't look orders up right now.", which the test does not expect (add a bot step)`,
    ]);
  });

  it('names the request fields, variables, state, event and ending that differ', () => {
    const steps = (last: string): string => `  - bot: { contains: LM }\n  - user: LM-200300\n  - http: { path: /orders/LM-200300, answer: { status: 200, body: { status: late } } }\n${last}`;
    const cases: Record<string, [string, string]> = {
      'path.test.yaml': ['  - bot: { contains: LM }\n  - user: LM-200300\n  - http: { path: /orders/LM-1, answer: { status: 200 } }\n', 'step 3 (line 6): expected the http-request with path "/orders/LM-1", it was "/orders/LM-200300"'],
      'queue.test.yaml': [steps('  - transfer: { queue: general }\n'), 'step 4 (line 7): expected the transfer-to-agent with queue "general", it was "orders"'],
      'summary.test.yaml': [steps('  - transfer: { variables: { orderNumber: LM-1 } }\n'), 'step 4 (line 7): expected the summary\'s variables to hold orderNumber = "LM-1"; they were {"orderNumber":"LM-200300","order":{"status":200,"body":{"status":"late"}}}'],
      'state.test.yaml': [steps('  - state: { topic.orderNumber: LM-1, conversation.lastOrder: LM-200300 }\n'), 'step 4 (line 7): expected topic.orderNumber to be "LM-1", it is "LM-200300"; conversation.lastOrder to be "LM-200300", it is nothing'],
      'ended.test.yaml': [steps('  - ended: completed\n'), 'step 4 (line 7): expected "where-is-my-order" to have ended (completed), the topic asked for a transfer-to-agent (at "handOver")'],
      'outcome.test.yaml': [steps('  - transfer: {}\n  - ended: cancelled\n'), 'step 5 (line 8): expected "where-is-my-order" to end cancelled, it ended completed'],
      'event.test.yaml': [steps('  - event: order-late\n'), 'step 4 (line 7): expected the event "order-late", the topic logged no other event'],
      'topic.test.yaml': ['  - bot: hi\n', ''],
    };
    const files = withTests(Object.fromEntries(Object.entries(cases).map(([file, [s]]) => [file, file === 'topic.test.yaml' ? `name: order test\nstart: where-is-my-ordr\nsteps:\n${s}` : order(s)])));
    expect(failuresOf(files)).to.deep.equal([
      `ended.test.yaml:7 order test: ${cases['ended.test.yaml']?.[1]}`,
      `event.test.yaml:7 order test: ${cases['event.test.yaml']?.[1]}`,
      `outcome.test.yaml:8 order test: ${cases['outcome.test.yaml']?.[1]}`,
      `path.test.yaml:6 order test: ${cases['path.test.yaml']?.[1]}`,
      `queue.test.yaml:7 order test: ${cases['queue.test.yaml']?.[1]}`,
      `state.test.yaml:7 order test: ${cases['state.test.yaml']?.[1]}`,
      `summary.test.yaml:7 order test: ${cases['summary.test.yaml']?.[1]}`,
      'topic.test.yaml:2 order test: start: there is no topic "where-is-my-ordr" (topics: agent-ended, collect-order-number, error, escalate, greeting, not-resolved, resolved, return-item, unknown, where-is-my-order)',
    ]);
  });

  it('checks that a cancel step uses a cancel phrase, and a user step waits for a Question', () => {
    const files = withTests({
      'cancel.test.yaml': order('  - bot: { contains: LM }\n  - cancel: stop the order\n'),
      'user.test.yaml': 'name: greets\nstart: greeting\nsteps:\n  - bot: { contains: Hello }\n  - user: hi\n',
    });
    expect(failuresOf(files)).to.deep.equal([
      'cancel.test.yaml:5 order test: step 2 (line 5): "stop the order" is not a cancel phrase, so it would not leave the topic',
      "user.test.yaml:5 greets: step 2 (line 5): expected a Question waiting for the customer's answer, the topic ended (greeting: completed)",
    ]);
  });
});

describe('runFlowTests: knowledge, resolution, message, events and the fixed clock', () => {
  const test = (steps: string, extra = ''): Record<string, string> => ({ 'help.test.yaml': `name: help desk\nstart: help-desk\n${extra}steps:\n${steps}` });

  it('answers the knowledge base and the resolution check, and matches the logged event', () => {
    const files = withTests(
      test('  - knowledge: { filters: { topic: orders }, answered: true, entryId: faq-12, topic: orders }\n  - resolution: { resolved: true, csat: 5 }\n  - event: { name: faq-rated, properties: { csat: 5 } }\n  - state: { topic.answer: { answered: true, entryId: faq-12, topic: orders } }\n  - ended: completed\n'),
      { 'help-desk.yaml': helpDesk },
    );
    expect(runFlowTests(files)).to.deep.equal({ passed: 1, failures: [] });
    const wrong = withTests(test('  - knowledge: { filters: { topic: returns } }\n'), { 'help-desk.yaml': helpDesk });
    expect(failuresOf(wrong)).to.deep.equal(['help.test.yaml:4 help desk: step 1 (line 4): expected the answer-from-knowledge with filters {"topic":"returns"}, it was {"topic":"orders"}']);
  });

  it('reads relative dates against the fixed clock, or the test\'s own now, then takes a message', () => {
    const steps = '  - knowledge: { answered: false }\n  - bot: When may we call you?\n  - user: tomorrow at 3pm\n  - message: { queue: orders, reason: no-answer }\n  - state: { topic.when: "%s" }\n  - ended: completed\n';
    const fixed = withTests(test(steps.replace('%s', '2026-01-16T15:00:00')), { 'help-desk.yaml': helpDesk });
    expect(runFlowTests(fixed)).to.deep.equal({ passed: 1, failures: [] });
    const own = withTests(test(steps.replace('%s', '2027-03-02T15:00:00'), 'now: 2027-03-01T08:00:00Z\n'), { 'help-desk.yaml': helpDesk });
    expect(runFlowTests(own)).to.deep.equal({ passed: 1, failures: [] });
  });
});

describe('runFlowTests: a broken test file is reported, never thrown', () => {
  it('reports bad YAML, an unknown step kind, an unknown setting and a missing start, each with its line, and runs the rest', () => {
    const files = withTests({
      'a.test.yaml': 'name: [unclosed\n',
      'b.test.yaml': 'name: waves\nstart: greeting\nsteps:\n  - bot: { contains: Hello }\n  - wave: hi\n',
      'c.test.yaml': 'tests:\n  - name: spelt wrong\n    start: greeting\n    stpes: []\n  - name: no start\n    steps:\n      - bot: hi\n',
      'd.test.yaml': 'name: bot step with a typo\nstart: greeting\nsteps:\n  - bot: { contain: Hello }\n',
      'e.test.yaml': 'name: fine\nstart: greeting\nsteps:\n  - bot: { contains: Hello }\n',
    });
    let report: ReturnType<typeof runFlowTests> | undefined;
    expect(() => (report = runFlowTests(files))).to.not.throw();
    expect(report?.passed).to.equal(1);
    const lines = report?.failures.map((f) => `${f.file}:${f.line ?? '?'} ${f.test}: ${f.message}`) ?? [];
    expect(lines).to.have.length(6);
    expect(lines[0]).to.match(/^a\.test\.yaml:\d a\.test\.yaml: .+/);
    expect(lines.slice(1)).to.deep.equal([
      'b.test.yaml:5 waves: step 2: unknown step kind "wave": use one of bot, user, http, transfer, message, knowledge, resolution, cancel, event, state, ended',
      'c.test.yaml:2 spelt wrong: steps: is required but missing',
      'c.test.yaml:4 spelt wrong: unknown setting "stpes" (check the spelling)',
      'c.test.yaml:5 no start: start: is required but missing',
      'd.test.yaml:4 bot step with a typo: step 1: bot: unknown setting "contain" (check the spelling)',
    ]);
  });

  it('reports topics that do not validate instead of running tests on them', () => {
    const files = withTests({ 'e.test.yaml': 'name: fine\nstart: greeting\nsteps:\n  - bot: { contains: Hello }\n' }, { 'zz.yaml': 'kind: AdaptiveDialog\nbeginDialog: {}\n' });
    const report = runFlowTests(files);
    expect(report.passed).to.equal(0);
    expect(report.failures.map((f) => f.file)).to.include('zz.yaml');
    expect(report.failures.at(-1)).to.deep.include({ test: 'fine', file: 'e.test.yaml', message: 'there are no valid topics to test' });
  });
});

describe('npm run flows -- test, with the real runner', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wl-flowtests-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a summary for the good fixtures and each failure with file, line, test and step', async () => {
    const run = async (folder: string): Promise<{ code: number; out: string[]; err: string[] }> => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runFlows(['test', folder], { out: (l) => out.push(l), err: (l) => err.push(l) }, {}, flowTools());
      return { code, out, err };
    };
    const good = await run(goodFlowsDir);
    expect(good).to.deep.equal({ code: 0, out: [`${runFlowTests(goodFlowFiles()).passed} flow tests passed, 0 failed.`], err: [] });
    for (const f of withTests({ 'greeting.test.yaml': 'name: greets in zh\nlocale: zh-CN\nstart: greeting\nsteps:\n  - bot: 你好\n' })) writeFileSync(path.join(dir, f.path), f.text);
    const failing = await run(dir);
    expect(failing.code).to.equal(5);
    expect(failing.err).to.deep.equal(['FAIL greeting.test.yaml:5 greets in zh: step 1 (line 5): expected the bot to say "你好", it said "您好！有什么可以帮您？输入“人工”即可联系客服。"']);
    expect(failing.out).to.deep.equal(['0 flow tests passed, 1 failed.']);
  });
});
