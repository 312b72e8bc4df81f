/**
 * One Direct Line conversation as it is stored: who is in it, whether the bot has been told it
 * started, which tokens still work, and its recent activities numbered in order. The numbers are the
 * watermarks clients resume from.
 */
import { randomBytes } from 'node:crypto';
import { DirectLineError } from './directLineErrors';
import type { ActivitySet, WireAccount, WireActivity } from './wireActivity';

/** One activity of a conversation's history with its sequence number. */
export interface HistoryEntry {
  readonly seq: number;
  readonly activity: WireActivity;
}

/** A Direct Line conversation as stored. Treated as immutable: changes make a new record. */
export interface ConversationRecord {
  readonly id: string;
  readonly createdAt: string;
  /** When the record last changed (ISO 8601); the retention sweeper deletes records by it. */
  readonly updatedAt: string;
  /** The user the conversation was started for, when the starting token or request named one. */
  readonly user?: WireAccount;
  /** Locale asked for when the conversation started (passed to the bot's conversationUpdate). */
  readonly locale?: string;
  /** Highest sequence number handed out; the next stored activity gets `lastSeq + 1`. */
  readonly lastSeq: number;
  /** True once the bot accepted the conversationUpdate announcing the members. */
  readonly botGreeted: boolean;
  /**
   * Raised by each token refresh; tokens carry the generation they were issued in, and those of an
   * earlier one are refused, so a refreshed token stops working (also after a restart).
   */
  readonly tokenGeneration: number;
  /** Most recent activities in order, oldest first (capped by count and bytes; older ones are dropped). */
  readonly history: readonly HistoryEntry[];
}

/** Conversation ids this endpoint hands out and accepts in URLs. */
export const conversationIdPattern = /^[A-Za-z0-9_-]{8,64}$/;

/** A new, unguessable conversation id. */
export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

/** A new user id for a token asked for without one (`dl_` marks ids the endpoint chose). */
export function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}

/** The Direct Line-style id of the activity with sequence number `seq`: `<conversationId>|<seq padded>`. */
export function activityIdFor(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** The id of an activity that is shown but not stored (typing): never the id of a stored one. */
export function transientActivityId(conversationId: string): string {
  return `${conversationId}|t-${randomBytes(6).toString('base64url')}`;
}

/** Reads a `watermark` query value; empty or absent means "from the start". */
export function parseWatermark(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw === 'string' && /^\d{1,15}$/.test(raw)) return Number(raw);
  throw new DirectLineError('WL_DL_BAD_REQUEST', 'The watermark must be a value this endpoint returned earlier.');
}

/** The activities stored after `watermark` (all of them when it is undefined), with the new watermark. */
export function activitySetAfter(record: ConversationRecord, watermark: number | undefined): ActivitySet {
  const after = watermark ?? -1;
  const entries = record.history.filter((entry) => entry.seq > after);
  const last = entries[entries.length - 1];
  return {
    activities: entries.map((entry) => entry.activity),
    watermark: String(last ? last.seq : Math.max(watermark ?? 0, record.lastSeq)),
  };
}
