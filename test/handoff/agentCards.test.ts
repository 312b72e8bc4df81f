import { expect } from 'chai';
import type { AdaptiveCard, CardElement } from '../../handoff/agentCards';
import { adaptiveCardContentType, agentHelpCard, maxCardBytes, queueCard, summaryCard, summaryText } from '../../handoff/agentCards';
import { agentCardText } from '../../handoff/agentCardText';
import { agentCommandNames } from '../../handoff/agentCommands';
import type { JournalItem } from '../../handoff/conversationJournal';
import { escalationReasons } from '../../handoff/escalation';
import type { HandoffSummary, NextStepCode } from '../../handoff/handoffSummary';
import { RuleSummarizer } from '../../handoff/ruleSummarizer';
import { supportedLocales } from '../../locale/locale';

const handoffId = '3f2a1b4c-9d8e-4f00-a1b2-c3d4e5f60718';
const now = '2026-11-15T10:12:00.000Z';

const summary: HandoffSummary = {
  who: { id: 'user-1', name: 'Jane Doe', tier: 'vip', locale: 'en-US', channelId: 'msteams' },
  issue: 'My order #12345678 was charged twice',
  customerSaid: ['it still shows two charges'],
  topic: 'payments',
  entriesMatched: [{ id: 'charged-twice', question: 'I was charged twice' }],
  tried: [
    { what: 'I was charged twice', reaction: 'not-resolved' },
    { what: '“can I pay in crypto”', reaction: 'no-answer' },
  ],
  entities: [
    { type: 'order-number', text: '12345678', value: '12345678' },
    { type: 'amount', text: '$49.99', value: '49.99 USD' },
  ],
  sentiment: { trend: 'worsening', latest: -0.8, average: -0.4 },
  reason: 'complaint',
  minutesWithBot: 9,
  earlierContacts: [{ at: '2026-10-01T09:00:00Z', topic: 'delivery', outcome: 'resolved-by-agent' }],
  nextStep: 'handle-complaint',
  transferNote: { agentName: 'Ana', text: 'needs a refund approval' },
  generatedAt: '2026-11-15T10:09:00.000Z',
};

/** Everything a person can read on a card: texts, facts and button titles. */
function readable(card: AdaptiveCard): string[] {
  const out: string[] = [];
  const walk = (elements: readonly CardElement[]): void => {
    for (const e of elements) {
      if (e.type === 'TextBlock') out.push(e.text);
      else if (e.type === 'FactSet') for (const f of e.facts) out.push(`${f.title}: ${f.value}`);
      else if (e.type === 'Container') walk(e.items);
      else for (const a of e.actions) out.push(a.title);
    }
  };
  walk(card.body);
  for (const a of card.actions ?? []) out.push(a.title);
  return out;
}

/** The data of every button on a card, wherever it is. */
function buttonData(card: AdaptiveCard): unknown[] {
  const out: unknown[] = (card.actions ?? []).map((a) => a.data);
  const walk = (elements: readonly CardElement[]): void => {
    for (const e of elements) {
      if (e.type === 'Container') walk(e.items);
      else if (e.type === 'ActionSet') out.push(...e.actions.map((a) => a.data));
    }
  };
  walk(card.body);
  return out;
}

const bytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

