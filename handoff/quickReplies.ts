/**
 * Quick replies (issue 13): canned answers an agent sends with one click, written by admins in
 * English and Chinese in the roster (`content/agents.yaml`, `quick_replies:`) and published with it.
 * A text may hold variables, filled per conversation from what the handoff summary already knows, so
 * the agent never asks again for what the customer gave (P2):
 *
 * | variable          | filled with                                     | when unknown (en-US / zh-CN)   |
 * |-------------------|-------------------------------------------------|--------------------------------|
 * | `{customer.name}` | the customer's name from the summary            | "there" / "亲爱的顾客"          |
 * | `{agent.name}`    | the agent's display name                        | "your agent" / "客服"           |
 * | `{queue.name}`    | the name of the conversation's queue            | "customer service" / "客服"     |
 * | `{order.id}`      | the first order number the customer wrote       | nothing (the space around goes) |
 *
 * The fallbacks read well where a name is used most, in a greeting ("Hi there", "亲爱的顾客，您好");
 * `{customer.name|}` or `{customer.name|friend}` gives a fallback of the admin's own for one place
 * (an empty one drops the comma before it: "Thanks, {customer.name|}!" → "Thanks!"). Plain data and
 * pure functions: no botbuilder, no I/O, so the server and the agent's page share them.
 */
import type { SupportedLocale } from '../locale/locale';
import type { HandoffSummary } from './handoffSummary';

/** The variables a quick reply may use. */
export const quickReplyVariables = ['customer.name', 'agent.name', 'queue.name', 'order.id'] as const;

/** One of {@link quickReplyVariables}. */
export type QuickReplyVariable = (typeof quickReplyVariables)[number];

/** A value for each variable known in one conversation; a missing one takes its fallback. */
export type QuickReplyValues = Partial<Record<QuickReplyVariable, string>>;

/** A canned answer as the roster holds it. */
export interface QuickReply {
  /** Stable id: lower-case letters, digits and "-". */
  readonly id: string;
  /** Short label the agent picks it by, per locale. */
  readonly title: Readonly<Record<SupportedLocale, string>>;
  /** The text sent to the customer (with variables), per locale. */
  readonly text: Readonly<Record<SupportedLocale, string>>;
  /** Shown only to agents who serve one of these queues; absent: to every agent. */
  readonly queues?: readonly string[];
}

/** A quick reply as an agent's workspace lists it (`GET /api/agent/quick-replies`), in one language. */
export interface QuickReplyChoice {
  readonly id: string;
  readonly title: string;
  /** Still with its variables; the page fills them per conversation with {@link fillQuickReply}. */
  readonly text: string;
}

/** What is wrong in a quick reply's text, with the characters it concerns (0-based). */
export interface TemplateProblem {
  readonly at: number;
  readonly message: string;
}

/** What a variable becomes when the conversation does not know it. */
export const quickReplyFallbacks: Readonly<Record<SupportedLocale, Readonly<Record<QuickReplyVariable, string>>>> = {
  'en-US': { 'customer.name': 'there', 'agent.name': 'your agent', 'queue.name': 'customer service', 'order.id': '' },
  'zh-CN': { 'customer.name': '亲爱的顾客', 'agent.name': '客服', 'queue.name': '客服', 'order.id': '' },
};

/** Stands for a variable that came out empty while the text is tidied (never kept in a value). */
const emptyMark = '\uE000';

/** `{name}` or `{name|fallback}`: no braces inside. */
const variablePattern = /\{([^{}]*)\}/g;

function isVariable(name: string): name is QuickReplyVariable {
  return (quickReplyVariables as readonly string[]).includes(name);
}

function splitVariable(inside: string): { name: string; fallback?: string } {
  const bar = inside.indexOf('|');
  return bar < 0 ? { name: inside.trim() } : { name: inside.slice(0, bar).trim(), fallback: inside.slice(bar + 1).trim() };
}

/**
 * Every problem of a quick reply's text: a variable that does not exist (a typo would reach the
 * customer as `{custmer.name}`), an empty `{}`, or a brace that is never closed or never opened.
 */
export function quickReplyTemplateProblems(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const known = quickReplyVariables.map((v) => `{${v}}`).join(', ');
  for (const match of text.matchAll(variablePattern)) {
    const { name } = splitVariable(match[1] ?? '');
    if (name === '') problems.push({ at: match.index, message: `"${match[0]}" names no variable; use one of ${known}` });
    else if (!isVariable(name)) problems.push({ at: match.index, message: `unknown variable {${name}}; use one of ${known}` });
  }
  const rest = text.replace(variablePattern, (m) => ' '.repeat(m.length));
  for (let index = 0; index < rest.length; index += 1) {
    const ch = rest[index];
    if (ch === '{') problems.push({ at: index, message: `"{" at character ${index + 1} is never closed with "}"` });
    else if (ch === '}') problems.push({ at: index, message: `"}" at character ${index + 1} closes nothing; variables are written {customer.name}` });
  }
  return problems.sort((a, b) => a.at - b.at);
}

/**
 * `text` with every variable replaced by its value, or by its fallback (the template's own after
 * `|`, else {@link quickReplyFallbacks} for `locale`). A variable left empty takes a space next to it
 * with it ("order {order.id} now" → "order now"). Values are inserted as they are, never read again
 * as variables. A text with problems is filled as far as it can be; check it at publish.
 */
export function fillQuickReply(text: string, values: QuickReplyValues, locale: SupportedLocale = 'en-US'): string {
  // An empty result is marked first, so that only the spaces and commas around it are tidied.
  const filled = text.replace(variablePattern, (whole, inside: string) => {
    const { name, fallback } = splitVariable(inside);
    if (!isVariable(name)) return whole;
    const value = values[name]?.replaceAll(emptyMark, '').trim();
    return value || (fallback ?? quickReplyFallbacks[locale][name]) || emptyMark;
  });
  if (!filled.includes(emptyMark)) return filled;
  return filled
    .replace(/[,，] *\uE000 *(?=[.!?。！？])/g, '')
    .replace(/ \uE000(?= |[,.!?;:，。！？；：、）)]|$)/gm, '')
    .replace(/^\uE000 /gm, '')
    .replaceAll(emptyMark, '');
}

/** What the variables are in one conversation, from its summary, the agent and the queue's name. */
export function quickReplyValuesOf(context: { readonly summary?: Pick<HandoffSummary, 'who' | 'entities'>; readonly agentName?: string; readonly queueName?: string }): QuickReplyValues {
  const order = context.summary?.entities.find((e) => e.type === 'order-number');
  const values: Record<string, string> = {};
  if (context.summary?.who.name) values['customer.name'] = context.summary.who.name;
  if (context.agentName) values['agent.name'] = context.agentName;
  if (context.queueName) values['queue.name'] = context.queueName;
  if (order) values['order.id'] = order.value;
  return values;
}

/**
 * The quick replies an agent may use, in `agent.locale` and in the roster's order: those for every
 * queue, and those for a queue the agent serves.
 */
export function quickRepliesFor(list: readonly QuickReply[], agent: { readonly queues: readonly string[]; readonly locale: SupportedLocale }): QuickReplyChoice[] {
  return list
    .filter((reply) => reply.queues === undefined || reply.queues.length === 0 || reply.queues.some((q) => agent.queues.includes(q)))
    .map((reply) => ({ id: reply.id, title: reply.title[agent.locale], text: reply.text[agent.locale] }));
}
