/**
 * How much one activity may carry through the local Direct Line, checked before anything is
 * stored or delivered: the whole activity and each part that could otherwise grow a conversation
 * record without bound (channelData, value, entities, attachments, short string fields). Customers'
 * activities get tighter limits than the bot's, whose cards are larger by design.
 */
import { DirectLineError } from './directLineErrors';

/** The bounds one activity must stay within. Sizes are bytes of the part as UTF-8 JSON. */
export interface ActivityLimits {
  /** The whole activity. */
  readonly activityBytes: number;
  readonly channelDataBytes: number;
  readonly valueBytes: number;
  /** Number of `attachments`. */
  readonly attachments: number;
  /** Each attachment, inline `content` included. */
  readonly attachmentBytes: number;
  /** Number of `entities`. */
  readonly entities: number;
  /** All `entities` together. */
  readonly entitiesBytes: number;
  /** Characters of each short string field (`name`, `locale`, `textFormat`, `inputHint`, `replyToId`). */
  readonly shortFieldChars: number;
  /** Nesting of objects and arrays; deeper JSON cannot be a real activity and is costly to copy. */
  readonly depth: number;
}

/** Both sides' limits: customers posting to `/v3/directline`, the bot answering through the connector. */
export interface DirectLineLimits {
  readonly client: ActivityLimits;
  readonly bot: ActivityLimits;
}

const KiB = 1024;

/** What a Web Chat client needs: text plus a few small properties. */
export const defaultClientLimits: ActivityLimits = Object.freeze({
  activityBytes: 64 * KiB,
  channelDataBytes: 8 * KiB,
  valueBytes: 16 * KiB,
  attachments: 10,
  attachmentBytes: 16 * KiB,
  entities: 16,
  entitiesBytes: 8 * KiB,
  shortFieldChars: 256,
  depth: 32,
});

/** Room for the bot's Adaptive Cards and transcripts. */
export const defaultBotLimits: ActivityLimits = Object.freeze({
  activityBytes: 128 * KiB,
  channelDataBytes: 32 * KiB,
  valueBytes: 32 * KiB,
  attachments: 20,
  attachmentBytes: 96 * KiB,
  entities: 32,
  entitiesBytes: 16 * KiB,
  shortFieldChars: 256,
  depth: 64,
});

/**
 * The limits for an endpoint whose customers may send `maxMessageChars` characters: a message at
 * that limit (up to 4 bytes a character) always fits in the whole-activity limit.
 */
export function directLineLimits(maxMessageChars: number, overrides: { client?: Partial<ActivityLimits>; bot?: Partial<ActivityLimits> } = {}): DirectLineLimits {
  const roomForText = 4 * maxMessageChars + 16 * KiB;
  const client = { ...defaultClientLimits, activityBytes: Math.max(defaultClientLimits.activityBytes, roomForText), ...overrides.client };
  const bot = { ...defaultBotLimits, activityBytes: Math.max(defaultBotLimits.activityBytes, roomForText), ...overrides.bot };
  return Object.freeze({ client: Object.freeze(client), bot: Object.freeze(bot) });
}

/** Problems with a set of limits (each must be a positive integer), for the constructor's one error. */
export function limitProblems(name: string, limits: ActivityLimits): string[] {
  return Object.entries(limits).flatMap(([key, value]) => (Number.isInteger(value) && (value as number) > 0 ? [] : [`${name}.${key} must be a positive integer`]));
}

const shortFields = ['name', 'locale', 'textFormat', 'inputHint', 'replyToId'] as const;

/**
 * Throws 413 `WL_DL_ACTIVITY_TOO_LARGE` naming the first part of `activity` over `limits`
 * (400 `WL_DL_BAD_ACTIVITY` when it nests too deeply). `who` words the message ("The activity",
 * "The bot's activity").
 */
export function assertWithinLimits(activity: Readonly<Record<string, unknown>>, limits: ActivityLimits, who = 'The activity'): void {
  if (depthOf(activity, limits.depth + 1) > limits.depth) {
    throw new DirectLineError('WL_DL_BAD_ACTIVITY', `${who} nests objects and arrays more than ${limits.depth} levels deep.`);
  }
  const refuse = (what: string, size: number, limit: number, unit: string): DirectLineError =>
    new DirectLineError('WL_DL_ACTIVITY_TOO_LARGE', `${who}${what} ${size.toLocaleString('en-US')} ${unit}; the limit is ${limit.toLocaleString('en-US')}. Nothing was stored.`);

  for (const field of shortFields) {
    const value = activity[field];
    if (typeof value === 'string' && value.length > limits.shortFieldChars) throw refuse(`'s ${field} has`, value.length, limits.shortFieldChars, 'characters');
  }
  const sized: ReadonlyArray<readonly [string, number]> = [
    ['channelData', limits.channelDataBytes],
    ['value', limits.valueBytes],
    ['entities', limits.entitiesBytes],
  ];
  for (const [field, limit] of sized) {
    const bytes = jsonBytes(activity[field]);
    if (bytes > limit) throw refuse(`'s ${field} is`, bytes, limit, 'bytes');
  }
  const entities = listOf(activity.entities);
  if (entities.length > limits.entities) throw refuse(' has', entities.length, limits.entities, 'entities');
  const attachments = listOf(activity.attachments);
  if (attachments.length > limits.attachments) throw refuse(' has', attachments.length, limits.attachments, 'attachments');
  attachments.forEach((attachment, i) => {
    const bytes = jsonBytes(attachment);
    if (bytes > limits.attachmentBytes) throw refuse(`'s attachment ${i + 1} is`, bytes, limits.attachmentBytes, 'bytes');
  });
  const total = jsonBytes(activity);
  if (total > limits.activityBytes) throw refuse(' is', total, limits.activityBytes, 'bytes');
}

/** Bytes of `value` as UTF-8 JSON (0 when it has no JSON form, like undefined). */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
}

function listOf(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  // Anything else where a list belongs counts as one item, so its size is still checked.
  return Array.isArray(value) ? value : [value];
}

/** Nesting depth of `value`, counted without recursion and only up to `stopAt`. */
function depthOf(value: unknown, stopAt: number): number {
  let deepest = 0;
  const stack: Array<readonly [unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as readonly [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest >= stopAt) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}
