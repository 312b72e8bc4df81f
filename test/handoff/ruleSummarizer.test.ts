import { expect } from 'chai';
import { summaryCard, summaryText } from '../../handoff/agentCards';
import type { JournalItem } from '../../handoff/conversationJournal';
import { escalationReasons } from '../../handoff/escalation';
import type { EarlierContact, SummaryInput } from '../../handoff/handoffSummary';
import { RuleSummarizer } from '../../handoff/ruleSummarizer';

const summarizer = new RuleSummarizer();

/** A minute-by-minute clock for journal items. */
const at = (minute: number, second = 0): string => new Date(Date.UTC(2026, 10, 15, 10, minute, second)).toISOString();

const said = (minute: number, text: string, sentiment = 0): JournalItem => ({ kind: 'customer', at: at(minute), text, sentiment });

/** An English customer: greets, describes a double charge, the answer does not help, suggestions miss, asks for a person. */
const englishJournal: JournalItem[] = [
  said(0, 'hi', 0.1),
  said(0, 'My order #12345678 was charged $49.99 twice on November 12. Email me at jane.doe@example.com', -0.2),
  { kind: 'answer', at: at(1), entryId: 'charged-twice', question: 'I was charged twice', topic: 'payments' },
  { kind: 'resolution', at: at(2), resolved: false, entryId: 'charged-twice', topic: 'payments' },
  said(3, 'it still shows two charges, call me on +1 (555) 123-4567', -0.5),
  { kind: 'choices', at: at(3), entryIds: ['refund-time', 'pending-charge'] },
  { kind: 'no-match', at: at(4), query: 'it still shows two charges', via: 'none-of-these' },
  said(5, 'how long do refunds take', -0.4),
  { kind: 'answer', at: at(5), entryId: 'refund-time', question: 'How long does a refund take?', topic: 'refunds' },
  { kind: 'resolution', at: at(6), resolved: true, entryId: 'refund-time', topic: 'refunds' },
  said(7, 'can I pay in crypto', -0.6),
  { kind: 'no-match', at: at(7), query: 'can I pay in crypto', via: 'no-match' },
  said(8, 'agent please', -0.8),
];

/** A Chinese customer: greets, describes a late parcel, the answer is not confirmed, gets happier. */
const chineseJournal: JournalItem[] = [
  said(0, '你好', 0),
  said(0, '订单号 LC-123456 的耳机昨天应该到，我付了299元，一直没收到', -0.6),
  { kind: 'answer', at: at(1), entryId: 'late-parcel', question: '快递迟迟没到', topic: 'delivery' },
  said(2, '好的，谢谢，那我等一下', 0.2),
  said(3, '电话 13800138000，邮箱 li@example.cn，到了请通知我', 0.4),
  said(4, '转人工', 0.5),
];

function input(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    customer: { id: 'user-1', name: 'Jane Doe', tier: 'vip', locale: 'en-US', channelId: 'webchat' },
    reason: 'requested',
    journal: englishJournal,
    startedAt: at(0),
    now: at(9, 30),
    earlierContacts: [],
    ...overrides,
  };
}

