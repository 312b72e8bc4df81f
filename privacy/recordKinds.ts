/**
 * Every kind of record Warmline keeps in its store, told apart by key: what retention sweeps and
 * privacy requests (export, erase) work from. Keys are those the repositories, botbuilder's
 * ConversationState/UserState, the local Direct Line and the agent sessions write; a test drives the
 * whole app and checks that every key it finds is one of these.
 */

/** A record kind, with what its key says about whom it concerns. */
export type StoredRecord =
  /** botbuilder ConversationState: the conversation's data, journal and dialog stack. */
  | { readonly kind: 'conversation'; readonly channelId: string; readonly conversationId: string }
  /** botbuilder UserState: the customer's language and visits. */
  | { readonly kind: 'user'; readonly channelId: string; readonly userId: string }
  | { readonly kind: 'handoff' }
  | { readonly kind: 'ticket' }
  /** The list of tickets agents work from. */
  | { readonly kind: 'ticket-index' }
  /** The open handoffs. */
  | { readonly kind: 'handoff-index' }
  /** A customer's earlier contacts, keyed by channel user id. */
  | { readonly kind: 'contacts'; readonly userId: string }
  /** An agent's ended conversations (customers' ids and names, wrap-ups, ratings). */
  | { readonly kind: 'agent-history' }
  /** Offer history or decisions, keyed `customer:<id>` or `user:<channel>:<user id>`. */
  | { readonly kind: 'offer-history' | 'offer-decisions'; readonly customerId?: string; readonly userId?: string }
  /** Channel users whose "don't show me offers" (given while the CRM was down) waits to reach their customer's history. */
  | { readonly kind: 'offer-unlinked' }
  | { readonly kind: 'directline' }
  /** Active learning, one document per locale (entries from many customers). */
  | { readonly kind: 'learning' }
  | { readonly kind: 'agent-session' }
  /** The activity ids a conversation's turns claimed (so a retried delivery is not answered twice). */
  | { readonly kind: 'replay-guard'; readonly channelId: string; readonly conversationId: string }
  /** An agent's presence (and the list of agents): operational, about agents. */
  | { readonly kind: 'presence' }
  /** Counters without personal data: queue statistics, offer and gate counters, resolution per topic. */
  | { readonly kind: 'aggregate' }
  /** Admin content: published dialog-flow versions, the published pointer and the audit (admins' names, no customer data). */
  | { readonly kind: 'admin-content' }
  /** Not written by Warmline (a host's own keys, readiness probes). Left alone. */
  | { readonly kind: 'other' };

/** Key prefixes of the records Warmline writes itself. */
export const recordPrefixes = {
  handoff: 'handoff/record/',
  ticket: 'handoff/ticket/',
  ticketIndex: 'handoff/tickets',
  handoffIndex: 'handoff/index',
  contacts: 'handoff/contacts/',
  agentHistory: 'handoff/agent-history/',
  presence: 'handoff/presence/',
  agents: 'handoff/agents',
  stats: 'handoff/stats/',
  offerHistory: 'offers/history/',
  offerDecisions: 'offers/decisions/',
  offerUnlinked: 'offers/unlinked-objections',
  offerCounters: 'offers/',
  resolution: 'analytics/',
  directline: 'directline/conversation/',
  learning: 'warmline/active-learning/',
  agentSession: 'agent-session/',
  replayGuard: 'replay-guard/',
  adminContent: 'content/',
} as const;

/** What a stored key is. */
export function recordOf(key: string): StoredRecord {
  const p = recordPrefixes;
  if (key.startsWith(p.handoff)) return { kind: 'handoff' };
  if (key.startsWith(p.ticket)) return { kind: 'ticket' };
  if (key === p.ticketIndex) return { kind: 'ticket-index' };
  if (key === p.handoffIndex) return { kind: 'handoff-index' };
  if (key.startsWith(p.contacts)) return { kind: 'contacts', userId: decoded(key.slice(p.contacts.length)) };
  if (key.startsWith(p.agentHistory)) return { kind: 'agent-history' };
  if (key.startsWith(p.presence) || key === p.agents) return { kind: 'presence' };
  if (key.startsWith(p.offerHistory)) return { kind: 'offer-history', ...offerOwner(decoded(key.slice(p.offerHistory.length))) };
  if (key.startsWith(p.offerDecisions)) return { kind: 'offer-decisions', ...offerOwner(decoded(key.slice(p.offerDecisions.length))) };
  if (key === p.offerUnlinked) return { kind: 'offer-unlinked' };
  if (key.startsWith(p.stats) || key.startsWith(p.offerCounters) || key.startsWith(p.resolution)) return { kind: 'aggregate' };
  if (key.startsWith(p.directline)) return { kind: 'directline' };
  if (key.startsWith(p.learning)) return { kind: 'learning' };
  if (key.startsWith(p.agentSession)) return { kind: 'agent-session' };
  if (key.startsWith(p.adminContent)) return { kind: 'admin-content' };
  if (key.startsWith(p.replayGuard)) {
    const [channelId = '', ...rest] = key.slice(p.replayGuard.length).split('/');
    return { kind: 'replay-guard', channelId, conversationId: rest.join('/') };
  }
  // botbuilder: `<channel>/conversations/<conversation>/<namespace>` and `<channel>/users/<user>/<namespace>`.
  const state = /^([^/]+)\/(conversations|users)\/(.+)\/[^/]*$/s.exec(key);
  if (state) {
    const [, channelId = '', which, id = ''] = state;
    return which === 'users' ? { kind: 'user', channelId, userId: id } : { kind: 'conversation', channelId, conversationId: id };
  }
  return { kind: 'other' };
}

/** The owner of an offer history key: `customer:<id>` or `user:<channel>:<user id>`. */
function offerOwner(historyKey: string): { customerId?: string; userId?: string } {
  if (historyKey.startsWith('customer:')) return { customerId: historyKey.slice('customer:'.length) };
  const user = /^user:[^:]*:(.*)$/s.exec(historyKey);
  return user ? { userId: user[1] ?? '' } : {};
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
