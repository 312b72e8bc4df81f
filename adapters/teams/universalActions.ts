/**
 * Adaptive Card Universal Actions for the agents' cards on Teams. There a card button is an
 * `Action.Execute` (verb = the agent command, data = `{ handoffId }`), which Teams sends as an
 * `invoke` named `adaptiveCard/action` and which is answered with an `AdaptiveCardInvokeResponse`:
 * the clicked card replaced by an updated one (after Accept: the accepted summary, without the
 * button), or a short message under it. Each Execute keeps the `Action.Submit` it replaces as its
 * `fallback`, for Teams clients without Universal Actions. Other channels keep `Action.Submit`:
 * Web Chat 4.18 renders an Execute button but does nothing when it is pressed.
 */
import type { AdaptiveCardInvokeResponse, InvokeResponse } from 'botbuilder';
import type { OutgoingMessage } from '../../handoff/deskEffect';
import { adaptiveCardContentType } from '../../handoff/agentCards';

/** The invoke Teams sends for an `Action.Execute`. */
export const adaptiveCardActionName = 'adaptiveCard/action';

/** Channels whose clients run Universal Actions (Adaptive Cards 1.4 `Action.Execute`). */
const universalActionChannels: ReadonlySet<string> = new Set(['msteams']);

type Json = Readonly<Record<string, unknown>>;

/** The card as `channelId` should get it: agent command buttons as `Action.Execute` on Teams, unchanged elsewhere. */
export function cardForChannel(channelId: string, card: Json): Json {
  return universalActionChannels.has(channelId) ? (rewrite(card) as Json) : card;
}

/** Copies a card, turning every agent command `Action.Submit` (wherever it sits: actions, ActionSets) into an `Action.Execute`. */
function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (typeof node !== 'object' || node === null) return node;
  const execute = asExecute(node as Json);
  if (execute) return execute;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewrite(v)]));
}

function asExecute(action: Json): Json | undefined {
  if (action.type !== 'Action.Submit') return undefined;
  const data = action.data as { warmline?: unknown; command?: unknown; handoffId?: unknown } | undefined;
  if (data?.warmline !== 'agent.command' || typeof data.command !== 'string') return undefined;
  return {
    type: 'Action.Execute',
    title: action.title,
    verb: data.command,
    data: typeof data.handoffId === 'string' ? { handoffId: data.handoffId } : {},
    fallback: action,
  };
}

/**
 * The value an agent command button sends (what `readAgentInput` reads), from an `adaptiveCard/action`
 * invoke's value; undefined when it is not an `Action.Execute` with a verb.
 */
export function agentCommandOfInvoke(value: unknown): Json | undefined {
  const action = (value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined)?.action;
  if (typeof action !== 'object' || action === null || action.type !== 'Action.Execute' || typeof action.verb !== 'string' || action.verb === '') return undefined;
  const data = typeof action.data === 'object' && action.data !== null ? (action.data as { handoffId?: unknown }) : {};
  return { warmline: 'agent.command', command: action.verb, ...(data.handoffId !== undefined ? { handoffId: data.handoffId } : {}) };
}

/** How an agent's replies are split for the invoke answer. */
export interface CardActionAnswer {
  /** The card that replaces the pressed one. */
  readonly card?: Json;
  /** Otherwise, the line shown under the pressed card: the first reply's text, or the first card's title. */
  readonly message?: string;
  /** What is still sent as messages. */
  readonly send: OutgoingMessage[];
}

/**
 * Splits an agent's replies for the invoke answer: with `updateCard` (Accept), the first card among
 * them replaces the one pressed, and that reply's text is still sent as a message; otherwise every
 * reply is sent and the answer is a short line.
 */
export function splitForCardAction(replies: readonly OutgoingMessage[], updateCard: boolean): CardActionAnswer {
  const at = updateCard ? replies.findIndex((r) => r.card !== undefined) : -1;
  const taken = replies[at];
  if (taken?.card) {
    return { card: taken.card, send: replies.flatMap((r, i) => (i !== at ? [r] : r.text ? [{ text: r.text }] : [])) };
  }
  const message = replies.find((r) => r.text)?.text ?? replies.map((r) => firstText(r.card)).find((t) => t);
  return { ...(message ? { message } : {}), send: [...replies] };
}

/** The text of a card's first TextBlock (its title). */
function firstText(card: Json | undefined): string | undefined {
  const first = (card?.body as readonly { type?: unknown; text?: unknown }[] | undefined)?.find((e) => e.type === 'TextBlock');
  return typeof first?.text === 'string' ? first.text : undefined;
}

/** The answer to an `adaptiveCard/action` invoke: the updated card, or a message shown under the pressed card. */
export function cardActionResponse(channelId: string, answer: Pick<CardActionAnswer, 'card' | 'message'>): InvokeResponse<AdaptiveCardInvokeResponse> {
  const body: AdaptiveCardInvokeResponse = answer.card
    ? { statusCode: 200, type: adaptiveCardContentType, value: cardForChannel(channelId, answer.card) as Record<string, unknown> }
    : // The message response's value is a string (botbuilder types every value as an object).
      { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: (answer.message ?? '') as unknown as Record<string, unknown> };
  return { status: 200, body };
}

/** The answer to an invoke that is not an agent's command (a customer, or a malformed value). */
export function cardActionRefused(message: string): InvokeResponse<AdaptiveCardInvokeResponse> {
  return { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } } };
}
