import { expect } from 'chai';
import fc from 'fast-check';
import { escalationReasons } from '../../handoff/escalation';
import type { EscalationSignals } from '../../handoff/escalation';
import { RuleEscalationPolicy } from '../../handoff/escalationPolicy';
import type { EscalationSettings, PriorityTier } from '../../handoff/routing';
import { RoutingError, routingErrorCodes } from '../../handoff/routingErrors';
import type { SupportedLocale } from '../../locale/locale';

const defaults: EscalationSettings = {
  noMatchLimit: 2,
  notResolvedLimit: 2,
  negativeTurns: 2,
  negativeThreshold: -0.3,
  agentPhrases: { 'en-US': [], 'zh-CN': [] },
  cancelPhrases: { 'en-US': [], 'zh-CN': [] },
  topics: { 'card-fraud': 'fraud', 'legal-advice': 'expert' },
};
const tiers: readonly PriorityTier[] = [
  { id: 'vip', priority: 10, noMatchLimit: 1 },
  { id: 'at-risk', priority: 5 },
  { id: 'self-service', priority: 0, noMatchLimit: 4 },
];

function policy(settings: Partial<EscalationSettings> = {}): RuleEscalationPolicy {
  return new RuleEscalationPolicy({ ...defaults, ...settings }, tiers);
}

/** A quiet turn: nothing in it should lead to a person. */
function turn(signals: Partial<EscalationSignals> = {}): EscalationSignals {
  return { locale: 'en-US', text: 'Where is my order?', consecutiveNoMatches: 0, notResolvedCount: 0, sentiments: [0], ...signals };
}

/** The messages of `table` the check gets wrong, so a failure names them. */
function wrong(table: readonly string[], check: (text: string) => boolean, expected: boolean): string[] {
  return table.filter((text) => check(text) !== expected);
}

const englishRequests = [
  'agent', 'human', 'real person', 'a person', 'talk to someone', 'speak to a human', 'customer service', 'representative',
  'operator', 'live chat', 'can I talk to a real person?', 'I want a human!!', 'AGENT', 'agent please', 'Agent.', 'ＡＧＥＮＴ',
  'Agent？', 'HUMAN!!!', 'Customer Service please', 'Let me speak to someone', 'Get me a real person now',
  'Can I speak with a representative?', 'transfer me to an agent', 'connect me to a live agent', "I'd like to speak to a human being",
  'Is there a human I can talk to?', "Why can't I talk to a person?", 'This bot is useless, get me a human',
  "I've tried everything and the app still crashes, can I please talk to a real person about this?", 'no, I want an agent',
  'Are you able to connect me to an agent?', "I don't want the bot, I want an agent", 'anyone there?',
  'let me talk to your supervisor', 'please transfer me', 'Not the bot. A person please.',
];
const englishNonRequests = [
  'travel agent', "I'm a travel agent", 'What is a user agent string?', 'Is the agent fee refundable?',
  'how much is the shipping agent fee', "I don't want an agent", 'I do not want to talk to a human', 'no agent please',
  'Are you a real person?', 'are you human?', 'am I talking to a bot?', 'human resources', 'is this human error?',
  'Can I pay in person?', 'what are your customer service hours', 'Where can I find my agent code?',
  'The delivery person was rude', 'My estate agent recommended you', 'Someone stole my card', 'How do I become a sales representative?',
  'Hello', "thanks, that's all", 'Does the tour operator include meals?', 'Which mobile operator do you use?',
  'No need for a human, thanks', "I'd rather not talk to an agent", 'Where is my order?', 'I want a refund', 'Can I get a personal discount?',
];
const chineseRequests = [
  '人工', '转人工', '人工客服', '真人', '找客服', '我要投诉人工', '客服在吗', '找个人工', '转人工！！', '人工客服在吗？', '我要人工',
  '给我转人工', '请帮我转接人工客服', '客服', '客服!', '有人吗', '真人客服', '在线客服', '为什么不给我转人工', '不要机器人，我要人工',
  '不要机器人要人工', '联系客服', '人工服务', '我想找真人', '找人工', '麻烦转一下人工', '转人工 please', '我要 agent', 'agent在吗',
];
const chineseNonRequests = [
  '人工智能', '你们用的是人工智能吗', '人工费多少钱', '不要人工', '不用转人工', '别转人工', '不需要人工客服', '我不想找客服',
  '不用给我转人工', '有真人照片吗', '这是真人秀吗', '人工成本太高', '你好', '订单什么时候到', '怎么退货', '人工湖在哪里',
  '有没有人用过这个', '退款要多久', '取消转人工', '我一个人在家', '不用人工了，谢谢', '人工智能客服能退款吗', '可以用支付宝吗',
  '谢谢', '发票怎么开',
];

