import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { topicGraph } from '../../../../web/studio/src/screens/flows/topicGraph';

const flowsDir = path.join(__dirname, '..', '..', '..', '..', 'content', 'flows');
const topicText = (name: string): string => readFileSync(path.join(flowsDir, `${name}.yaml`), 'utf8');

/** The canvas's graph of a topic: one node per action, branches drawn apart, joined after them. */
describe('web/studio flows/topicGraph: a topic as nodes and edges', () => {
  it('draws every action of where-is-my-order once, in the order of the text, with its line and main text', () => {
    const graph = topicGraph(topicText('where-is-my-order'));
    expect(graph).to.not.equal(undefined);
    const ids = graph!.nodes.filter((n) => n.role === 'action').map((n) => n.actionId);
    expect(ids).to.deep.equal(['askOrder', 'gotNumber', 'giveUp', 'endNoNumber', 'lookup', 'whyFailed', 'unknownOrder', 'lookupFailed', 'looked', 'byStatus', 'sorryLate', 'handOver', 'shipped', 'delivered', 'processing', 'solved']);
    const ask = graph!.nodes.find((n) => n.actionId === 'askOrder')!;
    expect(ask.kind).to.equal('Question');
    expect(ask.texts['en-US']).to.match(/^Which order is it\?/);
    expect(ask.texts['zh-CN']).to.match(/^请问是哪个订单/);
    expect(topicText('where-is-my-order').split('\n')[ask.line - 1]).to.equal('    - kind: Question');
    expect(ask.detail).to.equal('topic.orderNumber · regex');
  });

  it('fans a ConditionGroup out into its branches and else, joins them at the next action, and ends a topic at EndDialog', () => {
    const graph = topicGraph(topicText('where-is-my-order'))!;
    const key = (id: string): string => graph.nodes.find((n) => n.actionId === id)!.key;
    const from = (id: string) => graph.edges.filter((e) => e.from === key(id)).map((e) => ({ to: graph.nodes.find((n) => n.key === e.to)!.actionId || e.to, kind: e.kind, label: e.label }));
    expect(from('gotNumber')).to.have.deep.members([
      { to: 'giveUp', kind: 'condition', label: 'noNumber' },
      { to: 'lookup', kind: 'else', label: undefined },
    ]);
    expect(from('endNoNumber')).to.deep.equal([]);
    expect(from('byStatus').map((e) => e.to)).to.have.members(['sorryLate', 'shipped', 'delivered', 'processing']);
    expect(from('shipped')).to.deep.equal([{ to: 'solved', kind: 'next', label: undefined }]);
    expect(from('handOver')).to.deep.equal([], 'a transfer ends the topic');
    // The HTTP call goes on, or takes its onError path, which ends the topic.
    expect(from('lookup')).to.have.deep.members([
      { to: 'looked', kind: 'next', label: undefined },
      { to: 'whyFailed', kind: 'onError', label: undefined },
    ]);
    expect(from('unknownOrder')).to.deep.equal([{ to: 'end', kind: 'next', label: undefined }]);
    expect(from('solved')).to.deep.equal([{ to: 'end', kind: 'next', label: undefined }]);
    expect(graph.edges.find((e) => e.from === 'trigger')?.to).to.equal(key('askOrder'));
  });

  it('draws a GotoAction as a jump to its target', () => {
    const graph = topicGraph(topicText('return-item'))!;
    const back = graph.nodes.find((n) => n.actionId === 'back')!;
    const askReason = graph.nodes.find((n) => n.actionId === 'askReason')!;
    expect(graph.edges.filter((e) => e.from === back.key)).to.deep.equal([{ key: `${back.key}>${askReason.key}:goto`, from: back.key, to: askReason.key, kind: 'goto' }]);
    expect(askReason.detail).to.equal('topic.reason · choice: damaged | wrong-item | unwanted');
  });

  it('gives no graph for text that is not a readable topic', () => {
    expect(topicGraph('kind: AdaptiveDialog\nbeginDialog: [\n')).to.equal(undefined);
    expect(topicGraph('just: text\n')).to.equal(undefined);
  });
});
