/**
 * The built-in summariser: turns the conversation journal into the context summary an agent reads
 * before accepting (P2, P3), with fixed rules, offline and reproducible (same input, same summary).
 * Every text it outputs is masked again, so a card number or password that slipped into the journal
 * never reaches an agent (P10), and cleared of invisible and direction-changing characters, so the
 * summary's data (also sent to external hubs as JSON) reads as it looks.
 */
import { detectTextLocale } from '../locale/locale';
import { maskForAgents } from '../privacy/sensitiveData';
import type { JournalItem } from './conversationJournal';
import { extractEntities } from './entityExtractor';
import { stripInvisible } from './plainText';
import type { EarlierContact, HandoffSummary, NextStepCode, RecognisedEntity, Summarizer, SummaryInput } from './handoffSummary';

type Tried = HandoffSummary['tried'][number];
/** A tried line, and whether it was a knowledge answer (rather than a query the bot could not place). */
type Attempt = Tried & { readonly answer: boolean };
type CustomerItem = Extract<JournalItem, { kind: 'customer' }>;

/** Most later messages quoted, and how long each may be. */
const maxCustomerSaid = 5;
const maxQuoteChars = 200;
/** Longest issue kept (the first thing the customer said matters most, but not at any length). */
const maxIssueChars = 1000;
const maxEarlierContacts = 5;
const maxEntities = 20;
/** Longest customer name kept (cards show fewer characters; a name is not a place for a paragraph). */
const maxNameChars = 100;
/** Characters of the conversation the date and amount recognizers read in all (about 0.1 s per 500). */
const recognizedCharsInAll = 4000;
/** … and of any one message. */
const recognizedCharsPerMessage = 1000;
/** A difference in mean sentiment bigger than this between the halves of the conversation is a trend. */
const trendThreshold = 0.2;

/** Next step by reason, where the reason alone decides. */
const nextStepByReason: Readonly<Partial<Record<SummaryInput['reason'], NextStepCode>>> = {
  complaint: 'handle-complaint',
  cancellation: 'process-cancellation',
  fraud: 'secure-account',
  expert: 'give-expert-advice',
  'repeated-no-match': 'answer-open-question',
  'not-resolved': 'fix-unsolved-issue',
  frustration: 'reassure-and-resolve',
  'priority-tier': 'serve-priority-customer',
};

/** Summarises with fixed rules; see the module comment. */
export class RuleSummarizer implements Summarizer {
  async summarize(input: SummaryInput): Promise<HandoffSummary> {
    const customerItems = input.journal.filter((i): i is CustomerItem => i.kind === 'customer');
    // Button presses and cancel requests ("None of these", "never mind") say nothing about the problem;
    // a pressed button is the issue only when the customer typed nothing of substance.
    const substantive = customerItems.filter((i) => !i.control && !isSmallTalk(i.text));
    const first = substantive[0] ?? customerItems.find((i) => i.control === 'button' && !isSmallTalk(i.text));
    const issue = first ? shorten(mask(first.text), maxIssueChars) : '';
    const later = dedupe(substantive.slice(1).map((i) => shorten(mask(i.text), maxQuoteChars))).filter((t) => t.length > 0 && t !== issue);
    const attempts = triedFrom(input.journal);
    const topic = [...input.journal].reverse().find((i): i is Extract<JournalItem, { kind: 'answer' }> => i.kind === 'answer' && i.topic !== undefined)?.topic;
    const { customer } = input;
    return {
      who: {
        id: customer.id,
        ...(customer.name !== undefined ? { name: shorten(mask(customer.name), maxNameChars) } : {}),
        ...(customer.tier !== undefined ? { tier: customer.tier } : {}),
        locale: customer.locale,
        channelId: customer.channelId,
      },
      issue,
      customerSaid: later.slice(-maxCustomerSaid),
      ...(topic !== undefined ? { topic: mask(topic) } : {}),
      entriesMatched: entriesMatched(input.journal),
      tried: attempts.map(({ what, reaction }) => ({ what, reaction })),
      entities: entitiesFrom(customerItems, input),
      sentiment: sentimentOf(customerItems.map((i) => i.sentiment)),
      reason: input.reason,
      ...(input.reasonDetail !== undefined ? { reasonDetail: mask(input.reasonDetail) } : {}),
      minutesWithBot: minutesBetween(input.startedAt, input.now),
      earlierContacts: newestFirst(input.earlierContacts).slice(0, maxEarlierContacts),
      nextStep: nextStepFor(input.reason, attempts),
      ...(input.transferNote ? { transferNote: { agentName: mask(input.transferNote.agentName), text: mask(input.transferNote.text) } } : {}),
      generatedAt: input.now,
    };
  }
}

