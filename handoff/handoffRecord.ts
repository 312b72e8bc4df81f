/**
 * A handoff: one customer's way from the bot to a person and back, as a state machine. Every move is
 * an event with a timestamp, kept on the record for analytics and wait estimates; moves the machine
 * does not allow are refused.
 *
 * bot → queued → assigned → (transferred → assigned)* → resolved | cancelled | expired | rejected
 */
import type { SupportedLocale } from '../locale/locale';
import type { ConversationAddress } from './conversationAddress';
import type { EscalationReason } from './escalation';
import type { HandoffSummary, SummaryInput } from './handoffSummary';

/** Where a handoff is. `bot` is the start: the bot is still talking to the customer. */
export type HandoffState = 'bot' | 'queued' | 'assigned' | 'transferred' | 'resolved' | 'cancelled' | 'expired' | 'rejected';

/** The moves the machine allows, from each state. */
export const handoffMoves: Readonly<Record<HandoffState, readonly HandoffState[]>> = {
  bot: ['queued', 'rejected'],
  queued: ['assigned', 'cancelled', 'expired', 'rejected'],
  assigned: ['transferred', 'resolved', 'cancelled'],
  transferred: ['assigned', 'cancelled', 'expired', 'rejected'],
  resolved: [],
  cancelled: [],
  expired: [],
  rejected: [],
};

/** States in which the customer waits for a person. */
export const waitingStates: ReadonlySet<HandoffState> = new Set(['queued', 'transferred']);
/** States in which the handoff is still open (not finished). */
export const openStates: ReadonlySet<HandoffState> = new Set(['bot', 'queued', 'assigned', 'transferred']);

/** True when the machine allows moving from `from` to `to`. */
export function canMove(from: HandoffState, to: HandoffState): boolean {
  return handoffMoves[from].includes(to);
}

/** Who caused a move: the customer, the bot, an agent (`agent:<id>`), an external hub, or the system (timeouts). */
export type HandoffActor = 'customer' | 'bot' | 'hub' | 'system' | `agent:${string}`;

/** One move, as recorded. */
export interface HandoffEvent {
  readonly at: string;
  readonly from: HandoffState;
  readonly to: HandoffState;
  readonly by: HandoffActor;
  /** e.g. the transfer target, the hub's message, "timeout". */
  readonly detail?: string;
}

/** A message the customer sent while waiting, kept for the agent (masked). */
export interface WaitingMessage {
  readonly at: string;
  readonly text: string;
}

/** A private note an agent left on the handoff. */
export interface AgentNote {
  readonly at: string;
  readonly agentId: string;
  readonly agentName: string;
  readonly text: string;
}

/** The stored handoff. */
export interface HandoffRecord {
  readonly id: string;
  state: HandoffState;
  readonly createdAt: string;
  updatedAt: string;
  /** Which contact centre runs it: Warmline's own queue, or an external hub via `handoff.initiate`. */
  readonly hub: 'builtin' | 'external';
  queueId: string;
  /** When set (a transfer to a named agent), only this agent may accept. */
  targetAgentId?: string;
  /** From the customer's tier; higher is served first. */
  readonly priority: number;
  readonly tier?: string;
  readonly reason: EscalationReason;
  readonly reasonDetail?: string;
  readonly customer: {
    readonly userId: string;
    readonly name?: string;
    readonly locale: SupportedLocale;
    readonly channelId: string;
    readonly address: ConversationAddress;
  };
  summary: HandoffSummary;
  /** What the summary was made from, so a transfer can make a fresh one with the agent's note. */
  summaryInput?: SummaryInput;
  /** When the customer started waiting for a person (first queue entry; a transfer keeps it for ordering). */
  readonly waitingSince: string;
  /** When the current wait began (queue entry or transfer), for wait statistics. */
  waitStartedAt: string;
  agentId?: string;
  agentName?: string;
  /** When the current agent accepted. */
  assignedAt?: string;
  messagesWhileWaiting: WaitingMessage[];
  /** Customer messages that could not be relayed to the assigned agent; shown on their next turn. */
  undeliveredToAgent?: WaitingMessage[];
  notes: AgentNote[];
  events: HandoffEvent[];
  /** The queue position the customer was last told, so they are told again only when it changes. */
  lastToldPosition?: number;
  /**
   * Whether the customer is in their chat, for the agent: absent until they first leave; `present:
   * false` once they closed the page beyond the grace period or ended the conversation.
   */
  customerPresence?: CustomerPresence;
}

/** The customer's presence in their chat as last seen (see `handoff/customerFollow.ts`). */
export interface CustomerPresence {
  readonly present: boolean;
  /** When it last changed (ISO 8601). */
  readonly since: string;
  /** Why they left: the page closed (its stream stayed closed past the grace period) or the conversation ended. */
  readonly why?: CustomerLeftReason;
}

/** How a customer left their chat. */
export type CustomerLeftReason = 'page-closed' | 'conversation-ended';

/** A message or callback request left when no person could take the conversation (P8). */
export interface Ticket {
  readonly id: string;
  readonly kind: 'message' | 'callback';
  readonly createdAt: string;
  readonly queueId: string;
  readonly reason: EscalationReason;
  readonly customer: HandoffRecord['customer'];
  readonly summary: HandoffSummary;
  /** The customer's message (masked), for `message` tickets. */
  readonly message?: string;
  /** When to call back (ISO 8601 with offset) and the number to call, for `callback` tickets. */
  readonly callbackAt?: string;
  readonly phone?: string;
  status: 'open' | 'done';
}

/** An agent's presence: whether they take conversations, and where to reach them. */
export interface AgentPresence {
  readonly agentId: string;
  status: 'available' | 'away';
  /** The conversation in which the agent talks to the bot. */
  address?: ConversationAddress;
  /** The handoff the agent is handling now, if any (an agent handles one at a time). */
  handoffId?: string;
  updatedAt: string;
}
