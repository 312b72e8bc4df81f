/** The workspace's calls to `/api/agent` (docs/AGENT_API.md): plain data in, an {@link Outcome} out, never a throw. */
import { call } from '../../shared/apiCall';
import type { Outcome } from '../../shared/apiCall';
import type { SignedIn } from '../../shared/session';
import type { ConversationLine, SessionChange } from '../../../handoff/deskEvents';
import type { EarlierContact, HandoffSummary } from '../../../handoff/handoffSummary';
import type { CustomerProfile } from '../../../customers/customerProfiles';

export type { Outcome, ConversationLine, SessionChange, HandoffSummary, EarlierContact, CustomerProfile };

/** A presence state; the agent chooses `available` or `away`, the server says `busy` and `offline`. */
export type PresenceStatus = 'available' | 'busy' | 'away' | 'offline';

export interface Presence {
  readonly status: PresenceStatus;
  readonly load: number;
  readonly capacity: number;
  readonly connected?: boolean;
}

export interface Me {
  readonly agent: { readonly id: string; readonly displayName: string; readonly locale: string; readonly queues: readonly string[]; readonly capacity: number };
  readonly role: string;
  readonly presence: Presence;
}

export interface Named {
  readonly id: string;
  readonly name?: string;
}

export interface WaitingItem {
  readonly handoffId: string;
  readonly customer: Named;
  readonly queue: Named;
  readonly position: number;
  readonly waitingSince: string;
  readonly waitingSeconds: number;
  readonly tier?: string;
  readonly priority?: number;
  readonly locale: string;
  readonly reason: string;
  readonly summaryLine: string;
  readonly forMe: boolean;
}

export interface SessionItem {
  readonly handoffId: string;
  readonly customer: Named;
  readonly queue: Named;
  readonly locale: string;
  readonly assignedAt?: string;
  readonly lastMessageAt?: string;
  readonly customerPresent: boolean;
  readonly watching: boolean;
}

export type Outcomes = 'resolved' | 'follow-up' | 'not-resolved' | 'no-response';
/** The wrap-up outcomes, in the order the dialog offers them. */
export const outcomes: readonly Outcomes[] = ['resolved', 'follow-up', 'not-resolved', 'no-response'];

export interface Ticket {
  readonly id: string;
  readonly kind: 'message' | 'callback';
  readonly createdAt: string;
  readonly queue: Named;
  readonly customer: Named;
  readonly locale: string;
  readonly summaryLine?: string;
  readonly message?: string;
  readonly callbackAt?: string;
  readonly phone?: string;
  readonly status: 'open' | 'claimed' | 'done';
  readonly claimedBy?: string;
  readonly outcome?: string;
  /** What agents answered, and how it reached the customer. */
  readonly replies?: readonly { readonly at: string; readonly agentId: string; readonly text: string; readonly delivered: 'conversation' | 'callback' }[];
}

export interface Inbox {
  readonly waiting: readonly WaitingItem[];
  readonly sessions: readonly SessionItem[];
  readonly tickets: readonly Ticket[];
}

/** A private note on a conversation. */
export interface Note {
  readonly at: string;
  readonly agentName: string;
  readonly text: string;
}

/** One conversation as `GET /handoffs/:id` returns it. */
export interface Conversation {
  readonly session: SessionItem;
  readonly summary?: HandoffSummary;
  readonly summaryText?: string;
  readonly transcript: readonly ConversationLine[];
  /** What the customer wrote while waiting for a person (computed from the transcript when absent). */
  readonly messagesWhileWaiting?: readonly { readonly at: string; readonly text: string }[];
  readonly notes: readonly Note[];
  readonly profile?: CustomerProfile | null;
  readonly earlierContacts?: readonly EarlierContact[];
}

export interface TransferTargets {
  readonly queues: readonly { readonly id: string; readonly name: string; readonly open: boolean }[];
  readonly agents: readonly { readonly id: string; readonly displayName: string; readonly status: PresenceStatus; readonly load: number; readonly capacity: number }[];
}

export interface QuickReply {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface HistoryItem {
  readonly handoffId: string;
  readonly customer: Named;
  readonly endedAt: string;
  readonly outcome: string;
  readonly note?: string;
  readonly rating?: { readonly resolved: boolean; readonly csat?: number };
}

export interface Overview {
  readonly queues: readonly { readonly id: string; readonly name: string; readonly waiting: number; readonly longestWaitSeconds: number; readonly maxWaitMinutes: number; readonly agentsAvailable: number; readonly breached: boolean }[];
  readonly agents: readonly { readonly id: string; readonly displayName: string; readonly status: PresenceStatus; readonly load: number; readonly capacity: number; readonly sessions: readonly string[] }[];
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