/** Masks what an agent must not see, keeping the email and phone they need to help; drops invisible characters. */
function mask(text: string): string {
  return maskForAgents(stripInvisible(text));
}

/** Cuts a text to `max` characters (not UTF-16 units), ending with "…" when cut. */
function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

function dedupe(texts: readonly string[]): string[] {
  return texts.filter((t, i) => texts.indexOf(t) === i);
}

/** Words that greet or ask for a person and say nothing about the problem. */
const smallTalkWords = new Set(
  (
    "hi hello hey hiya howdy yo hallo hullo good morning afternoon evening day there anyone anybody somebody someone " +
    "please pls plz thanks thank thx ok okay i i'd i'm id want wanna need would like to can could may let me talk speak chat with " +
    "connect get give put through transfer a an the my your real live actual human humans being person people agent agents operator " +
    "representative rep staff support customer service team help now asap right away immediately just only is are u you"
  ).split(' '),
);
/** Chinese phrases that greet or ask for a person, longest first so that "人工客服" goes before "人工". */
const smallTalkPhrases = [
  '人工客服', '真人客服', '在线客服', '人工服务', '转接人工', '有人在吗', '有没有人', '转人工', '找人工', '要人工', '接人工',
  '在不在', '有人吗', '早上好', '下午好', '晚上好', '你好', '您好', '哈喽', '客服', '人工', '真人', '在吗', '谢谢', '麻烦',
  '我要', '我想', '一下', '帮我', '给我', '请', '转', '找', '嗨', '喂', '啊', '呀', '吧', '呢', '吗', '了', '的', '个',
].sort((a, b) => b.length - a.length);

/** True when a message only greets or asks for a person ("hi", "agent please", "你好，转人工"). */
function isSmallTalk(text: string): boolean {
  let rest = text.toLowerCase().replace(/’/g, "'");
  for (const phrase of smallTalkPhrases) rest = rest.split(phrase).join(' ');
  return rest
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0)
    .every((w) => smallTalkWords.has(w));
}

function entriesMatched(journal: readonly JournalItem[]): HandoffSummary['entriesMatched'] {
  const seen = new Set<string>();
  const out: { id: string; question: string }[] = [];
  for (const item of journal) {
    if (item.kind !== 'answer' || seen.has(item.entryId)) continue;
    seen.add(item.entryId);
    out.push({ id: item.entryId, question: mask(item.question) });
  }
  return out;
}

/** One line per thing the bot tried, with how the customer reacted to it. */
function triedFrom(journal: readonly JournalItem[]): Attempt[] {
  const out: Attempt[] = [];
  let lastCustomerText = '';
  for (let i = 0; i < journal.length; i += 1) {
    const item = journal[i];
    if (!item) continue;
    if (item.kind === 'customer') lastCustomerText = item.text;
    if (item.kind === 'answer') {
      const next = nextAttempt(journal, i + 1);
      const resolution = journal.slice(i + 1, next.index).find((j) => j.kind === 'resolution');
      const reaction = resolution?.kind === 'resolution' ? (resolution.resolved ? 'resolved' : 'not-resolved') : 'no-reaction';
      out.push({ what: shorten(mask(item.question), maxQuoteChars), reaction, answer: true });
    } else if (item.kind === 'choices') {
      const next = nextAttempt(journal, i + 1);
      // The customer picked a suggestion: the answer that follows is the attempt.
      if (next.item?.kind === 'answer') continue;
      if (next.item?.kind === 'no-match' && next.item.via === 'none-of-these') {
        out.push({ what: quote(next.item.query || lastCustomerText), reaction: 'none-of-these', answer: false });
        i = next.index;
      } else {
        out.push({ what: quote(lastCustomerText), reaction: 'no-reaction', answer: false });
      }
    } else if (item.kind === 'no-match') {
      out.push({ what: quote(item.query), reaction: item.via === 'none-of-these' ? 'none-of-these' : 'no-answer', answer: false });
    }
  }
  return out;
}

