/**
 * Warmline's public API, and the program that runs the reference bot (`npm start`).
 * This is the one place that constructs infrastructure and wires the parts together.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ConversationState, UserState } from 'botbuilder';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import { ConfigError, loadConfig } from './config';
import type { WarmlineConfig } from './config';
import { createLogger } from './logger';
import { createHttpServer } from './adapters/httpServer';
import type { HttpServer } from './adapters/httpServer';
import { createBotAdapter, installTurnErrorHandler, isAnonymous } from './adapters/botAdapter';
import { registerMessagesRoute } from './adapters/messagesRoute';
import { registerHealthRoutes } from './adapters/healthRoutes';
import { registerWebChatPage } from './adapters/webChatPage';
import { RemoteDirectLineTokens } from './adapters/directLineTokenSource';
import type { DirectLineTokenSource } from './adapters/directLineTokenSource';
import { TranscriptMiddleware } from './adapters/transcriptMiddleware';
import { LocalDirectLine } from './adapters/directLine/localDirectLine';
import { openStorageBackend } from './storage/storageBackend';
import type { StorageBackend } from './storage/storageBackend';
import { RetentionSweeper } from './storage/retentionSweeper';
import { WarmlineBot } from './bots/warmlineBot';
import { MainDialog } from './dialogs/mainDialog';
import { FaqDialog } from './dialogs/faqDialog';
import { recommendedThresholds } from './knowledge/faqMatcher';
import type { FaqService } from './knowledge/faqService';
import { openFaqService } from './knowledge/openFaqService';
import { ActiveLearning } from './knowledge/activeLearning';
import { KnowledgeReloader } from './knowledge/knowledgeReloader';

export { loadConfig, ConfigError } from './config';
export type { WarmlineConfig, StorageSettings, BotIdentity, DirectLineSettings, KnowledgeSettings } from './config';
export { createLogger } from './logger';
export { WarmlineBot, joinEventName } from './bots/warmlineBot';
export type { WarmlineBotDeps } from './bots/warmlineBot';
export type { ConversationData, UserProfile } from './bots/turnState';
export { MainDialog, mainDialogId } from './dialogs/mainDialog';
export { FaqDialog, faqDialogId } from './dialogs/faqDialog';
export type { FaqOutcome } from './dialogs/faqDialog';
export { FaqMatcher, recommendedThresholds } from './knowledge/faqMatcher';
export { FaqService } from './knowledge/faqService';
export { openFaqService } from './knowledge/openFaqService';
export { ActiveLearning } from './knowledge/activeLearning';
export { loadKnowledge, buildKnowledgeBase } from './knowledge/knowledgeLoader';
export { decideAnswer } from './knowledge/answerPolicy';
export type { KnowledgeBase, KnowledgeEntry, KnowledgeLocale } from './knowledge/knowledgeBase';
export type { Matcher, MatchCandidate, MatchQuery } from './knowledge/matcher';
export { createBotAdapter, installTurnErrorHandler } from './adapters/botAdapter';
export { TranscriptMiddleware } from './adapters/transcriptMiddleware';
export { LocalDirectLine } from './adapters/directLine/localDirectLine';
export { openStorageBackend } from './storage/storageBackend';
export type { StorageBackend } from './storage/storageBackend';
export type { TranscriptArchive } from './storage/transcriptArchive';
export { SqliteStorage } from './storage/sqliteStorage';
export { RedisStorage } from './storage/redisStorage';
export { MemoryStorage } from './storage/memoryStorage';
export { supportedLocales, chooseLocale, toSupportedLocale } from './locale/locale';
export type { SupportedLocale } from './locale/locale';

/** A running Warmline server. */
export interface WarmlineApp {
  readonly config: WarmlineConfig;
  /** Base URL the server listens on, e.g. `http://127.0.0.1:3978`. */
  readonly url: string;
  readonly adapter: CloudAdapter;
  readonly storage: StorageBackend;
  readonly http: HttpServer;
  readonly logger: Logger;
  /** The FAQ engine, and the way to publish edited knowledge without a restart. */
  readonly faq: FaqService;
  readonly knowledge: KnowledgeReloader;
  readonly learning: ActiveLearning;
  /** Stops accepting requests, finishes turns in flight, closes storage. Safe to call twice. */
  stop(): Promise<void>;
}

