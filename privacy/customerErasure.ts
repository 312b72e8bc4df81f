/**
 * Erases what {@link findCustomerData} found for one customer (the GDPR/PIPL right to erasure):
 * their records, their entries in shared records (the others' stay, written back with the eTag they
 * were read with), their conversations' transcripts and the activities in agents' conversations that
 * concern them. Then searches again and says what, if anything, is still there.
 */
import { storageErrorCodes } from '../storage/storageErrors';
import { findCustomerData, isEmpty } from './customerData';
import type { CustomerData, FindOptions, PrivacyStores } from './customerData';
import { concernsThem, isTheirActivity, mentionTokens, ownershipOf } from './customerRecords';
import type { Doc } from './jsonFields';
import { recordOf } from './recordKinds';

/** What an erasure did. */
export interface ErasureReport {
  /** Records deleted whole. */
  readonly records: number;
  /** Shared records written back without the customer's entries. */
  readonly sharedRecords: number;
  /** Conversations whose transcript was deleted. */
  readonly conversations: number;
  /** Activities removed from other conversations. */
  readonly activities: number;
  /** What a search after erasing still found (written meanwhile); 0 when the erasure is complete. */
  readonly remaining: number;
}

/** Attempts at trimming one shared record that others keep changing. */
const maxAttempts = 8;

/** Erases `data` from the stores, and searches again. */
export async function eraseCustomerData(stores: PrivacyStores, data: CustomerData, options: FindOptions = {}): Promise<ErasureReport> {
  const { identity: who, links } = data;
  const keys = data.records.map((r) => r.key);
  for (let i = 0; i < keys.length; i += 100) await stores.records.delete(keys.slice(i, i + 100));
  let sharedRecords = 0;
  for (const { key } of data.shared) if (await trimShared(stores, key, data)) sharedRecords += 1;
  for (const c of data.conversations) await stores.transcripts.deleteTranscript(c.channelId, c.conversationId);
  const tokens = mentionTokens(who, links);
  const agentUserIds = options.agentUserIds ?? (() => []);
  let activities = 0;
  for (const c of data.mentions) {
    activities += await stores.transcripts.removeActivities(c.channelId, c.conversationId, (a) => isTheirActivity(a as Doc, who) || concernsThem(a as Doc, tokens, links, agentUserIds));
  }
  const after = await findCustomerData(stores, who, options);
  const remaining = isEmpty(after) ? 0 : after.records.length + after.shared.length + after.conversations.length + after.mentions.length;
  return { records: keys.length, sharedRecords, conversations: data.conversations.length, activities, remaining };
}

/** Writes a shared record back without the customer's entries, reading it again after a lost race. */
async function trimShared(stores: PrivacyStores, key: string, data: CustomerData): Promise<boolean> {
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const current = (await stores.records.read([key]))[key] as (Doc & { eTag?: string }) | undefined;
    if (!current) return false;
    const owned = ownershipOf(recordOf(key), current, data.identity, data.links);
    if (owned.kind !== 'part') return false;
    try {
      await stores.records.write({ [key]: { ...owned.rest, eTag: current.eTag } });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code !== storageErrorCodes.etagConflict || attempt === maxAttempts) throw error;
    }
  }
  return false;
}
