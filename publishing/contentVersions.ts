/**
 * Admin content as immutable versions in the bot's Storage: publishing stores the files once (named
 * by their hash) and moves the kind's published pointer by compare-and-set, in the same atomic write
 * as the audit entry saying who moved it, when, and what changed. So every instance reading the
 * pointer sees a version that exists, and the audit has exactly one entry per move.
 */
import { absentETag, defaultConflictRetries, retryOnConflict } from '../storage/compareAndSet';
import { bundleId, defaultMaxBundleBytes, isContentKind, normaliseBundle, sameFiles, validateBundle } from './contentBundle';
import type { ContentFile, ContentKind, ContentProblem, ContentValidator } from './contentBundle';
import { diffBundles } from './contentDiff';
import { contentKeys, isPruned, readEntries, readPointer, readVersion, withoutETag } from './contentRecords';
import type { AuditEntry, ContentStore, ContentVersion, PublishedPointer, VersionEntry, WithETag } from './contentRecords';
import { PublishingError, publishingErrorCodes } from './publishingErrors';
import { pruneList, resolveVersion } from './versionHistory';

/** Options for {@link ContentVersions}. */
export interface ContentVersionsOptions {
  readonly now?: () => Date;
  /** Retries after an eTag conflict before giving up (default 8). */
  readonly maxRetries?: number;
  /** Versions kept per kind (default 50, at least 2); older ones are pruned, never the published one or its predecessor. */
  readonly maxVersions?: number;
  /** Largest bundle, in UTF-8 bytes of its texts (default 16 MiB). */
  readonly maxBundleBytes?: number;
}

/** Options of one {@link ContentVersions.publish}. */
export interface PublishOptions {
  /** Publish only when nothing of this kind is published yet (seeding from `content/` at start-up). */
  readonly onlyIfNothingPublished?: boolean;
  /** The version the files were edited from: when another is published by now, nothing is published ({@link publishingErrorCodes.changedMeanwhile}). */
  readonly basedOn?: string;
}

/** What a publish did: moved the pointer, found the files already published, or refused them. */
export type PublishResult =
  | { readonly status: 'published'; readonly version: string; readonly entry: AuditEntry }
  | { readonly status: 'unchanged'; readonly version: string }
  | { readonly status: 'rejected'; readonly problems: readonly ContentProblem[] };

/** What a rollback did. */
export type RollbackResult = { readonly status: 'rolledBack'; readonly version: string; readonly entry: AuditEntry } | { readonly status: 'unchanged'; readonly version: string };

/** A kept version in {@link ContentVersions.list}. */
export interface VersionListing extends VersionEntry {
  readonly published: boolean;
  /** The version a rollback without a target would go back to. */
  readonly previous: boolean;
}

/** The published version of a kind, with its files. */
export interface PublishedContent extends PublishedPointer {
  readonly files: readonly ContentFile[];
}

const defaultMaxVersions = 50;
const auditPage = 500;

interface KindState {
  readonly pointer: WithETag<PublishedPointer> | undefined;
  readonly entries: readonly VersionEntry[];
  readonly entriesETag: string | undefined;
}

interface Move {
  readonly action: AuditEntry['action'];
  readonly to: string;
  readonly who: string;
  readonly at: string;
  readonly before: readonly ContentFile[] | undefined;
  readonly after: readonly ContentFile[];
  readonly entries: readonly VersionEntry[];
}

/** Stores, publishes, rolls back and lists versions of admin content, per kind. */
export class ContentVersions {
  private readonly now: () => Date;
  private readonly retries: number;
  private readonly maxVersions: number;
  private readonly maxBundleBytes: number;

