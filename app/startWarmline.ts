/**
 * Builds and starts the whole service from a validated configuration: storage, the adapter and its
 * middleware, the HTTP server and its routes, the local Direct Line, timers and shutdown. The one
 * place that constructs infrastructure.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { WarmlineConfig } from '../config';
import { createLogger } from '../logger';
import { createHttpServer } from '../adapters/httpServer';
import type { HttpServer } from '../adapters/httpServer';
import { createBotAdapter, installTurnErrorHandler, isAnonymous } from '../adapters/botAdapter';
import { registerMessagesRoute } from '../adapters/messagesRoute';
import { registerHealthRoutes } from '../adapters/healthRoutes';
import { registerHandoffApi } from '../adapters/handoffApi';
import { registerWorkspaceRoutes } from '../adapters/agentWorkspace/workspaceRoutes';
import { registerEventStream } from '../adapters/agentWorkspace/eventStream';
import { LocalDeskEventBus } from '../handoff/deskEvents';
import type { DeskEventBus } from '../handoff/deskEvents';
import { RedisDeskEventBus } from '../storage/redisDeskEventBus';
import { RedisPubSub } from '../storage/redisPubSub';
import { LeasedInterval } from '../storage/leasedInterval';
import { PubSubActivityFanout } from '../adapters/directLine/activityFanout';
import { quickRepliesFor } from '../handoff/quickReplies';
import { registerWebChatPage } from '../adapters/webChatPage';
import { registerStudioPage } from '../adapters/studio/studioPage';
import { registerAgentPage } from '../adapters/agentWorkspace/agentPage';
import { registerStudioAccess, registerStudioContent } from './studioServer';
import { RemoteDirectLineTokens } from '../adapters/directLineTokenSource';
import type { DirectLineTokenSource } from '../adapters/directLineTokenSource';
import { TranscriptMiddleware } from '../adapters/transcriptMiddleware';
import { AgentSessions } from '../adapters/agentSessions';
import { TurnOrigins } from '../adapters/turnOrigins';
import { LocalDirectLine } from '../adapters/directLine/localDirectLine';
import { CustomerFollow } from '../handoff/customerFollow';
import { connectorBasePath } from '../adapters/directLine/connectorRoutes';
import { isLoopbackAddress } from '../adapters/directLine/isLoopbackAddress';
import { openStorageBackend } from '../storage/storageBackend';
import type { StorageBackend } from '../storage/storageBackend';
import { RetentionSweeper } from '../storage/retentionSweeper';
import { RecordRetention } from '../privacy/recordSweep';
import type { PostResolutionHook } from '../dialogs/resolutionDialog';
import { loadRouting } from '../handoff/routingLoader';
import { loadAgentRoster } from '../handoff/agentRosterLoader';
import type { HandoffDesk } from '../handoff/handoffDesk';
import type { WorkspaceDesk } from '../handoff/workspaceDesk';
import type { ResolutionLog } from '../handoff/resolutionLog';
import { loadCustomerProfiles } from '../customers/yamlCustomerProfiles';
import { loadMessageCatalogue } from '../messages/loadMessageCatalogue';
import { useMessageCatalogue } from '../messages/currentMessages';
import { HttpCustomerProfiles } from '../customers/httpCustomerProfiles';
import { ProactiveMessenger, cloudContinuation } from '../adapters/handoff/proactiveMessenger';
import type { CustomerProfiles } from '../customers/customerProfiles';
import type { OfferStore } from '../offers/offerStore';
import { OfferCatalogueReloader } from '../offers/offerCatalogueReloader';
import { OfferWebhook } from '../adapters/offers/offerWebhook';
import { registerOffersApi } from '../adapters/offersApi';
import { registerSampleOrders } from '../adapters/sampleOrders';
import { agentRoles, rosterAgentOf } from '../accounts/agentAccount';
import type { FaqService } from '../knowledge/faqService';
import { openFaqService } from '../knowledge/openFaqService';
import { useWordVectorFiles } from '../knowledge/wordVectorFiles';
import { useHomeCountry } from '../knowledge/placeNames';
import { ActiveLearning } from '../knowledge/activeLearning';
import { KnowledgeReloader } from '../knowledge/knowledgeReloader';

import { openFlowContent } from './flowContent';
import { openAdminContent } from './adminContent';
import type { AdminContent } from './adminContent';
import { seedPaths } from '../publishing/adminKinds';
import { FlowBackends } from '../adapters/flowBackends';
import { topicTriggerEntries } from '../flows/topicTriggers';
import type { FlowContent } from './flowContent';
import { createWarmlineBot } from './createWarmlineBot';
import { openAnalyticsStore, redactedUrl } from '../analytics/openAnalyticsStore';
import type { AnalyticsStore } from '../analytics/analyticsStore';
import { BufferedRecorder } from '../analytics/bufferedRecorder';
import { AnalyticsRetention } from '../analytics/analyticsRetention';

/** A running Warmline server. */
export interface WarmlineApp {
  readonly config: WarmlineConfig;
  /** Base URL the server listens on, e.g. `http://127.0.0.1:3978`. */
  readonly url: string;
  readonly adapter: CloudAdapter;
  readonly storage: StorageBackend;
  readonly http: HttpServer;
  readonly logger: Logger;
  /** The FAQ engine, answering from the published knowledge. */
  readonly faq: FaqService;
  /** Reloads the knowledge folder into this instance only (KNOWLEDGE_WATCH); publishing goes through `content`. */
  readonly knowledge: KnowledgeReloader;
  readonly learning: ActiveLearning;
  /** The built-in contact centre (queues, agents, tickets). */
  readonly desk: HandoffDesk;
  /** The agents' workspace over the desk (several customers per agent, tickets, supervisors). */
  readonly workspace: WorkspaceDesk;
  /** Resolution and CSAT per topic. */
  readonly resolutions: ResolutionLog;
  /** The offer catalogue in force (the published one; `reload()` reads the file into this instance only). */
  readonly offerCatalogue: OfferCatalogueReloader;
  /** Offer histories, decisions and counters. */
  readonly offerStore: OfferStore;
  /** The published dialog flows (step 6), taken up within seconds of a publish on any instance. */
  readonly flows: FlowContent;
  /** The published knowledge, routing, roster, offers and messages, taken up within seconds of a publish on any instance. */
  readonly content: AdminContent;
  /** What the bot records for the studio's analytics (P11), and where (`flush` writes what is buffered). */
  readonly analytics: { readonly store: AnalyticsStore; readonly recorder: BufferedRecorder };
  /** Stops accepting requests, finishes turns in flight, closes storage. Safe to call twice. */
  stop(): Promise<void>;
}