describe('agent cards', () => {
  it('show a waiting customer’s summary with an Accept button that accepts this handoff', () => {
    const card = summaryCard(summary, { locale: 'en-US', handoffId, queueName: 'Billing', waitingSince: '2026-11-15T10:09:00.000Z', now, withAccept: true });
    expect(card).to.include({ type: 'AdaptiveCard', version: '1.4' });
    expect(adaptiveCardContentType).to.equal('application/vnd.microsoft.card.adaptive');
    expect(card.actions).to.deep.equal([{ type: 'Action.Submit', title: 'Accept', data: { warmline: 'agent.command', command: 'accept', handoffId } }]);
    const text = readable(card).join('\n');
    for (const expected of [
      '“Jane Doe” is waiting for a person',
      'Handoff 3f2a1b4c · Billing · waiting 3 min',
      'Customer: “Jane Doe” (`user-1`)',
      'Tier: vip',
      'Language: English',
      'Channel: Teams',
      'Why a person: Complaint',
      '“My order #12345678 was charged twice”',
      '• I was charged twice — did not solve it',
      '• “can I pay in crypto” — no answer found',
      'Order number: 12345678',
      'Amount: 49.99 USD (“$49.99”)',
      'Mood: Negative (latest −0.80, average −0.40), getting worse',
      'Time with the bot: 9 min',
      '2026-10-01 · delivery · solved by an agent',
      'Note from Ana',
      'needs a refund approval',
      agentCardText['en-US'].nextSteps['handle-complaint'],
    ]) {
      expect(text).to.contain(expected);
    }
    expect(text).not.to.contain(handoffId);
  });

  it('show the summary in the agent’s language, with messages sent while waiting and notes', () => {
    const card = summaryCard(summary, {
      locale: 'zh-CN',
      handoffId,
      queueName: '账单',
      now,
      withAccept: false,
      messagesWhileWaiting: [{ at: '2026-11-15T10:10:00.000Z', text: 'are you there?' }],
      notes: [{ agentName: 'Ana', text: 'refund approved' }],
    });
    expect(card.actions).to.equal(undefined);
    expect(buttonData(card)).to.deep.equal([]);
    const text = readable(card).join('\n');
    for (const expected of ['你正在接待 “Jane Doe”', '转接编号 3f2a1b4c · 账单', '转人工原因: 投诉', '建议下一步', '等待期间的留言', '2 分钟前: “are you there?”', '备注', 'Ana: refund approved', '订单号: 12345678']) {
      expect(text).to.contain(expected);
    }
    expect(text).not.to.match(/Suggested next step|Why a person/);
  });

  it('name a customer who gave no name in the middle of a sentence, in lower case', () => {
    const unnamed: HandoffSummary = { ...summary, who: { ...summary.who, name: undefined } };
    const accepted = readable(summaryCard(unnamed, { locale: 'en-US', handoffId, queueName: 'Billing', now, withAccept: false })).join('\n');
    expect(accepted).to.contain("You're now helping a customer");
    expect(readable(summaryCard(unnamed, { locale: 'en-US', handoffId, queueName: 'Billing', now, withAccept: true })).join('\n')).to.contain('A customer is waiting for a person');
    expect(readable(summaryCard(unnamed, { locale: 'zh-CN', handoffId, queueName: '账单', now, withAccept: false })).join('\n')).to.contain('你正在接待一位客户');
  });

  it('say so when the customer asked for a person straight away', () => {
    const card = summaryCard({ ...summary, issue: '', tried: [] }, { locale: 'en-US', handoffId, queueName: 'Billing', now, withAccept: true });
    expect(readable(card)).to.include('(the customer asked for a person straight away)');
    expect(summaryText({ ...summary, issue: '' }, 'zh-CN', handoffId)).to.contain('（客户一开始就要求转人工）');
  });

  it('list the queue with an Accept button per customer, or say nobody is waiting', () => {
    const items = [
      { handoffId: 'aaaaaaaa-1111', customerName: 'Jane Doe', queueName: 'Billing', reason: 'fraud' as const, waitingMinutes: 7, priority: 2, tier: 'vip' },
      { handoffId: 'bbbbbbbb-2222', queueName: 'Billing', reason: 'requested' as const, waitingMinutes: 1, priority: 0 },
    ];
    const card = queueCard(items, 'en-US');
    expect(buttonData(card)).to.deep.equal([
      { warmline: 'agent.command', command: 'accept', handoffId: 'aaaaaaaa-1111' },
      { warmline: 'agent.command', command: 'accept', handoffId: 'bbbbbbbb-2222' },
    ]);
    const text = readable(card).join('\n');
    expect(text).to.contain('2 customers waiting');
    expect(text).to.contain('“Jane Doe” · Billing · Possible fraud or account security');
    expect(text).to.contain('waiting 7 min · Tier: vip · Handoff aaaaaaaa');
    expect(readable(queueCard(items, 'zh-CN')).join('\n')).to.contain('已等待 7 分钟 · 等级：vip · 转接编号 aaaaaaaa');
    expect(text).to.contain('A customer · Billing · Asked for a person');
    expect(readable(queueCard([], 'zh-CN'))).to.deep.equal(['目前没有客户在等待。']);
    expect(readable(queueCard([], 'en-US'))).to.deep.equal(['Nobody is waiting.']);
  });

  it('list every agent command, with buttons for the common ones', () => {
    for (const locale of supportedLocales) {
      const card = agentHelpCard(locale);
      const text = readable(card).join('\n');
      for (const usage of ['/help', '/queue', '/accept [id]', '/transcript', '/note <text>', '/transfer <queue|agent> [note]', '/end', '/available', '/away']) {
        expect(text).to.contain(`${usage}: `);
      }
      expect(buttonData(card)).to.deep.equal(['queue', 'available', 'away', 'transcript', 'end'].map((command) => ({ warmline: 'agent.command', command })));
    }
    expect(readable(agentHelpCard('zh-CN'))).to.include('客服命令');
  });

  it('give the same content as text for channels without cards', () => {
    const text = summaryText(summary, 'en-US', handoffId);
    for (const expected of ['“Jane Doe” is waiting for a person', 'Handoff 3f2a1b4c', '**Why a person**: Complaint', 'My order #12345678 was charged twice', '- I was charged twice — did not solve it', '- **Order number**: 12345678', '**Suggested next step**']) {
      expect(text).to.contain(expected);
    }
    expect(summaryText(summary, 'zh-CN', handoffId)).to.contain('**建议下一步**：先确认投诉并致歉');
  });

  it('stay under the Teams size limit for a huge conversation, shortening with “…”', async () => {
    const journal: JournalItem[] = [];
    for (let i = 0; i < 60; i += 1) {
      const text = `${i % 2 ? '我的订单' : 'my order'} #${10000 + i} ${'很长的描述 long description '.repeat(300)}`;
      journal.push(i % 3 ? { kind: 'customer', at: now, text, sentiment: -0.5 } : { kind: 'no-match', at: now, query: text, via: 'no-match' });
    }
    const huge = await new RuleSummarizer().summarize({
      customer: { id: 'u'.repeat(500), name: '名'.repeat(2000), locale: 'zh-CN', channelId: 'webchat' },
      reason: 'repeated-no-match',
      reasonDetail: 'x'.repeat(5000),
      journal,
      startedAt: now,
      now,
      earlierContacts: Array.from({ length: 5 }, () => ({ at: now, topic: '很长'.repeat(500), outcome: 'not-resolved' as const })),
      transferNote: { agentName: 'Ana', text: '备注'.repeat(1000) },
    });
    const bigger: HandoffSummary = { ...huge, tried: Array.from({ length: 500 }, (_, i) => ({ what: `“${'问'.repeat(200)} ${i}”`, reaction: 'no-answer' })) };
    const waiting = Array.from({ length: 200 }, () => ({ at: now, text: '还在吗'.repeat(300) }));
    for (const locale of supportedLocales) {
      const card = summaryCard(bigger, { locale, handoffId, queueName: '账单'.repeat(100), now, withAccept: true, messagesWhileWaiting: waiting, notes: waiting.map((w) => ({ agentName: 'Ana', text: w.text })) });
      expect(bytes(card)).to.be.at.most(maxCardBytes);
      expect(card.actions?.[0]?.data).to.deep.equal({ warmline: 'agent.command', command: 'accept', handoffId });
      expect(readable(card).some((t) => t.includes('…'))).to.equal(true);
      expect(new TextEncoder().encode(summaryText(bigger, locale, handoffId)).length).to.be.at.most(maxCardBytes);
    }
    const queue = Array.from({ length: 500 }, (_, i) => ({ handoffId: `${i}`.padStart(8, '0'), customerName: '名'.repeat(300), queueName: 'q'.repeat(300), reason: 'requested' as const, waitingMinutes: i, priority: 0 }));
    const queueJson = queueCard(queue, 'en-US');
    expect(bytes(queueJson)).to.be.at.most(maxCardBytes);
    expect(readable(queueJson).join('\n')).to.match(/… and \d+ more/);
  });

  it('mask a card number even when a summary from elsewhere carries one', () => {
    const leaky: HandoffSummary = { ...summary, issue: 'card 4111 1111 1111 1111 declined', customerSaid: ['password: hunter2'] };
    const out = JSON.stringify(summaryCard(leaky, { locale: 'en-US', handoffId, queueName: 'Billing', now, withAccept: true })) + summaryText(leaky, 'en-US', handoffId);
    expect(out).not.to.match(/4111 1111|hunter2/);
  });

  it('have wording for every reason, next step, reaction and command in both languages', () => {
    const nextSteps: NextStepCode[] = ['handle-complaint', 'process-cancellation', 'secure-account', 'give-expert-advice', 'answer-open-question', 'fix-unsolved-issue', 'reassure-and-resolve', 'serve-priority-customer', 'greet-and-ask'];
    const han = /\p{Script=Han}/u;
    for (const locale of supportedLocales) {
      const t = agentCardText[locale];
      const texts = [
        ...escalationReasons.map((r) => t.reasons[r]),
        ...nextSteps.map((s) => t.nextSteps[s]),
        ...Object.values(t.reactions),
        ...Object.values(t.entityTypes),
        ...Object.values(t.outcomes),
        ...Object.values(t.trends),
        ...agentCommandNames.map((c) => t.commands[c].does),
        t.askedStraightAway,
      ];
      for (const text of texts) {
        expect(text, locale).to.be.a('string').and.not.equal('');
        expect(han.test(text), `${locale}: ${text}`).to.equal(locale === 'zh-CN');
      }
    }
    expect(new Set(nextSteps.map((s) => agentCardText['en-US'].nextSteps[s])).size).to.equal(nextSteps.length);
  });
});