/** Optional pieces a host (or a test) can supply instead of the defaults. */
export interface StartOptions {
  readonly logger?: Logger;
  /** Clock for the bot and transcripts. */
  readonly now?: () => Date;
}

/** Builds and starts the whole service from a validated configuration. */
export async function startWarmline(config: WarmlineConfig, options: StartOptions = {}): Promise<WarmlineApp> {
  const started = process.hrtime.bigint();
  const logger = options.logger ?? createLogger(config);
  // Knowledge first: a broken knowledge base should stop start-up before anything is opened.
  const faq = openFaqService(config.knowledge.dir);
  const knowledge = new KnowledgeReloader(config.knowledge.dir, faq, recommendedThresholds, logger);
  if (config.knowledge.watch) knowledge.watch();
  const storage = await openStorageBackend(config.storage, logger);
  const learning = new ActiveLearning(storage.storage);
  const sweeper = new RetentionSweeper(storage.transcripts, config.storage.retentionDays, logger);

  const conversationState = new ConversationState(storage.storage);
  const userState = new UserState(storage.storage);
  const bot = new WarmlineBot({
    conversationState,
    userState,
    mainDialog: new MainDialog(new FaqDialog(faq, learning)),
    logger,
    maxMessageChars: config.maxMessageChars,
    now: options.now,
  });
  const adapter = createBotAdapter(config.bot);
  installTurnErrorHandler(adapter, bot, logger);
  adapter.use(new TranscriptMiddleware(storage.transcripts, logger, options.now));

  const http = createHttpServer({ maxBodyBytes: config.maxBodyBytes, logger });
  let stopping = false;
  let boundPort = config.port;
  const internalBaseUrl = (): string => `http://127.0.0.1:${boundPort}`;

  registerMessagesRoute(http.server, adapter, bot, logger);
  registerHealthRoutes(http.server, { pingStorage: () => storage.ping(), isStopping: () => stopping }, logger);

  let directLine: LocalDirectLine | undefined;
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
    });
    directLine.register(http.server);
    const local = directLine;
    tokens = {
      get domain() {
        return `${config.port === 0 ? internalBaseUrl() : config.publicUrl}/v3/directline`;
      },
      generateToken: (user) => local.generateToken(user),
    };
  } else if (config.directLine.remoteEndpoint) {
    tokens = new RemoteDirectLineTokens(config.directLine.remoteEndpoint, config.directLine.secret);
  }
  registerWebChatPage(http.server, { webRoot: path.join(config.appRoot, 'web'), tokens, logger });

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
    logger.info('DIRECTLINE_SECRET is not set: generated one for this run (local Web Chat tokens end with the process)');
  }

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      logger.info('stopping: no new requests, finishing turns in flight');
      // Direct Line first: its turns in flight still need the connector routes for their replies.
      await directLine?.close();
      const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
      http.server.server.closeIdleConnections();
      const drained = await http.drain(config.shutdownTimeoutMs);
      if (!drained) logger.warn({ inFlight: http.inFlight() }, 'shutdown timeout: some requests were still running');
      http.server.server.closeAllConnections();
      await closed;
      sweeper.stop();
      knowledge.stop();
      await storage.close();
      logger.info('stopped');
    })();
    return stopped;
  };

  return { config, url, adapter, storage, http, logger, faq, knowledge, learning, stop };
}

/** Runs Warmline as a program: reads `.env` if present, validates settings, starts, stops on signals. */
export async function main(): Promise<void> {
  const envFile = path.resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  let config: WarmlineConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  let app: WarmlineApp;
  try {
    app = await startWarmline(config, { logger });
  } catch (err) {
    logger.fatal({ err }, 'Warmline could not start');
    process.exit(1);
  }
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'signal received');
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: publishing the knowledge folder again');
    app.knowledge.reload();
  });
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  void main();
}
