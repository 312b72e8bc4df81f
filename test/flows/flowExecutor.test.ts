import { expect } from 'chai';
import type { Action, QuestionEntity, Topic } from '../../flows/flowDefinition';
import { FlowRunError, flowRunCodes } from '../../flows/flowEffect';
import { FlowExecutor } from '../../flows/flowExecutor';
import { emptyFlowState, parseFlowState, waitingQuestion } from '../../flows/flowState';
import { Conversation, Versions, both, converse, flowSet, topic } from './flowHarness';

const e = (expression: string) => ({ expression });

const orderEntity: QuestionEntity = { kind: 'regex', pattern: '^LM-\\d{6}$', flags: 'i' };

/** The sample topic of the issue, as the loader would hand it over. */
const whereIsMyOrder: Topic = topic('where-is-my-order', [
  {
    kind: 'Question',
    id: 'askOrder',
    variable: 'topic.orderNumber',
    prompt: { 'en-US': 'What is your order number?', 'zh-CN': '请问您的订单号是多少？' },
    retryPrompt: { 'en-US': 'It looks like LM-123456. What is it?', 'zh-CN': '格式如 LM-123456，请问您的订单号是？' },
    entity: orderEntity,
    maxTurns: 2,
  },
  {
    kind: 'HttpRequest',
    id: 'lookup',
    method: 'GET',
    backend: 'orders',
    path: e("concat('/orders/', topic.orderNumber)"),
    resultVariable: 'topic.order',
    onError: [{ kind: 'SendActivity', id: 'lookupFailed', text: { 'en-US': 'I cannot reach the order system.', 'zh-CN': '暂时无法查询订单系统。' } }],
  },
  {
    kind: 'ConditionGroup',
    id: 'late',
    conditions: [{ id: 'isLate', condition: e("topic.order.body.status == 'late'"), actions: [{ kind: 'TransferToAgent', id: 'handOver', reason: 'order-late', queue: 'orders' }] }],
    elseActions: [
      {
        kind: 'SendActivity',
        id: 'status',
        text: { 'en-US': 'Order ${topic.orderNumber} is ${topic.order.body.status}.', 'zh-CN': '订单 ${topic.orderNumber} 状态：${topic.order.body.status}。' },
      },
    ],
  },
]);

describe('FlowExecutor: where is my order (the issue sample)', () => {
  const versions = new Versions(flowSet('v1', [whereIsMyOrder]));

  it('asks, looks the order up and answers with its status, in English', () => {
    const c = converse(versions).start(versions.lookup('v1')!, 'where-is-my-order');
    expect(c.sent()).to.deep.equal(['What is your order number?']);
    expect(c.request).to.include({ kind: 'ask', actionId: 'askOrder', variable: 'topic.orderNumber', attempt: 1, allowInterruptions: true });
    c.answer('LM-123456');
    expect(c.request).to.deep.equal({ kind: 'http-request', topicId: 'where-is-my-order', actionId: 'lookup', backend: 'orders', method: 'GET', path: '/orders/LM-123456', timeoutMs: 5000 });
    c.resume({ kind: 'http', status: 200, body: { status: 'on its way' } });
    expect(c.sent()).to.deep.equal(['Order LM-123456 is on its way.']);
    expect(c.request).to.equal(undefined);
    expect(c.state.frames).to.deep.equal([]);
    expect(c.endings()).to.deep.equal(['where-is-my-order:completed']);
  });

  it('answers in Chinese with the same values filled in', () => {
    const c = converse(versions, 'zh-CN').start(versions.lookup('v1')!, 'where-is-my-order');
    c.answer('LM-654321').resume({ kind: 'http', status: 200, body: { status: '运输中' } });
    expect(c.sent()).to.deep.equal(['请问您的订单号是多少？', '订单 LM-654321 状态：运输中。']);
  });

  it('hands a late order to a person with the order number for the summary', () => {
    const c = converse(versions).start(versions.lookup('v1')!, 'where-is-my-order').answer('LM-200300');
    c.resume({ kind: 'http', status: 200, body: { status: 'late' } });
    expect(c.request).to.deep.include({ kind: 'transfer-to-agent', reason: 'order-late', queue: 'orders', actionId: 'handOver' });
    expect(c.request?.kind === 'transfer-to-agent' && c.request.variables).to.deep.equal({ orderNumber: 'LM-200300', order: { status: 200, body: { status: 'late' } } });
    c.resume({ kind: 'done' });
    expect(c.endings()).to.deep.equal(['where-is-my-order:completed']);
  });

  it('takes the onError path instead of the rest when the backend fails, and keeps the failure', () => {
    const c = converse(versions).start(versions.lookup('v1')!, 'where-is-my-order').answer('LM-123456');
    c.sent();
    c.resume({ kind: 'failed', code: 'timeout' });
    expect(c.sent()).to.deep.equal(['I cannot reach the order system.']);
    expect(c.endings()).to.deep.equal(['where-is-my-order:completed']);
    const ended = c.effects.find((x) => x.kind === 'topic-ended');
    expect(ended?.kind === 'topic-ended' && ended.variables.order).to.deep.equal({ error: 'timeout' });
  });
});

