import { expect } from 'chai';
import path from 'node:path';
import { previewTurnTrace, variablesOf } from '../../app/previewTrace';
import { flowDialogId } from '../../dialogs/flowDialog';
import { loadFlowSet } from '../../flows/topicLoader';

const flows = loadFlowSet(path.resolve(__dirname, '..', '..', 'content', 'flows'));

describe('app/previewTrace: one test-chat turn as the trace panel shows it', () => {
  it('names the topics that ran, the kinds of their actions, the FAQ, the guard, and a failed turn', () => {
    const trace = previewTurnTrace({
      turn: 2,
      at: '2026-12-06T10:00:00.000Z',
      input: { type: 'message', text: 'where is my order' },
      flows,
      traces: [
        { type: 'trace', name: 'warmline.faq', value: { decision: 'answer', entryId: 'flow:where-is-my-order', candidates: [] } },
        { type: 'trace', name: 'warmline.flow', value: { event: 'started', topicId: 'where-is-my-order' } },
        { type: 'trace', name: 'warmline.flow', value: { event: 'step', actions: [], ended: [], problems: [{ topicId: 'where-is-my-order', actionId: null, code: 'WL_X', detail: 'odd' }], request: { kind: 'ask', topicId: 'where-is-my-order', actionId: 'askOrder' } } },
        { type: 'trace', name: 'warmline.guard', value: { guard: 'dialog' } },
        { type: 'trace', name: 'OnTurnError Trace', label: 'TurnError', value: 'Error: boom' },
      ],
      conversationState: undefined,
      userState: undefined,
    });
    expect(trace).to.deep.include({ turn: 2, guard: 'dialog', topics: ['where-is-my-order'], actions: [{ topicId: 'where-is-my-order', actionId: 'askOrder', kind: 'Question' }] });
    expect(trace.faq).to.have.length(1);
    expect(trace.problems).to.deep.equal(['where-is-my-order: WL_X odd', 'The turn failed: Error: boom']);
  });

  it('finds the topics in progress anywhere in the dialog stack, with their variables and what they wait for', () => {
    const flowInstance = { id: flowDialogId, state: { flow: { frames: [{ topicId: 'where-is-my-order', variables: { orderNumber: 'LM-1' }, pending: { kind: 'ask', actionId: 'askOrder' } }] } } };
    const conversationState = {
      conversationData: { lastEntryId: '3', consecutiveNoMatches: 0, flowVariables: { tier: 'gold' }, journal: [] },
      dialogState: { dialogStack: [{ id: 'warmline.main', state: { dialogs: { dialogStack: [{ id: 'warmline.main.question', state: {} }, flowInstance] } } }] },
    };
    expect(variablesOf(conversationState, { userProfile: { flowVariables: { nickname: 'Sam' } } })).to.deep.equal({
      topics: [{ topicId: 'where-is-my-order', variables: { orderNumber: 'LM-1' }, waitingFor: 'askOrder' }],
      conversation: { tier: 'gold' },
      user: { nickname: 'Sam' },
      bot: { lastEntryId: '3', consecutiveNoMatches: 0 },
    });
    expect(variablesOf(undefined, undefined)).to.deep.equal({ topics: [], conversation: {}, user: {}, bot: {} });
  });
});
