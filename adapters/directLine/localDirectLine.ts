/**
 * A local Direct Line 3.0 endpoint, so Bot Framework Web Chat and botframework-directlinejs can
 * talk to the bot on this machine with no Azure: the client API under `/v3/directline`, WebSocket
 * streams, and the connector routes the bot answers through (`/directline-connector/`).
 * Conversations and their recent activities live in the bot's `Storage`.
 */
import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { ActivityFeed } from './activityFeed';
import type { ActivityLimits } from './activityLimits';
import { directLineLimits, limitProblems } from './activityLimits';
import { registerActivityRoutes } from './activityRoutes';
import { BotClient } from './botClient';
import { registerConnectorRoutes, connectorBasePath } from './connectorRoutes';
import { ConversationGreeter } from './conversationGreeter';
import { registerConversationRoutes } from './conversationRoutes';
import { ConversationStore, defaultMaxRecordBytes } from './conversationStore';
import type { DirectLineContext, DirectLineState } from './directLineContext';
import { DirectLineError } from './directLineErrors';
import { registerClientPreflight } from './directLineRoute';
import { DirectLineTokens } from './directLineTokens';
import { DeliverySeal } from './deliverySeal';
import type { SealedFields } from './deliverySeal';
import { StreamServer } from './streamServer';
import { StreamPresence } from './streamPresence';
import type { PresenceListener } from './streamPresence';
import { conversationIdPattern } from './conversationRecord';
import type { TokenResponse, UserRequest } from './tokenRoutes';
import { issueStartToken, registerTokenRoutes } from './tokenRoutes';
import type { WireAccount } from './wireActivity';
import type { ActivityFanout } from './activityFanout';

/** Settings and dependencies of a {@link LocalDirectLine}. */
export interface LocalDirectLineOptions {
  /** Accepted as `Authorization: Bearer <secret>` and used to sign tokens (at least 16 characters). */
  readonly secret: string;
  readonly tokenTtlSeconds: number;
  /** How this process reaches itself, e.g. `http://127.0.0.1:3978`; read lazily (the port is known only after listen). */
  readonly internalBaseUrl: () => string;
  /** The base URL browsers use; stream URLs are derived from it (http becomes ws, https becomes wss). */
  readonly publicBaseUrl: () => string;
  /** Where conversations and their activities are kept, so a browser can reconnect after a restart. */
  readonly storage: Storage;
  readonly logger: Logger;
  /** Longest message text a client may send. */
  readonly maxMessageChars: number;
  readonly now?: () => Date;
  /** How long the bot may take to accept one activity; default 15 s (directlinejs gives up after 20 s). */
  readonly botTimeoutMs?: number;
  /** The bot as it appears in activities; default `{ id: 'warmline-bot', name: 'Warmline' }`. */
  readonly botAccount?: { readonly id: string; readonly name?: string };
  /** Activities kept per conversation; default 500. */
  readonly maxHistory?: number;
  /**
   * Bytes one stored conversation may take (oldest activities are dropped first); default 512 KiB,
   * more when `maxMessageChars` is large. Must hold the largest activity the limits allow.
   */
  readonly maxRecordBytes?: number;
  /** Tighter or looser limits on what one activity may carry, per side; see `activityLimits.ts` for the defaults. */
  readonly limits?: { readonly client?: Partial<ActivityLimits>; readonly bot?: Partial<ActivityLimits> };
  /**
   * Told when a conversation's page has had no stream for `graceMs` (closed, not reloaded) and when
   * it streams again, e.g. so a customer's agent sees them leave and come back.
   */
  readonly presence?: { readonly graceMs: number; readonly listener: PresenceListener };
  /**
   * With several instances: tells the others what this one publishes and which streams open here
   * (start hearing them with {@link LocalDirectLine.listenToOtherInstances}).
   */
  readonly fanout?: ActivityFanout;
}