describe('FlowExecutor: messages', () => {
  const send: Action = {
    kind: 'SendActivity',
    id: 'hello',
    text: { 'en-US': 'Hello ${customer.name}, tier ${conversation.tier}${topic.nothing}.', 'zh-CN': '${customer.name}您好，等级 ${conversation.tier}。' },
    buttons: [{ title: { 'en-US': 'Track ${topic.order}', 'zh-CN': '跟踪 ${topic.order}' }, value: 'track ${topic.order}' }, { title: { 'en-US': 'Help', 'zh-CN': '帮助' } }],
    card: {
      'en-US': { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Order ${topic.order}' }], version: '1.5' },
      'zh-CN': { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '订单 ${topic.order}' }], version: '1.5' },
    },
  };
  const versions = new Versions(flowSet('v1', [topic('hello', [send], { inputs: ['order'] })]));

  for (const [locale, text, buttons, card] of [
    ['en-US', 'Hello Ann, tier vip.', [{ title: 'Track LM-1', value: 'track LM-1' }, { title: 'Help', value: 'Help' }], 'Order LM-1'],
    ['zh-CN', 'Ann您好，等级 vip。', [{ title: '跟踪 LM-1', value: 'track LM-1' }, { title: '帮助', value: '帮助' }], '订单 LM-1'],
  ] as const) {
    it(`sends text, buttons and a card in ${locale} with every \${…} filled in`, () => {
      const c = new Conversation(new FlowExecutor({ flowSetOf: versions.lookup }), locale, { customer: { name: 'Ann' } });
      c.conversation = { tier: 'vip' };
      c.start(versions.lookup('v1')!, 'hello', { order: 'LM-1' });
      const sent = c.effects.find((x) => x.kind === 'send');
      expect(sent?.kind === 'send' && sent.message).to.deep.equal({
        text,
        buttons,
        card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: card }], version: '1.5' },
      });
    });
  }

  it('reads an expression that fails as nothing and reports it, still sending the message', () => {
    const broken: Action = { kind: 'SendActivity', id: 'broken', text: both('Total: ${topic.missing + 1}!') };
    const v = new Versions(flowSet('v1', [topic('t', [broken])]));
    const c = converse(v).start(v.lookup('v1')!, 't');
    expect(c.sent()).to.deep.equal(['Total: !']);
    expect(c.diagnostics()).to.deep.equal([flowRunCodes.expressionFailed]);
  });

  it('skips any action whose condition is false, and one whose condition cannot be evaluated', () => {
    const actions: Action[] = [
      { kind: 'SendActivity', id: 'vip', condition: e("conversation.tier == 'vip'"), text: both('VIP') },
      { kind: 'SendActivity', id: 'broken', condition: e('topic.n + 1'), text: both('never') },
      { kind: 'SendActivity', id: 'everyone', text: both('everyone') },
    ];
    const v = new Versions(flowSet('v1', [topic('t', actions)]));
    const c = converse(v);
    c.conversation = { tier: 'basic' };
    c.start(v.lookup('v1')!, 't');
    expect(c.sent()).to.deep.equal(['everyone']);
    expect(c.diagnostics()).to.deep.equal([flowRunCodes.expressionFailed]);
  });

  it('records a named event with its properties computed', () => {
    const v = new Versions(flowSet('v1', [topic('t', [{ kind: 'LogEvent', id: 'log', name: 'order-checked', properties: { order: e('topic.order'), source: 'flow' } }], { inputs: ['order'] })]));
    const c = converse(v).start(v.lookup('v1')!, 't', { order: 'LM-9' });
    expect(c.effects[0]).to.deep.equal({ kind: 'log-event', topicId: 't', actionId: 'log', name: 'order-checked', properties: { order: 'LM-9', source: 'flow' } });
  });
});

