/**
 * Lets a running instance take up newly published content without a restart: it reads the published
 * pointers every couple of seconds (one small read for every kind it watches) and hands a new
 * version's files to that kind's listener. A listener that fails or a store that does not answer is
 * logged and tried again at the next poll; the version counts as taken up only once its listener
 * has succeeded.
 */
import type { Logger } from '../logger';
import { isContentKind } from './contentBundle';
import type { ContentKind } from './contentBundle';
import type { ContentVersion, PublishedPointer } from './contentRecords';
import type { PublishedContent } from './contentVersions';

/** Where the watcher reads from; {@link ContentVersions} is one. */
export interface PublishedSource {
  pointers(kinds: readonly ContentKind[]): Promise<Map<ContentKind, PublishedPointer>>;
  get(kind: ContentKind, version: string): Promise<ContentVersion | undefined>;
}

/** Takes up a newly published version (swap the flows, reload the catalogue, ...). */
export type PublishedListener = (content: PublishedContent) => void | Promise<void>;

/** Schedules one call after `ms`; tests pass their own to control time. */
export interface WatcherTimer {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Options for {@link PublishedWatcher}. */
export interface PublishedWatcherOptions {
  readonly logger: Logger;
  /** Time between the end of one poll and the start of the next (default 2000 ms, so a publish is seen within ~2 s). */
  readonly intervalMs?: number;
  /** Versions this instance already runs (loaded at start-up); a kind not named here gets its published version at the first poll. */
  readonly known?: Partial<Record<ContentKind, string>>;
  readonly timer?: WatcherTimer;
}

/** Default time between polls. */
export const defaultPollIntervalMs = 2000;

const nodeTimer: WatcherTimer = {
  set(run, ms) {
    const handle = setTimeout(run, ms);
    // Polling alone never keeps the process alive.
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Polls the published pointers of some kinds and calls their listeners with each new version. */
export class PublishedWatcher {
  private readonly kinds: ContentKind[];
  private readonly current = new Map<ContentKind, string>();
  private readonly failing = new Map<string, string>();
  private readonly log: Logger;
  private readonly intervalMs: number;
  private readonly timer: WatcherTimer;
  private queue: Promise<void> = Promise.resolve();
  private handle: unknown;
  private running = false;

  constructor(
    private readonly source: PublishedSource,
    private readonly listeners: Partial<Record<ContentKind, PublishedListener>>,
    options: PublishedWatcherOptions,
  ) {
    if (!source || typeof source.pointers !== 'function' || typeof source.get !== 'function') throw new TypeError('PublishedWatcher needs a source with pointers and get');
    this.kinds = Object.keys(listeners ?? {}).filter((k): k is ContentKind => isContentKind(k));
    const bad = Object.keys(listeners ?? {}).filter((k) => !isContentKind(k) || typeof listeners[k as ContentKind] !== 'function');
    if (bad.length > 0 || this.kinds.length === 0) throw new TypeError(`PublishedWatcher needs a listener function per content kind${bad.length > 0 ? `; not valid: ${bad.join(', ')}` : ''}`);
    if (!options?.logger) throw new TypeError('PublishedWatcher needs a logger');
    this.intervalMs = options.intervalMs ?? defaultPollIntervalMs;
    if (!Number.isFinite(this.intervalMs) || this.intervalMs < 10) throw new TypeError('PublishedWatcher: intervalMs must be at least 10');
    this.log = options.logger.child({ area: 'publishing' });
    this.timer = options.timer ?? nodeTimer;
    for (const [kind, version] of Object.entries(options.known ?? {})) if (isContentKind(kind) && version) this.current.set(kind, version);
  }

  /** Starts polling: a first poll at once, then one every interval. Calling it again does nothing. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and waits for a poll under way to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.handle !== undefined) this.timer.clear(this.handle);
    this.handle = undefined;
    await this.queue;
  }

  /** Polls now (e.g. on SIGHUP), after any poll under way; never rejects. */
  check(): Promise<void> {
    this.queue = this.queue.then(() => this.poll()).catch((error: unknown) => this.log.error({ err: error }, 'polling published content failed'));
    return this.queue;
  }

  /** The version of `kind` this instance has taken up, if any. */
  version(kind: ContentKind): string | undefined {
    return this.current.get(kind);
  }

  private schedule(ms: number): void {
    this.handle = this.timer.set(() => {
      this.handle = undefined;
      void this.check().then(() => {
        if (this.running) this.schedule(this.intervalMs);
      });
    }, ms);
  }

  private async poll(): Promise<void> {
    let pointers: Map<ContentKind, PublishedPointer>;
    try {
      pointers = await this.source.pointers(this.kinds);
    } catch (error) {
      this.failed('read', { kinds: this.kinds }, error);
      return;
    }
    this.recovered('read', { kinds: this.kinds });
    for (const kind of this.kinds) {
      const pointer = pointers.get(kind);
      if (!pointer || pointer.version === this.current.get(kind)) continue;
      await this.takeUp(kind, pointer);
    }
  }

  private async takeUp(kind: ContentKind, pointer: PublishedPointer): Promise<void> {
    const about = { kind, version: pointer.version, previous: this.current.get(kind), publishedBy: pointer.publishedBy, publishedAt: pointer.publishedAt };
    try {
      const version = await this.source.get(kind, pointer.version);
      // Published again and pruned between the two reads: the next poll sees the newer pointer.
      if (!version) throw new Error(`version ${pointer.version} is not stored`);
      const listener = this.listeners[kind] as PublishedListener;
      await listener({ ...pointer, files: version.files });
    } catch (error) {
      this.failed(kind, about, error);
      return;
    }
    this.current.set(kind, pointer.version);
    this.failing.delete(kind);
    this.log.info(about, 'published content taken up');
  }

  /** Logs a failure once as a warning; the same failure again at the next polls only at debug level. */
  private failed(what: string, about: object, error: unknown): void {
    const text = `${(about as { version?: string }).version ?? ''} ${error instanceof Error ? error.message : String(error)}`;
    const repeated = this.failing.get(what) === text;
    this.failing.set(what, text);
    const entry = { ...about, err: error, retryInMs: this.intervalMs };
    if (repeated) this.log.debug(entry, 'published content still not taken up; retrying');
    else this.log.warn(entry, 'published content not taken up; retrying at the next poll');
  }

  private recovered(what: string, about: object): void {
    if (!this.failing.delete(what)) return;
    this.log.info(about, 'published content readable again');
  }
}
