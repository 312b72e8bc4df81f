/**
 * The bots behind the studio's test chat (issue 12): each test conversation runs the whole bot (the
 * same factory as the server, app/createWarmlineBot.ts) on the drafts composed over the published
 * content (app/previewContent.ts), while customers keep talking to the published version. A test
 * conversation has a store of its own in memory: its state, handoffs, tickets, learning and offer
 * history never reach the real ones, and nothing is sent to an external hub or the offer webhook.
 * When a draft changes, the conversation's next turn runs on a bot built over the new drafts, with
 * the conversation's state kept. Conversations belong to the studio user who started them, and are
 * dropped after a while without use or when there are too many.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import { PreviewAdapter } from '../adapters/previewAdapter';
import { installTurnErrorHandler } from '../adapters/botAdapter';
import { ProactiveMessenger } from '../adapters/handoff/proactiveMessenger';
import type { FlowBackends } from '../adapters/flowBackends';
import type { WarmlineBot } from '../bots/warmlineBot';
import { joinEventName } from '../bots/warmlineBot';
import type { CustomerProfiles } from '../customers/customerProfiles';
import { ActiveLearning } from '../knowledge/activeLearning';
import type { SupportedLocale } from '../locale/locale';
import { withMessageCatalogue } from '../messages/currentMessages';
import { MemoryStorage } from '../storage/memoryStorage';
import { MemoryTranscriptStore } from '../storage/memoryTranscriptStore';
import { SerialQueue } from '../storage/serialQueue';
import { createWarmlineBot } from './createWarmlineBot';
import type { PreviewContent, PreviewContentLoader } from './previewContent';
import { previewTurnTrace } from './previewTrace';
import type { PreviewTurnTrace } from './previewTrace';

/** What a customer's message or event to the test chat holds (the rest of the activity is the server's). */
export interface PreviewInput {
  readonly type: 'message' | 'event';
  readonly text?: string;
  readonly value?: unknown;
  readonly name?: string;
  readonly locale?: string;
  /** Web Chat's id of the activity it sent, echoed back so it shows as sent. */
  readonly clientActivityId?: string;
}

/** What one turn gives back: the customer's activity as recorded, the bot's replies, and what fired. */
export interface PreviewTurn {
  readonly conversationId: string;
  readonly activity: Partial<Activity>;
  readonly replies: readonly Partial<Activity>[];
  readonly trace: PreviewTurnTrace;
  /** The kinds whose draft ran (the others ran as published). */
  readonly drafted: readonly string[];
}

/** Thrown for a conversation this caller does not have (unknown, ended, someone else's, or dropped). */
export class PreviewConversationMissing extends Error {
  readonly code = 'WL_PREVIEW_CONVERSATION_MISSING';
}

/** Thrown when a conversation has had as many turns as one may. */
export class PreviewTurnLimit extends Error {
  readonly code = 'WL_PREVIEW_TURN_LIMIT';
}

/** Options of {@link PreviewBots}. */
export interface PreviewBotsOptions {
  readonly content: Pick<PreviewContentLoader, 'current'>;
  readonly profiles: CustomerProfiles;
  /** The backends flows call (the real ones: a test of "where is my order" reads real orders). */
  readonly flowBackends?: FlowBackends;
  readonly maxMessageChars: number;
  readonly logger: Logger;
  /** Conversations kept at once (default 100); the one unused longest goes first. */
  readonly maxConversations?: number;
  /** A conversation unused this long is dropped (default 30 minutes). */
  readonly idleMs?: number;
  /** Turns one conversation may take (default 500). */
  readonly maxTurns?: number;
}

/** The channel the test chat speaks as: the one the customers' Web Chat uses, so cards and the greeting behave the same. */
const channelId = 'directline';
const botAccount = { id: 'warmline-preview', name: 'Warmline', role: 'bot' } as const;

interface Conversation {
  readonly id: string;
  readonly owner: string;
  readonly userId: string;
  readonly storage: MemoryStorage;
  readonly adapter: PreviewAdapter;
  /** Proactive messages waiting for the next answer. */
  readonly outbox: Partial<Activity>[];
  built?: { readonly key: string; readonly bot: WarmlineBot; readonly content: PreviewContent };
  turns: number;
  lastUsed: number;
}

/** The test chat's conversations and their bots; see the module comment. */
export class PreviewBots {
  private readonly conversations = new Map<string, Conversation>();
  private readonly queue = new SerialQueue();
  private readonly log: Logger;

  constructor(private readonly options: PreviewBotsOptions) {
    this.log = options.logger.child({ area: 'preview' });
  }

  /** Starts a conversation for `owner` (a studio user) and greets in `locale`, as the customers' page does. */
  async start(owner: string, locale: SupportedLocale): Promise<PreviewTurn> {
    this.sweep(1);
    const id = `preview-${randomBytes(8).toString('hex')}`;
    const adapter = new PreviewAdapter((_conversationId, activity) => this.conversations.get(id)?.outbox.push(activity));
    const conversation: Conversation = { id, owner, userId: `preview-user-${randomBytes(4).toString('hex')}`, storage: new MemoryStorage(), adapter, outbox: [], turns: 0, lastUsed: Date.now() };
    this.conversations.set(id, conversation);
    return this.send(owner, id, { type: 'event', name: joinEventName, value: { locale }, locale });
  }

