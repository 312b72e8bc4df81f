/**
 * What may be kept of an activity once it is stored (transcripts; P10): its text masked, whoever
 * wrote it (card numbers, passwords and ID numbers; e-mail and phone stay, as agents need them), and
 * a bounded copy of the rest: channel data only when small, attachments without inline content, and
 * a cap on the whole record, so one oversized or hostile activity cannot fill the store. Plain JSON
 * in and out; no botbuilder.
 */
import { maskForAgents } from './sensitiveData';

/** Size limits of a stored activity (characters are UTF-16 units, bytes are JSON's UTF-8). */
export const storedActivityLimits = {
  /** Longest text (and `speak`, `summary`) kept; longer ones end with "…". */
  textChars: 8_000,
  /** Longest name, id or URL kept in an account, conversation or attachment. */
  shortChars: 512,
  /** Largest `channelData`, `value` or `entities` kept; larger ones are left out. */
  smallJsonBytes: 2_048,
  /** Largest attachment `content` (e.g. an Adaptive Card) or `suggestedActions` kept. */
  contentBytes: 16_384,
  /** Most attachments, entities, suggested actions and members kept. */
  items: 10,
  /** Largest stored activity; past it, the optional parts go first, then the text is cut. */
  activityBytes: 32_768,
} as const;

/** Marks a part that was left out, and how large it was. */
export interface OmittedPart {
  readonly omitted: true;
  readonly bytes: number;
}

type Json = Record<string, unknown>;

/** Fields copied as they are when they are short strings, numbers or booleans. */
const scalarFields = [
  'type', 'id', 'channelId', 'serviceUrl', 'replyToId', 'locale', 'localTimezone', 'textFormat', 'inputHint', 'name', 'label',
  'valueType', 'code', 'action', 'importance', 'deliveryMode', 'expiration', 'attachmentLayout', 'topicName', 'historyDisclosed',
] as const;
const textFields = ['text', 'speak', 'summary'] as const;
const accountFields = ['id', 'name', 'aadObjectId', 'role'] as const;
const conversationFields = ['id', 'name', 'conversationType', 'tenantId', 'isGroup'] as const;

/**
 * A masked, bounded copy of an activity for storage. Timestamps are kept as they are (Date or
 * string); anything not listed above (unknown fields) is left out.
 */
export function storedActivityCopy(activity: Readonly<Json>): Json {
  const copy: Json = {};
  for (const field of scalarFields) {
    const value = scalar(activity[field]);
    if (value !== undefined) copy[field] = value;
  }
  for (const field of ['timestamp', 'localTimestamp'] as const) {
    const value = activity[field];
    if (value instanceof Date || typeof value === 'string' || typeof value === 'number') copy[field] = value;
  }
  for (const field of textFields) {
    const value = activity[field];
    if (typeof value === 'string') copy[field] = cut(maskForAgents(value), storedActivityLimits.textChars);
  }
  for (const field of ['from', 'recipient'] as const) {
    const account = picked(activity[field], accountFields);
    if (account) copy[field] = account;
  }
  const conversation = picked(activity.conversation, conversationFields);
  if (conversation) copy.conversation = conversation;
  for (const field of ['membersAdded', 'membersRemoved'] as const) {
    const members = activity[field];
    if (Array.isArray(members)) copy[field] = members.slice(0, storedActivityLimits.items).map((m) => picked(m, accountFields) ?? {});
  }
  const optional = {
    value: bounded(activity.value, storedActivityLimits.smallJsonBytes),
    channelData: bounded(activity.channelData, storedActivityLimits.smallJsonBytes),
    entities: Array.isArray(activity.entities) ? bounded(activity.entities.slice(0, storedActivityLimits.items), storedActivityLimits.smallJsonBytes) : undefined,
    suggestedActions: bounded(activity.suggestedActions, storedActivityLimits.contentBytes),
    attachments: Array.isArray(activity.attachments) ? activity.attachments.slice(0, storedActivityLimits.items).map(attachmentCopy) : undefined,
  };
  for (const [field, value] of Object.entries(optional)) if (value !== undefined) copy[field] = value;
  return capped(copy);
}

/** An attachment's description and, when small and not inline data, its content and URL. */
function attachmentCopy(attachment: unknown): Json {
  if (typeof attachment !== 'object' || attachment === null) return {};
  const a = attachment as Json;
  const copy: Json = {};
  for (const field of ['contentType', 'name', 'thumbnailUrl'] as const) {
    const value = scalar(a[field]);
    if (typeof value === 'string' && !value.startsWith('data:')) copy[field] = value;
  }
  const url = a.contentUrl;
  if (typeof url === 'string') copy.contentUrl = url.startsWith('data:') || url.length > storedActivityLimits.shortChars ? omitted(url) : url;
  const content = bounded(a.content, storedActivityLimits.contentBytes);
  if (content !== undefined) copy.content = content;
  return copy;
}

/** The whole copy within {@link storedActivityLimits.activityBytes}: optional parts go first, then the text is cut. */
function capped(copy: Json): Json {
  for (const field of ['channelData', 'entities', 'attachments', 'suggestedActions', 'value', 'speak', 'summary'] as const) {
    if (bytesOf(copy) <= storedActivityLimits.activityBytes) return copy;
    if (copy[field] !== undefined) copy[field] = omitted(copy[field]);
  }
  // Cut in proportion to the text's bytes per unit (and the 3 bytes of "…"); each round is shorter, so this ends.
  for (let over = bytesOf(copy) - storedActivityLimits.activityBytes; over > 0 && typeof copy.text === 'string' && copy.text !== ''; over = bytesOf(copy) - storedActivityLimits.activityBytes) {
    const textBytes = bytesOf(copy.text);
    const keep = Math.floor((copy.text.length * Math.max(0, textBytes - over - 3)) / textBytes);
    copy.text = cut(copy.text, Math.min(keep, copy.text.length - 1));
  }
  return copy;
}

/** A JSON value, masked, when it serialises within `maxBytes`; an {@link OmittedPart} when larger; undefined when absent or not JSON. */
function bounded(value: unknown, maxBytes: number): unknown {
  if (value === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return undefined;
  }
  if (json === undefined) return undefined;
  const bytes = Buffer.byteLength(json);
  return bytes > maxBytes ? { omitted: true, bytes } satisfies OmittedPart : maskStrings(JSON.parse(json) as unknown);
}

/** Every string inside a JSON value masked (card data typed into a card's input, say). */
function maskStrings(value: unknown): unknown {
  if (typeof value === 'string') return maskForAgents(value);
  if (Array.isArray(value)) return value.map(maskStrings);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v)]));
  return value;
}

function omitted(value: unknown): OmittedPart {
  return { omitted: true, bytes: Buffer.byteLength(JSON.stringify(value) ?? '') };
}

/** The listed fields of an object, each a short scalar; undefined when there is no object. */
function picked(value: unknown, fields: readonly string[]): Json | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const copy: Json = {};
  for (const field of fields) {
    const v = scalar((value as Json)[field]);
    if (v !== undefined) copy[field] = v;
  }
  return copy;
}

function scalar(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'string') return cut(value, storedActivityLimits.shortChars);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value;
  return undefined;
}

/** At most `max` UTF-16 units, ending with "…" when cut (never splitting a surrogate pair; nothing when `max` is under 2). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  let end = Math.max(0, max - 1);
  if (end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

function bytesOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
