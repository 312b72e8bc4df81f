/**
 * The variables the runtime provides in each scope, beside those the flows set themselves. The
 * validator refuses an expression that reads anything else, so a misspelt name is caught when the
 * flow is published, not when a customer meets it. docs/FLOWS.md lists the same names; the flow
 * runtime fills them in. A name covers everything below it (`turn.activity` covers
 * `turn.activity.from.id`).
 */
import type { CustomerProfile } from '../customers/customerProfiles';
import type { ScopeName } from './flowDefinition';

const customerFields = ['id', 'name', 'tier', 'email', 'phone', 'segments', 'tags', 'products', 'tenureMonths', 'spend', 'locale', 'marketingConsent'] as const satisfies readonly (keyof CustomerProfile)[];

/** Names the runtime provides, per scope (without the scope: `text` for `turn.text`). */
export const knownVariables: Readonly<Record<Exclude<ScopeName, 'topic'>, readonly string[]>> = {
  /** This conversation; persists between topics. Flows may add their own. */
  conversation: [
    /** Language of the conversation, `en-US` or `zh-CN`. */
    'locale',
    /** The customer's priority tier for routing (e.g. `vip`), when one applies. */
    'tier',
    /** When the conversation started (ISO 8601). */
    'startedAt',
    /** Customer messages so far. */
    'messageCount',
    /** Knowledge topic of the last FAQ answer, e.g. `delivery`. */
    'lastTopic',
    /** Questions in a row the FAQ could not answer. */
    'consecutiveNoMatches',
    /** "Not resolved" answers to the resolution check so far. */
    'notResolvedCount',
    /** Escalation reasons so far, e.g. `["complaint"]`. */
    'escalations',
  ],
  /** The customer across conversations (the bot's own profile). Flows may add their own. */
  user: ['locale', 'firstSeen', 'lastSeen'],
  /** This turn; read-only. */
  turn: [
    /** What the customer wrote (or the value of the button they pressed). */
    'text',
    /** The language of this turn, `en-US` or `zh-CN`. */
    'locale',
    /** The incoming activity as plain data (`turn.activity.channelId`, `turn.activity.value`). */
    'activity',
  ],
  /** The bot's surroundings; read-only. */
  system: [
    /** The channel, e.g. `webchat`, `msteams`. */
    'channel',
    /** Now, ISO 8601 in UTC. */
    'now',
    /** The queue's time zone (IANA), and the local date (`YYYY-MM-DD`) and time (`HH:mm`) there. */
    'timeZone',
    'localDate',
    'localTime',
  ],
  /** The customer's CRM profile when known; read-only. */
  customer: customerFields,
};
