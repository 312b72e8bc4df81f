/**
 * Finds everything one customer left in Warmline's stores, for a privacy request (GDPR/PIPL): the
 * records that are theirs, their entries in shared records, their conversations' transcripts, and
 * the activities in agents' conversations that concern them. Reads every key and every transcript;
 * meant for an admin's command, not for a turn.
 */
import type { CustomerIdentity } from './customerIdentity';
import { collectLinks, concernsThem, conversationLink, emptyLinks, isTheirActivity, linkConversation, mentionTokens, ownershipOf } from './customerRecords';
import type { CustomerLinks } from './customerRecords';
import type { Doc } from './jsonFields';
import { recordOf } from './recordKinds';
import type { ListableStore } from './recordSweep';

/** One page of a transcript listing (botbuilder's `PagedResult`, structurally). */
interface Page<T> {
  readonly items: T[];
  readonly continuationToken?: string;
}

/** The transcript archive, as a privacy request uses it (botbuilder's `TranscriptStore` plus Warmline's additions). */
export interface TranscriptSearch {
  listChannels(): Promise<string[]>;
  listTranscripts(channelId: string, continuationToken?: string): Promise<Page<{ id: string }>>;
  getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string): Promise<Page<object>>;
  deleteTranscript(channelId: string, conversationId: string): Promise<void>;
  removeActivities(channelId: string, conversationId: string, matches: (activity: object) => boolean): Promise<number>;
}

/** The stores a privacy request searches. */
export interface PrivacyStores {
  readonly records: ListableStore;
  readonly transcripts: TranscriptSearch;
}

/** Options of a search. */
export interface FindOptions {
  /** The channel user ids of a roster agent, to find what an agent said to the customer in the agent's own conversation. */
  readonly agentUserIds?: (agentId: string) => readonly string[];
  readonly now?: () => Date;
}

/** A conversation's activities found for the customer. */
export interface FoundConversation {
  readonly channelId: string;
  readonly conversationId: string;
  readonly activities: Doc[];
}

/** Everything found for one customer. */
export interface CustomerData {
  readonly identity: CustomerIdentity;
  /** Records that are theirs whole. */
  readonly records: Array<{ readonly key: string; readonly kind: string; readonly value: Doc }>;
  /** Their entries in shared records (`rest` is the record without them, as it would be kept). */
  readonly shared: Array<{ readonly key: string; readonly kind: string; readonly theirs: unknown; readonly rest: Doc }>;
  /** Their own conversations' transcripts, whole. */
  readonly conversations: FoundConversation[];
  /** Activities in other conversations (agents') that concern them. */
  readonly mentions: FoundConversation[];
  /** What tied records to them, for erasing with the same rules. */
  readonly links: CustomerLinks;
}

/** Keys read at once. */
const readBatch = 100;

/** Searches every store for the customer's data. */
export async function findCustomerData(stores: PrivacyStores, who: CustomerIdentity, options: FindOptions = {}): Promise<CustomerData> {
  const now = (options.now ?? (() => new Date()))();
  const links = emptyLinks();
  await eachRecord(stores.records, (key, value) => collectLinks(recordOf(key), value, who, links, now));
  const { conversations, mentions } = await searchTranscripts(stores.transcripts, who, links, options.agentUserIds ?? (() => []));
  const records: CustomerData['records'] = [];
  const shared: CustomerData['shared'] = [];
  await eachRecord(stores.records, (key, value) => {
    const record = recordOf(key);
    const owned = ownershipOf(record, value, who, links);
    if (owned.kind === 'whole') records.push({ key, kind: record.kind, value: withoutETag(value) });
    if (owned.kind === 'part') shared.push({ key, kind: record.kind, theirs: owned.theirs, rest: owned.rest });
  });
  return { identity: who, records, shared, conversations, mentions, links };
}

/** True when nothing of the customer's was found. */
export function isEmpty(data: CustomerData): boolean {
  return data.records.length + data.shared.length + data.conversations.length + data.mentions.length === 0;
}

/**
 * Every conversation in the archive, one at a time: theirs whole (they took part, or a record links
 * it to them), and elsewhere the activities that concern them. Runs after the records' first pass,
 * whose handoffs and tickets are among what is looked for.
 */
async function searchTranscripts(archive: TranscriptSearch, who: CustomerIdentity, links: CustomerLinks, agentUserIds: (agentId: string) => readonly string[]): Promise<{ conversations: FoundConversation[]; mentions: FoundConversation[] }> {
  const tokens = mentionTokens(who, links);
  const conversations: FoundConversation[] = [];
  const mentions: FoundConversation[] = [];
  for (const channelId of await archive.listChannels()) {
    for await (const conversationId of pages((token) => archive.listTranscripts(channelId, token), (c) => c.id)) {
      const activities: Doc[] = [];
      for await (const activity of pages((token) => archive.getTranscriptActivities(channelId, conversationId, token), (a) => a as Doc)) activities.push(activity);
      if (links.conversations.has(conversationLink(channelId, conversationId)) || activities.some((a) => isTheirActivity(a, who))) {
        linkConversation(links, channelId, conversationId);
        conversations.push({ channelId, conversationId, activities });
        continue;
      }
      const concerned = activities.filter((a) => concernsThem(a, tokens, links, agentUserIds));
      if (concerned.length > 0) mentions.push({ channelId, conversationId, activities: concerned });
    }
  }
  return { conversations, mentions };
}

/** Calls `visit` with every stored record (a batch of keys read at a time). */
async function eachRecord(store: ListableStore, visit: (key: string, value: Doc) => void): Promise<void> {
  for await (const page of store.listKeys('')) {
    for (let i = 0; i < page.length; i += readBatch) {
      const keys = page.slice(i, i + readBatch);
      const items = await store.read(keys);
      for (const key of keys) {
        const value = items[key];
        if (typeof value === 'object' && value !== null) visit(key, value as Doc);
      }
    }
  }
}

/** Every item of a paged listing. */
async function* pages<T, U>(read: (token: string | undefined) => Promise<Page<T>>, map: (item: T) => U): AsyncIterable<U> {
  let token: string | undefined;
  do {
    const page = await read(token);
    for (const item of page.items) yield map(item);
    token = page.continuationToken || undefined;
  } while (token);
}

function withoutETag(value: Doc): Doc {
  const { eTag: _eTag, ...rest } = value;
  return rest;
}
