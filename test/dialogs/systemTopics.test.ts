import { expect } from 'chai';
import path from 'node:path';
import { botHarness, contentDir, mondayMorning } from '../support/botHarness';
import type { Party } from '../support/botHarness';
import { joinEventName } from '../../bots/warmlineBot';
import { botResponses } from '../../bots/responses';
import { dialogResponses } from '../../dialogs/responses';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { flowValidation } from '../../app/flowContent';
import { loadRouting } from '../../handoff/routingLoader';
import { parseFlowSet } from '../../flows/topicLoader';
import type { FlowSet } from '../../flows/flowDefinition';
import { isFlowFile, readContentFolder } from '../../publishing/contentFolder';
import { topicTriggerEntries } from '../../flows/topicTriggers';
import { fixtureFaqService } from '../support/faqFixture';

/**
 * The bot's own behaviour runs through the default topics in content/flows (issue 11): each moment
 * (greeting, after an answer, no answer, a request for a person, yes/no at the check, back from an
 * agent) does what its topic says, so an admin changes it by editing YAML. Without flows, or when a
 * topic's condition is false, the built-in step runs.
 */
const routing = loadRouting(path.join(contentDir, 'routing.yaml'));
const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' };
/** A specialist, who takes complaints. */
const sam: Party = { userId: 'agent-sam', conversationId: 'conv-sam' };
const customer = (n: number, locale = 'en-US'): Party => ({ userId: `customer-st-${n}`, conversationId: `conv-st-${n}`, locale });

/** The shipped topics with `edits` applied (file name → its new text, from the old one). */
function shippedWith(edits: Record<string, (text: string) => string>): FlowSet {
  const shipped = readContentFolder(path.join(contentDir, 'flows'), isFlowFile);
  const files = shipped.map((file) => {
    const edit = edits[file.path];
    if (!edit) return file;
    const text = edit(file.text);
    expect(text, `the edit of ${file.path} changed nothing`).to.not.equal(file.text);
    return { ...file, text };
  });
  // A name the shipped folder does not have is a new topic file.
  const added = Object.keys(edits).filter((name) => !shipped.some((f) => f.path === name)).map((name) => ({ path: name, text: (edits[name] as (t: string) => string)('') }));
  return parseFlowSet([...files, ...added], flowValidation(routing));
}

/** Replaces the English and Chinese text of a one-message topic. */
function newWords(en: string, zh: string): (text: string) => string {
  return (text) => text.replace(/^( +)en-US: .*$/m, `$1en-US: ${en}`).replace(/^( +)zh-CN: .*$/m, `$1zh-CN: ${zh}`);
}

/** The escalate topic with a Question before the transfer. */
const askFirst = (text: string): string =>
  text.replace(
    '  actions:\n',
    `  actions:
    - kind: Question
      id: askOrder
      variable: topic.orderNumber
      prompt: { en-US: "Before I get you a person: which order is it about?", zh-CN: "转接前请问：是哪个订单？" }
      entity: { kind: regex, pattern: "LM-\\\\d{6}" }
      maxTurns: 2
      defaultValue: unknown
`,
  );

