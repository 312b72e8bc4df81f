/**
 * What agents see (P3): the context summary of a waiting customer with an Accept button, the queue,
 * and the command help, as Adaptive Cards 1.4 in the agent's language; and the summary as plain
 * text for channels without cards and for external contact centres. Plain JSON, no botbuilder.
 * Card text is Markdown; every value that did not come from Warmline's own wording goes through
 * `plainText`, so a customer's words and name render as typed and never as a link or a label.
 */
import type { SupportedLocale } from '../locale/locale';
import { maskForAgents } from '../privacy/sensitiveData';
import type { AgentCardText } from './agentCardText';
import { agentCardText } from './agentCardText';
import type { EscalationReason } from './escalation';
import type { HandoffSummary } from './handoffSummary';
import { asCode, customerTag, plainText, quotedName } from './plainText';

/** The attachment content type of an Adaptive Card. */
export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

/** Largest serialized card Teams accepts (bytes of UTF-8), with room for the activity around it. */
export const maxCardBytes = 28 * 1024;

/** An element of a card's body (the subset Warmline uses). */
export type CardElement =
  | {
      readonly type: 'TextBlock';
      readonly text: string;
      readonly wrap?: boolean;
      readonly size?: 'Small' | 'Medium' | 'Large';
      readonly weight?: 'Bolder';
      readonly isSubtle?: boolean;
      readonly color?: 'Attention' | 'Accent' | 'Good' | 'Warning';
      readonly spacing?: 'None' | 'Small' | 'Medium';
      readonly separator?: boolean;
    }
  | { readonly type: 'FactSet'; readonly facts: readonly { readonly title: string; readonly value: string }[]; readonly separator?: boolean }
  | { readonly type: 'Container'; readonly items: readonly CardElement[]; readonly style?: 'emphasis' | 'accent' | 'attention'; readonly separator?: boolean }
  | { readonly type: 'ActionSet'; readonly actions: readonly CardAction[] };

/** What a card button sends back: an agent command, read by `readAgentInput`. */
export interface AgentCommandData {
  readonly warmline: 'agent.command';
  readonly command: 'accept' | 'queue' | 'available' | 'away' | 'transcript' | 'end' | 'help';
  readonly handoffId?: string;
}

/** A card button. */
export interface CardAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: AgentCommandData;
}

/** An Adaptive Card 1.4, as sent in an attachment of type {@link adaptiveCardContentType}. */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  readonly version: '1.4';
  readonly lang: SupportedLocale;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardAction[];
}

/** How the summary card is shown to one agent. */
export interface SummaryCardOptions {
  readonly locale: SupportedLocale;
  readonly handoffId: string;
  readonly queueName: string;
  /** When the customer started waiting (ISO 8601). */
  readonly waitingSince?: string;
  /** Now (ISO 8601), for "waiting 4 min". */
  readonly now: string;
  /** Offer the Accept button (the card announcing a waiting customer); not once accepted. */
  readonly withAccept: boolean;
  readonly messagesWhileWaiting?: readonly { readonly at: string; readonly text: string }[];
  readonly notes?: readonly { readonly agentName: string; readonly text: string }[];
}

/** One waiting customer on the queue card. */
export interface QueueCardItem {
  readonly handoffId: string;
  /** The customer's display name, as the channel gave it (shown quoted). */
  readonly customerName?: string;
  /** The customer's channel id, shown after the name. */
  readonly customerId?: string;
  readonly queueName: string;
  readonly reason: EscalationReason;
  readonly waitingMinutes: number;
  readonly priority: number;
  readonly tier?: string;
}

/** How much of long texts and lists a card shows; smaller budgets are tried until the card fits. */
interface Budget {
  readonly text: number;
  readonly list: number;
}
const budgets: readonly Budget[] = [
  { text: 600, list: 10 },
  { text: 300, list: 5 },
  { text: 120, list: 3 },
  { text: 60, list: 1 },
];

/** The first characters of a handoff id, enough to tell handoffs apart and to type `/accept`. */
export function shortId(handoffId: string): string {
  return handoffId.slice(0, 8);
}