describe('FlowExecutor: branches and variables', () => {
  const say = (id: string, text = id): Action => ({ kind: 'SendActivity', id, text: both(text) });
  const nested: Topic = topic('nested', [
    {
      kind: 'ConditionGroup',
      id: 'outer',
      conditions: [
        {
          id: 'big',
          condition: e('topic.n > 10'),
          actions: [
            {
              kind: 'ConditionGroup',
              id: 'inner',
              conditions: [{ id: 'huge', condition: e('topic.n > 100'), actions: [say('huge')] }],
              elseActions: [say('big'), say('bigAfter')],
            },
            say('afterInner'),
          ],
        },
        { id: 'some', condition: e('topic.n > 0'), actions: [say('some')] },
      ],
      elseActions: [say('none')],
    },
    say('end'),
  ], { inputs: ['n'] });
  const versions = new Versions(flowSet('v1', [nested]));

  for (const [n, expected] of [
    [500, ['huge', 'afterInner', 'end']],
    [50, ['big', 'bigAfter', 'afterInner', 'end']],
    [5, ['some', 'end']],
    [0, ['none', 'end']],
  ] as const) {
    it(`takes the first branch that holds, nested, and goes on after the group (n = ${n})`, () => {
      const c = converse(versions).start(versions.lookup('v1')!, 'nested', { n });
      expect(c.sent()).to.deep.equal(expected);
    });
  }

  it('a group with no branch that holds and no else goes straight on', () => {
    const v = new Versions(flowSet('v1', [topic('t', [{ kind: 'ConditionGroup', id: 'g', conditions: [{ id: 'no', condition: e('false'), actions: [say('no')] }] }, say('on')])]));
    expect(converse(v).start(v.lookup('v1')!, 't').sent()).to.deep.equal(['on']);
  });

  it('sets topic variables (nested too), and conversation and user values for the host to keep', () => {
    const actions: Action[] = [
      { kind: 'SetVariable', id: 'a', variable: 'topic.address.city', value: 'Shanghai' },
      { kind: 'SetVariable', id: 'b', variable: 'conversation.lastTopic', value: 'returns' },
      { kind: 'SetVariable', id: 'c', variable: 'user.preferredChannel', value: e("concat('e', 'mail')") },
      { kind: 'SendActivity', id: 'd', text: both('${topic.address.city} ${conversation.lastTopic} ${user.preferredChannel}') },
      { kind: 'SetVariable', id: 'e', variable: 'customer.tier', value: 'vip' },
      { kind: 'SetVariable', id: 'f', variable: 'turn.text', value: 'x' },
    ];
    const v = new Versions(flowSet('v1', [topic('t', [...actions, { kind: 'Question', id: 'wait', variable: 'topic.x', prompt: both('?'), entity: { kind: 'text' } }])]));
    const c = converse(v).start(v.lookup('v1')!, 't');
    expect(c.variables()).to.deep.equal({ address: { city: 'Shanghai' } });
    expect(c.conversation).to.deep.equal({ lastTopic: 'returns' });
    expect(c.user).to.deep.equal({ preferredChannel: 'email' });
    expect(c.sent()).to.deep.equal(['Shanghai returns email', '?']);
    expect(c.diagnostics()).to.deep.equal([flowRunCodes.variableNotWritable, flowRunCodes.variableNotWritable]);
  });

  it('leaves the state passed in untouched', () => {
    const executor = new FlowExecutor({ flowSetOf: versions.lookup });
    const first = executor.start(emptyFlowState(), { flows: versions.lookup('v1')!, topicId: 'nested', inputs: { n: 1 } }, { locale: 'en-US' });
    const before = JSON.stringify(first.state);
    const v = new Versions(flowSet('v1', [topic('q', [{ kind: 'Question', id: 'q', variable: 'topic.a', prompt: both('?'), entity: { kind: 'text' } }])]));
    const asked = new FlowExecutor({ flowSetOf: v.lookup }).start(first.state, { flows: v.lookup('v1')!, topicId: 'q' }, { locale: 'en-US' });
    new FlowExecutor({ flowSetOf: v.lookup }).resume(asked.state, { kind: 'answer', value: 'x' }, { locale: 'en-US' });
    expect(JSON.stringify(first.state)).to.equal(before);
    expect(asked.state.frames[0]?.pending?.kind).to.equal('ask');
  });
});

