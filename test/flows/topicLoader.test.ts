import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { QuestionAction, SendActivityAction } from '../../flows/flowDefinition';
import { FlowError, flowErrorCodes } from '../../flows/flowErrors';
import { flowSetProblems, isTopicFile, loadFlowSet, parseFlowSet } from '../../flows/topicLoader';
import { goodFlowFiles, goodFlowsDir, problemKeys, refusal, withFile } from '../support/flowFiles';

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  expect(index, `"${needle}" is not in the file`).to.be.at.least(0);
  return index + 1;
}

function goodText(name: string): string {
  const file = goodFlowFiles().find((f) => f.path === name);
  if (!file) expect.fail(`no ${name} in the fixtures`);
  return file.text;
}

describe('topic loader', () => {
  describe('a good folder', () => {
    it('loads every topic, its id from the file name unless the file gives one', () => {
      const set = loadFlowSet(goodFlowsDir);
      expect(set.topics.map((t) => t.id)).to.have.members([
        'agent-ended',
        'collect-order-number',
        'error',
        'escalate',
        'greeting',
        'not-resolved',
        'resolved',
        'return-item',
        'unknown',
        'where-is-my-order',
      ]);
      expect(set.version).to.match(/^[0-9a-f]{16}$/);
    });

    it('reads the topic as the admin wrote it: triggers, expressions, literals and both languages', () => {
      const topic = loadFlowSet(goodFlowsDir).topics.find((t) => t.id === 'where-is-my-order');
      expect(topic?.displayName).to.deep.equal({ 'en-US': 'Where is my order', 'zh-CN': '查询订单' });
      expect(topic?.inputs).to.deep.equal(['orderNumber']);
      expect(topic?.trigger).to.include({ kind: 'OnRecognizedIntent', id: 'main' });
      expect(topic?.trigger.triggerQueries).to.deep.equal({ 'en-US': ['where is my order', 'track my parcel'], 'zh-CN': ['我的订单到哪了', '查一下我的快递'] });
      expect(topic?.trigger.condition).to.deep.equal({ expression: "conversation.tier != 'blocked'" });
      const [ask, lookup] = topic?.trigger.actions ?? [];
      expect(ask).to.include({ kind: 'Question', variable: 'topic.orderNumber', maxTurns: 3 });
      expect((ask as QuestionAction).entity).to.deep.equal({ kind: 'regex', pattern: '^LM-\\d{6}$', flags: 'i' });
      expect((ask as QuestionAction).prompt['zh-CN']).to.equal('请问您的订单号是多少？格式如 LM-123456。');
      expect(lookup).to.deep.include({ kind: 'HttpRequest', method: 'GET', backend: 'orders', path: { expression: "concat('/orders/', topic.orderNumber)" }, timeoutMs: 3000 });
    });

    it('tells each action where it is written: file, YAML path and line', () => {
      const topic = loadFlowSet(goodFlowsDir).topics.find((t) => t.id === 'where-is-my-order');
      const text = goodText('where-is-my-order.yaml');
      const lookup = topic?.trigger.actions[1];
      expect(lookup?.source).to.deep.equal({ file: 'where-is-my-order.yaml', path: 'beginDialog.actions[1]', line: lineOf(text, 'kind: HttpRequest') });
      const failed = lookup?.kind === 'HttpRequest' ? lookup.onError?.[0] : undefined;
      expect(failed?.source).to.deep.equal({ file: 'where-is-my-order.yaml', path: 'beginDialog.actions[1].onError[0]', line: lineOf(text, 'id: lookupFailed') - 1 });
    });

    it('takes a literal that does not start with "=" as it is, and a built-in entity by its name alone', () => {
      const set = loadFlowSet(goodFlowsDir);
      const returns = set.topics.find((t) => t.id === 'return-item');
      expect(returns?.trigger.actions[0]).to.deep.include({ kind: 'BeginDialog', input: { hint: 'LM-123456' }, output: { orderNumber: 'topic.orderNumber' } });
      const confirm = returns?.trigger.actions[2] as QuestionAction;
      expect(confirm.entity).to.deep.equal({ kind: 'boolean' });
      const card = (returns?.trigger.actions[3]?.kind === 'ConditionGroup' ? returns.trigger.actions[3].elseActions?.[1] : undefined) as SendActivityAction;
      expect(card.card?.['zh-CN']).to.deep.include({ type: 'AdaptiveCard' });
    });

    it('hands out a frozen set, so no caller can change what others run', () => {
      const set = loadFlowSet(goodFlowsDir);
      expect(Object.isFrozen(set.topics[0]?.trigger.actions[0])).to.equal(true);
    });

    it('leaves out flow tests and files in sub-folders', () => {
      expect(isTopicFile('greeting.yaml')).to.equal(true);
      expect(isTopicFile('Greeting.YML')).to.equal(true);
      expect(isTopicFile('greeting.test.yaml')).to.equal(false);
      expect(isTopicFile('tests/greeting.yaml')).to.equal(false);
      expect(isTopicFile('README.md')).to.equal(false);
      expect(flowSetProblems(withFile('greeting.test.yaml', () => 'steps: [unclosed'))).to.deep.equal([]);
    });
  });

  describe('versions', () => {
    it('gives the same files the same version, from a folder or from memory, whatever the line ends', () => {
      const fromFolder = loadFlowSet(goodFlowsDir).version;
      expect(parseFlowSet(goodFlowFiles()).version).to.equal(fromFolder);
      expect(parseFlowSet(goodFlowFiles().map((f) => ({ ...f, text: f.text.replace(/\n/g, '\r\n') }))).version).to.equal(fromFolder);
      expect(parseFlowSet(goodFlowFiles().reverse()).version).to.equal(fromFolder);
    });

    it('gives changed files a new version, or the one the caller names', () => {
      const changed = withFile('resolved.yaml', (t) => t.replace('Glad I could help.', 'Glad to help!'));
      expect(parseFlowSet(changed).version).to.not.equal(loadFlowSet(goodFlowsDir).version);
      expect(parseFlowSet(changed, { version: 'v42' }).version).to.equal('v42');
    });
  });

  describe('problems', () => {
    it('names a misspelt setting on its own line', () => {
      const files = withFile('where-is-my-order.yaml', (t) => t.replace('maxTurns: 3', 'maxTurn: 3'));
      const error = refusal(files);
      const line = lineOf(files.find((f) => f.path === 'where-is-my-order.yaml')?.text ?? '', 'maxTurn: 3');
      expect(error.problems).to.deep.equal([
        { code: 'unknown-field', file: 'where-is-my-order.yaml', path: 'beginDialog.actions[0].maxTurn', line, message: 'unknown setting "maxTurn" (check the spelling)' },
      ]);
    });

    it('refuses a text without its Chinese variant, at the text', () => {
      const files = withFile('resolved.yaml', (t) => t.replace('text: { en-US: Glad I could help., zh-CN: 很高兴能帮到您。 }', 'text: { en-US: Glad I could help. }'));
      const error = refusal(files);
      expect(problemKeys(error.problems)).to.deep.equal([`missing-locale-text resolved.yaml:${lineOf(goodText('resolved.yaml'), 'text:')} beginDialog.actions[0].text.zh-CN`]);
      expect(error.message).to.contain('resolved.yaml').and.contain('zh-CN').and.contain('missing-locale-text');
    });

    it('refuses an empty English text and a text in one language only', () => {
      const files = withFile('unknown.yaml', (t) => t.replace('en-US: Sorry, I don\'t have an answer for that yet.', "en-US: ''").replace('title: { en-US: Talk to a person, zh-CN: 联系人工客服 }', 'title: Talk to a person'));
      const problems = refusal(files).problems;
      expect(problems.map((p) => [p.code, p.path])).to.deep.equal([
        ['missing-locale-text', 'beginDialog.actions[0].text.en-US'],
        ['missing-locale-text', 'beginDialog.actions[0].buttons[0].title'],
      ]);
      expect(problems[1]?.message).to.equal('write the text in each language: { en-US: …, zh-CN: … }');
    });

    it('refuses trigger queries missing in one language', () => {
      const files = withFile('where-is-my-order.yaml', (t) => t.replace('zh-CN: [我的订单到哪了, 查一下我的快递]', 'zh-CN: []'));
      expect(problemKeys(refusal(files).problems)).to.deep.equal([`missing-locale-text where-is-my-order.yaml:${lineOf(goodText('where-is-my-order.yaml'), 'zh-CN: [我的订单到哪了')} beginDialog.intent.triggerQueries.zh-CN`]);
    });

    it('answers an unknown kind with the kinds there are', () => {
      const files = withFile('greeting.yaml', (t) => t.replace('kind: SendActivity', 'kind: SendMessage'));
      const [problem] = refusal(files).problems;
      expect(problem).to.include({ code: 'unknown-kind', file: 'greeting.yaml', path: 'beginDialog.actions[0].kind', line: lineOf(goodText('greeting.yaml'), 'kind: SendActivity') });
      expect(problem?.message).to.match(/^"SendMessage" is not an action kind; use one of SendActivity, Question, /);
    });

    it('says a condition is an expression when the "=" is missing', () => {
      const files = withFile('where-is-my-order.yaml', (t) => t.replace("condition: =topic.order.body.status == 'late'", "condition: topic.order.body.status == 'late'"));
      const [problem] = refusal(files).problems;
      expect(problem).to.include({ code: 'invalid-field', path: 'beginDialog.actions[2].conditions[0].condition' });
      expect(problem?.message).to.contain('start it with "="');
    });

    it('says where a file is not valid YAML', () => {
      const files = withFile('resolved.yaml', (t) => t.replace('kind: OnResolved', 'kind: [OnResolved'));
      const [problem] = refusal(files).problems;
      expect(problem).to.include({ code: 'yaml-syntax', file: 'resolved.yaml' });
      expect(problem?.line).to.be.a('number');
      expect(problem?.message).to.match(/^not valid YAML: /);
    });

    it('reports every problem of every file at once, file by file and line by line', () => {
      let files = withFile('where-is-my-order.yaml', (t) => t.replace('maxTurns: 3', 'maxTurn: 3').replace('zh-CN: "请问您的订单号是多少？格式如 LM-123456。" ', ''));
      files = withFile('greeting.yaml', (t) => t.replace('kind: SendActivity', 'kind: SendMessage'), files);
      files = withFile('return-item.yaml', (t) => t.replace('actionId: askReason', 'actionId: askReasn'), files);
      files = withFile('unknown.yaml', (t) => `${t}    - kind: EndDialog\n      id: stop\n    - kind: SendActivity\n      id: after\n      text: { en-US: Never shown, zh-CN: 不会显示 }\n`, files);
      const error = refusal(files);
      expect(error.code).to.equal(flowErrorCodes.invalid);
      expect(problemKeys(error.problems)).to.deep.equal([
        `unknown-kind greeting.yaml:${lineOf(goodText('greeting.yaml'), 'kind: SendActivity')} beginDialog.actions[0].kind`,
        `unknown-action return-item.yaml:${lineOf(goodText('return-item.yaml'), 'actionId: askReason')} beginDialog.actions[3].conditions[0].actions[1].actionId`,
        `unreachable-action unknown.yaml:${goodText('unknown.yaml').split('\n').length + 2} beginDialog.actions[2]`,
        `missing-locale-text where-is-my-order.yaml:${lineOf(goodText('where-is-my-order.yaml'), 'prompt: { en-US: "What is your order number?')} beginDialog.actions[0].prompt.zh-CN`,
        `unknown-field where-is-my-order.yaml:${lineOf(goodText('where-is-my-order.yaml'), 'maxTurns: 3')} beginDialog.actions[0].maxTurn`,
      ]);
      expect(error.message.split('\n')[0]).to.equal('Flows: 5 problems:');
    });
  });

  describe('loadFlowSet', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'warmline-flows-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('names the file by its full path in a problem', () => {
      for (const file of withFile('resolved.yaml', (t) => t.replace('kind: OnResolved', 'kind: OnResolve'))) writeFileSync(path.join(dir, file.path), file.text);
      try {
        loadFlowSet(dir);
        expect.fail('the flows were accepted');
      } catch (err) {
        expect(err).to.be.instanceOf(FlowError);
        expect((err as FlowError).problems.map((p) => [p.code, p.file])).to.deep.equal([
          ['unknown-kind', path.join(dir, 'resolved.yaml')],
        ]);
      }
    });

    it('refuses a folder without topics', () => {
      writeFileSync(path.join(dir, 'notes.md'), '# not a topic');
      expect(() => loadFlowSet(dir)).to.throw(FlowError, 'has no topic files').with.property('code', flowErrorCodes.invalid);
    });

    it('refuses a folder that is not there with its own code', () => {
      expect(() => loadFlowSet(path.join(dir, 'missing'))).to.throw(FlowError, 'cannot be read').with.property('code', flowErrorCodes.notFound);
    });
  });
});