describe('system topics: the built-in steps run through content/flows', () => {
  it('the shipped default topics say what the bot always said (greeting, no answer, not resolved)', async () => {
    const h = botHarness({ now: () => mondayMorning });
    const c = customer(1);
    expect((await h.event(c, joinEventName, { locale: 'en-US' })).texts(c.conversationId)).to.deep.equal([botResponses['en-US'].welcome]);
    expect((await h.say(c, 'qwzx blorf vrrk')).texts(c.conversationId)).to.deep.equal([dialogResponses['en-US'].noMatch]);
    const z = customer(2, 'zh-CN');
    expect((await h.event(z, joinEventName, { locale: 'zh-CN' })).texts(z.conversationId)).to.deep.equal([botResponses['zh-CN'].welcome]);
    await h.say(z, '忘记密码了');
    expect((await h.say(z, '没有解决')).texts(z.conversationId)).to.deep.equal([dialogResponses['zh-CN'].tryAgain]);
  });

  it('a greeting changed in YAML is the greeting, in en and zh', async () => {
    const flows = shippedWith({ 'greeting.yaml': newWords('Welcome to the Lumen store! How can I help?', '欢迎光临 Lumen 商店！请问有什么可以帮您？') });
    const h = botHarness({ now: () => mondayMorning, flows });
    const c = customer(3);
    expect((await h.event(c, joinEventName, { locale: 'en-US' })).texts(c.conversationId)).to.deep.equal(['Welcome to the Lumen store! How can I help?']);
    const z = customer(4, 'zh-CN');
    expect((await h.event(z, joinEventName, { locale: 'zh-CN' })).texts(z.conversationId)).to.deep.equal(['欢迎光临 Lumen 商店！请问有什么可以帮您？']);
    // Channels that add members (Teams) are greeted by the same topic.
    const t = customer(5);
    h.adapter.activeQueue.splice(0);
    await h.adapter.processActivity({
      type: 'conversationUpdate',
      channelId: 'msteams',
      serviceUrl: 'https://test.invalid/',
      conversation: { id: t.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: t.userId, name: t.userId },
      recipient: { id: 'warmline-bot', name: 'Warmline' },
      membersAdded: [{ id: t.userId, name: t.userId }],
    });
    expect(h.adapter.activeQueue.splice(0).map((a) => a.text)).to.deep.equal(['Welcome to the Lumen store! How can I help?']);
  });

  it('no answer, not resolved and resolved say what their topics say; the policy still offers a person after repeated misses', async () => {
    const flows = shippedWith({
      'no-answer.yaml': newWords('No idea, sorry!', '不知道，抱歉！'),
      'not-resolved.yaml': newWords('Pity. Tell me more?', '可惜。能多说一点吗？'),
      'resolved.yaml': (text) => text.replace('    - kind: LogEvent', '    - kind: SendActivity\n      id: cheers\n      text: { en-US: "Cheers!", zh-CN: "干杯！" }\n    - kind: LogEvent'),
    });
    const h = botHarness({ now: () => mondayMorning, flows });
    const c = customer(6);
    expect((await h.say(c, 'qwzx blorf vrrk')).texts(c.conversationId)).to.deep.equal(['No idea, sorry!']);
    // The second miss in a row: the topic speaks, then the escalation policy offers a person (P4).
    const second = await h.say(c, 'plimf quorble zent');
    expect(second.texts(c.conversationId)[0]).to.equal('No idea, sorry!');
    expect(second.all(c.conversationId)).to.contain(dialogResponses['en-US'].offerPerson);
    const d = customer(7);
    await h.say(d, 'How do I reset my password?');
    expect((await h.say(d, 'no')).texts(d.conversationId)).to.deep.equal(['Pity. Tell me more?']);
    await h.say(d, 'How do I reset my password?');
    await h.say(d, 'yes');
    const rated = await h.say(d, '5');
    expect(rated.texts(d.conversationId)).to.deep.equal([resolutionResponses['en-US'].thanksHigh, 'Cheers!']);
  });

  it('a question inserted before the transfer is asked, its answer reaches the agent, and asking again skips it (P1)', async () => {
    const flows = shippedWith({ 'escalate.yaml': askFirst });
    const h = botHarness({ now: () => mondayMorning, flows });
    await h.event(ana, joinEventName, { locale: 'en-US' });
    const c = customer(8);
    expect((await h.say(c, 'agent')).texts(c.conversationId)).to.deep.equal(['Before I get you a person: which order is it about?']);
    const queued = await h.say(c, 'it is LM-200300');
    expect(queued.texts(c.conversationId)[0]).to.contain("I'm connecting you with a person");
    const [record] = await h.desk.deps.handoffs.open();
    expect(record?.reason).to.equal('requested');
    expect(record?.reasonDetail).to.contain('orderNumber: LM-200300');
    // What the bot passed in (the reason) is not repeated as if the customer had said it.
    expect(record?.reasonDetail).to.not.contain('reason:');

    const z = customer(9, 'zh-CN');
    expect((await h.say(z, '转人工')).texts(z.conversationId)).to.deep.equal(['转接前请问：是哪个订单？']);
    // Asking again instead of answering: straight to a person, never the question again.
    const again = await h.say(z, '我要人工客服');
    expect(again.texts(z.conversationId)[0]).to.contain('正在为您转接');
  });

  it('a complaint the policy sends to a person keeps its reason and queue through the OnEscalate topic', async () => {
    const h = botHarness({ now: () => mondayMorning, knowledge: 'content', flows: shippedWith({ 'escalate.yaml': askFirst }) });
    await h.event(sam, joinEventName, { locale: 'en-US' });
    const c = customer(10);
    const sent = await h.say(c, 'I want to make a complaint about your service');
    expect(sent.all(c.conversationId)).to.contain('Before I get you a person: which order is it about?');
    const queued = await h.say(c, 'LM-200302');
    expect(queued.all(c.conversationId)).to.contain("I'm connecting you with a person");
    const [record] = await h.desk.deps.handoffs.open();
    expect(record).to.include({ reason: 'complaint', queueId: 'specialists' });
    expect(record?.reasonDetail ?? '').to.contain('orderNumber: LM-200302');
  });

  it('back from an agent: the OnAgentEnded topic runs, and its resolution check is about the agent', async () => {
    const flows = shippedWith({
      'agent-ended.yaml': (text) => text.replace('    - kind: CheckResolution', '    - kind: SendActivity\n      id: back\n      text: { en-US: "Hello again, it is the bot.", zh-CN: "您好，我是机器人。" }\n    - kind: CheckResolution'),
    });
    const h = botHarness({ now: () => mondayMorning, flows });
    await h.event(ana, joinEventName, { locale: 'en-US' });
    const c = customer(11);
    await h.say(c, 'agent');
    await h.say(ana, '/accept');
    const ended = await h.say(ana, '/end');
    const texts = ended.all(c.conversationId);
    expect(texts).to.contain('Hello again, it is the bot.').and.contain(resolutionResponses['en-US'].askAfterAgent('Ana Souza'));
    // "No" after an agent: a person is offered again, as without flows.
    const no = await h.say(c, 'no');
    expect(no.all(c.conversationId)).to.contain(dialogResponses['en-US'].offerPerson);
  });

  it('a topic whose condition is false leaves the built-in step in place', async () => {
    const flows = shippedWith({
      'greeting.yaml': (text) => newWords('Hello, VIP!', '您好，贵宾！')(text).replace('  id: main\n', "  id: main\n  condition: =customer.tier == 'vip'\n"),
    });
    const h = botHarness({ now: () => mondayMorning, flows });
    const c = customer(12);
    expect((await h.event(c, joinEventName, { locale: 'en-US' })).texts(c.conversationId)).to.deep.equal([botResponses['en-US'].welcome]);
  });

  it('without flows the built-in steps run', async () => {
    const h = botHarness({ now: () => mondayMorning, flows: 'none' });
    const c = customer(13);
    expect((await h.event(c, joinEventName, { locale: 'en-US' })).texts(c.conversationId)).to.deep.equal([botResponses['en-US'].welcome]);
    expect((await h.say(c, 'qwzx blorf vrrk')).texts(c.conversationId)).to.deep.equal([dialogResponses['en-US'].noMatch]);
  });

  it('a publish while a customer is inside a topic: they finish on their version, the next topic uses the new one; rollback restores', async () => {
    const original = shippedWith({});
    const edited = shippedWith({ 'escalate.yaml': askFirst, 'greeting.yaml': newWords('New greeting.', '新的问候。') });
    let published: FlowSet = edited;
    const h = botHarness({ now: () => mondayMorning, flows: () => published });
    await h.event(ana, joinEventName, { locale: 'en-US' });
    const c = customer(14);
    expect((await h.say(c, 'agent')).texts(c.conversationId)).to.deep.equal(['Before I get you a person: which order is it about?']);
    // Rolled back while the customer is at the inserted question.
    published = original;
    const late = customer(15);
    expect((await h.event(late, joinEventName, { locale: 'en-US' })).texts(late.conversationId)).to.deep.equal([botResponses['en-US'].welcome]);
    // The customer in the topic finishes it on the version it started with.
    await h.say(c, 'LM-200301');
    const [record] = await h.desk.deps.handoffs.open();
    expect(record?.reasonDetail).to.contain('orderNumber: LM-200301');
    // A new request for a person uses the version in force now: no question.
    const other = customer(16);
    expect((await h.say(other, 'agent')).texts(other.conversationId)[0]).to.contain("I'm connecting you with a person");
  });

  it('after a restart a topic in progress finishes on its version, read back from the store; without it, the OnError topic explains', async () => {
    const original = shippedWith({});
    const edited = shippedWith({ 'escalate.yaml': askFirst });
    const before = botHarness({ now: () => mondayMorning, flows: edited });
    await before.event(ana, joinEventName, { locale: 'en-US' });
    const c = customer(17);
    const d = customer(18);
    await before.say(c, 'agent');
    await before.say(d, 'agent');
    // A new process over the same storage, with the edit rolled back meanwhile.
    const after = botHarness({ now: () => mondayMorning, storage: before.storage, flows: original, flowVersion: async (v) => (v === edited.version ? edited : undefined) });
    const answered = await after.say(c, 'LM-200303');
    expect(answered.texts(c.conversationId)[0]).to.contain("I'm connecting you with a person");
    const lost = botHarness({ now: () => mondayMorning, storage: before.storage, flows: original });
    const failed = await lost.say(d, 'LM-200304');
    expect(failed.texts(d.conversationId)[0]).to.contain('something went wrong on our side');
  });
});