describe('FlowExecutor: questions', () => {
  const askColour = (extra: Partial<Extract<Action, { kind: 'Question' }>> = {}): Action => ({
    kind: 'Question',
    id: 'colour',
    variable: 'topic.colour',
    prompt: { 'en-US': 'Which colour?', 'zh-CN': '请问您要哪种颜色？' },
    retryPrompt: { 'en-US': 'Please pick red or blue.', 'zh-CN': '请选择红色或蓝色。' },
    entity: {
      kind: 'choice',
      choices: [
        { value: 'red', title: { 'en-US': 'Red', 'zh-CN': '红色' } },
        { value: 'blue', title: { 'en-US': 'Blue', 'zh-CN': '蓝色' } },
      ],
    },
    ...extra,
  });
  const tell: Action = { kind: 'SendActivity', id: 'tell', text: { 'en-US': 'Colour: ${topic.colour}', 'zh-CN': '颜色：${topic.colour}' } };
  const make = (question: Action) => new Versions(flowSet('v1', [topic('t', [question, tell], { inputs: ['colour'] })]));

  it('shows the choices as buttons in the conversation language and keeps the answer', () => {
    const v = make(askColour());
    const c = converse(v, 'zh-CN').start(v.lookup('v1')!, 't');
    const prompt = c.effects.find((x) => x.kind === 'send');
    expect(prompt?.kind === 'send' && prompt.message).to.deep.equal({ text: '请问您要哪种颜色？', buttons: [{ title: '红色', value: '红色' }, { title: '蓝色', value: '蓝色' }] });
    expect(waitingQuestion(c.state)).to.deep.include({ topicId: 't', actionId: 'colour', variable: 'topic.colour', allowInterruptions: true, attempt: 1 });
    c.answer('blue');
    expect(c.sent()).to.deep.equal(['请问您要哪种颜色？', '颜色：blue']);
    expect(waitingQuestion(c.state)).to.equal(undefined);
  });

  it('asks again with the retry prompt until maxTurns, then takes the default value', () => {
    const v = make(askColour({ maxTurns: 3, defaultValue: 'red' }));
    const c = converse(v).start(v.lookup('v1')!, 't');
    c.resume({ kind: 'no-match' });
    expect(c.request).to.include({ kind: 'ask', attempt: 2 });
    expect(waitingQuestion(c.state)?.attempt).to.equal(2);
    c.resume({ kind: 'no-match' });
    expect(c.request).to.include({ kind: 'ask', attempt: 3 });
    c.resume({ kind: 'no-match' });
    expect(c.sent()).to.deep.equal(['Which colour?', 'Please pick red or blue.', 'Please pick red or blue.', 'Colour: red']);
    expect(c.endings()).to.deep.equal(['t:completed']);
  });

  it('goes on without a value after maxTurns when there is no default, and uses the prompt when there is no retry prompt', () => {
    const v = make(askColour({ maxTurns: 2, retryPrompt: undefined }));
    const c = converse(v).start(v.lookup('v1')!, 't').resume({ kind: 'no-match' }).resume({ kind: 'no-match' });
    expect(c.sent()).to.deep.equal(['Which colour?', 'Which colour?', 'Colour: ']);
  });

  it('tries three answers when maxTurns is not given', () => {
    const v = make(askColour({ defaultValue: e("concat('gr', 'een')") }));
    const c = converse(v).start(v.lookup('v1')!, 't').resume({ kind: 'no-match' }).resume({ kind: 'no-match' });
    expect(c.request?.kind).to.equal('ask');
    c.resume({ kind: 'no-match' });
    expect(c.sent().at(-1)).to.equal('Colour: green');
  });

  it('skips the question when the variable is already set, unless told not to', () => {
    const skipping = make(askColour());
    expect(converse(skipping).start(skipping.lookup('v1')!, 't', { colour: 'blue' }).sent()).to.deep.equal(['Colour: blue']);
    const asking = make(askColour({ skipIfSet: false }));
    const c = converse(asking).start(asking.lookup('v1')!, 't', { colour: 'blue' });
    expect(c.sent()).to.deep.equal(['Which colour?']);
    expect(c.answer('red').sent()).to.deep.equal(['Colour: red']);
  });

  it('says when a question does not allow interruptions, for the host guardrails', () => {
    const v = make(askColour({ allowInterruptions: false }));
    const c = converse(v).start(v.lookup('v1')!, 't');
    expect(waitingQuestion(c.state)).to.deep.include({ allowInterruptions: false, entity: (askColour() as { entity: QuestionEntity }).entity });
    expect(c.request).to.include({ allowInterruptions: false });
  });

  it('lets another topic interrupt a question, then asks the question again', () => {
    const faq = topic('faq', [{ kind: 'SendActivity', id: 'a', text: both('We open at 9.') }]);
    const v = new Versions(flowSet('v1', [topic('t', [askColour(), tell]), faq]));
    const c = converse(v).start(v.lookup('v1')!, 't').resume({ kind: 'no-match' });
    c.start(v.lookup('v1')!, 'faq');
    expect(c.sent()).to.deep.equal(['Which colour?', 'Please pick red or blue.', 'We open at 9.', 'Which colour?']);
    expect(c.request).to.include({ kind: 'ask', attempt: 2 });
    c.answer('red');
    expect(c.sent()).to.deep.equal(['Colour: red']);
    expect(c.endings()).to.deep.equal(['faq:completed', 't:completed']);
  });
});