/** Raised by the {@link LocalDirectLine} constructor when its options are not usable; lists every problem. */
export class DirectLineOptionsError extends Error {
  readonly code = 'WL_DL_OPTIONS_INVALID';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid local Direct Line options: ${problems.join('; ')}`);
    this.name = 'DirectLineOptionsError';
  }
}

/** The local Direct Line 3.0 endpoint. Create one per process; {@link register} it on the restify server. */
export class LocalDirectLine {
  private readonly ctx: DirectLineContext;
  private readonly streams: StreamServer;
  private readonly presence: StreamPresence | undefined;
  private readonly fanout: ActivityFanout | undefined;
  /** Seals what this endpoint delivers to `/api/messages` (see {@link vouchesFor}). */
  private readonly seal = new DeliverySeal();
  private state: DirectLineState = 'open';
  private closing: Promise<void> | undefined;
  private registered = false;

  constructor(options: LocalDirectLineOptions) {
    const problems = checkOptions(options);
    if (problems.length > 0) throw new DirectLineOptionsError(problems);
    const now = options.now ?? (() => new Date());
    const log = options.logger.child({ area: 'directline' });
    const internal = (): string => options.internalBaseUrl().replace(/\/+$/, '');
    const serviceUrl = (): string => `${internal()}${connectorBasePath}/`;
    const botAccount: WireAccount = { id: options.botAccount?.id ?? 'warmline-bot', name: options.botAccount?.name ?? 'Warmline', role: 'bot' };
    const tokens = new DirectLineTokens(options.secret, options.tokenTtlSeconds, now);
    const limits = directLineLimits(options.maxMessageChars, options.limits);
    const maxRecordBytes = options.maxRecordBytes ?? Math.max(defaultMaxRecordBytes, 2 * smallestRecordBytes(options));
    const store = new ConversationStore({ storage: options.storage, feed: new ActivityFeed(), log, now, maxHistory: options.maxHistory ?? 500, maxRecordBytes, ...(options.fanout ? { fanout: options.fanout } : {}) });
    const bot = new BotClient({ endpoint: () => `${internal()}/api/messages`, timeoutMs: options.botTimeoutMs ?? 15_000, log, seal: this.seal });
    const greeter = new ConversationGreeter({ store, bot, botAccount, serviceUrl, now, log });
    this.ctx = {
      tokens,
      store,
      bot,
      greeter,
      log,
      botAccount,
      maxMessageChars: options.maxMessageChars,
      limits,
      referenceGrammarId: randomUUID(),
      now,
      state: () => this.state,
      serviceUrl,
      streamUrl: (conversationId, token, watermark) => {
        const base = options.publicBaseUrl().replace(/\/+$/, '').replace(/^http(s?):/i, 'ws$1:');
        const mark = watermark === undefined ? '' : `&watermark=${watermark}`;
        return `${base}/v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}${mark}`;
      },
    };
    this.presence = options.presence ? new StreamPresence({ graceMs: options.presence.graceMs, listener: options.presence.listener, log }) : undefined;
    this.fanout = options.fanout;
    const fanout = options.fanout;
    this.streams = new StreamServer(this.ctx, undefined, this.presence, fanout ? (conversationId) => fanout.announce({ kind: 'stream-opened', conversationId }) : undefined);
  }

  /**
   * `reference` with this instance's connector as its `serviceUrl` when it names a local Direct Line
   * connector on this machine (another instance's, which may be gone), so proactive messages leave
   * from here; any other reference is returned as it is.
   */
  localReference<T extends { serviceUrl?: string }>(reference: T): T {
    if (typeof reference.serviceUrl !== 'string' || !localConnectorUrl.test(reference.serviceUrl)) return reference;
    return { ...reference, serviceUrl: this.ctx.serviceUrl() };
  }

  /**
   * Starts hearing the other instances: their activities reach the streams open here, and their
   * streams opening count for presence. Does nothing without a fan-out.
   */
  async listenToOtherInstances(): Promise<void> {
    await this.fanout?.listen((message) => {
      if (message.kind === 'activities') this.ctx.store.arrived(message.conversationId, message.set);
      else this.presence?.openedElsewhere(message.conversationId);
    });
  }

  /**
   * Adds the routes to `server` (client API under `/v3/directline`, connector under
   * `/directline-connector`) and answers WebSocket upgrades for stream URLs on `server.server`.
   */
  register(server: Server): void {
    if (this.registered) throw new Error('LocalDirectLine.register: already registered on a server');
    this.registered = true;
    registerClientPreflight(server);
    registerTokenRoutes(server, this.ctx);
    registerConversationRoutes(server, this.ctx);
    registerActivityRoutes(server, this.ctx);
    registerConnectorRoutes(server, this.ctx);
    this.streams.attach(server.server);
  }

  /**
   * True when an activity posted to `/api/messages` was delivered by this local Direct Line (its
   * seal header matches), so a browser client sent it; false for anything posted there directly.
   */
  vouchesFor(sealHeader: string | string[] | undefined, activity: SealedFields): boolean {
    return this.seal.verify(sealHeader, activity);
  }

  /**
   * A token for a new conversation, as `POST /v3/directline/tokens/generate` gives: for the page
   * that embeds Web Chat, so the secret never reaches the browser. Without a user id, one is made up.
   */
  async generateToken(user?: UserRequest): Promise<TokenResponse> {
    if (this.state !== 'open') throw new DirectLineError('WL_DL_CLOSED');
    return issueStartToken(this.ctx.tokens, user);
  }

  /**
   * A token for an existing conversation of `userId`, as a reconnect with the secret gives: for the
   * page resuming its conversation after a reload. Undefined when there is no such conversation or
   * it was started for another user, so nobody is handed someone else's conversation.
   */
  async resumeToken(conversationId: string, userId: string): Promise<TokenResponse | undefined> {
    if (this.state !== 'open') throw new DirectLineError('WL_DL_CLOSED');
    if (!conversationIdPattern.test(conversationId)) return undefined;
    const record = await this.ctx.store.get(conversationId);
    if (!record?.user || record.user.id !== userId) return undefined;
    // The conversation's current token generation: a refresh by another tab still retires this one.
    const issued = this.ctx.tokens.issue(conversationId, record.user, record.tokenGeneration);
    return { conversationId, token: issued.token, expires_in: issued.expiresIn };
  }

  /** Closes every stream and waits for calls to the bot in flight; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.state = 'closing';
    await this.streams.close();
    await this.ctx.bot.drain();
    await this.ctx.store.idle();
    this.state = 'closed';
    this.ctx.log.debug('local direct line closed');
  }
}

/** A local Direct Line connector address: loopback, any port (each instance listens on its own). */
const localConnectorUrl = new RegExp(`^http://(127\\.0\\.0\\.1|localhost|\\[::1\\]):\\d+${connectorBasePath}/?$`);

