import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { flowSetProblems } from '../../../../flows/topicLoader';
import { actionKinds, newAction, newTopicYaml, textFields } from '../../../../web/studio/src/screens/flows/actionTemplates';
import { deleteAction, insertAction, localeTextsAt, moveAction, setLocaleTexts } from '../../../../web/studio/src/screens/flows/topicEdits';
import type { EditResult } from '../../../../web/studio/src/screens/flows/topicEdits';
import { readTopic } from '../../../../web/studio/src/screens/flows/topicYaml';

const flowsDir = path.join(__dirname, '..', '..', '..', '..', 'content', 'flows');
const topicText = (name: string): string => readFileSync(path.join(flowsDir, `${name}.yaml`), 'utf8');
const words = { message: { 'en-US': 'New message', 'zh-CN': '新消息' }, question: { 'en-US': 'Your question?', 'zh-CN': '请问您的问题？' } } as const;

function text(result: EditResult): string {
  if (!result.ok) throw new Error(`edit refused: ${result.reason}`);
  return result.text;
}
/** The ids of a list of actions in the edited text. */
function ids(yaml: string, ...listPath: (string | number)[]): string[] {
  let node: unknown = parse(yaml);
  for (const key of listPath) node = (node as Record<string | number, unknown>)[key];
  return (node as { id: string }[]).map((a) => a.id);
}
/** Lines of `after` that `before` does not have (and the other way round). */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}
/** Every problem the server's validator finds in the sample flows with `file` replaced by `yaml`. */
function problemsWith(file: string, yaml: string): string[] {
  const files = readdirSync(flowsDir).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: f, text: f === file ? yaml : readFileSync(path.join(flowsDir, f), 'utf8') }));
  if (!files.some((f) => f.path === file)) files.push({ path: file, text: yaml });
  return flowSetProblems(files).map((p) => `${p.path ?? ''} ${p.message}`);
}

