/**
 * Drafts of admin content, edited in Warmline Studio before they are published: per kind, the files
 * changed (or deleted) against the published version they were started from. Kept in the bot's
 * Storage under `content/<kind>/draft`, so every instance sees the same draft, and written with
 * eTags, so two editors never overwrite each other unseen (the loser gets {@link draftErrorCodes.stale}).
 * Publishing a draft composes the published files with its changes; see `publishing/draftPublisher.ts`.
 */
import { absentETag, isETagConflict } from '../storage/compareAndSet';
import { contentKinds, isContentKind, normaliseBundle } from './contentBundle';
import type { ContentFile, ContentKind } from './contentBundle';
import type { ContentStore } from './contentRecords';
import type { ContentVersions } from './contentVersions';
import { PublishingError, publishingErrorCodes } from './publishingErrors';

/** Codes of the errors drafts raise besides the publishing ones. */
export const draftErrorCodes = {
  /** The draft changed since the caller read it (its eTag / If-Match is old): read it again. */
  stale: 'WL_DRAFT_STALE',
} as const;

/** One changed file of a draft: its new text, or `null` when the draft deletes it. */
export interface DraftChange {
  readonly path: string;
  readonly text: string | null;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** A kind's draft: the published version it started from and its changes, with the eTag to write it back with. */
export interface Draft {
  readonly kind: ContentKind;
  /** The published version when the draft was started (`null` when nothing was published). */
  readonly basedOn: string | null;
  readonly changes: readonly DraftChange[];
  readonly eTag: string;
}

/** A draft's files composed over the published ones: what would be published. */
export interface ComposedDraft {
  readonly kind: ContentKind;
  readonly basedOn: string | null;
  readonly files: readonly ContentFile[];
  readonly changes: readonly DraftChange[];
}

/** Thrown when a draft changed since the caller read it. */
export class StaleDraftError extends Error {
  readonly code = draftErrorCodes.stale;
  constructor(readonly kind: ContentKind) {
    super(`The ${kind} draft was changed by someone else since you read it; read it again and redo your edit`);
    this.name = 'StaleDraftError';
  }
}

const draftKey = (kind: ContentKind): string => `content/${kind}/draft`;
/** Changed files one draft may hold; a bundle's own size limit applies when it is composed. */
const maxChanges = 2000;

/** Reads and writes drafts; composes them with the published version. */
export class ContentDrafts {
  private readonly now: () => Date;