describe('FlowExecutor: begin and end dialogs', () => {
  const child: Topic = topic(
    'collect-item',
    [
      { kind: 'Question', id: 'item', variable: 'topic.item', prompt: both('Which item from ${topic.order}?'), entity: { kind: 'text' } },
      { kind: 'ConditionGroup', id: 'early', conditions: [{ id: 'none', condition: e("topic.item == 'nothing'"), actions: [{ kind: 'EndDialog', id: 'stop' }] }] },
      { kind: 'SetVariable', id: 'label', variable: 'topic.label', value: e("concat(topic.order, ': ', topic.item)") },
    ],
    { inputs: ['order'], outputs: ['label', 'item'] },
  );
  const parent: Topic = topic('return-item', [
    { kind: 'SetVariable', id: 'order', variable: 'topic.orderNumber', value: 'LM-123456' },
    { kind: 'BeginDialog', id: 'ask', dialog: 'collect-item', input: { order: e('topic.orderNumber') }, output: { label: 'topic.summary', item: 'conversation.item' } },
    { kind: 'SendActivity', id: 'done', text: both('Returning ${topic.summary}.') },
  ]);
  const versions = new Versions(flowSet('v1', [parent, child]));

  it('passes inputs in, waits on the inner question, and copies outputs back when it ends', () => {
    const c = converse(versions).start(versions.lookup('v1')!, 'return-item');
    expect(c.sent()).to.deep.equal(['Which item from LM-123456?']);
    expect(c.state.frames.map((f) => [f.topicId, f.begunBy])).to.deep.equal([['return-item', 'host'], ['collect-item', 'dialog']]);
    c.answer('lamp');
    expect(c.sent()).to.deep.equal(['Returning LM-123456: lamp.']);
    expect(c.conversation).to.deep.equal({ item: 'lamp' });
    expect(c.endings()).to.deep.equal(['collect-item:completed', 'return-item:completed']);
  });

  it('an EndDialog inside a branch ends only the inner topic, and the outer one goes on', () => {
    const c = converse(versions).start(versions.lookup('v1')!, 'return-item').answer('nothing');
    expect(c.sent()).to.deep.equal(['Which item from LM-123456?', 'Returning .']);
    expect(c.endings()).to.deep.equal(['collect-item:completed', 'return-item:completed']);
  });

  it('a BeginDialog of a topic that does not exist ends the topics with a coded error', () => {
    const v = new Versions(flowSet('v1', [topic('t', [{ kind: 'BeginDialog', id: 'b', dialog: 'ghost' }])]));
    const c = converse(v).start(v.lookup('v1')!, 't');
    expect(c.endings()).to.deep.equal([`ghost:${flowRunCodes.topicMissing}`, `t:${flowRunCodes.topicMissing}`]);
    expect(c.state.frames).to.deep.equal([]);
  });

  it('starting a topic that does not exist starts nothing and leaves a waiting topic waiting', () => {
    const c = converse(versions).start(versions.lookup('v1')!, 'return-item');
    const before = c.state;
    c.start(versions.lookup('v1')!, 'ghost');
    expect(c.endings()).to.deep.equal([`ghost:${flowRunCodes.topicMissing}`]);
    expect(c.state).to.deep.equal(before);
  });

  it('EndDialog ends the running topic; CancelAllDialogs ends every topic', () => {
    const ending = new Versions(flowSet('v1', [topic('t', [{ kind: 'EndDialog', id: 'end' }, { kind: 'SendActivity', id: 'never', text: both('never') }])]));
    const c1 = converse(ending).start(ending.lookup('v1')!, 't');
    expect([c1.sent(), c1.endings()]).to.deep.equal([[], ['t:completed']]);
    const inner = topic('inner', [{ kind: 'CancelAllDialogs', id: 'all' }, { kind: 'SendActivity', id: 'never', text: both('never') }]);
    const outer = topic('outer', [{ kind: 'BeginDialog', id: 'b', dialog: 'inner' }, { kind: 'SendActivity', id: 'after', text: both('after') }]);
    const cancelling = new Versions(flowSet('v1', [outer, inner]));
    const c2 = converse(cancelling).start(cancelling.lookup('v1')!, 'outer');
    expect([c2.sent(), c2.endings(), c2.state.frames]).to.deep.equal([[], ['inner:cancelled', 'outer:cancelled'], []]);
  });

  it('cancelTopic leaves the running topic and the topics that began it, and an interrupted topic asks again', () => {
    const waiting = topic('waiting', [{ kind: 'Question', id: 'q', variable: 'topic.q', prompt: both('Your name?'), entity: { kind: 'text' } }]);
    const v = new Versions(flowSet('v1', [parent, child, waiting]));
    const c = converse(v).start(v.lookup('v1')!, 'waiting').start(v.lookup('v1')!, 'return-item');
    expect(c.sent()).to.deep.equal(['Your name?', 'Which item from LM-123456?']);
    c.cancel();
    expect(c.endings()).to.deep.equal(['collect-item:cancelled', 'return-item:cancelled']);
    expect(c.sent()).to.deep.equal(['Your name?']);
    expect(waitingQuestion(c.state)?.topicId).to.equal('waiting');
    c.cancel();
    expect([c.state.frames, c.request]).to.deep.equal([[], undefined]);
    expect(c.cancel().endings()).to.have.length(3);
  });
});

describe('FlowExecutor: GotoAction and the step limit', () => {
  const counting: Topic = topic('count', [
    { kind: 'SetVariable', id: 'start', variable: 'topic.i', value: 0 },
    { kind: 'SetVariable', id: 'loop', variable: 'topic.i', value: e('topic.i + 1') },
    { kind: 'ConditionGroup', id: 'again', conditions: [{ id: 'more', condition: e('topic.i < topic.until'), actions: [{ kind: 'GotoAction', id: 'back', actionId: 'loop' }] }] },
    { kind: 'SendActivity', id: 'done', text: both('Counted to ${topic.i}.') },
  ], { inputs: ['until'] });
  const versions = new Versions(flowSet('v1', [counting]));

  it('loops back to an earlier action, also from inside a branch', () => {
    expect(converse(versions).start(versions.lookup('v1')!, 'count', { until: 5 }).sent()).to.deep.equal(['Counted to 5.']);
  });

  it('ends the topic with WL_FLOW_STEP_LIMIT instead of looping for ever', () => {
    const c = converse(versions).start(versions.lookup('v1')!, 'count', { until: 1_000_000 });
    expect(c.sent()).to.deep.equal([]);
    expect(c.endings()).to.deep.equal([`count:${flowRunCodes.stepLimit}`]);
    expect(c.state.frames).to.deep.equal([]);
  });

  it('counts every action run in one call against the configured limit', () => {
    // start, then loop + again + back four times, loop + again, and the message: 1 + 12 + 2 + 1 = 16 actions.
    expect(converse(versions, 'en-US', 16).start(versions.lookup('v1')!, 'count', { until: 5 }).sent()).to.deep.equal(['Counted to 5.']);
    expect(converse(versions, 'en-US', 15).start(versions.lookup('v1')!, 'count', { until: 5 }).endings()).to.deep.equal([`count:${flowRunCodes.stepLimit}`]);
  });

  it('ends every topic when a loop in an inner topic hits the limit', () => {
    const spin = topic('spin', [{ kind: 'GotoAction', id: 'spin', actionId: 'spin' }]);
    const outer = topic('outer', [{ kind: 'BeginDialog', id: 'b', dialog: 'spin' }]);
    const v = new Versions(flowSet('v1', [outer, spin]));
    expect(converse(v).start(v.lookup('v1')!, 'outer').endings()).to.deep.equal([`spin:${flowRunCodes.stepLimit}`, `outer:${flowRunCodes.stepLimit}`]);
  });

  it('a GotoAction to an action the topic does not have ends it with a coded error', () => {
    const v = new Versions(flowSet('v1', [topic('t', [{ kind: 'GotoAction', id: 'g', actionId: 'nowhere' }])]));
    expect(converse(v).start(v.lookup('v1')!, 't').endings()).to.deep.equal([`t:${flowRunCodes.gotoTargetMissing}`]);
  });

  it('refuses a step limit that is not a positive integer', () => {
    expect(() => new FlowExecutor({ flowSetOf: versions.lookup, stepLimit: 0 })).to.throw(RangeError, /stepLimit/);
  });
});