  constructor(
    private readonly store: ContentStore,
    options: ContentVersionsOptions = {},
  ) {
    if (!store || typeof store.read !== 'function' || typeof store.write !== 'function') throw new TypeError('ContentVersions needs a store with read and write');
    this.now = options.now ?? (() => new Date());
    this.retries = options.maxRetries ?? defaultConflictRetries;
    this.maxVersions = options.maxVersions ?? defaultMaxVersions;
    this.maxBundleBytes = options.maxBundleBytes ?? defaultMaxBundleBytes;
    if (!Number.isInteger(this.maxVersions) || this.maxVersions < 2) throw new TypeError('ContentVersions: maxVersions must be an integer of at least 2');
  }

  /**
   * Publishes `files` as the `kind`'s content, on behalf of `who`, unless `validate` finds problems
   * (then nothing is stored and every problem is returned). The same files as the published version
   * change nothing; the same files as an older version publish that version again.
   */
  async publish(kind: ContentKind, files: readonly ContentFile[], who: string, validate: ContentValidator, options: PublishOptions = {}): Promise<PublishResult> {
    const by = checkWho(kind, who);
    const bundle = normaliseBundle(kind, files, this.maxBundleBytes);
    const problems = await validateBundle(validate, bundle);
    if (problems.length > 0) return { status: 'rejected', problems };
    const id = bundleId(bundle);
    return this.settle<PublishResult>(kind, async () => {
      const state = await this.readState(kind);
      const current = state.pointer?.version;
      if (current === id || (options.onlyIfNothingPublished && current !== undefined)) return { done: { status: 'unchanged', version: current ?? id } };
      if (options.basedOn !== undefined && current !== options.basedOn) throw changedMeanwhile(kind, options.basedOn, state.pointer);
      const at = this.now().toISOString();
      const known = state.entries.find((e) => e.id === id);
      const entries = [
        ...state.entries.filter((e) => e.id !== id),
        { id, createdAt: known?.createdAt ?? at, createdBy: known?.createdBy ?? by, fileCount: bundle.length, lastPublishedAt: at, lastPublishedBy: by },
      ];
      const prune = pruneList(entries, this.maxVersions, [id, current]);
      const docs = await this.readVersions(kind, [id, ...(current !== undefined ? [current] : []), ...prune]);
      const stored = docs.get(id);
      if (stored && !isPruned(stored) && !sameFiles(stored.files, bundle)) {
        throw new PublishingError(publishingErrorCodes.damaged, kind, `Stored version ${id} holds other files than its id says; restore it from a backup`);
      }
      const write: Record<string, unknown> = {};
      if (!stored || isPruned(stored)) write[contentKeys.version(kind, id)] = { kind, id, files: bundle, createdAt: at, createdBy: by, eTag: stored?.eTag ?? absentETag };
      for (const old of prune) {
        const doc = docs.get(old);
        if (doc && !isPruned(doc)) write[contentKeys.version(kind, old)] = { kind, id: old, createdAt: doc.createdAt, createdBy: doc.createdBy, pruned: true, eTag: doc.eTag };
      }
      const kept = entries.filter((e) => !prune.includes(e.id));
      const before = current !== undefined ? filesOf(kind, current, docs.get(current)) : undefined;
      const entry = this.move(kind, state, write, { action: 'publish', to: id, who: by, at, before, after: bundle, entries: kept });
      return { write, result: { status: 'published', version: id, entry } };
    });
  }