describe('RuleSummarizer', () => {
  it('takes the issue from the first substantive message, skipping the greeting, and quotes what came later', async () => {
    const summary = await summarizer.summarize(input());
    expect(summary.issue).to.equal('My order #12345678 was charged $49.99 twice on November 12. Email me at jane.doe@example.com');
    expect(summary.customerSaid).to.deep.equal(['it still shows two charges, call me on +1 (555) 123-4567', 'how long do refunds take', 'can I pay in crypto']);
    expect(summary.who).to.deep.equal({ id: 'user-1', name: 'Jane Doe', tier: 'vip', locale: 'en-US', channelId: 'webchat' });
  });

  it('leaves button presses and cancel requests out of the issue and what they also said', async () => {
    const press = (minute: number, text: string): JournalItem => ({ kind: 'customer', at: at(minute), text, sentiment: 0, control: 'button' });
    const journal: JournalItem[] = [
      press(0, 'Track my parcel'),
      said(1, 'My parcel LM-200302 never arrived', -0.3),
      press(2, 'None of these'),
      { kind: 'customer', at: at(3), text: 'never mind', sentiment: 0, control: 'cancel' },
      said(4, 'it was a birthday present', -0.4),
      said(5, 'agent'),
    ];
    const summary = await summarizer.summarize(input({ journal }));
    expect(summary.issue).to.equal('My parcel LM-200302 never arrived');
    expect(summary.customerSaid).to.deep.equal(['it was a birthday present']);
    // Only pressed buttons: the first one says what it is about.
    const pressedOnly = await summarizer.summarize(input({ journal: [press(0, 'hi'), press(0, 'Return an item'), press(1, 'No'), said(2, 'agent')] }));
    expect(pressedOnly.issue).to.equal('Return an item');
    expect(pressedOnly.customerSaid).to.deep.equal([]);
  });

  it('records what the bot tried and how the customer reacted to each', async () => {
    const summary = await summarizer.summarize(input());
    expect(summary.tried).to.deep.equal([
      { what: 'I was charged twice', reaction: 'not-resolved' },
      { what: '“it still shows two charges”', reaction: 'none-of-these' },
      { what: 'How long does a refund take?', reaction: 'resolved' },
      { what: '“can I pay in crypto”', reaction: 'no-answer' },
    ]);
    expect(summary.entriesMatched).to.deep.equal([
      { id: 'charged-twice', question: 'I was charged twice' },
      { id: 'refund-time', question: 'How long does a refund take?' },
    ]);
    expect(summary.topic).to.equal('refunds');
  });

  it('finds the order number, amount, date, email and phone the customer gave', async () => {
    const summary = await summarizer.summarize(input());
    expect(summary.entities.map((e) => `${e.type}=${e.value}`)).to.deep.equal([
      'order-number=12345678',
      'amount=49.99 USD',
      'date=2026-11-12',
      'email=jane.doe@example.com',
      'phone=+15551234567',
    ]);
  });

  it('reads the mood: latest, average and a worsening trend', async () => {
    const summary = await summarizer.summarize(input());
    expect(summary.sentiment).to.deep.equal({ trend: 'worsening', latest: -0.8, average: -0.4 });
  });

  it('keeps the last feeling shown when the customer then only asks for a person', async () => {
    const journal = [said(0, 'Where is my order LM-200300?', 0), said(1, 'this is really annoying', -0.56), said(2, 'agent', 0)];
    const summary = await summarizer.summarize(input({ journal, now: at(3) }));
    expect(summary.sentiment.latest).to.equal(-0.56);
    // Three quiet messages later, the feeling is no longer the latest one.
    const later = await summarizer.summarize(input({ journal: [...journal, said(3, 'ok', 0), said(4, 'hello?', 0), said(5, 'agent', 0)], now: at(6) }));
    expect(later.sentiment.latest).to.equal(0);
  });

  it('summarises a Chinese conversation the same way, with an improving mood', async () => {
    const summary = await summarizer.summarize(
      input({ customer: { id: 'user-2', name: '李雷', locale: 'zh-CN', channelId: 'webchat' }, journal: chineseJournal, now: at(5) }),
    );
    expect(summary.issue).to.equal('订单号 LC-123456 的耳机昨天应该到，我付了299元，一直没收到');
    expect(summary.customerSaid).to.deep.equal(['好的，谢谢，那我等一下', '电话 13800138000，邮箱 li@example.cn，到了请通知我']);
    expect(summary.tried).to.deep.equal([{ what: '快递迟迟没到', reaction: 'no-reaction' }]);
    expect(summary.entities.map((e) => `${e.type}=${e.value}`)).to.deep.equal([
      'order-number=LC-123456',
      'date=2026-11-14',
      'amount=299 CNY',
      'phone=13800138000',
      'email=li@example.cn',
    ]);
    expect(summary.sentiment.trend).to.equal('improving');
    expect(summary.topic).to.equal('delivery');
    // The answer was never confirmed before the customer asked for a person.
    expect(summary.nextStep).to.equal('fix-unsolved-issue');
  });

  it('leaves the issue empty when the customer only greeted and asked for a person', async () => {
    for (const journal of [
      [said(0, 'hello'), said(0, 'I want to talk to a real person please')],
      [said(0, '你好'), said(0, '人工客服！')],
      [said(0, 'Agent')],
    ]) {
      const summary = await summarizer.summarize(input({ journal }));
      expect(summary.issue, JSON.stringify(journal)).to.equal('');
      expect(summary.customerSaid).to.deep.equal([]);
      expect(summary.tried).to.deep.equal([]);
      expect(summary.nextStep).to.equal('greet-and-ask');
    }
  });

  it('keeps at most five later messages, each at most 200 characters', async () => {
    const journal = [said(0, 'my parcel is lost'), ...Array.from({ length: 8 }, (_, i) => said(i + 1, `update ${i} ${'x'.repeat(300)}`))];
    const summary = await summarizer.summarize(input({ journal }));
    expect(summary.customerSaid).to.have.length(5);
    expect(summary.customerSaid[0]).to.match(/^update 3 /);
    for (const text of summary.customerSaid) {
      expect([...text]).to.have.length(200);
      expect(text.endsWith('…')).to.equal(true);
    }
  });

  it('advises the next step from the reason, and for a plain request from how the bot did', async () => {
    const expected: Record<(typeof escalationReasons)[number], string> = {
      requested: 'fix-unsolved-issue',
      'repeated-no-match': 'answer-open-question',
      'not-resolved': 'fix-unsolved-issue',
      frustration: 'reassure-and-resolve',
      complaint: 'handle-complaint',
      cancellation: 'process-cancellation',
      fraud: 'secure-account',
      expert: 'give-expert-advice',
      'priority-tier': 'serve-priority-customer',
    };
    for (const reason of escalationReasons) {
      expect((await summarizer.summarize(input({ reason }))).nextStep, reason).to.equal(expected[reason]);
    }
    const unanswered = [said(0, 'do you ship to Mars'), { kind: 'no-match', at: at(1), query: 'do you ship to Mars', via: 'no-match' } as const, said(2, 'human')];
    expect((await summarizer.summarize(input({ journal: unanswered }))).nextStep).to.equal('answer-open-question');
  });

  it('counts whole minutes with the bot, never negative, and passes on earlier contacts newest first', async () => {
    const contacts: EarlierContact[] = Array.from({ length: 7 }, (_, i) => ({ at: `2026-0${i + 1}-01T09:00:00Z`, topic: 'delivery', outcome: 'resolved-by-bot' }));
    const summary = await summarizer.summarize(input({ earlierContacts: contacts }));
    expect(summary.minutesWithBot).to.equal(9);
    expect(summary.earlierContacts.map((c) => c.at.slice(0, 7))).to.deep.equal(['2026-07', '2026-06', '2026-05', '2026-04', '2026-03']);
    expect((await summarizer.summarize(input({ startedAt: at(20) }))).minutesWithBot).to.equal(0);
  });

  it('passes on the transfer note, the reason detail and the time it was made', async () => {
    const summary = await summarizer.summarize(input({ reasonDetail: 'topic payments', transferNote: { agentName: 'Ana', text: 'needs a refund approval' } }));
    expect(summary.transferNote).to.deep.equal({ agentName: 'Ana', text: 'needs a refund approval' });
    expect(summary.reasonDetail).to.equal('topic payments');
    expect(summary.generatedAt).to.equal(at(9, 30));
  });

  it('never lets a card number or password through, even if the journal kept one unmasked', async () => {
    const leaky: JournalItem[] = [
      said(0, 'my card 4111 1111 1111 1111 was charged twice and my password is Hunter2!'),
      { kind: 'no-match', at: at(1), query: 'card 4111-1111-1111-1111 charged', via: 'no-match' },
      said(2, '卡号4111111111111111，密码是abc12345，登不上'),
    ];
    const summary = await summarizer.summarize(input({ journal: leaky, reasonDetail: 'pwd: swordfish', transferNote: { agentName: 'Ana', text: 'card 4111 1111 1111 1111' } }));
    const outputs = [
      JSON.stringify(summary),
      JSON.stringify(summaryCard(summary, { locale: 'en-US', handoffId: 'h1', queueName: 'Billing', now: at(10), withAccept: true })),
      summaryText(summary, 'zh-CN', 'h1'),
    ];
    for (const out of outputs) {
      expect(out).not.to.match(/4111[ -]?1111|Hunter2|abc12345|swordfish/);
      expect(out).to.contain('•••• 1111');
    }
  });

  it('keeps no bidi or invisible characters in the summary data, and no endless name', async () => {
    const tricky: JournalItem[] = [said(0, 'refund for invoice_\u202Efdp.exe\u200B please'), { kind: 'no-match', at: at(1), query: 'pay\u2066now\u2069', via: 'no-match' }];
    const summary = await summarizer.summarize(input({ customer: { id: 'u1', name: `\u202E${'W'.repeat(5000)}`, locale: 'en-US', channelId: 'webchat' }, journal: tricky, reasonDetail: 'x\u200Fy' }));
    expect(JSON.stringify(summary)).not.to.match(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u061C]/);
    expect(summary.issue).to.equal('refund for invoice_fdp.exe please');
    expect([...(summary.who.name ?? '')].length).to.be.at.most(100);
  });

  it('gives the same summary for the same input', async () => {
    const first = await summarizer.summarize(input({ earlierContacts: [{ at: '2026-10-01T09:00:00Z', outcome: 'not-resolved' }] }));
    const again = await new RuleSummarizer().summarize(structuredClone(input({ earlierContacts: [{ at: '2026-10-01T09:00:00Z', outcome: 'not-resolved' }] })));
    expect(again).to.deep.equal(first);
  });
});