describe('FlowExecutor: requests to the host', () => {
  it('asks the knowledge base (with filters and a computed question) and the resolution check, keeping their outcomes', () => {
    const v = new Versions(flowSet('v1', [topic('faq', [
      { kind: 'AnswerFromKnowledge', id: 'kb', question: e("concat('return ', topic.item)"), filters: { topic: 'orders' }, resultVariable: 'topic.answer' },
      { kind: 'CheckResolution', id: 'check', resultVariable: 'topic.resolution' },
      { kind: 'SendActivity', id: 'out', text: both('${topic.answer.entryId} ${topic.resolution.resolved} ${topic.resolution.csat}') },
    ], { inputs: ['item'] })]));
    const c = converse(v).start(v.lookup('v1')!, 'faq', { item: 'lamp' });
    expect(c.request).to.deep.equal({ kind: 'answer-from-knowledge', topicId: 'faq', actionId: 'kb', question: 'return lamp', filters: { topic: 'orders' } });
    c.resume({ kind: 'knowledge', answered: true, entryId: 'returns-1', topic: 'orders' });
    expect(c.request).to.deep.equal({ kind: 'check-resolution', topicId: 'faq', actionId: 'check' });
    c.resume({ kind: 'resolution', resolved: true, csat: 5 });
    expect(c.sent()).to.deep.equal(['returns-1 true 5']);
  });

  it('leaves the question out when the flow does not give one (the customer\'s last message)', () => {
    const v = new Versions(flowSet('v1', [topic('faq', [{ kind: 'AnswerFromKnowledge', id: 'kb' }])]));
    const c = converse(v).start(v.lookup('v1')!, 'faq');
    expect(c.request).to.deep.equal({ kind: 'answer-from-knowledge', topicId: 'faq', actionId: 'kb', filters: {} });
    expect(c.resume({ kind: 'knowledge', answered: false, reason: 'no-match' }).endings()).to.deep.equal(['faq:completed']);
  });

  it('hands over with a localised note and what every topic in progress collected, and a done handover ends every topic', () => {
    const inner = topic('inner', [
      { kind: 'SetVariable', id: 's', variable: 'topic.item', value: 'lamp' },
      { kind: 'TransferToAgent', id: 'x', reason: 'complaint', note: { 'en-US': 'About ${topic.item}', 'zh-CN': '关于 ${topic.item}' } },
    ]);
    const outer = topic('outer', [{ kind: 'SetVariable', id: 's', variable: 'topic.orderNumber', value: 'LM-1' }, { kind: 'BeginDialog', id: 'b', dialog: 'inner' }, { kind: 'SendActivity', id: 'never', text: both('never') }]);
    const v = new Versions(flowSet('v1', [outer, inner]));
    const c = converse(v, 'zh-CN').start(v.lookup('v1')!, 'outer');
    expect(c.request).to.deep.equal({ kind: 'transfer-to-agent', topicId: 'inner', actionId: 'x', reason: 'complaint', note: '关于 lamp', variables: { orderNumber: 'LM-1', item: 'lamp' } });
    c.resume({ kind: 'done' });
    expect([c.sent(), c.request, c.endings()]).to.deep.equal([[], undefined, ['inner:completed', 'outer:completed']]);
  });

  it('takes a message with what the topics collected, and goes on after it', () => {
    const t = topic('t', [
      { kind: 'SetVariable', id: 's', variable: 'topic.orderNumber', value: 'LM-1' },
      { kind: 'TakeMessageOrCallback', id: 'm', queue: 'returns', reason: 'after-hours' },
      { kind: 'SendActivity', id: 'thanks', text: both('Thanks') },
    ]);
    const v = new Versions(flowSet('v1', [t]));
    const c = converse(v).start(v.lookup('v1')!, 't');
    expect(c.request).to.deep.equal({ kind: 'take-message-or-callback', topicId: 't', actionId: 'm', queue: 'returns', reason: 'after-hours', variables: { orderNumber: 'LM-1' } });
    expect(c.resume({ kind: 'done' }).sent()).to.deep.equal(['Thanks']);
  });

  it('POSTs a computed JSON body with the flow\'s timeout and keeps status and body', () => {
    const v = new Versions(flowSet('v1', [topic('t', [
      { kind: 'HttpRequest', id: 'h', method: 'POST', backend: 'returns', path: '/returns', body: { order: e('topic.order'), reason: 'broken' }, timeoutMs: 1500, resultVariable: 'topic.created' },
      { kind: 'SendActivity', id: 's', text: both('Return ${topic.created.body.id} (${topic.created.status})') },
    ], { inputs: ['order'] })]));
    const c = converse(v).start(v.lookup('v1')!, 't', { order: 'LM-1' });
    expect(c.request).to.deep.equal({ kind: 'http-request', topicId: 't', actionId: 'h', backend: 'returns', method: 'POST', path: '/returns', body: { order: 'LM-1', reason: 'broken' }, timeoutMs: 1500 });
    expect(c.resume({ kind: 'http', status: 201, body: { id: 'R-7' } }).sent()).to.deep.equal(['Return R-7 (201)']);
  });

  it('a failed call without onError ends the topics with WL_FLOW_HTTP_FAILED (the host runs OnError), never a failed turn', () => {
    const v = new Versions(flowSet('v1', [topic('t', [{ kind: 'HttpRequest', id: 'h', method: 'GET', backend: 'orders', path: '/x', resultVariable: 'topic.r' }, { kind: 'SendActivity', id: 's', text: both('never') }])]));
    const c = converse(v).start(v.lookup('v1')!, 't').resume({ kind: 'failed', code: 'http-503', status: 503 });
    expect([c.sent(), c.endings()]).to.deep.equal([[], [`t:${flowRunCodes.httpFailed}`]]);
    const ended = c.effects.find((x) => x.kind === 'topic-ended');
    expect(ended?.kind === 'topic-ended' && ended.variables.r).to.deep.equal({ error: 'http-503', status: 503 });
  });

  it('a path that cannot be worked out takes the onError path without calling anything', () => {
    const v = new Versions(flowSet('v1', [topic('t', [
      { kind: 'HttpRequest', id: 'h', method: 'GET', backend: 'orders', path: e('topic.nothing'), resultVariable: 'topic.r', onError: [{ kind: 'SendActivity', id: 'f', text: both('failed: ${topic.r.error}') }] },
    ])]));
    const c = converse(v).start(v.lookup('v1')!, 't');
    expect(c.effects.some((x) => x.kind === 'diagnostic')).to.equal(false);
    expect([c.sent(), c.request]).to.deep.equal([['failed: path-invalid'], undefined]);
  });

  it('an onError path may go back and try again', () => {
    const v = new Versions(flowSet('v1', [topic('t', [
      { kind: 'HttpRequest', id: 'h', method: 'GET', backend: 'orders', path: '/x', resultVariable: 'topic.r', onError: [{ kind: 'GotoAction', id: 'retry', actionId: 'h' }] },
      { kind: 'SendActivity', id: 'ok', text: both('got ${topic.r.body}') },
    ])]));
    const c = converse(v).start(v.lookup('v1')!, 't').resume({ kind: 'failed', code: 'timeout' });
    expect(c.request?.kind).to.equal('http-request');
    expect(c.resume({ kind: 'http', status: 200, body: 'it' }).sent()).to.deep.equal(['got it']);
  });

  it('a request the host could not carry out ends the topics with WL_FLOW_REQUEST_FAILED', () => {
    const v = new Versions(flowSet('v1', [topic('t', [{ kind: 'CheckResolution', id: 'c' }])]));
    expect(converse(v).start(v.lookup('v1')!, 't').resume({ kind: 'failed', code: 'desk-down' }).endings()).to.deep.equal([`t:${flowRunCodes.requestFailed}`]);
  });

  it('refuses, with a coded error and the state untouched, a resume when nothing waits or with the wrong kind of result', () => {
    const v = new Versions(flowSet('v1', [topic('t', [{ kind: 'CheckResolution', id: 'c' }])]));
    const executor = new FlowExecutor({ flowSetOf: v.lookup });
    const context = { locale: 'en-US' } as const;
    const nothing = () => executor.resume(emptyFlowState(), { kind: 'done' }, context);
    expect(nothing).to.throw(FlowRunError).with.property('code', flowRunCodes.nothingPending);
    const waiting = executor.start(emptyFlowState(), { flows: v.lookup('v1')!, topicId: 't' }, context).state;
    const saved = JSON.stringify(waiting);
    expect(() => executor.resume(waiting, { kind: 'answer', value: 'yes' }, context)).to.throw(FlowRunError).with.property('code', flowRunCodes.resultMismatch);
    expect(JSON.stringify(waiting)).to.equal(saved);
  });
});