/** The next thing the bot tried after `from` (or the end of the journal). */
function nextAttempt(journal: readonly JournalItem[], from: number): { index: number; item?: JournalItem } {
  for (let j = from; j < journal.length; j += 1) {
    const item = journal[j];
    if (item && (item.kind === 'answer' || item.kind === 'choices' || item.kind === 'no-match')) return { index: j, item };
  }
  return { index: journal.length };
}

function quote(text: string): string {
  return `“${shorten(mask(text), maxQuoteChars)}”`;
}

function entitiesFrom(items: readonly CustomerItem[], input: SummaryInput): RecognisedEntity[] {
  const seen = new Set<string>();
  const out: RecognisedEntity[] = [];
  const fallbackNow = validDate(input.now) ?? new Date(0);
  let budget = recognizedCharsInAll;
  for (const item of items) {
    const text = mask(item.text);
    const locale = detectTextLocale(text) ?? input.customer.locale;
    const recognizedChars = Math.min(budget, recognizedCharsPerMessage);
    budget -= Math.min(recognizedChars, text.length);
    for (const entity of extractEntities(text, locale, validDate(item.at) ?? fallbackNow, { recognizedChars })) {
      const key = `${entity.type}\u0000${entity.value}`;
      if (seen.has(key) || out.length >= maxEntities) continue;
      seen.add(key);
      out.push({ type: entity.type, text: mask(entity.text), value: mask(entity.value) });
    }
  }
  return out;
}

/** How many of the last messages are looked at for the feeling the customer last showed. */
const lastFeelingWindow = 3;
/** A score this close to 0 shows no feeling (a question, "agent", a button's text). */
const feelingFloor = 0.05;

function sentimentOf(scores: readonly number[]): HandoffSummary['sentiment'] {
  const valid = scores.filter((s) => Number.isFinite(s));
  if (valid.length === 0) return { trend: 'steady', latest: 0, average: 0 };
  const half = Math.floor(valid.length / 2);
  // With an odd count the middle message belongs to neither half.
  const change = valid.length < 2 ? 0 : mean(valid.slice(valid.length - half)) - mean(valid.slice(0, half));
  return {
    trend: change > trendThreshold ? 'improving' : change < -trendThreshold ? 'worsening' : 'steady',
    // The feeling the customer last showed: asking for a person ("agent") or clicking a button shows
    // none, and must not turn "this is really annoying" into a neutral mood on the agent's card.
    latest: round(valid.slice(-lastFeelingWindow).filter((s) => Math.abs(s) >= feelingFloor).at(-1) ?? valid[valid.length - 1] ?? 0),
    average: round(mean(valid)),
  };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function validDate(iso: string): Date | undefined {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t);
}

function minutesBetween(from: string, to: string): number {
  const minutes = Math.floor((Date.parse(to) - Date.parse(from)) / 60_000);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
}

function newestFirst(contacts: readonly EarlierContact[]): EarlierContact[] {
  const time = (c: EarlierContact): number => {
    const t = Date.parse(c.at);
    return Number.isNaN(t) ? -Infinity : t;
  };
  return [...contacts].sort((a, b) => time(b) - time(a)).map((c) => (c.topic !== undefined ? { ...c, topic: mask(c.topic) } : { ...c }));
}

function nextStepFor(reason: SummaryInput['reason'], tried: readonly Attempt[]): NextStepCode {
  const byReason = nextStepByReason[reason];
  if (byReason) return byReason;
  // requested: what the customer still needs depends on how the bot did. An answer the customer
  // never confirmed (they asked for a person instead) did not solve it either.
  if (tried.some((t) => t.answer && (t.reaction === 'not-resolved' || t.reaction === 'no-reaction'))) return 'fix-unsolved-issue';
  if (tried.some((t) => t.reaction === 'no-answer' || t.reaction === 'none-of-these')) return 'answer-open-question';
  return 'greet-and-ask';
}