describe('a knowledge entry that names a topic (flowtopic = …)', () => {
  it('"where is my order?" starts the where-is-my-order topic when it is published, and is answered from knowledge when it is not', async () => {
    const withFlows = botHarness({ now: () => mondayMorning, knowledge: 'content' });
    const c = customer(20);
    expect((await withFlows.say(c, 'Where is my order?')).texts(c.conversationId).join('\n')).to.contain('LM-123456');
    const z = customer(21, 'zh-CN');
    expect((await withFlows.say(z, '我的订单到哪了？')).texts(z.conversationId).join('\n')).to.contain('订单号');
    const without = botHarness({ now: () => mondayMorning, knowledge: 'content', flows: 'none' });
    const d = customer(22);
    expect((await without.say(d, 'Where is my order?')).texts(d.conversationId).join('\n')).to.contain('My Orders');
  });
});

describe("an admin topic's trigger condition", () => {
  it('starts the topic only when its condition holds; otherwise the question is answered as if the topic were not there', async () => {
    const flows = shippedWith({ 'where-is-my-order.yaml': (text) => text.replace('  id: main\n', "  id: main\n  condition: =customer.tier == 'vip'\n") });
    const faq = fixtureFaqService();
    faq.publishTopics(topicTriggerEntries(flows));
    const h = botHarness({ now: () => mondayMorning, faq, flows });
    const vip: Party = { userId: 'customer-vip', conversationId: 'conv-st-vip', locale: 'en-US' };
    expect((await h.say(vip, 'track my order')).texts(vip.conversationId).join('\n')).to.contain('LM-123456');
    const c = customer(30);
    const other = (await h.say(c, 'track my order')).all(c.conversationId);
    expect(other).to.not.contain('LM-123456');
    expect(other.length).to.be.greaterThan(0);
  });
});

