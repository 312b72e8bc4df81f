import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import { DialogSet } from 'botbuilder-dialogs';
import type { DialogState } from 'botbuilder-dialogs';
import { FaqDialog, faqDialogId } from '../../dialogs/faqDialog';
import { flowStepTrace, isTraced, traceThisTurn, traceTurn, turnTraceNames, turnTraceType } from '../../dialogs/turnTrace';
import { ActiveLearning } from '../../knowledge/activeLearning';
import { fixtureFaqService } from '../support/faqFixture';

/** TestAdapter's template, with trace activities passed on (they are dropped otherwise, as on every channel but the Emulator). */
const template = undefined;
const withTraces = true;

/** A TestAdapter running the FAQ dialog; `traced` asks every turn for its trace. */
function faqBot(traced: boolean): TestAdapter {
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
  dialogs.add(new FaqDialog(fixtureFaqService(), new ActiveLearning(storage)));
  const adapter = new TestAdapter(async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    await dc.beginDialog(faqDialogId, { text: context.activity.text ?? '', locale: 'en-US' });
    await state.saveChanges(context);
  }, template, withTraces);
  if (traced) adapter.use(async (context, next) => {
    traceThisTurn(context);
    await next();
  });
  return adapter;
}

describe('dialogs/turnTrace: what fired, only when a turn asks', () => {
  it('builds and sends nothing in a turn that did not ask (a customer\'s turn)', async () => {
    let built = 0;
    const adapter = new TestAdapter(async (context) => {
      expect(isTraced(context)).to.equal(false);
      await traceTurn(context, turnTraceNames.guard, () => {
        built += 1;
        return { guard: 'dialog' };
      });
      await context.sendActivity('done');
    });
    await adapter.send('hi').assertReply('done').startTest();
    expect(built).to.equal(0);
  });

  it('sends a trace activity (ignored by Web Chat, shown by the Emulator) in a turn that asked', async () => {
    const adapter = new TestAdapter(async (context) => {
      traceThisTurn(context);
      await traceTurn(context, turnTraceNames.guard, () => ({ guard: 'dialog' }));
    }, template, withTraces);
    await adapter
      .send('hi')
      .assertReply((a: Partial<Activity>) => {
        expect(a).to.include({ type: 'trace', name: 'warmline.guard', valueType: turnTraceType, label: 'guard' });
        expect(a.value).to.deep.equal({ guard: 'dialog' });
      })
      .startTest();
  });

  it('traces the FAQ: every candidate with its score, the thresholds and the decision, before the answer', async () => {
    await faqBot(true)
      .send('How do I return an item?')
      .assertReply((a: Partial<Activity>) => {
        expect(a.name).to.equal(turnTraceNames.faq);
        const value = a.value as { decision: string; entryId: string; version: string; candidates: { entryId: string; confidence: number; question: string }[]; thresholds: { answer: number } };
        expect(value).to.include({ decision: 'answer', entryId: '3' });
        expect(value.version).to.be.a('string');
        expect(value.candidates[0]).to.include({ entryId: '3', question: 'How do I return an item?' });
        const scores = value.candidates.map((c) => c.confidence);
        expect(scores).to.deep.equal([...scores].sort((x, y) => y - x));
        expect(value.thresholds.answer).to.be.a('number');
      })
      .assertReply((a: Partial<Activity>) => expect(a.type).to.equal('message'))
      .startTest();
    // Untraced, the answer is the first thing sent.
    await faqBot(false)
      .send('How do I return an item?')
      .assertReply((a: Partial<Activity>) => expect(a.type).to.equal('message'))
      .startTest();
  });

  it('describes an executor step: the actions that sent, topics that ended with their variables, problems, and the request', () => {
    const trace = flowStepTrace({
      state: { frames: [] },
      effects: [
        { kind: 'send', topicId: 't', actionId: 'hello', message: { text: 'Hi' } },
        { kind: 'set-conversation', name: 'tier', value: 'gold' },
        { kind: 'diagnostic', topicId: 't', actionId: 'x', code: 'WL_FLOW_EXPRESSION_FAILED', detail: 'bad' },
        { kind: 'topic-ended', topicId: 't', outcome: { kind: 'completed' }, variables: { n: 1 } },
      ],
      request: { kind: 'check-resolution', topicId: 'u', actionId: 'check' },
    });
    expect(trace).to.deep.equal({
      event: 'step',
      actions: [{ topicId: 't', actionId: 'hello', effect: 'send' }],
      ended: [{ topicId: 't', outcome: 'completed', variables: { n: 1 } }],
      problems: [{ topicId: 't', actionId: 'x', code: 'WL_FLOW_EXPRESSION_FAILED', detail: 'bad' }],
      request: { kind: 'check-resolution', topicId: 'u', actionId: 'check' },
    });
  });
});