/** The context summary of one handoff, for an agent deciding whether to accept, or who just did. */
export function summaryCard(summary: HandoffSummary, options: SummaryCardOptions): AdaptiveCard {
  const t = agentCardText[options.locale];
  const accept: CardAction[] = options.withAccept
    ? [{ type: 'Action.Submit', title: t.buttons.accept, data: { warmline: 'agent.command', command: 'accept', handoffId: options.handoffId } }]
    : [];
  return fitting((budget) => card(options.locale, summaryBody(summary, options, t, budget), accept));
}

/** Who is waiting in the agent's queues, each with an Accept button; or that nobody is. */
export function queueCard(items: readonly QueueCardItem[], locale: SupportedLocale): AdaptiveCard {
  const t = agentCardText[locale];
  if (items.length === 0) return card(locale, [heading(t.nobodyWaiting)]);
  return fitting((budget) => {
    const shown = items.slice(0, budget.list * 3);
    const body: CardElement[] = [heading(t.queueTitle(items.length))];
    for (const item of shown) {
      const name = item.customerName === undefined ? undefined : maskName(item.customerName);
      const who = item.customerId !== undefined ? customerTag(name, item.customerId) : (quotedName(name) ?? t.unnamedCustomer);
      const details = [t.waitingFor(item.waitingMinutes), item.tier ? `${t.fields.tier}${t.colon}${clip(item.tier, 40)}` : undefined, t.handoffRef(shortId(item.handoffId))];
      body.push({
        type: 'Container',
        separator: true,
        items: [
          // Bold by the card, not by Markdown: nothing in the line is Markdown the customer could shape.
          text(`${who} · ${clip(item.queueName, 60)} · ${t.reasons[item.reason]}`, { weight: 'Bolder' }),
          text(details.filter((d): d is string => d !== undefined).join(' · '), { isSubtle: true, spacing: 'None' }),
          { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: t.buttons.accept, data: { warmline: 'agent.command', command: 'accept', handoffId: item.handoffId } }] },
        ],
      });
    }
    if (items.length > shown.length) body.push(text(t.more(items.length - shown.length), { isSubtle: true }));
    return card(locale, body);
  });
}

/** The agent commands, with buttons for the common ones. */
export function agentHelpCard(locale: SupportedLocale): AdaptiveCard {
  const t = agentCardText[locale];
  const commands = Object.values(t.commands).map((c) => ({ title: c.usage, value: c.does }));
  const buttons = (['queue', 'available', 'away', 'transcript', 'end'] as const).map(
    (command): CardAction => ({ type: 'Action.Submit', title: t.buttons[command], data: { warmline: 'agent.command', command } }),
  );
  return card(locale, [heading(t.helpTitle), text(t.helpIntro, { isSubtle: true }), { type: 'FactSet', facts: commands }], buttons);
}

/** The same content as the summary card, as Markdown text. */
export function summaryText(summary: HandoffSummary, locale: SupportedLocale, handoffId: string): string {
  const t = agentCardText[locale];
  // Not bold: only Warmline's own labels are, never a line with the customer's name in it.
  const title = `${t.summaryTitle(customerName(summary, t))} (${t.handoffRef(shortId(handoffId))})`;
  for (const budget of budgets) {
    // Blocks are separated by a blank line so that Markdown renderers keep them apart.
    const blocks = [title];
    for (const section of sections(summary, t, budget)) {
      const facts = (section.facts ?? []).map((f) => `**${f.title}**${t.colon}${f.value}`);
      const lines = section.lines ?? [];
      if (section.title === undefined) blocks.push(facts.join(' · '));
      else if (facts.length === 0 && lines.length === 1) blocks.push(`**${section.title}**${t.colon}${lines[0] ?? ''}`);
      else blocks.push([`**${section.title}**${t.colon.trimEnd()}`, ...[...facts, ...lines].map((l) => `- ${l}`)].join('\n'));
    }
    const out = blocks.join('\n\n');
    if (bytes(out) <= maxCardBytes) return out;
  }
  return title;
}

