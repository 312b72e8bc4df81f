/**
 * Reloads an edited knowledge folder into this instance's FAQ engine, without a restart: on request
 * or when the files change (`KNOWLEDGE_WATCH`, on in development). A base that fails to load or build
 * leaves the previous version answering, and the problem is reported with file and line. It does not
 * publish: SIGHUP and `npm run content` publish a version that every instance takes up
 * (app/adminContent.ts, docs/PUBLISHING.md), and that version replaces what was reloaded here.
 */
import { EventEmitter } from 'node:events';
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import type { FaqService } from './faqService';
import type { KnowledgeLocale } from './knowledgeBase';
import { loadKnowledge } from './knowledgeLoader';
import { loadKnowledgeSettings } from './knowledgeSettings';

/** The result of one reload. */
export type ReloadResult =
  | { readonly ok: true; readonly versions: Partial<Record<KnowledgeLocale, string>> }
  | { readonly ok: false; readonly error: string };

/** Reloads a knowledge folder into a {@link FaqService}. */
export class KnowledgeReloader {
  /** Emits `reloaded` with the {@link ReloadResult} after every reload. */
  readonly events = new EventEmitter();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly log: Logger;

  constructor(
    private readonly dir: string,
    private readonly faq: FaqService,
    logger: Logger,
  ) {
    this.log = logger.child({ area: 'knowledge' });
  }

  /** Loads the folder again and publishes it; never throws. */
  reload(): ReloadResult {
    const started = Date.now();
    try {
      const bases = loadKnowledge(this.dir);
      const thresholds = loadKnowledgeSettings(this.dir);
      this.faq.publish(bases.values());
      this.faq.setThresholds(thresholds);
      const versions = this.faq.versions();
      this.log.info({ versions, ms: Date.now() - started }, 'knowledge published');
      return this.reported({ ok: true, versions });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.log.error({ err }, 'knowledge not published; the previous version keeps answering');
      return this.reported({ ok: false, error });
    }
  }

  private reported(result: ReloadResult): ReloadResult {
    this.events.emit('reloaded', result);
    return result;
  }

  /** Reloads shortly after files in the folder change (editors write in bursts). */
  watch(debounceMs = 300): void {
    if (this.watcher) return;
    this.watcher = watch(this.dir, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), debounceMs);
      this.timer.unref();
    });
    this.watcher.on('error', (err) => this.log.warn({ err }, 'stopped watching the knowledge folder'));
    this.watcher.unref();
  }

  /** Stops watching. */
  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