describe('FlowExecutor: versions', () => {
  const ask = (text: string): Action => ({ kind: 'Question', id: 'name', variable: 'topic.name', prompt: both('Name?'), entity: { kind: 'text' }, skipIfSet: false, retryPrompt: both(text) });
  const greet = (text: string): Topic => topic('greet', [ask(text), { kind: 'SendActivity', id: 'hi', text: both(`${text} \${topic.name}`) }]);

  it('a topic in progress finishes on the version it started on; the next one starts on the new one', () => {
    const versions = new Versions(flowSet('v1', [greet('Hello')]));
    const c = converse(versions).start(versions.lookup('v1')!, 'greet');
    versions.sets.set('v2', flowSet('v2', [greet('Welcome')]));
    c.resume({ kind: 'no-match' }).answer('Ann');
    expect(c.sent()).to.deep.equal(['Name?', 'Hello', 'Hello Ann']);
    c.start(versions.lookup('v2')!, 'greet').answer('Bo');
    expect(c.sent()).to.deep.equal(['Name?', 'Welcome Bo']);
  });

  it('ends a topic whose version is gone with WL_FLOW_VERSION_MISSING, and says which', () => {
    const versions = new Versions(flowSet('v1', [greet('Hello')]));
    const c = converse(versions).start(versions.lookup('v1')!, 'greet');
    versions.sets.delete('v1');
    c.answer('Ann');
    expect(c.endings()).to.deep.equal([`greet:${flowRunCodes.versionMissing}`]);
    const ended = c.effects.find((x) => x.kind === 'topic-ended');
    expect(ended?.kind === 'topic-ended' && ended.outcome).to.deep.include({ kind: 'error', detail: 'flow-set version "v1" of topic "greet" is not available' });
    expect([c.state.frames, c.request]).to.deep.equal([[], undefined]);
  });

  it('a saved position that does not fit the topic ends it with WL_FLOW_POSITION_INVALID', () => {
    const versions = new Versions(flowSet('v1', [greet('Hello')]));
    const c = converse(versions).start(versions.lookup('v1')!, 'greet');
    const frame = c.state.frames[0]!;
    c.state = { frames: [{ ...frame, cursor: [{ list: 'actions', index: 0 }, { list: 'else', index: 0 }] }] };
    expect(c.answer('Ann').endings()).to.deep.equal([`greet:${flowRunCodes.positionInvalid}`]);
  });
});

