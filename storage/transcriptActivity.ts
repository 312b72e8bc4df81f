/**
 * How every transcript store turns an activity into a stored record and back: which
 * conversation it belongs to, its time, and its JSON (timestamps come back as `Date`s).
 */
import type { Activity } from 'botbuilder';
import { StorageArgumentError, StorageSerializationError } from './storageErrors';

/** An activity ready to store: where it belongs, when it happened (ms), and its JSON. */
export interface StoredActivity {
  readonly channelId: string;
  readonly conversationId: string;
  readonly time: number;
  readonly json: string;
}

/**
 * Checks an activity given to `logActivity` and serialises a copy of it. Its `timestamp` is
 * kept, or set to `now` when missing or unreadable, so that the stored JSON and the stored time agree.
 */
export function toStoredActivity(activity: unknown, now: Date): StoredActivity {
  if (activity === null || typeof activity !== 'object') {
    throw new StorageArgumentError('logActivity needs an activity object');
  }
  const fields = activity as { channelId?: unknown; conversation?: { id?: unknown }; timestamp?: unknown };
  const channelId = checkTranscriptId(fields.channelId, 'activity.channelId');
  const conversationId = checkTranscriptId(fields.conversation?.id, 'activity.conversation.id');
  const time = timeOf(fields.timestamp) ?? now.getTime();
  let json: string;
  try {
    json = JSON.stringify({ ...activity, timestamp: new Date(time).toISOString() });
  } catch (error) {
    throw new StorageSerializationError(`activity of conversation ${JSON.stringify(conversationId)}`, error);
  }
  return { channelId, conversationId, time, json };
}

/** Parses a stored activity, turning its timestamps back into `Date`s as the `Activity` type says. */
export function fromStoredJson(json: string): Activity {
  const activity = JSON.parse(json) as Activity & { timestamp?: unknown; localTimestamp?: unknown };
  if (typeof activity.timestamp === 'string') activity.timestamp = new Date(activity.timestamp);
  if (typeof activity.localTimestamp === 'string') activity.localTimestamp = new Date(activity.localTimestamp);
  return activity;
}

/** Throws a {@link StorageArgumentError} unless `value` is a non-empty string; returns it. */
export function checkTranscriptId(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new StorageArgumentError(`Transcript store: ${name} must be a non-empty string`);
  }
  return value;
}

function timeOf(timestamp: unknown): number | undefined {
  if (!(timestamp instanceof Date) && typeof timestamp !== 'string' && typeof timestamp !== 'number') return undefined;
  const time = new Date(timestamp).getTime();
  return Number.isNaN(time) ? undefined : time;
}