  /**
   * Makes an earlier version the published one again: `toVersion` (a full id, or its first 4+ digits),
   * or by default the version published just before the current one. A default rollback that finds
   * someone else moved the pointer while it was deciding changes nothing and says so.
   */
  async rollback(kind: ContentKind, who: string, toVersion?: string): Promise<RollbackResult> {
    const by = checkWho(kind, who);
    let seen: string | undefined;
    return this.settle<RollbackResult>(kind, async () => {
      const state = await this.readState(kind);
      const pointer = state.pointer;
      if (!pointer) throw new PublishingError(publishingErrorCodes.nothingPublished, kind, `Nothing of ${kind} is published yet, so there is nothing to roll back`);
      if (toVersion === undefined && seen !== undefined && pointer.version !== seen) throw changedMeanwhile(kind, seen, pointer);
      seen = pointer.version;
      const target = toVersion === undefined ? pointer.previous : resolveVersion(kind, state.entries, toVersion);
      if (target === undefined) throw new PublishingError(publishingErrorCodes.noPrevious, kind, `${kind} version ${pointer.version} is the first published; there is no earlier version to roll back to`);
      if (target === pointer.version) return { done: { status: 'unchanged', version: target } };
      const docs = await this.readVersions(kind, [target, pointer.version]);
      const after = filesOf(kind, target, docs.get(target));
      const at = this.now().toISOString();
      const entries = state.entries.map((e) => (e.id === target ? { ...e, lastPublishedAt: at, lastPublishedBy: by } : e));
      const write: Record<string, unknown> = {};
      const entry = this.move(kind, state, write, { action: 'rollback', to: target, who: by, at, before: filesOf(kind, pointer.version, docs.get(pointer.version)), after, entries });
      return { write, result: { status: 'rolledBack', version: target, entry } };
    });
  }

  /** The kept versions of `kind`, most recently published first, marking the published one and its predecessor. */
  async list(kind: ContentKind): Promise<VersionListing[]> {
    checkKind(kind);
    const state = await this.readState(kind);
    return [...state.entries]
      .sort((a, b) => (a.lastPublishedAt < b.lastPublishedAt ? 1 : a.lastPublishedAt > b.lastPublishedAt ? -1 : 0))
      .map((e) => ({ ...e, published: e.id === state.pointer?.version, previous: e.id === state.pointer?.previous }));
  }

  /** Every audit entry of `kind` (or the latest `limit`), newest first. */
  async audit(kind: ContentKind, limit = Number.POSITIVE_INFINITY): Promise<AuditEntry[]> {
    checkKind(kind);
    const pointer = readPointer(kind, (await this.store.read([contentKeys.published(kind)]))[contentKeys.published(kind)]);
    const last = pointer?.sequence ?? 0;
    const first = Math.max(1, last - Math.max(0, Math.floor(limit)) + 1);
    const entries: AuditEntry[] = [];
    for (let top = last; top >= first; top -= auditPage) {
      const keys = Array.from({ length: Math.min(auditPage, top - first + 1) }, (_, i) => contentKeys.audit(kind, top - i));
      const items = await this.store.read(keys);
      for (const key of keys) if (items[key] !== undefined) entries.push(withoutETag(items[key] as WithETag<AuditEntry>));
    }
    return entries;
  }

  /** A kept version (full id, or its first 4+ digits) with its files; `undefined` when unknown or pruned. */
  async get(kind: ContentKind, version: string): Promise<ContentVersion | undefined> {
    checkKind(kind);
    let id = version;
    if (!/^[0-9a-f]{16}$/.test(version)) {
      try {
        id = resolveVersion(kind, (await this.readState(kind)).entries, version);
      } catch (error) {
        if ((error as PublishingError).code === publishingErrorCodes.unknownVersion) return undefined;
        throw error;
      }
    }
    const doc = (await this.readVersions(kind, [id])).get(id);
    return doc && !isPruned(doc) ? withoutETag(doc) : undefined;
  }

  /** The published version of `kind` with its files, or `undefined` when nothing is published. */
  async published(kind: ContentKind): Promise<PublishedContent | undefined> {
    const pointer = (await this.pointers([kind])).get(kind);
    if (!pointer) return undefined;
    const files = filesOf(kind, pointer.version, (await this.readVersions(kind, [pointer.version])).get(pointer.version));
    return { ...pointer, files };
  }

  /** The published pointers of `kinds`, in one read (what a watcher polls); kinds with nothing published are absent. */
  async pointers(kinds: readonly ContentKind[]): Promise<Map<ContentKind, PublishedPointer>> {
    kinds.forEach((kind) => checkKind(kind));
    const items = await this.store.read(kinds.map((k) => contentKeys.published(k)));
    const out = new Map<ContentKind, PublishedPointer>();
    for (const kind of kinds) {
      const pointer = readPointer(kind, items[contentKeys.published(kind)]);
      if (pointer) out.set(kind, withoutETag(pointer));
    }
    return out;
  }

