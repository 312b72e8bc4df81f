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
  /** `claimed`: an agent took it on (`claimedBy`); `done`: closed with an outcome. */
  status: 'open' | 'claimed' | 'done';
  claimedBy?: string;
  /** The wrap-up code and note it was closed with. */
  outcome?: string;
  outcomeNote?: string;
  closedAt?: string;
  /** What agents answered, and whether it reached the customer's conversation or waits for a callback. */
  replies?: { readonly at: string; readonly agentId: string; readonly text: string; readonly delivered: 'conversation' | 'callback' }[];
}

/** An agent's presence: whether they take conversations, where to reach them, and what they handle now. */
export interface AgentPresence {
  readonly agentId: string;
  /** What the agent chose (`available`, `away`), or `offline` once their last workspace connection is gone past the grace period. */
  status: 'available' | 'away' | 'offline';
  /** The chat conversation in which the agent talks to the bot (Teams, Web Chat); absent for workspace-only agents. */
  address?: ConversationAddress;
  /** The handoff the agent handles in that chat (the chat path handles one at a time). */
  handoffId?: string;
  /** The handoffs the agent handles in the workspace, several at once up to their capacity. */
  handoffIds?: string[];
  /** Conversations a supervisor joined silently. */
  watching?: string[];
  /** Conversations at once, as a supervisor set it (the roster's value otherwise). */
  capacity?: number;
  /** While a workspace page is connected: kept a grace period ahead of now; past it the agent is offline. */
  liveUntil?: string;
  updatedAt: string;
}

/** Every handoff the agent handles now, chat and workspace. */
export function handoffsOf(presence: AgentPresence | undefined): string[] {
  if (!presence) return [];
  return [...new Set([...(presence.handoffId ? [presence.handoffId] : []), ...(presence.handoffIds ?? [])])];
}

/** True while a workspace page of the agent is connected (or within the grace period after it closed). */
export function isLive(presence: AgentPresence | undefined, now: Date): boolean {
  return presence?.liveUntil !== undefined && Date.parse(presence.liveUntil) > now.getTime();
}

/** True when the desk can reach the agent: a chat conversation, or a live workspace. */
export function isReachable(presence: AgentPresence | undefined, now: Date): presence is AgentPresence {
  return presence !== undefined && presence.status !== 'offline' && (presence.address !== undefined || isLive(presence, now));
}

/**
 * How many conversations the agent takes at once: one on the chat path (text goes to one customer),
 * the supervisor's or the roster's capacity with a live workspace.
 */
export function capacityOf(presence: AgentPresence | undefined, rosterCapacity: number, now: Date): number {
  return isLive(presence, now) ? (presence?.capacity ?? rosterCapacity) : 1;
}
