/**
 * The admin content besides flows that this instance runs: knowledge, routing, the agent roster,
 * offers and the message catalogue. Each kind's seed in content/ is published as its first version
 * when nothing is published yet; the published version is what runs; and a publish or rollback on
 * any instance is taken up within a poll interval (2 s by default), without a restart. A version that
 * does not load leaves the running one in place and is logged.
 */
import type { Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { AgentRoster, RoutingConfig } from '../handoff/routing';
import { rosterOfBundle, routingOfBundle } from '../handoff/routingBundle';
import type { FaqService } from '../knowledge/faqService';
import { loadKnowledgeBundle } from '../knowledge/knowledgeBundle';
import { useMessageCatalogue } from '../messages/currentMessages';
import { messagesOfBundle } from '../messages/messageBundle';
import { offersOfBundle } from '../offers/offerBundle';
import type { OfferCatalogue } from '../offers/offerCatalogue';
import { adminContentProblems, adminKinds, readAdminSeed } from '../publishing/adminKinds';
import type { AdminKind, ContentInForce, SeedPaths } from '../publishing/adminKinds';
import { bundleId, normaliseBundle } from '../publishing/contentBundle';
import type { ContentFile } from '../publishing/contentBundle';
import { ContentVersions } from '../publishing/contentVersions';
import type { PublishedContent } from '../publishing/contentVersions';
import { PublishedWatcher } from '../publishing/publishedWatcher';
import type { PublishedListener } from '../publishing/publishedWatcher';

/** The admin content in force, and the ways to follow publishes. */
export interface AdminContent {
  /** The routing in force; read it on every use (a published one applies from the next turn). */
  readonly routing: () => RoutingConfig;
  /** The agent roster in force; read it on every use. */
  readonly roster: () => AgentRoster;
  /** The version of a kind this instance runs; undefined while it runs its seed unpublished. */
  version(kind: AdminKind): string | undefined;
  /** Checks for newly published versions now (SIGHUP). */
  check(): Promise<void>;
  /**
   * Publishes the knowledge folder and the offer file when they were edited since this instance last
   * read them (what SIGHUP did before versions: apply the edited files; now every instance takes them
   * up), then checks for new versions. An unchanged file never overwrites what an admin published.
   */
  publishEditedSeeds(): Promise<void>;
  stop(): Promise<void>;
}

/** What {@link openAdminContent} runs on: the parts the seeds were loaded into at start-up. */
export interface AdminContentOptions {
  readonly storage: Storage;
  readonly seeds: SeedPaths;
  /** The FAQ engine, opened on the knowledge seed; a published knowledge version is swapped into it (flow topics kept). */
  readonly faq: FaqService;
  /** The routing and roster read from the seeds, in force until a published version is taken up. */
  readonly routing: RoutingConfig;
  readonly roster: AgentRoster;
  /** The holder of the offer catalogue the bot reads (seeded from the offers file). */
  readonly offers: { use(catalogue: OfferCatalogue): void };
  readonly logger: Logger;
  /** Time between polls of the published pointers (default 2000 ms). */
  readonly pollMs?: number;
}

/** Seeds the store where nothing is published, runs the published versions, and follows publishes. */
export async function openAdminContent(options: AdminContentOptions): Promise<AdminContent> {
  const log = options.logger.child({ area: 'content' });
  const versions = new ContentVersions(options.storage);
  let routing = options.routing;
  let roster = options.roster;
  const inForce = (): ContentInForce => ({ routing, roster, topics: options.faq.topics() });
  const running = new Map<AdminKind, string>();
  const seedIds = new Map<AdminKind, string>();
  const failed = new Map<AdminKind, string>();

  const takeUp: Record<AdminKind, (files: readonly ContentFile[], version: string) => void> = {
    knowledge(files) {
      const { bases, thresholds } = loadKnowledgeBundle(files);
      // Topic trigger entries stay: the service keeps those flows published and adds them to every base.
      options.faq.publish(bases);
      options.faq.setThresholds(thresholds);
    },
    routing(files) {
      routing = routingOfBundle(files);
    },
    agents(files) {
      roster = rosterOfBundle(files, routing.queues.map((q) => q.id));
    },
    offers(files) {
      options.offers.use(offersOfBundle(files, { knownTopics: options.faq.topics(), knownTiers: routing.tiers.map((t) => t.id) }));
    },
    messages(files, version) {
      useMessageCatalogue(messagesOfBundle(files, `of version ${version}`));
    },
  };

  /** Runs a published version; a failure is logged once per version and thrown, so the watcher tries again. */
  const run = (kind: AdminKind, content: PublishedContent): void => {
    try {
      takeUp[kind](content.files, content.version);
    } catch (err) {
      if (failed.get(kind) !== content.version) log.error({ err, kind, version: content.version }, 'the published version does not load; the running one stays in force');
      failed.set(kind, content.version);
      throw err;
    }
    failed.delete(kind);
    running.set(kind, content.version);
    log.info({ kind, version: content.version, publishedBy: content.publishedBy }, 'published content in force');
  };

  const seed = async (kind: AdminKind, by: string, onlyIfNothingPublished: boolean): Promise<void> => {
    let files: ContentFile[];
    try {
      files = readAdminSeed(kind, options.seeds[kind]);
      const id = bundleId(normaliseBundle(kind, files));
      if (!onlyIfNothingPublished && seedIds.get(kind) === id) return;
      seedIds.set(kind, id);
    } catch (err) {
      log.warn({ err, kind, seed: options.seeds[kind] }, 'the seed in content/ cannot be read; it was not published');
      return;
    }
    const result = await versions.publish(kind, files, by, (fs) => adminContentProblems(kind, fs, inForce()), { onlyIfNothingPublished });
    if (result.status === 'rejected') log.error({ kind, problems: result.problems }, `the ${kind} seed has problems and was not published; run npm run content -- validate ${kind}`);
  };

  // Kind by kind, in the order they depend on each other, so each is checked against the content in force.
  for (const kind of adminKinds) {
    await seed(kind, 'content/ seed', true);
    const published = await versions.published(kind);
    if (!published) continue;
    // The seed loaded at start-up is this version already: nothing to load again (knowledge takes a while to build).
    if (published.version === seedIds.get(kind)) running.set(kind, published.version);
    else {
      try {
        run(kind, published);
      } catch {
        // Logged by run(); the seed stays in force until a version that loads is published.
      }
    }
  }

  const listeners: Partial<Record<AdminKind, PublishedListener>> = {};
  for (const kind of adminKinds) listeners[kind] = (content) => run(kind, content);
  const known = Object.fromEntries(running);
  const watcher = new PublishedWatcher(versions, listeners, { logger: options.logger, known, ...(options.pollMs ? { intervalMs: options.pollMs } : {}) });
  watcher.start();
  log.info({ versions: known }, 'admin content loaded');

  return {
    routing: () => routing,
    roster: () => roster,
    version: (kind) => running.get(kind),
    check: () => watcher.check(),
    async publishEditedSeeds() {
      for (const kind of ['knowledge', 'offers'] as const) {
        try {
          await seed(kind, 'SIGHUP (edited files in content/)', false);
        } catch (err) {
          log.error({ err, kind }, 'the edited seed could not be published; the running version stays in force');
        }
      }
      await watcher.check();
    },
    stop: () => watcher.stop(),
  };
}