describe('RuleEscalationPolicy', () => {
  describe('construction', () => {
    it('accepts the default routing settings', () => {
      expect(() => policy()).not.to.throw();
    });

    it('rejects bad settings and tiers with one coded error that lists every problem', () => {
      const bad = {
        ...defaults,
        noMatchLimit: 0,
        negativeThreshold: 2,
        agentPhrases: { 'en-US': ['!!!'], 'zh-CN': [] },
        topics: { billing: 'angry' },
      } as unknown as EscalationSettings;
      const badTiers = [{ id: 'vip', priority: 1 }, { id: 'vip', priority: 2, noMatchLimit: 0 }];
      let error: unknown;
      try {
        new RuleEscalationPolicy(bad, badTiers);
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(RoutingError);
      const routingError = error as RoutingError;
      expect(routingError.code).to.equal(routingErrorCodes.invalid);
      expect(routingError.problems.map((p) => p.path)).to.have.members([
        'escalation.noMatchLimit',
        'escalation.negativeThreshold',
        'escalation.agentPhrases.en-US[0]',
        'escalation.topics.billing',
        'tiers[1].noMatchLimit',
        'tiers[1].id',
      ]);
    });

    it('rejects missing settings instead of failing on the first turn', () => {
      expect(() => new RuleEscalationPolicy(undefined as unknown as EscalationSettings, [])).to.throw(RoutingError, /escalation/);
      expect(() => new RuleEscalationPolicy(defaults, undefined as unknown as PriorityTier[])).to.throw(RoutingError, /tiers/);
    });
  });

  describe('isAgentRequest (P1)', () => {
    const p = policy();
    const ask = (locale: SupportedLocale) => (text: string) => p.isAgentRequest(text, locale);

    it('hears English requests for a person, whatever the case, punctuation or width', () => {
      expect(englishRequests.length).to.be.at.least(25);
      expect(wrong(englishRequests, ask('en-US'), true)).to.deep.equal([]);
    });

    it('does not hear a request in questions about other agents, in refusals, or in "are you human?"', () => {
      expect(englishNonRequests.length).to.be.at.least(25);
      expect(wrong(englishNonRequests, ask('en-US'), false)).to.deep.equal([]);
    });

    it('hears Chinese requests for a person', () => {
      expect(chineseRequests.length).to.be.at.least(25);
      expect(wrong(chineseRequests, ask('zh-CN'), true)).to.deep.equal([]);
    });

    it('does not hear a request in 人工智能, 真人秀, fees, or refusals such as 不要人工', () => {
      expect(chineseNonRequests.length).to.be.at.least(25);
      expect(wrong(chineseNonRequests, ask('zh-CN'), false)).to.deep.equal([]);
    });

    it('hears either language whatever the conversation locale, because customers mix them', () => {
      expect(wrong(['转人工', '人工客服', '客服在吗'], ask('en-US'), true)).to.deep.equal([]);
      expect(wrong(['agent', 'real person', 'I want a human!!'], ask('zh-CN'), true)).to.deep.equal([]);
    });

    it('keeps hearing the built-in phrases when an admin adds more, in either locale, negated or not', () => {
      const custom = policy({ agentPhrases: { 'en-US': ['concierge', 'Ask Lumen Team'], 'zh-CN': ['找小二'] } });
      expect(p.isAgentRequest('concierge please', 'en-US')).to.equal(false);
      expect(custom.isAgentRequest('Concierge please!', 'en-US')).to.equal(true);
      expect(custom.isAgentRequest('I would like to ASK LUMEN TEAM about this', 'en-US')).to.equal(true);
      expect(custom.isAgentRequest('找小二！', 'en-US')).to.equal(true);
      expect(custom.isAgentRequest("I don't want the concierge", 'en-US')).to.equal(false);
      expect(custom.isAgentRequest('不要找小二', 'zh-CN')).to.equal(false);
      expect(custom.isAgentRequest('转人工', 'zh-CN')).to.equal(true);
      expect(custom.isAgentRequest('agent', 'en-US')).to.equal(true);
    });

    it('hears a built-in request under any casing with trailing punctuation', () => {
      const phrases = ['agent', 'real person', 'speak to a human', 'customer service', 'live chat', '转人工', '人工客服'];
      fc.assert(
        fc.property(fc.constantFrom(...phrases), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), fc.constantFrom('', '!', '!!!', '?', '？', '！！', '.', ' please'), (phrase, upper, tail) => {
          const cased = [...phrase].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch)).join('');
          return p.isAgentRequest(cased + tail, 'en-US');
        }),
      );
    });
  });

  describe('isCancelRequest', () => {
    const p = policy();
    const cancels = (text: string) => p.isCancelRequest(text, 'en-US');

    it('hears short "never mind" messages in English and Chinese', () => {
      const table = [
        'never mind', 'Nevermind!', 'forget it', 'Cancel', 'cancel that', "no thanks, I'll wait for the bot", 'NEVER MIND.',
        'Actually never mind', 'Oh forget it, thanks', 'I changed my mind', 'cancel the transfer', 'nvm', 'ｎｅｖｅｒ ｍｉｎｄ',
        '算了', '不用了', '取消', '不需要了', '算了吧', '不用了，谢谢', '取消转人工', '没事了', '不用转人工了', '算了算了',
      ];
      expect(wrong(table, cancels, true)).to.deep.equal([]);
    });

    it('does not take a request about something else, or a new request for a person, as "never mind"', () => {
      const table = [
        'cancel my order', 'How do I cancel my subscription?', 'never mind the price, is it in stock?', 'I want an agent', "Don't cancel",
        'forget it, I want a human now', 'no', 'hello', 'Where is my order?',
        "I can't cancel my booking, it keeps failing and I have tried three times already today", '取消订单', '怎么取消订阅',
        '算了，我还是要人工', '我要人工', '你好',
      ];
      expect(wrong(table, cancels, false)).to.deep.equal([]);
    });

    it('adds the admin\'s cancel phrases to the built-in ones, in either locale', () => {
      const custom = policy({ cancelPhrases: { 'en-US': ['all sorted'], 'zh-CN': ['再说吧'] } });
      expect(p.isCancelRequest('all sorted, thanks', 'en-US')).to.equal(false);
      expect(custom.isCancelRequest('All sorted, thanks!', 'en-US')).to.equal(true);
      expect(custom.isCancelRequest('再说吧', 'en-US')).to.equal(true);
      expect(custom.isCancelRequest('算了', 'zh-CN')).to.equal(true);
    });
  });

  describe('decide', () => {
    const p = policy();

    it('does not escalate a quiet turn', () => {
      expect(p.decide(turn())).to.deep.equal({ escalate: false });
    });

    it('transfers at once when the customer asks for a person, ahead of every other rule', () => {
      const everything = turn({ text: '转人工', locale: 'zh-CN', entryReason: 'fraud', topic: 'card-fraud', sentiments: [-0.9, -0.9], notResolvedCount: 5, consecutiveNoMatches: 5, tier: 'vip' });
      expect(p.decide(everything)).to.include({ escalate: true, mode: 'transfer', reason: 'requested' });
      expect(p.decide(turn({ text: 'can I talk to a real person?' }))).to.include({ mode: 'transfer', reason: 'requested' });
    });

    it("transfers with the answered entry's own reason; an unknown reason means an expert is needed", () => {
      for (const reason of ['complaint', 'cancellation', 'fraud', 'expert'] as const) {
        expect(p.decide(turn({ entryReason: reason }))).to.include({ escalate: true, mode: 'transfer', reason });
      }
      expect(p.decide(turn({ entryReason: ' FRAUD ' }))).to.include({ reason: 'fraud' });
      expect(p.decide(turn({ entryReason: 'legal' }))).to.include({ mode: 'transfer', reason: 'expert' });
      expect(p.decide(turn({ entryReason: '' }))).to.deep.equal({ escalate: false });
    });

    it("puts the entry's reason ahead of its topic's", () => {
      expect(p.decide(turn({ entryReason: 'complaint', topic: 'card-fraud' }))).to.include({ reason: 'complaint' });
    });

    it('transfers topics that always go to a person, with the configured reason, and no others', () => {
      expect(p.decide(turn({ topic: 'card-fraud' }))).to.include({ escalate: true, mode: 'transfer', reason: 'fraud' });
      expect(p.decide(turn({ topic: 'legal-advice' }))).to.include({ mode: 'transfer', reason: 'expert' });
      expect(p.decide(turn({ topic: 'opening-hours' }))).to.deep.equal({ escalate: false });
      expect(p.decide(turn({ topic: 'constructor' }))).to.deep.equal({ escalate: false });
      expect(p.decide(turn({ topic: '__proto__' }))).to.deep.equal({ escalate: false });
    });

    it('offers a person after sustained frustration, the last negativeTurns messages at or below the threshold', () => {
      expect(p.decide(turn({ sentiments: [0.5, -0.6, -0.3] }))).to.deep.equal({ escalate: true, mode: 'offer', reason: 'frustration', detail: '2 negative messages in a row' });
      expect(p.decide(turn({ sentiments: [-0.8] }))).to.deep.equal({ escalate: false });
      expect(p.decide(turn({ sentiments: [-0.8, -0.29] }))).to.deep.equal({ escalate: false });
      expect(p.decide(turn({ sentiments: [-0.8, -0.8, 0.2] }))).to.deep.equal({ escalate: false });
      expect(policy({ negativeTurns: 3 }).decide(turn({ sentiments: [-0.8, -0.8] }))).to.deep.equal({ escalate: false });
    });

    it('offers a person to a customer whose messages the policy itself scores as angry', () => {
      const sentiments = ['This is useless!!', 'still not working, third time I ask'].map((t) => p.sentiment(t, 'en-US'));
      expect(p.decide(turn({ text: 'still not working, third time I ask', sentiments }))).to.include({ mode: 'offer', reason: 'frustration' });
      const calm = ['Where is my order?', 'Thanks, and the invoice?'].map((t) => p.sentiment(t, 'en-US'));
      expect(p.decide(turn({ sentiments: calm }))).to.deep.equal({ escalate: false });
    });

    it('puts topics ahead of frustration, frustration ahead of "not resolved", and that ahead of unanswered questions', () => {
      const all = turn({ topic: 'card-fraud', sentiments: [-0.9, -0.9], notResolvedCount: 2, consecutiveNoMatches: 2 });
      expect(p.decide(all)).to.include({ reason: 'fraud' });
      expect(p.decide({ ...all, topic: undefined })).to.include({ reason: 'frustration' });
      expect(p.decide({ ...all, topic: undefined, sentiments: [0] })).to.include({ reason: 'not-resolved' });
      expect(p.decide({ ...all, topic: undefined, sentiments: [0], notResolvedCount: 0 })).to.include({ reason: 'repeated-no-match' });
    });

    it('offers a person once answers are marked not resolved notResolvedLimit times', () => {
      expect(p.decide(turn({ notResolvedCount: 1 }))).to.deep.equal({ escalate: false });
      expect(p.decide(turn({ notResolvedCount: 2 }))).to.deep.equal({ escalate: true, mode: 'offer', reason: 'not-resolved', detail: '2 answers marked not resolved' });
    });

    it('offers a person after noMatchLimit unanswered questions in a row', () => {
      expect(p.decide(turn({ consecutiveNoMatches: 1 }))).to.deep.equal({ escalate: false });
      expect(p.decide(turn({ consecutiveNoMatches: 2 }))).to.deep.equal({ escalate: true, mode: 'offer', reason: 'repeated-no-match', detail: '2 unanswered questions in a row' });
      expect(policy({ noMatchLimit: 3 }).decide(turn({ consecutiveNoMatches: 2 }))).to.deep.equal({ escalate: false });
    });

    it("uses the customer's tier limit: sooner for VIPs (reason priority-tier), later for a tier that prefers self-service", () => {
      expect(p.decide(turn({ tier: 'vip', consecutiveNoMatches: 1 }))).to.include({ mode: 'offer', reason: 'priority-tier' });
      expect(p.decide(turn({ tier: 'vip', consecutiveNoMatches: 2 }))).to.include({ reason: 'repeated-no-match' });
      expect(p.decide(turn({ tier: 'at-risk', consecutiveNoMatches: 1 }))).to.deep.equal({ escalate: false });
      expect(p.decide(turn({ tier: 'at-risk', consecutiveNoMatches: 2 }))).to.include({ reason: 'repeated-no-match' });
      expect(p.decide(turn({ tier: 'self-service', consecutiveNoMatches: 3 }))).to.deep.equal({ escalate: false });
      expect(p.decide(turn({ tier: 'self-service', consecutiveNoMatches: 4 }))).to.include({ reason: 'repeated-no-match' });
      expect(p.decide(turn({ tier: 'unknown', consecutiveNoMatches: 1 }))).to.deep.equal({ escalate: false });
    });

    it("never quotes the customer's message in the decision's detail", () => {
      const text = 'my card 4111 1111 1111 1111 still not working';
      for (const signals of [turn({ text, consecutiveNoMatches: 3 }), turn({ text: `${text}, agent please` }), turn({ text, sentiments: [-1, -1] })]) {
        const decision = p.decide(signals);
        expect(decision.escalate).to.equal(true);
        if (decision.escalate) expect(decision.detail ?? '').not.to.match(/4111|card|working/);
      }
    });

    it('never throws, and names a known reason and mode whenever it escalates', () => {
      const count = fc.oneof(fc.integer({ min: -3, max: 10 }), fc.double());
      const signals = fc.record(
        {
          locale: fc.constantFrom<SupportedLocale>('en-US', 'zh-CN'),
          text: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('agent', '转人工', 'never mind', 'useless!!!')),
          consecutiveNoMatches: count,
          notResolvedCount: count,
          sentiments: fc.array(fc.oneof(fc.double({ min: -1, max: 1 }), fc.double()), { maxLength: 6 }),
          topic: fc.oneof(fc.constantFrom('card-fraud', 'legal-advice', 'toString', '__proto__'), fc.string()),
          entryReason: fc.oneof(fc.constantFrom(...escalationReasons), fc.string()),
          tier: fc.oneof(fc.constantFrom('vip', 'at-risk', 'self-service', 'hasOwnProperty'), fc.string()),
        },
        { requiredKeys: ['locale', 'text', 'consecutiveNoMatches', 'notResolvedCount', 'sentiments'] },
      );
      fc.assert(
        fc.property(signals, (s) => {
          const decision = p.decide(s);
          if (!decision.escalate) return true;
          return (escalationReasons as readonly string[]).includes(decision.reason) && ['transfer', 'offer'].includes(decision.mode);
        }),
      );
    });
  });
});
