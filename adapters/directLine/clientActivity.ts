/**
 * What a client may post as an activity, who it is from, and how the local Direct Line stamps it
 * (id, timestamp, channel, conversation, recipient) before storing and forwarding it.
 */
import { z } from 'zod';
import { textLength } from '../../locale/textLength';
import type { ActivityLimits } from './activityLimits';
import { assertWithinLimits } from './activityLimits';
import type { ConversationRecord } from './conversationRecord';
import { DirectLineError } from './directLineErrors';
import type { DirectLineCaller } from './directLineTokens';
import type { WireAccount, WireActivity } from './wireActivity';

const accountSchema = z.looseObject({ id: z.string().min(1).max(256), name: z.string().max(256).optional() });
const objectSchema = z.record(z.string(), z.unknown());
const clientActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  text: z.string().optional(),
  from: accountSchema.optional(),
  // Shapes Web Chat and the bot rely on; their sizes are checked against the limits.
  name: z.string().optional(),
  channelData: objectSchema.optional(),
  attachments: z.array(objectSchema).optional(),
  entities: z.array(objectSchema).optional(),
});

/** An activity body that passed validation; other properties the client sent are kept. */
export type ClientActivity = z.infer<typeof clientActivitySchema>;

/**
 * Checks a posted body: an object with a `type`, `text` of at most `maxMessageChars` characters
 * (400 otherwise), and every part within `limits` (413 otherwise).
 */
export function parseClientActivity(body: unknown, maxMessageChars: number, limits: ActivityLimits): ClientActivity {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DirectLineError('WL_DL_BAD_ACTIVITY');
  const parsed = clientActivitySchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new DirectLineError('WL_DL_BAD_ACTIVITY', `The activity is not valid (${problems}).`);
  }
  const text = parsed.data.text;
  // Counted as the bot counts (code points), so a message this endpoint takes is one the bot reads.
  const chars = text === undefined ? 0 : textLength(text);
  if (chars > maxMessageChars) {
    throw new DirectLineError('WL_DL_MESSAGE_TOO_LONG', `The message has ${chars} characters; the limit is ${maxMessageChars}.`);
  }
  assertWithinLimits(parsed.data, limits);
  return parsed.data;
}

/**
 * The user an activity is from. A token that names a user fixes it (posting as anyone else is
 * 403); otherwise the activity's `from.id` or the conversation's user is used.
 */
export function resolveSender(activity: ClientActivity, caller: DirectLineCaller, record: ConversationRecord): WireAccount {
  const tokenUser = caller.kind === 'token' ? caller.claims.user : undefined;
  const name = activity.from?.name;
  if (tokenUser) {
    if (activity.from && activity.from.id !== tokenUser.id) throw new DirectLineError('WL_DL_WRONG_USER');
    const display = name ?? tokenUser.name;
    return { id: tokenUser.id, ...(display ? { name: display } : {}), role: 'user' };
  }
  const id = activity.from?.id ?? record.user?.id;
  if (!id) throw new DirectLineError('WL_DL_BAD_ACTIVITY', 'The activity needs from.id: this token does not name a user.');
  return { id, ...(name ? { name } : {}), role: 'user' };
}

/** What the local Direct Line sets on every activity it accepts from a client. */
export interface ClientStamp {
  readonly activityId: string;
  readonly conversationId: string;
  readonly from: WireAccount;
  readonly bot: WireAccount;
  readonly timestamp: Date;
}

/** The activity as stored and echoed to clients (the bot's copy also gets a `serviceUrl`). */
export function stampClientActivity(activity: ClientActivity, stamp: ClientStamp): WireActivity {
  // A client may not choose where the bot answers.
  const { serviceUrl: _serviceUrl, ...rest } = activity;
  return {
    ...rest,
    id: stamp.activityId,
    timestamp: stamp.timestamp.toISOString(),
    channelId: 'directline',
    conversation: { id: stamp.conversationId },
    from: stamp.from,
    recipient: stamp.bot,
  };
}
