/**
 * Every label on the agents' cards (summary, queue, help) and in the plain-text summary, in every
 * supported locale. The record types make the compiler check that each reason, next step, reaction
 * and command has wording in both languages.
 */
import type { SupportedLocale } from '../locale/locale';
import type { AgentCommandName } from './agentCommands';
import type { EscalationReason } from './escalation';
import type { EarlierContact, HandoffSummary, NextStepCode, RecognisedEntity } from './handoffSummary';

/** How the customer reacted to one thing the bot tried. */
export type TriedReaction = HandoffSummary['tried'][number]['reaction'];

/** Card wording for agents in one language. */
export interface AgentCardText {
  /** Title of the card offered to agents when a customer waits. */
  readonly summaryTitle: (customer: string) => string;
  /** Title of the summary once the agent has the conversation. */
  /** `customer` is the quoted name, or undefined when the customer gave none. */
  readonly acceptedTitle: (customer: string | undefined) => string;
  /** "Handoff 3f2a1b4c": the short id the agent can type after `/accept`. */
  readonly handoffRef: (shortId: string) => string;
  /** Between a label and its value in plain text. */
  readonly colon: string;
  readonly waitingFor: (minutes: number) => string;
  readonly minutesAgo: (minutes: number) => string;
  readonly withBotFor: (minutes: number) => string;
  readonly unnamedCustomer: string;
  readonly fields: {
    readonly customer: string;
    readonly tier: string;
    readonly language: string;
    readonly channel: string;
    readonly reason: string;
    readonly issue: string;
    readonly alsoSaid: string;
    readonly tried: string;
    readonly entities: string;
    readonly sentiment: string;
    readonly timeWithBot: string;
    readonly earlierContacts: string;
    readonly transferNote: (agentName: string) => string;
    readonly notes: string;
    readonly nextStep: string;
    readonly whileWaiting: string;
    readonly topic: string;
  };
  /** Shown instead of the issue when the customer's first words asked for a person. */
  readonly askedStraightAway: string;
  readonly nothingTried: string;
  readonly reasons: Readonly<Record<EscalationReason, string>>;
  readonly nextSteps: Readonly<Record<NextStepCode, string>>;
  readonly reactions: Readonly<Record<TriedReaction, string>>;
  readonly entityTypes: Readonly<Record<RecognisedEntity['type'], string>>;
  readonly outcomes: Readonly<Record<EarlierContact['outcome'], string>>;
  readonly trends: Readonly<Record<HandoffSummary['sentiment']['trend'], string>>;
  readonly moods: Readonly<Record<'negative' | 'neutral' | 'positive', string>>;
  /** "negative (latest −0.6, average −0.4), worsening". */
  readonly sentimentLine: (mood: string, latest: string, average: string, trend: string) => string;
  readonly languages: Readonly<Record<SupportedLocale, string>>;
  /** Friendly names for well-known channel ids; others are shown as they are. */
  readonly channels: Readonly<Record<string, string>>;
  /** "… and 3 more" at the end of a shortened list. */
  readonly more: (count: number) => string;
  readonly queueTitle: (count: number) => string;
  readonly nobodyWaiting: string;
  readonly helpTitle: string;
  readonly helpIntro: string;
  /** One line per command: usage, then what it does. */
  readonly commands: Readonly<Record<AgentCommandName, { readonly usage: string; readonly does: string }>>;
  readonly buttons: {
    readonly accept: string;
    readonly queue: string;
    readonly available: string;
    readonly away: string;
    readonly transcript: string;
    readonly end: string;
  };
}

