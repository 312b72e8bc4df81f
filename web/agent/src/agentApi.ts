/** The workspace's calls to `/api/agent` (docs/AGENT_API.md): plain data in, an {@link Outcome} out, never a throw. */
import { call } from '../../shared/apiCall';
import type { Outcome } from '../../shared/apiCall';
import type { SignedIn } from '../../shared/session';
import type { ConversationLine, SessionChange } from '../../../handoff/deskEvents';
import type { EarlierContact, HandoffSummary } from '../../../handoff/handoffSummary';
import type { HandledConversation, WrapUpOutcome } from '../../../handoff/agentHistory';
import type { AgentNote } from '../../../handoff/handoffRecord';
import type { QuickReplyChoice } from '../../../handoff/quickReplies';
import type { AgentOverview, ConversationView, PresenceView, QueueItem, QueueOverview, SessionItem, TicketItem } from '../../../handoff/workspaceDesk';

// The shapes are the server's own (type only): the page follows them as they change.
export type { Outcome, ConversationLine, SessionChange, HandoffSummary, EarlierContact, SessionItem };

/** A presence state; the agent chooses `available` or `away`, the server says `busy` and `offline`. */
export type PresenceStatus = PresenceView['status'];
export type Presence = Omit<PresenceView, 'connected'> & { readonly connected?: boolean };

export interface Me {
  readonly agent: { readonly id: string; readonly displayName: string; readonly locale: string; readonly queues: readonly string[] };
  readonly role: string;
  readonly presence: Presence;
}

export type WaitingItem = QueueItem;
export type Ticket = TicketItem;
export type Outcomes = WrapUpOutcome;
/** The wrap-up outcomes, in the order the dialog offers them. */
export const outcomes: readonly Outcomes[] = ['resolved', 'follow-up', 'not-resolved', 'no-response'];

export interface Inbox {
  readonly waiting: readonly WaitingItem[];
  readonly sessions: readonly SessionItem[];
  readonly tickets: readonly Ticket[];
}

/** A private note on a conversation (the live event's has no agent id). */
export type Note = Omit<AgentNote, 'agentId'>;
export type Conversation = ConversationView;
export type HistoryItem = HandledConversation;

export interface TransferTargets {
  readonly queues: readonly { readonly id: string; readonly name: string; readonly open: boolean }[];
  readonly agents: readonly (PresenceView & { readonly id: string; readonly displayName: string })[];
}

export type QuickReply = QuickReplyChoice;

export interface Overview {
  readonly queues: readonly QueueOverview[];
  readonly agents: readonly AgentOverview[];
}

const base = '/api/agent';

/** A list the server answers either bare or as `{items}`. */
export function listOf<T>(answer: unknown): T[] {
  if (Array.isArray(answer)) return answer as T[];
  const items = (answer as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}
const id = (value: string) => encodeURIComponent(value);

/** Every call of the workspace, with the signed-in session. */
export const agentApi = {
  me: (s: SignedIn) => call<Me>(s, 'GET', `${base}/me`),
  setPresence: (s: SignedIn, status: 'available' | 'away') => call<Presence>(s, 'POST', `${base}/presence`, { status }),
  inbox: (s: SignedIn) => call<Inbox>(s, 'GET', `${base}/inbox`),
  accept: (s: SignedIn, handoffId: string) => call<SessionItem>(s, 'POST', `${base}/handoffs/${id(handoffId)}/accept`),
  conversation: (s: SignedIn, handoffId: string) => call<Conversation>(s, 'GET', `${base}/handoffs/${id(handoffId)}`),
  send: (s: SignedIn, handoffId: string, text: string, clientId: string) => call<{ line: ConversationLine }>(s, 'POST', `${base}/handoffs/${id(handoffId)}/messages`, { text, clientId }),
  typing: (s: SignedIn, handoffId: string) => call<unknown>(s, 'POST', `${base}/handoffs/${id(handoffId)}/typing`),
  note: (s: SignedIn, handoffId: string, text: string) => call<Note>(s, 'POST', `${base}/handoffs/${id(handoffId)}/notes`, { text }),
  transfer: (s: SignedIn, handoffId: string, to: { queue: string } | { agent: string }, note: string) =>
    call<unknown>(s, 'POST', `${base}/handoffs/${id(handoffId)}/transfer`, { ...to, ...(note ? { note } : {}) }),
  consult: (s: SignedIn, handoffId: string, text: string) => call<unknown>(s, 'POST', `${base}/handoffs/${id(handoffId)}/consult`, { text }),
  wrapUp: (s: SignedIn, handoffId: string, outcome: Outcomes, note: string) => call<unknown>(s, 'POST', `${base}/handoffs/${id(handoffId)}/wrap-up`, { outcome, ...(note ? { note } : {}) }),
  transferTargets: (s: SignedIn) => call<TransferTargets>(s, 'GET', `${base}/transfer-targets`),
  quickReplies: async (s: SignedIn): Promise<QuickReply[]> => {
    const got = await call<unknown>(s, 'GET', `${base}/quick-replies`);
    return got.ok ? listOf<QuickReply>(got.value) : [];
  },
  history: async (s: SignedIn): Promise<HistoryItem[] | undefined> => {
    const got = await call<unknown>(s, 'GET', `${base}/history`);
    return got.ok ? listOf<HistoryItem>(got.value) : undefined;
  },
  claimTicket: (s: SignedIn, ticketId: string) => call<Ticket>(s, 'POST', `${base}/tickets/${id(ticketId)}/claim`),
  replyTicket: (s: SignedIn, ticketId: string, text: string) => call<{ delivered: 'conversation' | 'callback' }>(s, 'POST', `${base}/tickets/${id(ticketId)}/reply`, { text }),
  closeTicket: (s: SignedIn, ticketId: string, outcome: Outcomes, note: string) => call<Ticket>(s, 'POST', `${base}/tickets/${id(ticketId)}/close`, { outcome, ...(note ? { note } : {}) }),
  overview: (s: SignedIn) => call<Overview>(s, 'GET', `${base}/overview`),
  reassign: (s: SignedIn, handoffId: string, agent: string) => call<unknown>(s, 'POST', `${base}/handoffs/${id(handoffId)}/reassign`, { agent }),
  join: (s: SignedIn, handoffId: string) => call<unknown>(s, 'POST', `${base}/handoffs/${id(handoffId)}/join`),
  setCapacity: (s: SignedIn, agentId: string, capacity: number) => call<Presence>(s, 'POST', `${base}/agents/${id(agentId)}/capacity`, { capacity }),
};

/** Where the live events come from. */
export const eventsUrl = `${base}/events`;