  constructor(
    private readonly store: ContentStore,
    private readonly versions: ContentVersions,
    options: { readonly now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The kind's draft, or undefined when it has none. */
  async get(kind: ContentKind): Promise<Draft | undefined> {
    return (await this.load(kind)).draft;
  }

  /** The kinds that have a draft with at least one change. */
  async changedKinds(): Promise<ContentKind[]> {
    const items = await this.store.read(contentKinds.map(draftKey));
    return contentKinds.filter((kind) => (readDraft(kind, items[draftKey(kind)])?.changes.length ?? 0) > 0);
  }

  /**
   * Sets one file of the kind's draft to `text` (or deletes it with `null`), on behalf of `who`.
   * With `ifMatch`, refuses ({@link StaleDraftError}) when the draft's eTag is another one by now;
   * `ifMatch: '*'`-less callers still never lose a concurrent change (the write is compare-and-set).
   * A change back to the published text drops the file from the draft (which may leave none: undefined).
   */
  async put(kind: ContentKind, path: string, text: string | null, who: string, ifMatch?: string): Promise<Draft | undefined> {
    checkKind(kind);
    const by = checkWho(kind, who);
    // The same path rules as a published bundle (relative, `/`, no `..`), checked on this one file.
    if (text !== null) normaliseBundle(kind, [{ path, text }]);
    else normaliseBundle(kind, [{ path, text: '' }]);
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const { draft: current, eTag } = await this.load(kind);
      if (ifMatch !== undefined && ifMatch !== '*' && (current?.eTag ?? absentETag) !== ifMatch) throw new StaleDraftError(kind);
      const published = await this.versions.published(kind);
      const basedOn = current?.basedOn ?? published?.version ?? null;
      const publishedText = published?.version === basedOn ? published?.files.find((f) => f.path === path)?.text : undefined;
      const others = (current?.changes ?? []).filter((c) => c.path !== path);
      const unchanged = text === null ? publishedText === undefined && !published?.files.some((f) => f.path === path) : publishedText === text.replace(/\r\n/g, '\n');
      const changes = unchanged ? others : [...others, { path, text: text === null ? null : text.replace(/\r\n/g, '\n'), updatedAt: this.now().toISOString(), updatedBy: by }];
      if (changes.length > maxChanges) throw new PublishingError(publishingErrorCodes.invalidBundle, kind, `A draft holds at most ${maxChanges} changed files; publish or discard some first`);
      try {
        await this.store.write({ [draftKey(kind)]: { kind, basedOn, changes, eTag: eTag ?? absentETag } });
      } catch (error) {
        if (!isETagConflict(error)) throw error;
        if (ifMatch !== undefined) throw new StaleDraftError(kind);
        continue;
      }
      // A change back to the published text may leave no draft at all.
      return this.get(kind);
    }
    throw new PublishingError(publishingErrorCodes.conflict, kind, `Others kept changing the ${kind} draft at the same moment; try again`);
  }

  /** Drops the draft's change to one file (back to the published text). */
  async revert(kind: ContentKind, path: string, ifMatch?: string): Promise<Draft | undefined> {
    return this.rewrite(kind, ifMatch, (draft) => draft.changes.filter((c) => c.path !== path));
  }

  /** Drops the whole draft of a kind. With `ifMatch`, only when it is still that draft. */
  async discard(kind: ContentKind, ifMatch?: string): Promise<void> {
    await this.rewrite(kind, ifMatch, () => []);
  }

  /** The files a publish of the kind's draft would store: the published ones with the draft's changes. */
  async compose(kind: ContentKind): Promise<ComposedDraft> {
    const draft = await this.get(kind);
    const base = draft?.basedOn ? await this.versions.get(kind, draft.basedOn) : await this.versions.published(kind);
    const files = new Map((base?.files ?? []).map((f) => [f.path, f.text] as const));
    for (const change of draft?.changes ?? []) {
      if (change.text === null) files.delete(change.path);
      else files.set(change.path, change.text);
    }
    const basedOn = draft?.basedOn ?? (base && 'version' in base ? base.version : null);
    return { kind, basedOn, files: [...files].map(([path, text]) => ({ path, text })).sort((a, b) => (a.path < b.path ? -1 : 1)), changes: draft?.changes ?? [] };
  }

  /** The kind's draft (undefined when it has no changes) and the eTag of its record, if there is one. */
  private async load(kind: ContentKind): Promise<{ readonly draft?: Draft; readonly eTag?: string }> {
    checkKind(kind);
    const item = (await this.store.read([draftKey(kind)]))[draftKey(kind)];
    const draft = readDraft(kind, item);
    const eTag = (item as { eTag?: unknown } | undefined)?.eTag;
    return { ...(draft ? { draft } : {}), ...(typeof eTag === 'string' ? { eTag } : {}) };
  }

  private async rewrite(kind: ContentKind, ifMatch: string | undefined, next: (draft: Draft) => readonly DraftChange[]): Promise<Draft | undefined> {
    checkKind(kind);
    const current = await this.get(kind);
    if (!current) {
      if (ifMatch !== undefined && ifMatch !== '*') throw new StaleDraftError(kind);
      return undefined;
    }
    if (ifMatch !== undefined && ifMatch !== '*' && current.eTag !== ifMatch) throw new StaleDraftError(kind);
    const changes = next(current);
    try {
      // An empty draft is kept as a record with no changes (eTag-safe), and then reads as no draft.
      await this.store.write({ [draftKey(kind)]: { kind, basedOn: changes.length === 0 ? null : current.basedOn, changes, eTag: current.eTag } });
    } catch (error) {
      if (isETagConflict(error)) throw new StaleDraftError(kind);
      throw error;
    }
    return this.get(kind);
  }
}

function readDraft(kind: ContentKind, item: unknown): Draft | undefined {
  if (item === undefined || item === null) return undefined;
  const d = item as Partial<Draft>;
  const ok =
    typeof d === 'object' &&
    (d.basedOn === null || typeof d.basedOn === 'string') &&
    Array.isArray(d.changes) &&
    d.changes.every((c) => typeof c?.path === 'string' && (c.text === null || typeof c.text === 'string') && typeof c.updatedAt === 'string' && typeof c.updatedBy === 'string') &&
    typeof d.eTag === 'string';
  if (!ok) throw new PublishingError(publishingErrorCodes.damaged, kind, `The stored ${kind} draft is not in the shape Warmline writes; discard it (DELETE the draft) and edit again`);
  if (d.changes!.length === 0) return undefined;
  return { kind, basedOn: d.basedOn ?? null, changes: d.changes!, eTag: d.eTag! };
}

function checkKind(kind: ContentKind): void {
  if (!isContentKind(kind)) throw new PublishingError(publishingErrorCodes.invalidArgument, String(kind), `Unknown content kind ${JSON.stringify(kind)}`);
}

function checkWho(kind: ContentKind, who: string): string {
  if (typeof who !== 'string' || who.trim() === '') throw new PublishingError(publishingErrorCodes.invalidArgument, kind, 'Say who is editing: a non-empty name');
  return who.trim();
}