const en: AgentCardText = {
  summaryTitle: (customer) => `${customer} is waiting for a person`,
  acceptedTitle: (customer) => `You're now helping ${customer ?? 'a customer'}`,
  handoffRef: (shortId) => `Handoff ${shortId}`,
  colon: ': ',
  waitingFor: (m) => `waiting ${m} min`,
  minutesAgo: (m) => (m < 1 ? 'just now' : `${m} min ago`),
  withBotFor: (m) => (m < 1 ? 'less than a minute' : `${m} min`),
  unnamedCustomer: 'A customer',
  fields: {
    customer: 'Customer',
    tier: 'Tier',
    language: 'Language',
    channel: 'Channel',
    reason: 'Why a person',
    issue: 'The issue, in their words',
    alsoSaid: 'They also said',
    tried: 'What the bot tried',
    entities: 'Details they gave',
    sentiment: 'Mood',
    timeWithBot: 'Time with the bot',
    earlierContacts: 'Earlier contacts',
    transferNote: (agentName) => `Note from ${agentName}`,
    notes: 'Notes',
    nextStep: 'Suggested next step',
    whileWaiting: 'Sent while waiting',
    topic: 'Topic',
  },
  askedStraightAway: '(the customer asked for a person straight away)',
  nothingTried: 'Nothing yet: the customer came straight to a person.',
  reasons: {
    requested: 'Asked for a person',
    'repeated-no-match': 'The bot could not answer repeatedly',
    'not-resolved': 'The answers did not solve it',
    frustration: 'Frustrated',
    complaint: 'Complaint',
    cancellation: 'Wants to cancel',
    fraud: 'Possible fraud or account security',
    expert: 'Needs expert advice',
    'priority-tier': 'Priority customer',
  },
  nextSteps: {
    'handle-complaint': 'Acknowledge the complaint and apologise first, then agree on a remedy and a date.',
    'process-cancellation': 'Confirm what they want to cancel, explain any consequences, then process it without pressure.',
    'secure-account': 'Secure the account first (verify identity, freeze if needed), then look into the charges.',
    'give-expert-advice': 'Give the specialist advice they asked for; the FAQ could not cover it.',
    'answer-open-question': 'The bot had no answer: answer their open question directly.',
    'fix-unsolved-issue': 'The bot’s answers did not solve it: skip the basics and fix the issue.',
    'reassure-and-resolve': 'They are upset: reassure them, apologise, then resolve the issue.',
    'serve-priority-customer': 'Priority customer: thank them for waiting and give them your full attention.',
    'greet-and-ask': 'Greet them by name and confirm the issue above before asking anything new.',
  },
  reactions: {
    resolved: 'solved it',
    'not-resolved': 'did not solve it',
    'none-of-these': 'none of the suggestions fit',
    'no-answer': 'no answer found',
    'no-reaction': 'no reply',
  },
  entityTypes: { 'order-number': 'Order number', amount: 'Amount', date: 'Date', email: 'Email', phone: 'Phone' },
  outcomes: {
    'resolved-by-bot': 'solved by the bot',
    'resolved-by-agent': 'solved by an agent',
    'not-resolved': 'not solved',
    'message-left': 'left a message',
    'callback-booked': 'callback booked',
    cancelled: 'cancelled',
  },
  trends: { improving: 'improving', steady: 'steady', worsening: 'getting worse' },
  moods: { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' },
  sentimentLine: (mood, latest, average, trend) => `${mood} (latest ${latest}, average ${average}), ${trend}`,
  languages: { 'en-US': 'English', 'zh-CN': 'Chinese (Simplified)' },
  channels: { msteams: 'Teams', webchat: 'Web Chat', directline: 'Direct Line', emulator: 'Emulator', test: 'Test' },
  more: (count) => `… and ${count} more`,
  queueTitle: (count) => (count === 1 ? '1 customer waiting' : `${count} customers waiting`),
  nobodyWaiting: 'Nobody is waiting.',
  helpTitle: 'Agent commands',
  helpIntro: 'Type a command, or use the buttons. Anything else you type while helping a customer goes to them.',
  commands: {
    help: { usage: '/help', does: 'Show this list.' },
    queue: { usage: '/queue', does: 'See who is waiting in your queues.' },
    accept: { usage: '/accept [id]', does: 'Take the next customer, or the one with this handoff id.' },
    transcript: { usage: '/transcript', does: 'Show the conversation so far.' },
    note: { usage: '/note <text>', does: 'Add a private note to the handoff.' },
    transfer: { usage: '/transfer <queue|agent> [note]', does: 'Pass the customer to another queue or agent, with a note.' },
    end: { usage: '/end', does: 'End the conversation; the bot asks whether the issue is solved.' },
    available: { usage: '/available', does: 'Start taking customers.' },
    away: { usage: '/away', does: 'Stop taking new customers.' },
  },
  buttons: { accept: 'Accept', queue: 'Queue', available: 'Available', away: 'Away', transcript: 'Transcript', end: 'End' },
};

const zh: AgentCardText = {
  summaryTitle: (customer) => `${customer} 正在等待人工客服`,
  acceptedTitle: (customer) => `你正在接待${customer ? ` ${customer}` : '一位客户'}`,
  handoffRef: (shortId) => `转接编号 ${shortId}`,
  colon: '：',
  waitingFor: (m) => `已等待 ${m} 分钟`,
  minutesAgo: (m) => (m < 1 ? '刚刚' : `${m} 分钟前`),
  withBotFor: (m) => (m < 1 ? '不到 1 分钟' : `${m} 分钟`),
  unnamedCustomer: '一位客户',
  fields: {
    customer: '客户',
    tier: '等级',
    language: '语言',
    channel: '渠道',
    reason: '转人工原因',
    issue: '客户原话',
    alsoSaid: '客户还说',
    tried: '机器人已尝试',
    entities: '客户已提供',
    sentiment: '情绪',
    timeWithBot: '与机器人交谈时长',
    earlierContacts: '以往联系',
    transferNote: (agentName) => `${agentName} 的备注`,
    notes: '备注',
    nextStep: '建议下一步',
    whileWaiting: '等待期间的留言',
    topic: '主题',
  },
  askedStraightAway: '（客户一开始就要求转人工）',
  nothingTried: '暂无：客户直接要求了人工。',
  reasons: {
    requested: '客户要求转人工',
    'repeated-no-match': '机器人多次无法回答',
    'not-resolved': '机器人的回答没有解决问题',
    frustration: '客户情绪不满',
    complaint: '投诉',
    cancellation: '要求取消',
    fraud: '疑似欺诈或账户安全问题',
    expert: '需要专业建议',
    'priority-tier': '优先客户',
  },
  nextSteps: {
    'handle-complaint': '先确认投诉并致歉，再商定补救办法和时间。',
    'process-cancellation': '确认客户要取消的内容，说明可能的影响，然后直接办理，不要挽留施压。',
    'secure-account': '先保障账户安全（核实身份，必要时冻结），再核查扣款。',
    'give-expert-advice': '常见问题无法覆盖，请给出客户需要的专业建议。',
    'answer-open-question': '机器人没有答案：请直接回答客户的问题。',
    'fix-unsolved-issue': '机器人的回答没有解决问题：跳过基础步骤，直接处理。',
    'reassure-and-resolve': '客户情绪不好：先安抚并致歉，再解决问题。',
    'serve-priority-customer': '优先客户：感谢其耐心等待，全程专注服务。',
    'greet-and-ask': '称呼客户姓名问好，先确认上面的问题，不要让客户重复。',
  },
  reactions: {
    resolved: '已解决',
    'not-resolved': '未解决',
    'none-of-these': '建议都不对',
    'no-answer': '没有找到答案',
    'no-reaction': '客户未回应',
  },
  entityTypes: { 'order-number': '订单号', amount: '金额', date: '日期', email: '邮箱', phone: '电话' },
  outcomes: {
    'resolved-by-bot': '机器人已解决',
    'resolved-by-agent': '人工已解决',
    'not-resolved': '未解决',
    'message-left': '已留言',
    'callback-booked': '已预约回电',
    cancelled: '已取消',
  },
  trends: { improving: '好转', steady: '平稳', worsening: '变差' },
  moods: { negative: '负面', neutral: '中性', positive: '正面' },
  sentimentLine: (mood, latest, average, trend) => `${mood}（最近 ${latest}，平均 ${average}），${trend}`,
  languages: { 'en-US': '英语', 'zh-CN': '简体中文' },
  channels: { msteams: 'Teams', webchat: '网页聊天', directline: 'Direct Line', emulator: '模拟器', test: '测试' },
  more: (count) => `…… 还有 ${count} 条`,
  queueTitle: (count) => `${count} 位客户正在等待`,
  nobodyWaiting: '目前没有客户在等待。',
  helpTitle: '客服命令',
  helpIntro: '输入命令或点击按钮。接待客户时，输入的其他内容都会发给客户。',
  commands: {
    help: { usage: '/help', does: '显示本列表。' },
    queue: { usage: '/queue', does: '查看你的队列中正在等待的客户。' },
    accept: { usage: '/accept [id]', does: '接待下一位客户，或指定转接编号的客户。' },
    transcript: { usage: '/transcript', does: '查看目前的对话记录。' },
    note: { usage: '/note <text>', does: '给这次转接添加内部备注。' },
    transfer: { usage: '/transfer <queue|agent> [note]', does: '把客户转给其他队列或客服，并附上备注。' },
    end: { usage: '/end', does: '结束对话，机器人会询问问题是否已解决。' },
    available: { usage: '/available', does: '开始接待客户。' },
    away: { usage: '/away', does: '暂停接待新客户。' },
  },
  buttons: { accept: '接待', queue: '队列', available: '上线', away: '离开', transcript: '对话记录', end: '结束' },
};

/** Card wording by the agent's locale. */
export const agentCardText: Readonly<Record<SupportedLocale, AgentCardText>> = { 'en-US': en, 'zh-CN': zh };
