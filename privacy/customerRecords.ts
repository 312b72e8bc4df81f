/**
 * Which stored records, and which entries of shared ones, are one customer's: the rules a privacy
 * request (export, erase) applies to every record kind. Two passes: {@link collectLinks} gathers what
 * ties other records to the customer (their conversations, handoffs, tickets, the times an agent
 * talked with them); {@link ownershipOf} then decides each record. Plain data; no botbuilder.
 */
import type { CustomerIdentity } from './customerIdentity';
import { customerRef } from './customerRef';
import type { StoredRecord } from './recordKinds';
import { arrayAt, objectAt } from './jsonFields';
import type { Doc } from './jsonFields';


/** What ties records to the customer besides their ids. */
export interface CustomerLinks {
  /** Their conversations, as {@link conversationLink} strings. */
  readonly conversations: Set<string>;
  /** Conversation ids alone (the handoff index does not name the channel). */
  readonly conversationIds: Set<string>;
  readonly handoffIds: Set<string>;
  readonly ticketIds: Set<string>;
  /** When an agent (roster id) was talking with them, in ms since the epoch. */
  readonly agentWindows: Array<{ readonly agentId: string; readonly from: number; readonly to: number }>;
}

/** How much of a record is the customer's. */
export type Ownership =
  | { readonly kind: 'none' }
  | { readonly kind: 'whole' }
  /** Their entries (`theirs`, to export) and the record without them (`rest`, to keep). */
  | { readonly kind: 'part'; readonly theirs: unknown; readonly rest: Doc };

const none: Ownership = { kind: 'none' };
const whole: Ownership = { kind: 'whole' };

/** Empty links. */
export function emptyLinks(): CustomerLinks {
  return { conversations: new Set(), conversationIds: new Set(), handoffIds: new Set(), ticketIds: new Set(), agentWindows: [] };
}

/** The string a conversation is known by in {@link CustomerLinks.conversations}. */
export function conversationLink(channelId: string, conversationId: string): string {
  return JSON.stringify([channelId, conversationId]);
}

/** Adds a conversation to the links. */
export function linkConversation(links: CustomerLinks, channelId: unknown, conversationId: unknown): void {
  if (typeof channelId !== 'string' || typeof conversationId !== 'string' || conversationId === '') return;
  links.conversations.add(conversationLink(channelId, conversationId));
  links.conversationIds.add(conversationId);
}

/** First pass: what a record that names the customer ties to them. */
export function collectLinks(record: StoredRecord, value: Doc, who: CustomerIdentity, links: CustomerLinks, now: Date): void {
  switch (record.kind) {
    case 'conversation':
      if (isUser(who, objectAt(value, 'conversationData').customerId)) linkConversation(links, record.channelId, record.conversationId);
      return;
    case 'handoff':
    case 'ticket': {
      const customer = objectAt(value, 'customer');
      if (!isUser(who, customer.userId) && !isAad(who, objectAt(objectAt(customer, 'address'), 'user').aadObjectId)) return;
      if (typeof value.id === 'string') (record.kind === 'handoff' ? links.handoffIds : links.ticketIds).add(value.id);
      linkConversation(links, customer.channelId, objectAt(objectAt(customer, 'address'), 'conversation').id);
      if (record.kind === 'handoff') links.agentWindows.push(...agentWindows(value, now));
      return;
    }
    case 'offer-decisions':
      if (!ownsOfferKey(record, who)) return;
      for (const decision of arrayAt(value, 'decisions')) linkConversation(links, objectAt(decision, '').channelId, objectAt(decision, '').conversationId);
      return;
    case 'directline':
      if (isUser(who, objectAt(value, 'user').id)) linkConversation(links, 'directline', value.id);
      return;
    default:
      return;
  }
}

/** Second pass: how much of a record is the customer's. */
export function ownershipOf(record: StoredRecord, value: Doc, who: CustomerIdentity, links: CustomerLinks): Ownership {
  const linked = (channelId: string, conversationId: unknown): boolean => typeof conversationId === 'string' && links.conversations.has(conversationLink(channelId, conversationId));
  switch (record.kind) {
    case 'conversation':
    case 'replay-guard':
      return linked(record.channelId, record.conversationId) || (record.kind === 'conversation' && isUser(who, objectAt(value, 'conversationData').customerId)) ? whole : none;
    case 'user':
    case 'contacts':
      return isUser(who, record.userId) ? whole : none;
    case 'handoff':
      return typeof value.id === 'string' && links.handoffIds.has(value.id) ? whole : none;
    case 'ticket':
      return typeof value.id === 'string' && links.ticketIds.has(value.id) ? whole : none;
    case 'offer-history':
    case 'offer-decisions':
      return ownsOfferKey(record, who) ? whole : none;
    case 'directline':
      return isUser(who, objectAt(value, 'user').id) || linked('directline', value.id) ? whole : none;
    case 'agent-session':
      return isUser(who, value.userId) ? whole : none;
    case 'handoff-index':
      return partOfList(value, 'entries', (e) => links.handoffIds.has(String(e.id)) || links.conversationIds.has(String(e.conversationId)));
    case 'ticket-index':
      return partOfList(value, 'entries', (e) => links.ticketIds.has(String(e.id)));
    case 'offer-unlinked':
      return partOfList(value, 'entries', (e) => isUser(who, e.userId));
    case 'agent-history':
      return partOfList(value, 'items', (item) => links.handoffIds.has(String(item.handoffId)) || isUser(who, objectAt(item, 'customer').id));
    case 'presence':
      return presencePart(value, links);
    case 'learning':
      return learningPart(value, new Set(who.userIds.map(customerRef)));
    default:
      return none;
  }
}