  /** Adds the pointer move, its audit entry and the version list to `write`, as one compare-and-set; returns the entry. */
  private move(kind: ContentKind, state: KindState, write: Record<string, unknown>, move: Move): AuditEntry {
    const from = state.pointer?.version;
    const sequence = (state.pointer?.sequence ?? 0) + 1;
    const pointer: PublishedPointer = { kind, version: move.to, ...(from !== undefined ? { previous: from } : {}), sequence, publishedAt: move.at, publishedBy: move.who };
    const entry: AuditEntry = { sequence, kind, action: move.action, who: move.who, at: move.at, ...(from !== undefined ? { from } : {}), to: move.to, diff: diffBundles(move.before, move.after) };
    write[contentKeys.published(kind)] = { ...pointer, eTag: state.pointer?.eTag ?? absentETag };
    write[contentKeys.versions(kind)] = { kind, entries: move.entries, eTag: state.entriesETag ?? absentETag };
    write[contentKeys.audit(kind, sequence)] = { ...entry, eTag: absentETag };
    return entry;
  }

  private async settle<T>(kind: ContentKind, step: () => Promise<{ done: T } | { write: Record<string, unknown>; result: T }>): Promise<T> {
    const outcome = await retryOnConflict((changes) => this.store.write(changes), this.retries, step);
    if (!outcome.settled) throw new PublishingError(publishingErrorCodes.conflict, kind, `Others kept publishing ${kind} at the same moment; nothing was changed. Try again`);
    return outcome.value;
  }

  private async readState(kind: ContentKind): Promise<KindState> {
    const keys = [contentKeys.published(kind), contentKeys.versions(kind)];
    const items = await this.store.read(keys);
    const list = readEntries(kind, items[contentKeys.versions(kind)]);
    return { pointer: readPointer(kind, items[contentKeys.published(kind)]), entries: list.entries, entriesETag: list.eTag };
  }

  private async readVersions(kind: ContentKind, ids: readonly string[]): Promise<Map<string, ReturnType<typeof readVersion>>> {
    const items = await this.store.read(ids.map((id) => contentKeys.version(kind, id)));
    return new Map(ids.map((id) => [id, readVersion(kind, id, items[contentKeys.version(kind, id)])]));
  }
}

function filesOf(kind: ContentKind, id: string, doc: ReturnType<typeof readVersion>): readonly ContentFile[] {
  if (!doc || isPruned(doc)) throw new PublishingError(publishingErrorCodes.unknownVersion, kind, `${kind} version ${id} is not stored any more (pruned or missing)`);
  return doc.files;
}

function changedMeanwhile(kind: ContentKind, expected: string, pointer: PublishedPointer | undefined): PublishingError {
  const now = pointer ? `${pointer.version}, by ${pointer.publishedBy} at ${pointer.publishedAt}` : 'nothing';
  return new PublishingError(publishingErrorCodes.changedMeanwhile, kind, `The published ${kind} version changed from ${expected} to ${now} meanwhile; nothing was changed. Look at list and try again`);
}

function checkKind(kind: ContentKind): void {
  if (!isContentKind(kind)) throw new PublishingError(publishingErrorCodes.invalidArgument, String(kind), `Unknown content kind ${JSON.stringify(kind)}`);
}

/** The name to put in the audit log; throws unless `who` names someone. */
function checkWho(kind: ContentKind, who: string): string {
  checkKind(kind);
  if (typeof who !== 'string' || who.trim() === '') throw new PublishingError(publishingErrorCodes.invalidArgument, kind, 'Say who is publishing: a non-empty name for the audit log');
  return who.trim();
}