/** A label and its short value. */
interface Fact {
  readonly title: string;
  readonly value: string;
}

/** A part of the summary, shared by the card and the text: short facts, or a titled list of lines. */
interface Section {
  readonly facts?: readonly Fact[];
  readonly title?: string;
  readonly lines?: readonly string[];
  readonly emphasis?: boolean;
}

function sections(summary: HandoffSummary, t: AgentCardText, budget: Budget): Section[] {
  const out: Section[] = [];
  const { who } = summary;
  out.push({
    facts: [
      { title: t.fields.customer, value: customerTag(who.name === undefined ? undefined : maskName(who.name), who.id) },
      ...(who.tier ? [{ title: t.fields.tier, value: clip(who.tier, 40) }] : []),
      { title: t.fields.language, value: t.languages[who.locale] },
      { title: t.fields.channel, value: t.channels[who.channelId] ?? clip(who.channelId, 40) },
    ],
  });
  const detail = summary.reasonDetail ? ` — ${clip(summary.reasonDetail, budget.text / 2)}` : '';
  out.push({ facts: [{ title: t.fields.reason, value: `${t.reasons[summary.reason]}${detail}` }] });
  out.push({ title: t.fields.issue, lines: [summary.issue ? `“${clip(summary.issue, budget.text)}”` : t.askedStraightAway] });
  if (summary.customerSaid.length > 0) out.push({ title: t.fields.alsoSaid, lines: listOf(summary.customerSaid.map((s) => `“${clip(s, budget.text / 2)}”`), budget, t) });
  const tried = summary.tried.map((x) => `${clip(x.what, budget.text / 3)} — ${t.reactions[x.reaction]}`);
  out.push({ title: t.fields.tried, lines: tried.length > 0 ? listOf(tried, budget, t) : [t.nothingTried] });
  if (summary.entities.length > 0) {
    const entities = summary.entities.map((e): Fact => {
      const written = e.text && e.text.toLowerCase() !== e.value.toLowerCase() ? ` (“${clip(e.text, 60)}”)` : '';
      // An address is shown as code, so the agent can copy it exactly (plain text would break it up to stop it being a link).
      const value = e.type === 'email' ? asCode(maskForAgents(e.value)) : clip(e.value, 80);
      return { title: t.entityTypes[e.type], value: `${value}${written}` };
    });
    const shown = entities.slice(0, budget.list * 2);
    const more = entities.length - shown.length;
    out.push({ title: t.fields.entities, facts: more > 0 ? [...shown, { title: '…', value: t.more(more) }] : shown });
  }
  const { sentiment } = summary;
  const mood = sentiment.latest <= -0.3 ? t.moods.negative : sentiment.latest >= 0.3 ? t.moods.positive : t.moods.neutral;
  out.push({
    facts: [
      ...(summary.topic ? [{ title: t.fields.topic, value: clip(summary.topic, 60) }] : []),
      { title: t.fields.sentiment, value: t.sentimentLine(mood, signed(sentiment.latest), signed(sentiment.average), t.trends[sentiment.trend]) },
      { title: t.fields.timeWithBot, value: t.withBotFor(summary.minutesWithBot) },
    ],
  });
  if (summary.earlierContacts.length > 0) {
    const contacts = summary.earlierContacts.map((c) => [c.at.slice(0, 10), c.topic ? clip(c.topic, 40) : undefined, t.outcomes[c.outcome]].filter((p) => p).join(' · '));
    out.push({ title: t.fields.earlierContacts, lines: listOf(contacts, budget, t) });
  }
  if (summary.transferNote) out.push({ title: t.fields.transferNote(clip(summary.transferNote.agentName, 60)), lines: [clip(summary.transferNote.text, budget.text)] });
  out.push({ title: t.fields.nextStep, lines: [t.nextSteps[summary.nextStep]], emphasis: true });
  return out;
}