function checkOptions(options: LocalDirectLineOptions): string[] {
  const problems: string[] = [];
  if (typeof options.secret !== 'string' || options.secret.length < 16) problems.push('secret must be at least 16 characters');
  if (!Number.isInteger(options.tokenTtlSeconds) || options.tokenTtlSeconds < 1) problems.push('tokenTtlSeconds must be a positive integer');
  if (!Number.isInteger(options.maxMessageChars) || options.maxMessageChars < 1) problems.push('maxMessageChars must be a positive integer');
  if (typeof options.internalBaseUrl !== 'function') problems.push('internalBaseUrl must be a function returning a URL');
  if (typeof options.publicBaseUrl !== 'function') problems.push('publicBaseUrl must be a function returning a URL');
  if (!options.storage || typeof options.storage.read !== 'function' || typeof options.storage.write !== 'function') {
    problems.push('storage must be a botbuilder Storage');
  }
  if (!options.logger) problems.push('logger is required');
  if (options.botTimeoutMs !== undefined && !(options.botTimeoutMs > 0)) problems.push('botTimeoutMs must be positive');
  if (options.maxHistory !== undefined && !(Number.isInteger(options.maxHistory) && options.maxHistory > 0)) {
    problems.push('maxHistory must be a positive integer');
  }
  if (problems.length > 0) return problems;
  const limits = directLineLimits(options.maxMessageChars, options.limits);
  problems.push(...limitProblems('limits.client', limits.client), ...limitProblems('limits.bot', limits.bot));
  const smallest = smallestRecordBytes(options);
  if (options.maxRecordBytes !== undefined && !(Number.isInteger(options.maxRecordBytes) && options.maxRecordBytes >= smallest)) {
    problems.push(`maxRecordBytes must be an integer of at least ${smallest}, so the largest activity the limits allow fits in a conversation`);
  }
  return problems;
}

/**
 * The budget a conversation needs to keep the largest activity either side may send, plus room for
 * what a record and a stamped activity add (ids, user, timestamps, the bot's account).
 */
function smallestRecordBytes(options: LocalDirectLineOptions): number {
  const limits = directLineLimits(options.maxMessageChars, options.limits);
  return Math.max(limits.client.activityBytes, limits.bot.activityBytes) + 8 * 1024;
}
