import { expect } from 'chai';
import type { FlowProblem } from '../../flows/flowErrors';
import { flowSetProblems } from '../../flows/topicLoader';
import type { FlowFile } from '../../flows/topicLoader';
import { validateFlowSet } from '../../flows/flowValidator';
import { goodFlowFiles, problemKeys, refusal, withFile } from '../support/flowFiles';

/** The problems of the good set after one edit; fails when there are none. */
function problemsAfter(name: string, edit: (text: string) => string, files?: FlowFile[]): readonly FlowProblem[] {
  const problems = refusal(withFile(name, edit, files)).problems;
  expect(problems).to.not.be.empty;
  return problems;
}

/** An OnEscalate topic with these actions (indented as list items under `actions:`). */
function escalateWith(actions: string): (text: string) => string {
  return (text) => text.slice(0, text.indexOf('  actions:')) + `  actions:\n${actions}`;
}

const transfer = '    - kind: TransferToAgent\n      id: handOver\n      reason: requested\n';

describe('flow validator', () => {
  it('finds nothing wrong with the good set', () => {
    expect(flowSetProblems(goodFlowFiles())).to.deep.equal([]);
  });

  describe('references between topics and actions', () => {
    it('refuses two topics with one id', () => {
      const problems = problemsAfter('copy.yaml', () => goodFlowFiles().find((f) => f.path === 'where-is-my-order.yaml')?.text ?? '');
      expect(problems.map((p) => [p.code, p.file, p.path, p.message])).to.deep.equal([['duplicate-topic-id', 'where-is-my-order.yaml', 'id', 'the topic id "where-is-my-order" is also used by copy.yaml; give each topic its own id (or file name)']]);
    });

    it('refuses a BeginDialog to a topic that does not exist, and inputs and outputs the topic does not have', () => {
      const problems = problemsAfter('return-item.yaml', (t) => t.replace('input: { hint: "LM-123456" }', 'input: { example: "LM-123456" }').replace('output: { orderNumber: topic.orderNumber }', 'output: { order: topic.orderNumber }'));
      expect(problemKeys(problems).map((k) => k.replace(/:\d+ /, ' '))).to.deep.equal(['unknown-input return-item.yaml beginDialog.actions[0].input.example', 'unknown-output return-item.yaml beginDialog.actions[0].output.order']);
      expect(problems[0]?.message).to.equal('"collect-order-number" takes no input "example"; its inputs: hint');
      const missing = problemsAfter('return-item.yaml', (t) => t.replace('dialog: collect-order-number', 'dialog: collect-order'));
      expect(missing.map((p) => [p.code, p.path, p.message])).to.deep.equal([['unknown-topic', 'beginDialog.actions[0].dialog', 'begins "collect-order", but no topic has that id']]);
    });

    it('does not also blame a reference to a topic that failed for another reason', () => {
      const problems = problemsAfter('collect-order-number.yaml', (t) => t.replace('outputs: [orderNumber]', 'outputs: [orderNumber]\ncolour: blue'));
      expect(problems.map((p) => p.code)).to.deep.equal(['unknown-field']);
    });

    it('refuses ids used twice in one topic', () => {
      const problems = problemsAfter('not-resolved.yaml', (t) => t.replace('id: okay', 'id: offerPerson'));
      expect(problems.map((p) => [p.code, p.path, p.message])).to.deep.equal([['duplicate-id', 'beginDialog.actions[1].elseActions[0].id', 'the id "offerPerson" is already used at beginDialog.actions[0]; ids must be unique within a topic']]);
    });
  });

  describe('unreachable actions', () => {
    it('reports actions after an EndDialog, a GotoAction or a TransferToAgent, once per run', () => {
      const problems = problemsAfter('resolved.yaml', (t) => `${t}    - kind: EndDialog\n      id: stop\n    - kind: SendActivity\n      id: never\n      text: { en-US: Never, zh-CN: 不会 }\n    - kind: LogEvent\n      id: neither\n      name: never\n`);
      expect(problems.map((p) => [p.code, p.path, p.line])).to.deep.equal([['unreachable-action', 'beginDialog.actions[2]', 11]]);
      expect(problems[0]?.message).to.equal('can never run (nor can the 1 after it): "stop" before it always ends the topic (EndDialog); remove it, or make it the target of a GotoAction');
    });

    it('counts an action a GotoAction lands on as reachable, and a conditional ending as not an ending', () => {
      const text = `${goodFlowFiles().find((f) => f.path === 'resolved.yaml')?.text ?? ''}    - kind: GotoAction\n      id: jump\n      actionId: landing\n    - kind: EndDialog\n      id: skipped\n    - kind: SendActivity\n      id: landing\n      text: { en-US: Here, zh-CN: 这里 }\n    - kind: EndDialog\n      id: maybe\n      condition: =conversation.tier == 'vip'\n    - kind: SendActivity\n      id: after\n      text: { en-US: After, zh-CN: 之后 }\n`;
      const problems = refusal(withFile('resolved.yaml', () => text)).problems;
      expect(problems.map((p) => [p.code, p.path])).to.deep.equal([['unreachable-action', 'beginDialog.actions[2]']]);
    });

    it('sees the end of every branch of a ConditionGroup with an else', () => {
      const problems = problemsAfter('not-resolved.yaml', (t) => `${t.replace("text: { en-US: \"All right. Ask me anything else.\", zh-CN: \"好的，您还可以问我其他问题。\" }", "text: { en-US: \"All right.\", zh-CN: \"好的。\" }\n        - kind: EndDialog\n          id: done")}    - kind: SendActivity\n      id: never\n      text: { en-US: Never, zh-CN: 不会 }\n`);
      expect(problems.map((p) => [p.code, p.path])).to.deep.equal([['unreachable-action', 'beginDialog.actions[2]']]);
    });
  });

  describe('variables and expressions', () => {
    it('refuses a topic variable nothing sets, in English and Chinese texts alike', () => {
      const problems = problemsAfter('where-is-my-order.yaml', (t) => t.replace('订单 ${topic.orderNumber} 状态', '订单 ${topic.ordrNumber} 状态').replace("=topic.order.body.status == 'late'", "=topic.ordr.body.status == 'late'"));
      expect(problems.map((p) => [p.code, p.path])).to.deep.equal([
        ['unknown-variable', 'beginDialog.actions[2].conditions[0].condition'],
        ['unknown-variable', 'beginDialog.actions[2].elseActions[0].text.zh-CN'],
      ]);
      expect(problems[1]?.message).to.equal("reads topic.ordrNumber, but nothing in this topic sets it (a Question, SetVariable, resultVariable or BeginDialog output) and it is not one of the topic's inputs");
    });

    it('counts inputs, outputs of a BeginDialog and anything set anywhere in the topic', () => {
      expect(flowSetProblems(withFile('collect-order-number.yaml', (t) => t.replace('(like ${topic.hint})', '(like ${topic.hint}, ${topic.orderNumber})')))).to.deep.equal([]);
    });

    it('checks the variables a button sends back', () => {
      const problems = problemsAfter('unknown.yaml', (t) => t.replace('value: agent', 'value: "agent ${topic.reason}"'));
      expect(problems.map((p) => [p.code, p.path])).to.deep.equal([['unknown-variable', 'beginDialog.actions[0].buttons[0].value']]);
    });

    it('refuses a topic output nothing sets', () => {
      const problems = problemsAfter('collect-order-number.yaml', (t) => t.replace('outputs: [orderNumber]', 'outputs: [orderNumber, email]'));
      expect(problems.map((p) => [p.code, p.path, p.message])).to.deep.equal([['unknown-variable', 'outputs[1]', 'hands back topic.email, but nothing in this topic sets it']]);
    });

    it('knows what the runtime provides and what other topics set in conversation.* and user.*', () => {
      const reads = '"=concat(customer.name, turn.text, system.localTime, conversation.lastReturn, turn.activity.from.id)"';
      expect(flowSetProblems(withFile('agent-ended.yaml', (t) => t.replace('csat: =topic.resolution.csat', `csat: ${reads}`)))).to.deep.equal([]);
      const problems = problemsAfter('agent-ended.yaml', (t) => t.replace('csat: =topic.resolution.csat', 'csat: "=concat(customer.vip, conversation.favourite, system.weather)"'));
      expect(problems.map((p) => p.code)).to.deep.equal(['unknown-variable', 'unknown-variable', 'unknown-variable']);
      expect(problems[0]?.message).to.match(/^reads customer\.vip, which the runtime does not provide; customer\.\* has customer\.id, customer\.name, /);
      expect(problems[1]?.message).to.contain('reads conversation.favourite, which the runtime does not provide and no topic sets it');
    });

    it('refuses a variable without a scope', () => {
      const problems = problemsAfter('agent-ended.yaml', (t) => t.replace('csat: =topic.resolution.csat', 'csat: =resolution.csat'));
      expect(problems.map((p) => [p.code, p.path])).to.deep.equal([['unknown-scope', 'beginDialog.actions[1].properties.csat']]);
    });

    it('refuses writing a read-only scope', () => {
      const problems = problemsAfter('resolved.yaml', (t) => `${t}    - kind: SetVariable\n      id: mark\n      variable: customer.tier\n      value: vip\n`);
      expect(problems.map((p) => [p.code, p.path, p.line])).to.deep.equal([['read-only-scope', 'beginDialog.actions[1].variable', 11]]);
      expect(problems[0]?.message).to.equal('customer.tier cannot be set: customer.* is read-only; keep the value in topic.*, conversation.* or user.*');
    });

    it('names an expression that does not parse, in a value and inside a Chinese text', () => {
      const problems = problemsAfter('where-is-my-order.yaml', (t) => t.replace("path: =concat('/orders/', topic.orderNumber)", "path: =concat('/orders/', topic.orderNumber").replace('订单 ${topic.orderNumber} 状态', '订单 ${topic.orderNumber 状态'));
      expect(problems.map((p) => [p.code, p.path])).to.deep.equal([
        ['expression-syntax', 'beginDialog.actions[1].path'],
        ['expression-syntax', 'beginDialog.actions[2].elseActions[0].text.zh-CN'],
      ]);
      expect(problems[0]?.message).to.match(/^"=concat\('\/orders\/', topic\.orderNumber" is not a valid expression: /);
      expect(problems[1]?.message).to.contain('never closed');
    });

    it('refuses a regex entity that does not compile', () => {
      const problems = problemsAfter('collect-order-number.yaml', (t) => t.replace('pattern: "^LM-\\\\d{6}$"', 'pattern: "^LM-(\\\\d{6}$"'));
      expect(problems.map((p) => [p.code, p.path])).to.deep.equal([['invalid-regex', 'beginDialog.actions[0].entity.pattern']]);
      expect(problems[0]?.message).to.contain('Unterminated group');
    });
  });

  describe('guardrails: a flow cannot block a request for a person or cancel', () => {
    it('refuses an OnEscalate topic with a path that ends without a person, with a clear message', () => {
      const problems = problemsAfter('escalate.yaml', escalateWith("    - kind: ConditionGroup\n      id: route\n      conditions:\n        - id: isVip\n          condition: =conversation.tier == 'vip'\n          actions:\n" + transfer.replace(/^ {4}/gm, '            ') + '      elseActions:\n        - kind: SendActivity\n          id: busy\n          text: { en-US: We are busy., zh-CN: 我们很忙。 }\n        - kind: EndDialog\n          id: stop\n'));
      expect(problems.map((p) => [p.code, p.file, p.path])).to.deep.equal([['blocks-escalation', 'escalate.yaml', 'beginDialog.actions[0].elseActions[1]']]);
      expect(problems[0]?.message).to.equal(
        'a customer who asked for a person would not reach one (P1): one path ends at "stop" (EndDialog) before any TransferToAgent or TakeMessageOrCallback. Every path of the OnEscalate topic must reach one of them; to choose between them, use a ConditionGroup with elseActions',
      );
    });

    it('refuses an OnEscalate topic that only says something, or hands over only under a condition', () => {
      const says = problemsAfter('escalate.yaml', escalateWith('    - kind: SendActivity\n      id: no\n      text: { en-US: No., zh-CN: 不行。 }\n'));
      expect(says.map((p) => [p.code, p.path])).to.deep.equal([['blocks-escalation', 'beginDialog.actions']]);
      expect(says[0]?.message).to.contain('one path reaches the end of its actions');
      const conditional = problemsAfter('escalate.yaml', escalateWith(`${transfer}      condition: =conversation.tier == 'vip'\n`));
      expect(conditional.map((p) => p.code)).to.deep.equal(['blocks-escalation']);
    });

    it('refuses an OnEscalate topic with a condition of its own', () => {
      const problems = problemsAfter('escalate.yaml', (t) => t.replace('  kind: OnEscalate\n', "  kind: OnEscalate\n  condition: =conversation.tier == 'vip'\n"));
      expect(problems.map((p) => [p.code, p.path, p.message])).to.deep.equal([['blocks-escalation', 'beginDialog.condition', 'the OnEscalate topic must run whenever a customer asks for a person (P1); remove its condition']]);
    });

    it('refuses a cancel, a loop or a failed call that ends the OnEscalate topic', () => {
      expect(problemsAfter('escalate.yaml', escalateWith('    - kind: CancelAllDialogs\n      id: drop\n' + transfer))[0]?.message).to.contain('ends every topic at "drop" (CancelAllDialogs)');
      expect(problemsAfter('escalate.yaml', escalateWith('    - kind: SendActivity\n      id: hold\n      text: { en-US: Hold on., zh-CN: 请稍候。 }\n    - kind: GotoAction\n      id: again\n      actionId: hold\n'))[0]?.message).to.contain('loops back to "hold"');
      const http = '    - kind: HttpRequest\n      id: check\n      method: GET\n      backend: desk\n      path: /open\n      resultVariable: topic.open\n      onError:\n        - kind: SendActivity\n          id: oops\n          text: { en-US: Oops., zh-CN: 出错了。 }\n';
      expect(problemsAfter('escalate.yaml', escalateWith(http + transfer))[0]?.message).to.contain('when "check" (HttpRequest) fails, its onError path ends');
    });

    it('accepts an OnEscalate topic that reaches a person through another topic, a question or a message', () => {
      const begins = '    - kind: BeginDialog\n      id: handOff\n      dialog: hand-off\n';
      const handOff = `kind: AdaptiveDialog\ndisplayName: { en-US: Hand off, zh-CN: 转接 }\nbeginDialog:\n  kind: OnRecognizedIntent\n  intent: { triggerQueries: { en-US: [hand off please], zh-CN: [帮我转接] } }\n  actions:\n${transfer}`;
      expect(flowSetProblems(withFile('hand-off.yaml', () => handOff, withFile('escalate.yaml', escalateWith(begins))))).to.deep.equal([]);
      const asks = '    - kind: Question\n      id: ask\n      variable: topic.callBack\n      prompt: { en-US: Call you back?, zh-CN: 需要回电吗？ }\n      entity: boolean\n      allowInterruptions: false\n    - kind: ConditionGroup\n      id: how\n      conditions:\n        - id: back\n          condition: =topic.callBack\n          actions:\n            - kind: TakeMessageOrCallback\n              id: message\n      elseActions:\n' + transfer.replace(/^ {4}/gm, '        ');
      expect(flowSetProblems(withFile('escalate.yaml', escalateWith(asks)))).to.deep.equal([]);
      const returns = handOff.replace(transfer, '    - kind: EndDialog\n      id: done\n');
      expect(refusal(withFile('hand-off.yaml', () => returns, withFile('escalate.yaml', escalateWith(begins)))).problems[0]).to.include({ path: 'beginDialog.actions' });
      const cancels = handOff.replace(transfer, '    - kind: CancelAllDialogs\n      id: drop\n');
      expect(refusal(withFile('hand-off.yaml', () => cancels, withFile('escalate.yaml', escalateWith(begins)))).problems[0]?.message).to.contain('ends every topic at "drop" (CancelAllDialogs) (in topic "hand-off", which it begins)');
    });

    it('refuses trigger queries that ask for a person, in English or Chinese, or with the admin\'s own phrases', () => {
      const problems = problemsAfter('where-is-my-order.yaml', (t) => t.replace('track my parcel', 'talk to an agent about my order').replace('查一下我的快递', '转人工'));
      expect(problems.map((p) => [p.code, p.path])).to.deep.equal([
        ['blocks-escalation', 'beginDialog.intent.triggerQueries.en-US[1]'],
        ['blocks-escalation', 'beginDialog.intent.triggerQueries.zh-CN[1]'],
      ]);
      expect(problems[1]?.message).to.equal('"转人工" asks for a person; that always goes to the OnEscalate topic (P1), so it cannot start this one. Remove it, or add this topic\'s steps to the OnEscalate topic');
      expect(flowSetProblems(goodFlowFiles(), { agentPhrases: ['track my parcel'] }).map((p) => p.code)).to.deep.equal(['blocks-escalation']);
    });

    it('refuses trigger queries that cancel, but not a request about cancelling something', () => {
      const problems = problemsAfter('where-is-my-order.yaml', (t) => t.replace('track my parcel', 'never mind').replace('查一下我的快递', '算了'));
      expect(problems.map((p) => [p.code, p.path])).to.deep.equal([
        ['blocks-cancel', 'beginDialog.intent.triggerQueries.en-US[1]'],
        ['blocks-cancel', 'beginDialog.intent.triggerQueries.zh-CN[1]'],
      ]);
      expect(flowSetProblems(withFile('where-is-my-order.yaml', (t) => t.replace('track my parcel', 'cancel my order').replace('查一下我的快递', '取消订单')))).to.deep.equal([]);
    });
  });

  describe('system triggers', () => {
    it('needs exactly one topic for each system trigger when asked to, and never two', () => {
      const noError = goodFlowFiles().filter((f) => f.path !== 'error.yaml');
      expect(flowSetProblems(noError)).to.deep.equal([]);
      expect(flowSetProblems(noError, { requireSystemTriggers: true })).to.deep.equal([{ code: 'missing-system-trigger', file: '', path: '', message: 'no topic has the trigger OnError; the set needs exactly one: what the customer is told when a turn fails' }]);
      const second = problemsAfter('error-two.yaml', () => goodFlowFiles().find((f) => f.path === 'error.yaml')?.text ?? '');
      expect(second.map((p) => [p.code, p.file, p.path, p.line])).to.deep.equal([['duplicate-system-trigger', 'error.yaml', 'beginDialog.kind', 4]]);
    });
  });

  it('works on topics built in code, without files', () => {
    expect(validateFlowSet([])).to.deep.equal([]);
    expect(validateFlowSet([], { requireSystemTriggers: true })).to.have.length(7);
  });
});