describe('a question typed where a topic waits for an answer (interruption)', () => {
  const newsletter = (): string =>
    [
      'kind: AdaptiveDialog',
      'displayName: { en-US: Newsletter, zh-CN: 新闻简报 }',
      'beginDialog:',
      '  kind: OnRecognizedIntent',
      '  intent:',
      '    triggerQueries:',
      '      en-US: [sign me up for the newsletter]',
      '      zh-CN: [帮我订阅新闻简报]',
      '  actions:',
      '    - kind: Question',
      '      id: consent',
      '      variable: topic.ok',
      '      prompt: { en-US: "Shall I sign you up?", zh-CN: "要为您订阅吗？" }',
      '      entity: boolean',
      '      allowInterruptions: false',
      '    - kind: SendActivity',
      '      id: done',
      '      text: { en-US: "Signed up: ${topic.ok}", zh-CN: "已订阅：${topic.ok}" }',
      '',
    ].join('\n');

  it('at a yes/no Question, a question the knowledge base answers is answered and the Question asked again; a wrong answer is not an interruption', async () => {
    const flows = shippedWith({ 'newsletter.yaml': newsletter });
    const faq = fixtureFaqService();
    faq.publishTopics(topicTriggerEntries(flows));
    const h = botHarness({ now: () => mondayMorning, faq, flows });
    const c = customer(40);
    expect((await h.say(c, 'sign me up for the newsletter')).texts(c.conversationId)).to.deep.equal(['Shall I sign you up?']);
    const answered = (await h.say(c, 'How do I reset my password?')).texts(c.conversationId);
    expect(answered).to.have.length(2);
    expect(answered[0]).to.contain('Forgot password');
    expect(answered[1]).to.equal('Shall I sign you up?');
    expect((await h.say(c, 'qwzx blorf')).texts(c.conversationId)).to.deep.equal(['Shall I sign you up?']);
    expect((await h.say(c, 'yes please')).texts(c.conversationId)).to.deep.equal(['Signed up: true']);
    const z = customer(41, 'zh-CN');
    await h.say(z, '帮我订阅新闻简报');
    const zh = (await h.say(z, '忘记密码了')).texts(z.conversationId);
    expect(zh.at(-1)).to.equal('要为您订阅吗？');
    expect(zh.length).to.equal(2);
    expect((await h.say(z, '好的')).texts(z.conversationId)).to.deep.equal(['已订阅：true']);
  });
});
