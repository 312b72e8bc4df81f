/**
 * Paging shared by every transcript store: page size, ordering, and continuation tokens. A token
 * names the last item of the previous page (its time and tie-breaker), so that pages stay
 * correct while activities are added or purged between calls.
 */
import type { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import { StorageArgumentError, storageErrorCodes } from './storageErrors';
import { fromStoredJson } from './transcriptActivity';

/** Items per page of `getTranscriptActivities` and `listTranscripts`. */
export const transcriptPageSize = 20;

/** Position after an activity: its timestamp (ms) and its sequence number. */
export interface ActivityCursor {
  readonly time: number;
  readonly seq: number;
}

/** Position after a conversation: its creation time (ms) and its id. */
export interface ConversationCursor {
  readonly time: number;
  readonly id: string;
}

/** Encodes the position after an activity as an opaque token. */
function encodeActivityCursor(cursor: ActivityCursor): string {
  return encode(['a', cursor.time, cursor.seq]);
}

/** Decodes the continuation token of an activity page; `undefined` or `''` means the first page. */
export function decodeActivityCursor(token: unknown): ActivityCursor | undefined {
  const parts = decode(token, 'a');
  if (parts === undefined) return undefined;
  const [, time, seq] = parts;
  if (!Number.isSafeInteger(time) || !Number.isSafeInteger(seq)) throw badToken();
  return { time: time as number, seq: seq as number };
}

/** Encodes the position after a conversation as an opaque token. */
function encodeConversationCursor(cursor: ConversationCursor): string {
  return encode(['c', cursor.time, cursor.id]);
}

/** Decodes the continuation token of a conversation page; `undefined` or `''` means the first page. */
export function decodeConversationCursor(token: unknown): ConversationCursor | undefined {
  const parts = decode(token, 'c');
  if (parts === undefined) return undefined;
  const [, time, id] = parts;
  if (!Number.isSafeInteger(time) || typeof id !== 'string') throw badToken();
  return { time: time as number, id };
}

/** A stored activity as the stores read it back: its time (ms), sequence number and JSON. */
export interface ActivityRow {
  readonly time: number;
  readonly seq: number;
  readonly json: string;
}

/** A conversation as the stores list it: its id and creation time (ms). */
export interface ConversationRow {
  readonly id: string;
  readonly time: number;
}

/** A page of activities from up to `transcriptPageSize + 1` rows in order (see {@link pageOf}). */
export function activityPage(rows: readonly ActivityRow[]): PagedResult<Activity> {
  return pageOf(rows, (r) => fromStoredJson(r.json), (r) => encodeActivityCursor({ time: r.time, seq: r.seq }));
}

/** A page of a channel's conversations from up to `transcriptPageSize + 1` rows in order. */
export function conversationPage(channelId: string, rows: readonly ConversationRow[]): PagedResult<TranscriptInfo> {
  return pageOf(rows, (r) => ({ channelId, id: r.id, created: new Date(r.time) }), (r) => encodeConversationCursor(r));
}

/**
 * Builds a page from up to `transcriptPageSize + 1` rows in order: the extra row, when present,
 * only says that there is a next page, which starts after the last row kept.
 */
function pageOf<Row, Item>(rows: readonly Row[], toItem: (row: Row) => Item, cursorOf: (row: Row) => string): PagedResult<Item> {
  const kept = rows.slice(0, transcriptPageSize);
  const last = kept[kept.length - 1];
  const more = rows.length > transcriptPageSize && last !== undefined;
  return { items: kept.map(toItem), continuationToken: more ? cursorOf(last) : '' };
}

/** Orders strings by their UTF-8 bytes, as SQLite (BINARY) and Redis (sorted-set ties) do. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The earliest time (ms) to include, from an optional `startDate`. */
export function startTimeOf(startDate: unknown): number | undefined {
  if (startDate === undefined || startDate === null) return undefined;
  if (!(startDate instanceof Date) || Number.isNaN(startDate.getTime())) {
    throw new StorageArgumentError('getTranscriptActivities: startDate must be a valid Date');
  }
  return startDate.getTime();
}

/** The cutoff time (ms) of `purgeOlderThan`; throws unless `cutoff` is a valid Date. */
export function cutoffTimeOf(cutoff: unknown): number {
  if (!(cutoff instanceof Date) || Number.isNaN(cutoff.getTime())) {
    throw new StorageArgumentError('purgeOlderThan: cutoff must be a valid Date');
  }
  return cutoff.getTime();
}

function encode(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

function decode(token: unknown, kind: string): unknown[] | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  if (typeof token !== 'string') throw badToken();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badToken();
  }
  if (!Array.isArray(parts) || parts.length !== 3 || parts[0] !== kind) throw badToken();
  return parts;
}

function badToken(): StorageArgumentError {
  return new StorageArgumentError('Transcript continuation token is not one this store issued', storageErrorCodes.badContinuationToken);
}