/** Ids (and their handoffs and tickets) worth looking for in other people's conversations: long enough not to match by chance. */
export function mentionTokens(who: CustomerIdentity, links: CustomerLinks): string[] {
  const tokens = [...who.userIds, ...(who.customerId ? [who.customerId] : []), ...who.aadObjectIds, ...links.handoffIds, ...links.ticketIds];
  return [...new Set(tokens)].filter((t) => t.length >= 4);
}

/** True when an activity is in the customer's own conversation: they sent it or received it. */
export function isTheirActivity(activity: Doc, who: CustomerIdentity): boolean {
  return [objectAt(activity, 'from'), objectAt(activity, 'recipient')].some((account) => isUser(who, account.id) || isAad(who, account.aadObjectId));
}

/**
 * True when an activity elsewhere (an agent's conversation) concerns the customer: it names one of
 * `tokens` as a whole word, or an agent wrote it while they were with the customer.
 */
export function concernsThem(activity: Doc, tokens: readonly string[], links: CustomerLinks, agentUserIds: (agentId: string) => readonly string[]): boolean {
  const json = JSON.stringify(activity);
  if (tokens.some((token) => mentions(json, token))) return true;
  const stamp = activity.timestamp;
  const time = stamp instanceof Date ? stamp.getTime() : Date.parse(String(stamp ?? ''));
  if (Number.isNaN(time)) return false;
  // Only the agent's own words: what the bot told the agent about the customer names them anyway,
  // and a notice about someone else in the meantime is not this customer's.
  const sender = objectAt(activity, 'from').id;
  return links.agentWindows.some((w) => time >= w.from && time <= w.to && agentUserIds(w.agentId).some((id) => id === sender));
}

function mentions(json: string, token: string): boolean {
  const escaped = JSON.stringify(token).slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${escaped}(?![\\p{L}\\p{N}_-])`, 'u').test(json);
}

/** The periods an agent was assigned to a handoff: from each move to `assigned` to the next move away. */
function agentWindows(handoff: Doc, now: Date): Array<{ agentId: string; from: number; to: number }> {
  const windows: Array<{ agentId: string; from: number; to: number }> = [];
  let open: { agentId: string; from: number } | undefined;
  for (const event of arrayAt(handoff, 'events').map((e) => objectAt(e, ''))) {
    const at = Date.parse(String(event.at));
    if (Number.isNaN(at)) continue;
    if (open && event.from === 'assigned') {
      windows.push({ ...open, to: at });
      open = undefined;
    }
    const by = String(event.by ?? '');
    if (event.to === 'assigned' && by.startsWith('agent:')) open = { agentId: by.slice('agent:'.length), from: at };
  }
  if (open) windows.push({ ...open, to: now.getTime() });
  return windows;
}

function learningPart(value: Doc, refs: ReadonlySet<string>): Ownership {
  const asked = (entry: unknown): boolean => arrayAt(entry, 'askedBy').some((r) => refs.has(String(r)));
  const theirs: Doc = { unanswered: {}, alternates: {} };
  const unanswered: Doc = {};
  for (const [key, entry] of Object.entries(objectAt(value, 'unanswered'))) (asked(entry) ? (theirs.unanswered as Doc) : unanswered)[key] = entry;
  const alternates: Doc = {};
  for (const [entryId, byText] of Object.entries(objectAt(value, 'alternates'))) {
    for (const [key, entry] of Object.entries(objectAt(byText, ''))) {
      const target = asked(entry) ? ((theirs.alternates as Doc)[entryId] ??= {}) : (alternates[entryId] ??= {});
      (target as Doc)[key] = entry;
    }
  }
  const found = Object.keys(theirs.unanswered as Doc).length + Object.keys(theirs.alternates as Doc).length;
  return found === 0 ? none : { kind: 'part', theirs, rest: { ...value, unanswered, alternates } };
}

function partOfList(value: Doc, field: string, isTheirs: (entry: Doc) => boolean): Ownership {
  const entries = arrayAt(value, field).map((e) => objectAt(e, ''));
  const theirs = entries.filter(isTheirs);
  return theirs.length === 0 ? none : { kind: 'part', theirs: { [field]: theirs }, rest: { ...value, [field]: entries.filter((e) => !isTheirs(e)) } };
}

function ownsOfferKey(record: Extract<StoredRecord, { kind: 'offer-history' | 'offer-decisions' }>, who: CustomerIdentity): boolean {
  return (record.customerId !== undefined && record.customerId === who.customerId) || isUser(who, record.userId);
}

function isUser(who: CustomerIdentity, id: unknown): boolean {
  return typeof id === 'string' && who.userIds.includes(id);
}

function isAad(who: CustomerIdentity, id: unknown): boolean {
  return typeof id === 'string' && who.aadObjectIds.includes(id.toLowerCase());
}

/** The customer's handoffs among an agent's current conversations (chat, workspace, watched). */
function presencePart(value: Doc, links: CustomerLinks): Ownership {
  const theirs: Doc = {};
  const rest: Doc = { ...value };
  if (typeof value.handoffId === 'string' && links.handoffIds.has(value.handoffId)) {
    theirs.handoffId = value.handoffId;
    delete rest.handoffId;
  }
  for (const field of ['handoffIds', 'watching']) {
    const ids = arrayAt(value, field).filter((id): id is string => typeof id === 'string');
    const mine = ids.filter((id) => links.handoffIds.has(id));
    if (mine.length === 0) continue;
    theirs[field] = mine;
    rest[field] = ids.filter((id) => !links.handoffIds.has(id));
  }
  return Object.keys(theirs).length > 0 ? { kind: 'part', theirs, rest } : none;
}