describe('parseFlowState', () => {
  it('reads back a saved state waiting on a choice Question, and one waiting on the resolution check', () => {
    const entity = { kind: 'choice', choices: [{ value: 'a', title: { 'en-US': 'A', 'zh-CN': '甲' }, synonyms: { 'en-US': ['first'], 'zh-CN': [] } }] };
    const asking = { frames: [{ topicId: 't', version: 'v1', cursor: [{ list: 'actions', index: 0 }], variables: {}, begunBy: 'host', pending: { kind: 'ask', actionId: 'a', variable: 'topic.x', entity, allowInterruptions: false, failures: 2 } }] };
    expect(parseFlowState(JSON.parse(JSON.stringify(asking)))).to.deep.equal(asking);
    const checking = { frames: [{ topicId: 't', version: 'v1', cursor: [{ list: 'onError', index: 3 }], variables: { a: [1] }, begunBy: 'dialog', pending: { kind: 'check-resolution', actionId: 'check' } }] };
    expect(parseFlowState(JSON.parse(JSON.stringify(checking)))).to.deep.equal(checking);
  });

  it('reads a saved state back', () => {
    const saved = { frames: [{ topicId: 't', version: 'v1', cursor: [{ list: 'actions', index: 2 }, { list: 0, index: 1 }], variables: { a: 1 }, begunBy: 'host' }] };
    expect(parseFlowState(JSON.parse(JSON.stringify(saved)))).to.deep.equal(saved);
  });

  for (const [why, saved] of [
    ['not an object', 'frames'],
    ['a frame without a version', { frames: [{ topicId: 't', cursor: [{ list: 'actions', index: 0 }], variables: {}, begunBy: 'host' }] }],
    ['a negative index', { frames: [{ topicId: 't', version: 'v', cursor: [{ list: 'actions', index: -1 }], variables: {}, begunBy: 'host' }] }],
    ['an unknown pending kind', { frames: [{ topicId: 't', version: 'v', cursor: [{ list: 'actions', index: 0 }], variables: {}, begunBy: 'host', pending: { kind: 'sleep', actionId: 'a' } }] }],
    ['an empty cursor', { frames: [{ topicId: 't', version: 'v', cursor: [], variables: {}, begunBy: 'host' }] }],
    ['an unknown list', { frames: [{ topicId: 't', version: 'v', cursor: [{ list: 'then', index: 0 }], variables: {}, begunBy: 'host' }] }],
    ['variables that are a list', { frames: [{ topicId: 't', version: 'v', cursor: [{ list: 'actions', index: 0 }], variables: [], begunBy: 'host' }] }],
    ['an unknown starter', { frames: [{ topicId: 't', version: 'v', cursor: [{ list: 'actions', index: 0 }], variables: {}, begunBy: 'agent' }] }],
    ['a Question without its entity', { frames: [{ topicId: 't', version: 'v', cursor: [{ list: 'actions', index: 0 }], variables: {}, begunBy: 'host', pending: { kind: 'ask', actionId: 'a', variable: 'topic.x', allowInterruptions: true, failures: 0 } }] }],
    ['a choice whose title lacks Chinese', { frames: [{ topicId: 't', version: 'v', cursor: [{ list: 'actions', index: 0 }], variables: {}, begunBy: 'host', pending: { kind: 'ask', actionId: 'a', variable: 'topic.x', allowInterruptions: true, failures: 0, entity: { kind: 'choice', choices: [{ value: 'a', title: { 'en-US': 'A' } }] } } }] }],
    ['a pending request without its action', { frames: [{ topicId: 't', version: 'v', cursor: [{ list: 'actions', index: 0 }], variables: {}, begunBy: 'host', pending: { kind: 'check-resolution', actionId: '' } }] }],
  ] as const) {
    it(`refuses ${why} with WL_FLOW_STATE_INVALID`, () => {
      expect(() => parseFlowState(saved)).to.throw(FlowRunError, /Saved flow state is not usable/).with.property('code', flowRunCodes.stateInvalid);
    });
  }
});