/** The canvas's edits of a topic's YAML: the change asked for, every other line and comment as written. */
describe('web/studio flows/topicEdits: canvas edits of a topic YAML', () => {
  const returnItem = topicText('return-item');

  it('moves an action down and up its list, taking its comment lines along and leaving the rest as written', () => {
    const down = text(moveAction(returnItem, ['beginDialog', 'actions', 2], 1));
    expect(ids(down, 'beginDialog', 'actions')).to.deep.equal(['askOrder', 'gotNumber', 'askReason', 'askItem', 'confirm', 'confirmed']);
    expect(down.split('\n').sort()).to.deep.equal(returnItem.split('\n').sort(), 'the same lines, in another order');
    expect(text(moveAction(down, ['beginDialog', 'actions', 3], -1))).to.equal(returnItem);
    // The comment inside askReason's choices stays with them; a comment above an action moves with it.
    const commented = returnItem.replace('    - kind: Question\n      id: askItem', '    # Ask which item.\n    - kind: Question\n      id: askItem');
    const moved = text(moveAction(commented, ['beginDialog', 'actions', 2], -1));
    expect(moved).to.contain('    # Ask which item.\n    - kind: Question\n      id: askItem\n');
    expect(moved.indexOf('id: askItem')).to.be.lessThan(moved.indexOf('id: gotNumber'));
    expect(moveAction(returnItem, ['beginDialog', 'actions', 0], -1)).to.deep.equal({ ok: false, reason: 'out-of-range' });
  });

  it('moves the last action of the file up, even without a final newline', () => {
    const noNewline = returnItem.trimEnd();
    const up = text(moveAction(noNewline, ['beginDialog', 'actions', 5, 'elseActions', 2], -1));
    expect(ids(up, 'beginDialog', 'actions', 5, 'elseActions')).to.deep.equal(['remember', 'done', 'booked']);
  });

  it('deletes an action with its lines only, and the last one of a branch leaves an empty list', () => {
    const without = text(deleteAction(returnItem, ['beginDialog', 'actions', 2]));
    expect(ids(without, 'beginDialog', 'actions')).to.deep.equal(['askOrder', 'gotNumber', 'askReason', 'confirm', 'confirmed']);
    expect(changedLines(returnItem, without).added).to.deep.equal([]);
    const one = text(deleteAction(returnItem, ['beginDialog', 'actions', 1, 'conditions', 0, 'actions', 1]));
    const empty = text(deleteAction(one, ['beginDialog', 'actions', 1, 'conditions', 0, 'actions', 0]));
    expect((parse(empty) as { beginDialog: { actions: { conditions: { actions: unknown[] }[] }[] } }).beginDialog.actions[1]!.conditions[0]!.actions).to.deep.equal([]);
    expect(empty).to.contain('          actions: []\n');
  });

  it('adds an action after another, at the start of a list, into an empty branch and as a new else', () => {
    const read = () => readTopic(returnItem);
    const after = text(insertAction(returnItem, ['beginDialog', 'actions'], 3, newAction(read(), 'SendActivity', words)));
    expect(ids(after, 'beginDialog', 'actions')).to.deep.equal(['askOrder', 'gotNumber', 'askItem', 'sendActivity1', 'askReason', 'confirm', 'confirmed']);
    expect(changedLines(returnItem, after).removed).to.deep.equal([]);
    expect(after).to.contain('    - kind: SendActivity\n      id: sendActivity1\n      text:\n        en-US: New message\n        zh-CN: 新消息\n    - kind: Question\n      id: askReason');
    const first = text(insertAction(returnItem, ['beginDialog', 'actions', 1, 'conditions', 0, 'actions'], 0, { kind: 'EndDialog', id: 'stop' }));
    expect(ids(first, 'beginDialog', 'actions', 1, 'conditions', 0, 'actions')).to.deep.equal(['stop', 'giveUp', 'endNoNumber']);
    const elseAdded = text(insertAction(returnItem, ['beginDialog', 'actions', 1, 'elseActions'], 0, { kind: 'LogEvent', id: 'gotIt', name: 'got-number' }));
    expect(ids(elseAdded, 'beginDialog', 'actions', 1, 'elseActions')).to.deep.equal(['gotIt']);
    const emptied = text(deleteAction(text(deleteAction(returnItem, ['beginDialog', 'actions', 1, 'conditions', 0, 'actions', 1])), ['beginDialog', 'actions', 1, 'conditions', 0, 'actions', 0]));
    const refilled = text(insertAction(emptied, ['beginDialog', 'actions', 1, 'conditions', 0, 'actions'], 0, { kind: 'EndDialog', id: 'stop' }));
    expect(ids(refilled, 'beginDialog', 'actions', 1, 'conditions', 0, 'actions')).to.deep.equal(['stop']);
    expect(problemsWith('return-item.yaml', refilled)).to.deep.equal([]);
  });

  it('adds a new action of every kind that the server validator accepts', () => {
    let yaml = returnItem;
    for (const kind of actionKinds.filter((k) => !['EndDialog', 'CancelAllDialogs', 'TransferToAgent', 'GotoAction'].includes(k))) {
      yaml = text(insertAction(yaml, ['beginDialog', 'actions'], 0, newAction(readTopic(yaml), kind, words)));
    }
    const group = (parse(yaml) as { beginDialog: { actions: { kind: string }[] } }).beginDialog.actions.findIndex((a) => a.kind === 'ConditionGroup');
    for (const kind of ['GotoAction', 'TransferToAgent', 'CancelAllDialogs', 'EndDialog'] as const) {
      yaml = text(insertAction(yaml, ['beginDialog', 'actions', group, 'conditions', 0, 'actions'], 0, newAction(readTopic(yaml), kind, words)));
    }
    // Only what the order makes true: the actions added before the EndDialog in that branch never run.
    const problems = problemsWith('return-item.yaml', yaml);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/can never run .*"endDialog1" before it always ends the topic/);
  });

  it('sets the texts of a message in both languages, quoting only when YAML needs it', () => {
    const path = ['beginDialog', 'actions', 5, 'conditions', 0, 'actions', 0, 'text'];
    const edited = text(setLocaleTexts(returnItem, path, { 'en-US': 'Sure: which reason, then?', 'zh-CN': '好的，请重新选择原因。' }));
    expect(localeTextsAt(readTopic(edited), path)).to.deep.equal({ 'en-US': 'Sure: which reason, then?', 'zh-CN': '好的，请重新选择原因。' });
    expect(changedLines(returnItem, edited)).to.deep.equal({
      added: ['                en-US: "Sure: which reason, then?"', '                zh-CN: "好的，请重新选择原因。"'],
      removed: ['                en-US: "No problem, let\'s change the reason."', '                zh-CN: "好的，我们重新选择退货原因。"'],
    });
    const plain = text(setLocaleTexts(topicText('greeting'), ['beginDialog', 'actions', 0, 'text'], { 'en-US': 'Hello!', 'zh-CN': '您好！' }));
    expect(plain).to.contain('        en-US: Hello!\n        zh-CN: 您好！\n');
    expect(plain).to.contain('# The greeting, once per conversation');
  });

  it('rewrites a flow mapping in place, adds a missing text, and leaves an unchanged one alone', () => {
    const renamed = text(setLocaleTexts(returnItem, ['displayName'], { 'en-US': 'Return, exchange', 'zh-CN': '退换货' }));
    expect(changedLines(returnItem, renamed).added).to.deep.equal(['displayName: { en-US: "Return, exchange", zh-CN: 退换货 }']);
    const noted = text(setLocaleTexts(topicText('escalate'), ['beginDialog', 'actions', 0, 'note'], { 'en-US': 'Asked for a person', 'zh-CN': '客户要求人工' }));
    expect(problemsWith('escalate.yaml', noted)).to.deep.equal([]);
    expect(text(setLocaleTexts(returnItem, ['displayName'], { 'en-US': 'Return an item', 'zh-CN': '退货' }))).to.equal(returnItem);
  });

  it('refuses an edit while the YAML does not parse', () => {
    expect(moveAction('kind: [', ['beginDialog', 'actions', 0], 1)).to.deep.equal({ ok: false, reason: 'unreadable' });
  });

  it('lists the texts of an action for the side form, and writes a new topic the validator accepts', () => {
    const read = readTopic(returnItem);
    expect(textFields(read, ['beginDialog', 'actions', 3], 'Question').map((f) => [f.name, f.item ?? ''])).to.deep.equal([
      ['prompt', ''],
      ['retryPrompt', ''],
      ['choice', 'damaged'],
      ['choice', 'wrong-item'],
      ['choice', 'unwanted'],
    ]);
    expect(textFields(read, ['beginDialog'], 'OnRecognizedIntent')).to.deep.equal([{ path: ['displayName'], name: 'displayName' }]);
    const yaml = newTopicYaml({ id: 'opening-hours', name: { 'en-US': 'Opening hours', 'zh-CN': '营业时间' }, trigger: 'OnRecognizedIntent' }, words);
    expect(problemsWith('opening-hours.yaml', yaml)).to.deep.equal([]);
  });
});
