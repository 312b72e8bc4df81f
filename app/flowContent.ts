/**
 * The dialog flows this instance runs: the published version from the store, seeded from the flows
 * folder the first time (files in content/ are the seed and the export), and taken up again within
 * a poll interval whenever an admin publishes or rolls back (`npm run flows -- publish|rollback`)
 * on any instance. A version that fails to load leaves the running one in place.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { FlowSet } from '../flows/flowDefinition';
import { flowSetProblems, isTopicFile, parseFlowSet } from '../flows/topicLoader';
import type { FlowValidationOptions } from '../flows/flowValidator';
import { inForce } from '../handoff/liveConfig';
import type { Live } from '../handoff/liveConfig';
import type { RoutingConfig } from '../handoff/routing';
import { ContentVersions } from '../publishing/contentVersions';
import { isFlowFile, readContentFolder } from '../publishing/contentFolder';
import { PublishedWatcher } from '../publishing/publishedWatcher';

/** The running flows and the way to stop following publishes. */
export interface FlowContent {
  /** The flow set in force, or undefined when none is published and the folder has no topics. */
  current(): FlowSet | undefined;
  /** A version by its id (one published earlier), so a topic begun before a restart finishes on it. */
  version(id: string): Promise<FlowSet | undefined>;
  /** Checks for a new published version now (SIGHUP). */
  check(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link openFlowContent}. */
export interface FlowContentOptions {
  readonly storage: Storage;
  /** The seed folder (`FLOWS_DIR`). */
  readonly flowsDir: string;
  /** The routing in force (its escalation phrases are checked against the topics): a value, or a function returning the one in force. */
  readonly routing: Live<RoutingConfig>;
  readonly logger: Logger;
  /** Time between polls of the published pointer (default 2000 ms). */
  readonly pollMs?: number;
  /** Told about the flow set in force, at start and after every version taken up (e.g. to match topic triggers). */
  readonly onChange?: (flows: FlowSet) => void;
}

/**
 * Validation that knows the admin's own phrases for asking for a person and cancelling, and wants a
 * topic for every system trigger: the bot's own behaviour runs through them.
 */
export function flowValidation(routing: RoutingConfig): FlowValidationOptions {
  return {
    requireSystemTriggers: true,
    agentPhrases: [...routing.escalation.agentPhrases['en-US'], ...routing.escalation.agentPhrases['zh-CN']],
    cancelPhrases: [...routing.escalation.cancelPhrases['en-US'], ...routing.escalation.cancelPhrases['zh-CN']],
  };
}

/** Opens the flows: seeds the store if nothing is published yet, loads the published version, follows publishes. */
export async function openFlowContent(options: FlowContentOptions): Promise<FlowContent> {
  const log = options.logger.child({ area: 'flows' });
  // Read at each load, so a version published after a routing change is checked against the new phrases.
  const validation = (): FlowValidationOptions => flowValidation(inForce(options.routing));
  const versions = new ContentVersions(options.storage);
  if (hasTopics(options.flowsDir)) {
    // The folder seeds an empty store only: what an admin published is never overwritten by a deploy.
    const seeded = await versions.publish('flows', readContentFolder(options.flowsDir, isFlowFile), 'content/ seed', (files) => flowSetProblems(files, validation()), { onlyIfNothingPublished: true });
    if (seeded.status === 'rejected') log.error({ problems: seeded.problems.map((p) => `${p.file ?? ''} ${p.message}`) }, 'the flows folder has problems and was not published; run npm run flows -- validate');
  }
  let current: FlowSet | undefined;
  const published = await versions.published('flows');
  if (published) {
    try {
      const loaded = parseFlowSet(published.files, { ...validation(), version: published.version });
      options.onChange?.(loaded);
      current = loaded;
    } catch (err) {
      // Published under other settings (e.g. new escalation phrases): run without flows rather than not at all.
      log.error({ err, version: published.version }, 'the published flows do not load; running without them until a good version is published');
    }
  }
  const watcher = new PublishedWatcher(
    versions,
    {
      flows: (content) => {
        const next = parseFlowSet(content.files, { ...validation(), version: content.version });
        options.onChange?.(next);
        current = next;
        log.info({ version: content.version, topics: next.topics.length }, 'flows version taken up');
      },
    },
    { logger: options.logger, ...(options.pollMs ? { intervalMs: options.pollMs } : {}), ...(published ? { known: { flows: published.version } } : {}) },
  );
  watcher.start();
  log.info({ version: current?.version, topics: current?.topics.length ?? 0 }, current ? 'flows loaded' : 'no flows published');
  return {
    current: () => current,
    version: async (id) => {
      try {
        const stored = await versions.get('flows', id);
        return stored ? parseFlowSet(stored.files, { ...validation(), version: id }) : undefined;
      } catch (err) {
        log.warn({ err, version: id }, 'an earlier flows version does not load; topics begun on it end');
        return undefined;
      }
    },
    check: () => watcher.check(),
    stop: () => watcher.stop(),
  };
}

function hasTopics(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((name) => isTopicFile(name));
}