/** Optional pieces a host (or a test) can supply instead of the defaults. */
export interface StartOptions {
  readonly logger?: Logger;
  /** Clock for the bot, handoffs and transcripts. */
  readonly now?: () => Date;
  /** What runs after a customer confirms their issue is resolved (offers plug in here). */
  readonly afterResolved?: PostResolutionHook;
  /** How often published content is polled (default 2 s); with Redis a publish is also announced to every instance at once. */
  readonly contentPollMs?: number;
}

/** Builds and starts the whole service from a validated configuration. */
export async function startWarmline(config: WarmlineConfig, options: StartOptions = {}): Promise<WarmlineApp> {
  const started = process.hrtime.bigint();
  const logger = options.logger ?? createLogger(config);
  // Knowledge first: a broken knowledge base, or word-vector file, should stop start-up before anything is opened.
  useWordVectorFiles(config.knowledge.wordVectors);
  useHomeCountry(config.knowledge.homeCountry);
  const faq = openFaqService(config.knowledge.dir);
  // Routing, roster and profiles next, for the same reason: a mistake there is reported before start.
  const routing = loadRouting(config.handoff.routingFile);
  const roster = loadAgentRoster(config.handoff.agentsFile, routing.queues.map((q) => q.id));
  // The wording outside flows: a missing key or placeholder in either locale stops start-up too.
  useMessageCatalogue(loadMessageCatalogue(config.messagesDir));
  const profiles: CustomerProfiles = config.crm
    ? new HttpCustomerProfiles({ baseUrl: config.crm.url, token: config.crm.token, timeoutMs: config.crm.timeoutMs, cacheSeconds: config.crm.cacheSeconds })
    : loadCustomerProfiles(config.handoff.customersFile, { tiers: routing.tiers.map((t) => t.id) });
  // The offer catalogue is checked against the knowledge topics and routing tiers (those in force once published content is open).
  let routingInForce = (): typeof routing => routing;
  const offerOptions = () => ({ knownTopics: faq.topics(), knownTiers: routingInForce().tiers.map((t) => t.id) });
  const offerCatalogue = new OfferCatalogueReloader(config.offers.file, offerOptions, logger);
  const knowledge = new KnowledgeReloader(config.knowledge.dir, faq, logger);
  if (config.knowledge.watch) knowledge.watch();
  const storage = await openStorageBackend(config.storage, logger);
  // Analytics events: the embedded database, or PostgreSQL with DATABASE_URL (shared by every instance).
  const analyticsStore = await openAnalyticsStore({ ...config.analytics, storage: config.storage }, { backgroundWrites: { log: logger.child({ area: 'analytics' }) } }).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  logger.info({ kind: analyticsStore.kind, ...(config.analytics.databaseUrl ? { url: redactedUrl(config.analytics.databaseUrl) } : {}) }, 'analytics store opened');
  const recorder = new BufferedRecorder(analyticsStore, logger.child({ area: 'analytics' }));
  // Several instances on Redis tell each other through pub/sub: the agents' live events, and the
  // local Direct Line's activities and streams.
  const pubsub =
    config.storage.kind === 'redis'
      ? await RedisPubSub.open({ url: config.storage.url, commandTimeoutMs: config.storage.commandTimeoutMs }, logger).catch(async (error: unknown) => {
          await analyticsStore.close();
          await storage.close();
          throw error;
        })
      : undefined;
  const keyPrefix = config.storage.kind === 'redis' ? (config.storage.keyPrefix ?? '') : '';
  let events: DeskEventBus = new LocalDeskEventBus();
  if (pubsub) {
    const bus = new RedisDeskEventBus(pubsub, keyPrefix, logger);
    await bus.listen().catch(async (error: unknown) => {
      await pubsub.close();
      await analyticsStore.close();
      await storage.close();
      throw error;
    });
    events = bus;
  }
  const learning = new ActiveLearning(storage.storage);
  // With several instances, a publish on one is taken up by every other at once instead of at its next poll.
  const publishedChannel = `${keyPrefix}published`;
  const announcePublished = pubsub
    ? () => void pubsub.publish(publishedChannel, 'published').catch((err: unknown) => logger.warn({ err }, 'could not tell the other instances about a publish; they take it up at their next poll'))
    : undefined;
  // What runs is the published version of each kind; the files above are its seed (published when nothing is).
  const admin = await openAdminContent({ storage: storage.storage, seeds: seedPaths(config), faq, routing, roster, offers: offerCatalogue, logger, ...(options.contentPollMs ? { pollMs: options.contentPollMs } : {}) });
  routingInForce = admin.routing;
  // Topics start when a question fits their trigger queries better than any answer (one calibrated score).
  const flows = await openFlowContent({ storage: storage.storage, flowsDir: config.flowsDir, routing: admin.routing, logger, ...(options.contentPollMs ? { pollMs: options.contentPollMs } : {}), onChange: (set) => faq.publishTopics(topicTriggerEntries(set)) });
  let boundPort = config.port;
  const internalBaseUrl = (): string => `http://127.0.0.1:${boundPort}`;
  const flowBackends = new FlowBackends(
    [
      ...config.flowBackends,
      // The sample order service this server runs itself, unless an operator named another "orders".
      ...(config.sampleOrders.enabled && !config.flowBackends.some((b) => b.name === 'orders') ? [{ name: 'orders', baseUrl: () => `${internalBaseUrl()}/sample` }] : []),
    ],
    logger,
  );
  // Transcripts, then every other kind of record (RECORD_RETENTION_DAYS), at start and hourly.
  // With several instances, the one holding the lease sweeps (it lasts two intervals, renewed at each sweep).
  const sweeper = new RetentionSweeper(storage.transcripts, config.storage.retentionDays, logger, {
    tasks: [new RecordRetention(storage.storage, config.recordRetentionDays), new AnalyticsRetention(analyticsStore, config.recordRetentionDays.analytics)],
    lease: storage.coordination.lease('retention-sweep', 2 * 60 * 60 * 1000),
  });

  const adapter = createBotAdapter(config.bot);
  let directLine: LocalDirectLine | undefined;
  const continuation = cloudContinuation(adapter, config.bot.appId);
  // A customer's local Direct Line address names the instance that served them last; any instance's connector will do.
  const messenger = new ProactiveMessenger((reference, logic) => continuation(directLine ? directLine.localReference(reference) : reference, logic), logger);
  const { bot, desk, workspace, resolutions, offerStore, offers, replayGuard } = createWarmlineBot({
    events,
    agentGraceSeconds: config.handoff.agentGraceSeconds,
    turnLock: storage.coordination.turns,
    storage: storage.storage,
    transcripts: storage.transcripts,
    faq,
    learning,
    routing: admin.routing,
    roster: admin.roster,
    profiles,
    sink: messenger,
    hub: config.handoff.hub,
    maxMessageChars: config.maxMessageChars,
    logger,
    now: options.now,
    afterResolved: options.afterResolved,
    offers: offerCatalogue.current,
    flows: () => flows.current(),
    flowVersion: (version) => flows.version(version),
    flowBackends,
    analytics: recorder,
    ...(config.offers.webhookUrl ? { acceptances: new OfferWebhook({ url: config.offers.webhookUrl }) } : {}),
  });
  installTurnErrorHandler(adapter, bot, logger);
  // A replayed activity is skipped before it is recorded or answered again.
  adapter.use(replayGuard);
  adapter.use(new TranscriptMiddleware(storage.transcripts, logger, options.now));
  const anonymous = isAnonymous(config.bot);
  const agentSessions = new AgentSessions(storage.storage, { ...(options.now ? { now: options.now } : {}) });
  const origins = new TurnOrigins({
    roster: admin.roster,
    sessions: agentSessions,
    anonymous,
    // Roster user ids are taken at their word only on a developer's machine (loopback, no app id, not production).
    trustRosterUserIds: anonymous && config.env !== 'production',
    hub: { external: config.handoff.hub === 'external', appIds: config.handoff.hubAppIds, channels: config.handoff.hubChannels },
  });

  const http = createHttpServer({ maxBodyBytes: config.maxBodyBytes, logger });
  let stopping = false;

  registerMessagesRoute(http.server, adapter, bot, logger, { anonymous, origins, localDirectLine: () => directLine });
  registerHealthRoutes(http.server, { pingStorage: () => storage.ping(), isStopping: () => stopping }, logger);
  registerSampleOrders(http.server, config.sampleOrders, logger);
  // Warmline Studio accounts and sessions live in the bot's store, so every instance signs people in.
  const now = options.now ?? (() => new Date());
  const access = registerStudioAccess(http.server, storage.storage, config, now, logger, admin.roster);
  const { guard } = access;
  // The JSON APIs take accounts (session or API token); the shared codes still work, deprecated.
  registerHandoffApi(http.server, desk.deps.handoffs, { guard, code: config.handoff.agentAccessCode }, logger);
  registerOffersApi(http.server, { store: offerStore, catalogue: offerCatalogue.current, analytics: recorder, ...(options.now ? { now: options.now } : {}) }, { guard, code: config.adminAccessCode }, logger);
  registerWorkspaceRoutes(http.server, { guard, roster: admin.roster, workspace, quickReplies: (caller) => quickRepliesFor(admin.roster().quickReplies, caller.agent), logger });
  const agentStreams = registerEventStream(http.server, { guard, roster: admin.roster, workspace, events, graceSeconds: config.handoff.agentGraceSeconds, logger });
  registerStudioContent(http.server, {
    access,
    storage: storage.storage,
    transcripts: storage.transcripts,
    admin,
    flows,
    faq,
    learning,
    profiles,
    flowBackends,
    analytics: { store: analyticsStore, recorder },
    handoff: (id) => desk.deps.handoffs.get(id),
    maxMessageChars: config.maxMessageChars,
    now,
    logger,
    ...(announcePublished ? { announcePublished } : {}),
  });

  const follow = new CustomerFollow(desk);
  let tokens: DirectLineTokenSource | undefined;
  if (config.directLine.enabled) {
    directLine = new LocalDirectLine({
      secret: config.directLine.secret,
      tokenTtlSeconds: config.directLine.tokenTtlSeconds,
      internalBaseUrl,
      publicBaseUrl: () => (config.port === 0 ? internalBaseUrl() : config.publicUrl),
      storage: storage.storage,
      logger,
      maxMessageChars: config.maxMessageChars,
      now: options.now,
      // A customer's page closed past the grace period (not a reload): their agent sees them leave, and come back.
      presence: {
        graceMs: config.directLine.customerGraceSeconds * 1000,
        listener: async (conversationId, present) => {
          await messenger.deliver(await follow.presence(conversationId, present, 'page-closed'));
        },
      },
      ...(pubsub ? { fanout: new PubSubActivityFanout(pubsub, keyPrefix, logger) } : {}),
    });
    await directLine.listenToOtherInstances();
    directLine.register(http.server);
    const local = directLine;
    tokens = {
      get domain() {
        return `${config.port === 0 ? internalBaseUrl() : config.publicUrl}/v3/directline`;
      },
      generateToken: (user) => local.generateToken(user),
      resumeToken: (conversationId, userId) => local.resumeToken(conversationId, userId),
    };
  } else if (config.directLine.remoteEndpoint) {
    tokens = new RemoteDirectLineTokens(config.directLine.remoteEndpoint, config.directLine.secret);
  }
  registerWebChatPage(http.server, {
    webRoot: path.join(config.appRoot, 'web'),
    tokens,
    logger,
    agents: {
      agentIdOf: (userId) => admin.roster().agents.find((a) => a.userIds.includes(userId))?.id,
      accountAgentOf: async (req) => {
        const checked = await guard.check(req, agentRoles);
        return 'session' in checked ? rosterAgentOf(checked.session, admin.roster())?.id : undefined;
      },
      accessCode: config.handoff.agentAccessCode,
      openToAgents: config.directLine.enabled && config.env !== 'production',
      sessions: agentSessions,
    },
    resumeSecret: config.directLine.secret,
    handoffOf: async (conversationId) => {
      const open = await desk.openFor(conversationId);
      if (!open || open.state === 'bot') return undefined;
      return open.state === 'assigned' ? 'assigned' : 'waiting';
    },
  });

  if (pubsub) {
    await pubsub.subscribe(publishedChannel, () => {
      void admin.check();
      void flows.check();
    });
  }
  registerStudioPage(http.server, { root: config.studioDir, logger });
  registerAgentPage(http.server, { root: config.agentDir, logger });

  await new Promise<void>((resolve, reject) => {
    http.server.server.once('error', reject);
    http.server.listen(config.port, config.host, () => {
      http.server.server.off('error', reject);
      resolve();
    });
  });
  boundPort = (http.server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${boundPort}`;

  logger.info(
    {
      url,
      page: config.directLine.enabled || config.directLine.remoteEndpoint ? `${config.port === 0 ? url : config.publicUrl}/` : undefined,
      mode: isAnonymous(config.bot) ? 'local anonymous (no Bot Framework authentication)' : 'Bot Framework authentication on',
      storage: storage.kind,
      knowledge: faq.versions(),
      directLine: config.directLine.enabled ? 'local' : config.directLine.remoteEndpoint ? 'remote' : 'off',
      startupMs: Number(process.hrtime.bigint() - started) / 1e6,
    },
    'Warmline is listening',
  );
  if (isAnonymous(config.bot)) logger.warn('No MicrosoftAppId: running in local anonymous mode; do not expose this port publicly');
  if (config.directLine.enabled && config.directLine.secretGenerated) {
    if (config.storage.kind === 'redis') {
      // Tokens are signed with the secret: another instance would refuse this one's.
      logger.warn('DIRECTLINE_SECRET is not set while instances share Redis: a Web Chat page works only with the instance that gave it its token; give every instance the same DIRECTLINE_SECRET');
    } else {
      logger.info('DIRECTLINE_SECRET is not set: generated one for this run (local Web Chat tokens end with the process)');
    }
  }

  // Waits past a queue's limit, and queue positions that changed, are checked on a timer by one
  // instance at a time (the lease outlives three intervals, so a holder that died is replaced soon).
  const sweepMs = config.handoff.sweepSeconds * 1000;
  const handoffSweep = new LeasedInterval(
    'handoff-sweep',
    storage.coordination.lease('handoff-sweep', Math.max(3 * sweepMs, 1000)),
    sweepMs,
    async (fence) => {
      if (stopping) return;
      const effects = await desk.sweep();
      logger.debug({ fence, effects: effects.length }, 'handoff sweep');
      await messenger.deliver(effects);
    },
    logger,
  );
  handoffSweep.start();

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      logger.info('stopping: no new requests, finishing turns in flight');
      // New requests get 503 and Connection: close, even on open keep-alive connections; the bot's
      // own replies to the local Direct Line are still served, for the turns in flight.
      http.refuseNewRequests((req) => (req.url ?? '').startsWith(`${connectorBasePath}/`) && isLoopbackAddress(req.socket?.remoteAddress));
      await directLine?.close();
      // Agents' live streams never finish on their own: end them so their pages reconnect elsewhere.
      agentStreams.closeAll();
      const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
      http.server.server.closeIdleConnections();
      const drained = await http.drain(config.shutdownTimeoutMs);
      if (!drained) logger.warn({ inFlight: http.inFlight() }, 'shutdown timeout: some requests were still running');
      http.server.server.closeAllConnections();
      await closed;
      await handoffSweep.stop();
      sweeper.stop();
      knowledge.stop();
      await flows.stop();
      await admin.stop();
      // Accepted offers still being passed to OFFER_WEBHOOK_URL (each gives up after its timeouts).
      await offers?.drain();
      await recorder.flush();
      await events.close();
      await pubsub?.close();
      await analyticsStore.close();
      await storage.close();
      logger.info('stopped');
    })();
    return stopped;
  };

  return { config, url, adapter, storage, http, logger, faq, knowledge, learning, desk, workspace, resolutions, offerCatalogue, offerStore, flows, content: admin, analytics: { store: analyticsStore, recorder }, stop };
}