  /** Runs one customer turn of `owner`'s conversation on the drafts as they are now. */
  async send(owner: string, conversationId: string, input: PreviewInput): Promise<PreviewTurn> {
    const conversation = this.owned(owner, conversationId);
    const maxTurns = this.options.maxTurns ?? 500;
    if (conversation.turns >= maxTurns) throw new PreviewTurnLimit(`A test conversation takes at most ${maxTurns} turns; start a new one.`);
    conversation.turns += 1;
    conversation.lastUsed = Date.now();
    return this.queue.run(conversationId, () => this.turn(conversation, input));
  }

  /** Ends `owner`'s conversation (its store goes with it). */
  end(owner: string, conversationId: string): void {
    this.owned(owner, conversationId);
    this.conversations.delete(conversationId);
  }

  private owned(owner: string, conversationId: string): Conversation {
    this.sweep(0);
    const conversation = this.conversations.get(conversationId);
    if (!conversation || conversation.owner !== owner) throw new PreviewConversationMissing('No such test conversation: it ended, was dropped after a while without use, or is not yours. Start a new one.');
    return conversation;
  }

  private async turn(conversation: Conversation, input: PreviewInput): Promise<PreviewTurn> {
    const content = await this.options.content.current();
    const bot = this.botFor(conversation, content);
    const address = { channelId, serviceUrl: 'https://preview.warmline.invalid', conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: 'test chat' }, recipient: botAccount, from: { id: conversation.userId, name: conversation.owner, role: 'user' } };
    const activity: Partial<Activity> = {
      ...address,
      ...conversation.adapter.stamp(),
      type: input.type,
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.value !== undefined ? { value: input.value } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.clientActivityId !== undefined ? { channelData: { clientActivityID: input.clientActivityId } } : {}),
    };
    // The bot masks card numbers in the text it reads; the chat shows what was typed.
    const shown = { ...activity };
    const output = await withMessageCatalogue(content.messages, () => conversation.adapter.runTurn(activity, (context) => bot.run(context)));
    // botbuilder's keys of ConversationState and UserState (with their empty namespace).
    const keys = { conversation: `${channelId}/conversations/${conversation.id}/`, user: `${channelId}/users/${conversation.userId}/` };
    const state = await conversation.storage.read([keys.conversation, keys.user]);
    const trace = previewTurnTrace({
      turn: conversation.turns,
      at: (shown.timestamp ?? new Date()).toISOString(),
      input: { type: input.type, ...(input.text !== undefined ? { text: input.text } : {}), ...(input.name !== undefined ? { name: input.name } : {}) },
      traces: output.traces,
      flows: content.flows,
      conversationState: state[keys.conversation],
      userState: state[keys.user],
    });
    const replies = [...conversation.outbox.splice(0), ...output.replies].map((reply) => ({ ...reply, from: botAccount }));
    return { conversationId: conversation.id, activity: shown, replies, trace, drafted: content.drafted };
  }

  /** The conversation's bot over `content`: the one it has, or a new one over its own store when the drafts changed. */
  private botFor(conversation: Conversation, content: PreviewContent): WarmlineBot {
    if (conversation.built?.key === content.key) return conversation.built.bot;
    const { adapter, storage } = conversation;
    const logger = this.log.child({ conversationId: conversation.id });
    const sink = new ProactiveMessenger((reference, logic) => adapter.continueConversation(reference, logic), logger);
    const seen = new Map([conversation.built?.content, content].flatMap((c) => (c?.flows ? [[c.flows.version, c.flows] as const] : [])));
    const { bot } = createWarmlineBot({
      storage,
      transcripts: new MemoryTranscriptStore(),
      faq: content.faq,
      learning: new ActiveLearning(storage),
      routing: content.routing,
      roster: content.roster,
      profiles: this.options.profiles,
      sink,
      // Never the external hub: a test conversation must not reach a real contact centre.
      hub: 'builtin',
      maxMessageChars: this.options.maxMessageChars,
      logger,
      ...(content.offers ? { offers: () => content.offers! } : {}),
      flows: () => content.flows,
      // A topic begun on the earlier drafts finishes on them.
      flowVersion: async (version) => seen.get(version),
      ...(this.options.flowBackends ? { flowBackends: this.options.flowBackends } : {}),
    });
    installTurnErrorHandler(adapter, bot, logger);
    conversation.built = { key: content.key, bot, content };
    return bot;
  }

  /** Drops conversations unused for too long, then the oldest until `room` more fit. */
  private sweep(room: number): void {
    const idleMs = this.options.idleMs ?? 30 * 60_000;
    const max = this.options.maxConversations ?? 100;
    const now = Date.now();
    for (const [id, c] of this.conversations) if (now - c.lastUsed > idleMs) this.conversations.delete(id);
    const byAge = [...this.conversations.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    for (const c of byAge.slice(0, Math.max(0, byAge.length - max + room))) this.conversations.delete(c.id);
  }
}