function summaryBody(summary: HandoffSummary, options: SummaryCardOptions, t: AgentCardText, budget: Budget): CardElement[] {
  const named = quotedCustomerName(summary);
  const name = named ?? t.unnamedCustomer;
  const now = Date.parse(options.now);
  const waiting = options.waitingSince ? minutesSince(options.waitingSince, now) : undefined;
  const subtitle = [t.handoffRef(shortId(options.handoffId)), clip(options.queueName, 60), ...(waiting !== undefined ? [t.waitingFor(waiting)] : [])];
  const body: CardElement[] = [
    heading(options.withAccept ? t.summaryTitle(name) : t.acceptedTitle(named)),
    text(subtitle.join(' · '), { isSubtle: true, spacing: 'None' }),
  ];
  const lists: Section[] = [
    { title: t.fields.whileWaiting, lines: (options.messagesWhileWaiting ?? []).map((m) => `${t.minutesAgo(minutesSince(m.at, now))}: “${clip(m.text, budget.text / 2)}”`) },
    { title: t.fields.notes, lines: (options.notes ?? []).map((n) => `${clip(n.agentName, 60)}: ${clip(n.text, budget.text / 2)}`) },
  ].filter((s) => (s.lines?.length ?? 0) > 0);
  for (const section of [...sections(summary, t, budget), ...lists.map((s) => ({ ...s, lines: listOf(s.lines ?? [], budget, t) }))]) {
    const items: CardElement[] = [];
    if (section.title !== undefined && (section.lines || section.facts)) items.push(text(section.title, { weight: 'Bolder' }));
    if (section.facts) items.push({ type: 'FactSet', facts: section.facts });
    const lines = section.lines ?? [];
    for (const line of lines) items.push(text(lines.length > 1 ? `• ${line}` : line, { spacing: 'Small' }));
    body.push(section.emphasis ? { type: 'Container', style: 'emphasis', separator: true, items } : { type: 'Container', separator: true, items });
  }
  return body;
}

/** A list cut to the budget, with "… and N more" when cut. */
function listOf(lines: readonly string[], budget: Budget, t: AgentCardText): string[] {
  return lines.length <= budget.list ? [...lines] : [...lines.slice(0, budget.list), t.more(lines.length - budget.list)];
}

/** The customer's name, quoted (“Ana”), for titles; "A customer" without one. */
function customerName(summary: HandoffSummary, t: AgentCardText): string {
  return quotedCustomerName(summary) ?? t.unnamedCustomer;
}

/** The customer's name, quoted, or undefined when they gave none (the channel's id is not a name). */
function quotedCustomerName(summary: HandoffSummary): string | undefined {
  const name = summary.who.name;
  return name !== undefined && name !== summary.who.id ? quotedName(maskName(name)) : undefined;
}

/** A name masked like any other text (someone may type a card number as their name). */
function maskName(name: string): string {
  return maskForAgents(name);
}

/** Builds the card with the largest budget that fits {@link maxCardBytes}. */
function fitting(build: (budget: Budget) => AdaptiveCard): AdaptiveCard {
  let last: AdaptiveCard | undefined;
  for (const budget of budgets) {
    last = build(budget);
    if (bytes(JSON.stringify(last)) <= maxCardBytes) return last;
  }
  // Even the smallest budget is too big only if the labels themselves are: keep the title and buttons.
  const body = last?.body.slice(0, 2) ?? [];
  return { ...(last ?? card('en-US', [])), body };
}

function card(locale: SupportedLocale, body: readonly CardElement[], actions: readonly CardAction[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    lang: locale,
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

function heading(value: string): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, size: 'Medium', weight: 'Bolder' };
}

function text(value: string, extra: Partial<Extract<CardElement, { type: 'TextBlock' }>> = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

/** A text masked once more (P10), cut to `max` characters with "…", as plain text in Markdown. */
function clip(value: string, max: number): string {
  return plainText(maskForAgents(value), max);
}

function minutesSince(iso: string, now: number): number {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
}

function signed(n: number): string {
  const fixed = Math.abs(n).toFixed(2);
  return n < 0 && fixed !== '0.00' ? `−${fixed}` : fixed;
}

function bytes(value: string): number {
  return new TextEncoder().encode(value).length;
}
