/**
 * What a conversation record keeps of an activity (P10). The bot receives a customer's activity as
 * posted; the record, and the echo every client sees (live and on reconnect), keep only what Web
 * Chat shows, with card numbers, passwords and ID numbers masked (e-mail and phone stay readable,
 * as they do for agents). Identifiers, links and card submit data are left as they are.
 */
import { maskForAgents } from '../../privacy/sensitiveData';
import type { WireActivity } from './wireActivity';

/** Top-level fields of a customer's activity that a record keeps; `value`, `entities` and the rest reach only the bot. */
const clientFields = ['type', 'id', 'timestamp', 'channelId', 'conversation', 'from', 'recipient', 'locale', 'textFormat', 'replyToId', 'name', 'text', 'attachments', 'attachmentLayout'] as const;

/**
 * What Web Chat reads from a customer's `channelData` on the echo: the id that marks the message
 * sent, its timestamp, and whether it is a hidden postBack or a messageBack.
 */
const clientChannelData = ['clientActivityID', 'clientTimestamp', 'postBack', 'messageBack'] as const;

/** Keys whose string values are identifiers, links or machine data, never text a person wrote. */
const notText = new Set([
  'id',
  'type',
  'timestamp',
  'localTimestamp',
  'channelId',
  'conversation',
  'from',
  'recipient',
  'replyToId',
  'locale',
  'textFormat',
  'inputHint',
  'contentType',
  'contentUrl',
  'thumbnailUrl',
  'url',
  'iconUrl',
  'backgroundImage',
  '$schema',
  'version',
  'clientActivityID',
  'clientTimestamp',
  // Adaptive Card Action.Submit data: sent back to the bot as the activity's value when clicked.
  'data',
]);

/** The stored form of a customer's activity: the fields Web Chat shows, masked. */
export function keptClientActivity(activity: WireActivity): WireActivity {
  const kept: Record<string, unknown> = {};
  for (const field of clientFields) if (activity[field] !== undefined) kept[field] = activity[field];
  const channelData = pick(activity.channelData, clientChannelData);
  if (channelData) kept.channelData = channelData;
  return maskActivity(kept as WireActivity);
}

/** The stored form of the bot's activity: everything it sent, with the text in it masked. */
export function keptBotActivity(activity: WireActivity): WireActivity {
  return maskActivity(activity);
}

function maskActivity(activity: WireActivity): WireActivity {
  return maskStrings(activity, undefined) as WireActivity;
}

/** A copy of `value` with every string a person could read masked; other keys are copied as they are. */
function maskStrings(value: unknown, key: string | undefined): unknown {
  if (key !== undefined && notText.has(key)) return value;
  if (typeof value === 'string') return maskForAgents(value);
  if (Array.isArray(value)) return value.map((item) => maskStrings(item, undefined));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v, k)]));
}

function pick(value: unknown, keys: readonly string[]): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const source = value as Record<string, unknown>;
  const picked = Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
  return Object.keys(picked).length > 0 ? picked : undefined;
}
