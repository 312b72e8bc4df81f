import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { DialogSet, DialogTurnStatus, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogState } from 'botbuilder-dialogs';
import { FlowDialog, flowDialogId } from '../../dialogs/flowDialog';
import type { FlowDialogDeps } from '../../dialogs/flowDialog';
import { FlowExecutor } from '../../flows/flowExecutor';
import type { Action, FlowSet, LocaleText, Topic } from '../../flows/flowDefinition';
import { silentLogger } from '../../logger';

const t = (en: string, zh: string): LocaleText => ({ 'en-US': en, 'zh-CN': zh });
const topic = (id: string, actions: Action[]): Topic => ({
  id,
  displayName: t(id, id),
  trigger: { kind: 'OnRecognizedIntent', id: 'main', triggerQueries: { 'en-US': [id], 'zh-CN': [id] }, actions },
  source: { file: `${id}.yaml`, path: '' },
});

/** A small flow set: ask for an order number, look it up, answer; and one that checks resolution. */
const flows: FlowSet = {
  version: 'v1',
  topics: [
    topic('order', [
      { kind: 'Question', id: 'ask', variable: 'topic.order', prompt: t('Your order number?', '您的订单号？'), entity: { kind: 'regex', pattern: '^LM-\\d{6}$', flags: 'i' }, retryPrompt: t('Like LM-123456, please.', '格式如 LM-123456。'), maxTurns: 2 },
      { kind: 'HttpRequest', id: 'lookup', method: 'GET', backend: 'orders', path: { expression: "concat('/orders/', topic.order)" }, resultVariable: 'topic.found', onError: [{ kind: 'SendActivity', id: 'down', text: t('The order service is down.', '订单服务暂时不可用。') }] },
      {
        kind: 'ConditionGroup',
        id: 'late',
        conditions: [{ id: 'isLate', condition: { expression: "topic.found.body.status == 'late'" }, actions: [{ kind: 'SendActivity', id: 'sorry', text: t('Order ${topic.order} is late, sorry.', '订单 ${topic.order} 延误了，抱歉。') }] }],
        elseActions: [{ kind: 'SendActivity', id: 'status', text: t('Order ${topic.order} is ${topic.found.body.status}.', '订单 ${topic.order}：${topic.found.body.status}。') }],
      },
      { kind: 'SetVariable', id: 'remember', variable: 'conversation.lastOrder', value: { expression: 'topic.order' } },
    ]),
    topic('resolve', [
      { kind: 'CheckResolution', id: 'check', resultVariable: 'topic.res' },
      { kind: 'SendActivity', id: 'after', text: t('Resolved: ${topic.res.resolved}', '已解决：${topic.res.resolved}') },
    ]),
  ],
};

function harness(extra: Partial<FlowDialogDeps> = {}) {
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const dialogState = state.createProperty<DialogState>('dialogs');
  const dialogs = new DialogSet(dialogState);
  const remembered: Record<string, unknown> = {};
  const calls: string[] = [];
  dialogs.add(new FlowDialog({
    executor: new FlowExecutor({ flowSetOf: (v) => (v === flows.version ? flows : undefined) }),
    published: () => flows,
    children: {
      'check-resolution': { dialogId: 'fake-resolution', options: () => ({}), result: (value) => ({ kind: 'resolution', resolved: value === 'yes' }) },
    },
    http: async (request) => {
      calls.push(`${request.method} ${request.backend}${request.path}`);
      if (request.path.endsWith('999999')) return { kind: 'failed', code: 'timeout' };
      return { kind: 'http', status: 200, body: { status: request.path.endsWith('000001') ? 'late' : 'shipped' } };
    },
    scopes: async () => ({}),
    remember: async (_context, scope, name, value) => {
      remembered[`${scope}.${name}`] = value;
    },
    logger: silentLogger(),
    ...extra,
  }));
  // A stand-in resolution check: asks, then ends with the customer's word.
  dialogs.add(new WaterfallDialog('fake-resolution', [async (step) => {
    await step.context.sendActivity('Did that solve it?');
    return { status: DialogTurnStatus.waiting };
  }, async (step) => step.endDialog(step.context.activity.text)]));
  let start: { topicId: string; locale: 'en-US' | 'zh-CN' } | undefined;
  const adapter = new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty && start) {
      await dc.beginDialog(flowDialogId, start);
      start = undefined;
    }
    await state.saveChanges(context);
  });
  return {
    adapter,
    remembered,
    calls,
    begin(topicId: string, locale: 'en-US' | 'zh-CN' = 'en-US') {
      start = { topicId, locale };
    },
  };
}

const text = (a: Partial<Activity>): string => a.text ?? '';

describe('FlowDialog: the botbuilder host of the flow executor', () => {
  it('asks, re-asks on a wrong answer, calls the backend, branches and remembers, in English', async () => {
    const h = harness();
    h.begin('order');
    await h.adapter
      .send('where is my order')
      .assertReply((a) => expect(text(a)).to.equal('Your order number?'))
      .send('no idea')
      .assertReply((a) => expect(text(a)).to.equal('Like LM-123456, please.'))
      .send('lm-000001')
      .assertReply((a) => expect(text(a)).to.equal('Order lm-000001 is late, sorry.'))
      .startTest();
    expect(h.calls).to.deep.equal(['GET orders/orders/lm-000001']);
    expect(h.remembered).to.deep.equal({ 'conversation.lastOrder': 'lm-000001' });
  });

  it('answers in Chinese, and takes the onError path when the backend fails', async () => {
    const h = harness();
    h.begin('order', 'zh-CN');
    await h.adapter
      .send('我的订单')
      .assertReply((a) => expect(text(a)).to.equal('您的订单号？'))
      .send('LM-999999')
      .assertReply((a) => expect(text(a)).to.equal('订单服务暂时不可用。'))
      .startTest();
  });

  it('runs a child dialog for a request and hands its result back to the topic', async () => {
    const h = harness();
    h.begin('resolve');
    await h.adapter
      .send('hi')
      .assertReply('Did that solve it?')
      .send('yes')
      .assertReply('Resolved: true')
      .startTest();
  });

  it('ends the topic, without failing the turn, when no host handles one of its requests', async () => {
    const h = harness({ children: {} });
    h.begin('resolve');
    await h.adapter.send('hi').assertNoReply('the topic ended with an error', 300).startTest();
    // The dialog is over: the next message starts a topic again.
    h.begin('order');
    await h.adapter.send('again').assertReply('Your order number?').startTest();
  });

  it('starts the OnError topic when a topic fails, and not again when that one fails too', async () => {
    const withError: FlowSet = {
      version: 'v2',
      topics: [
        ...flows.topics,
        { id: 'oops', displayName: t('Error', '出错'), trigger: { kind: 'OnError', id: 'main', actions: [{ kind: 'SendActivity', id: 'sorry', text: t('Sorry, that went wrong. Say "agent" for a person.', '抱歉，出错了。输入“人工”联系客服。') }] }, source: { file: 'oops.yaml', path: '' } },
      ],
    };
    const h = harness({ published: () => withError, executor: new FlowExecutor({ flowSetOf: (v) => (v === withError.version ? withError : undefined) }), children: {} });
    h.begin('resolve');
    await h.adapter.send('hi').assertReply('Sorry, that went wrong. Say "agent" for a person.').startTest();

    // An OnError topic that fails itself is not started again (no loop).
    const failing: FlowSet = { version: 'v3', topics: [...flows.topics, { ...(withError.topics.at(-1) as Topic), trigger: { kind: 'OnError', id: 'main', actions: [{ kind: 'CheckResolution', id: 'check' }] } }] };
    const again = harness({ published: () => failing, executor: new FlowExecutor({ flowSetOf: (v) => (v === failing.version ? failing : undefined) }), children: {} });
    again.begin('resolve');
    await again.adapter.send('hi').assertNoReply('the failing OnError topic ended quietly', 300).startTest();
  });

  it('refuses to be built without its dependencies', () => {
    expect(() => new FlowDialog({} as FlowDialogDeps)).to.throw(/missing dependency "executor"/);
  });
});
