/**
 * How published content lives in the bot's Storage, per kind: each version once under
 * `content/<kind>/version/<id>` (never changed, only pruned to a stub), the pointer to the published
 * one under `content/<kind>/published`, the list of kept versions under `content/<kind>/versions`,
 * and one audit entry per pointer move under `content/<kind>/audit/<sequence>`. Reading checks the
 * shape, so a record edited by hand is reported instead of half-used.
 */
import type { ContentFile, ContentKind } from './contentBundle';
import type { DiffSummary } from './contentDiff';
import { PublishingError, publishingErrorCodes } from './publishingErrors';

/** The part of a botbuilder-style `Storage` that publishing uses: batch reads, and atomic batch writes with eTags. */
export interface ContentStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
}

/** One stored version: its files and who stored it first, when. */
export interface ContentVersion {
  readonly kind: ContentKind;
  readonly id: string;
  readonly files: readonly ContentFile[];
  readonly createdAt: string;
  readonly createdBy: string;
}

/** A version pruned from the history: who and when remain, so that old audit entries still make sense. */
export interface PrunedVersion {
  readonly kind: ContentKind;
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly pruned: true;
}

/** Which version of a kind is published, the one before it, and the move that made it so. */
export interface PublishedPointer {
  readonly kind: ContentKind;
  readonly version: string;
  /** The version published just before; what a rollback without a target goes back to. */
  readonly previous?: string;
  /** Number of pointer moves so far; also the key of the latest audit entry. */
  readonly sequence: number;
  readonly publishedAt: string;
  readonly publishedBy: string;
}

/** A kept version, as the history lists it. */
export interface VersionEntry {
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly fileCount: number;
  /** When and by whom this version was last made the published one (publish or rollback). */
  readonly lastPublishedAt: string;
  readonly lastPublishedBy: string;
}

/** One pointer move: who, when, from which version to which, and what changed. */
export interface AuditEntry {
  readonly sequence: number;
  readonly kind: ContentKind;
  readonly action: 'publish' | 'rollback';
  readonly who: string;
  readonly at: string;
  /** The version published before; absent on the first publish. */
  readonly from?: string;
  readonly to: string;
  readonly diff: DiffSummary;
}

/** Storage keys of one kind's records. */
export const contentKeys = {
  version: (kind: ContentKind, id: string): string => `content/${kind}/version/${id}`,
  published: (kind: ContentKind): string => `content/${kind}/published`,
  versions: (kind: ContentKind): string => `content/${kind}/versions`,
  audit: (kind: ContentKind, sequence: number): string => `content/${kind}/audit/${String(sequence).padStart(8, '0')}`,
};

/** The eTag a record was read with, when it exists. */
export type WithETag<T> = T & { readonly eTag?: string };

/** The stored pointer, checked; `undefined` when nothing was published. */
export function readPointer(kind: ContentKind, item: unknown): WithETag<PublishedPointer> | undefined {
  if (item === undefined) return undefined;
  const p = item as Partial<WithETag<PublishedPointer>>;
  if (typeof p.version !== 'string' || !Number.isInteger(p.sequence) || typeof p.publishedAt !== 'string' || typeof p.publishedBy !== 'string') throw damaged(kind, contentKeys.published(kind));
  return p as WithETag<PublishedPointer>;
}

/** The stored list of kept versions, checked; empty when there is none yet. */
export function readEntries(kind: ContentKind, item: unknown): { readonly entries: readonly VersionEntry[]; readonly eTag?: string } {
  if (item === undefined) return { entries: [] };
  const list = item as { entries?: unknown; eTag?: string };
  if (!Array.isArray(list.entries) || !list.entries.every((e: Partial<VersionEntry>) => typeof e?.id === 'string' && typeof e.lastPublishedAt === 'string')) {
    throw damaged(kind, contentKeys.versions(kind));
  }
  return { entries: list.entries as VersionEntry[], ...(list.eTag !== undefined ? { eTag: list.eTag } : {}) };
}

/** A stored version or its pruned stub, checked; `undefined` when absent. */
export function readVersion(kind: ContentKind, id: string, item: unknown): WithETag<ContentVersion | PrunedVersion> | undefined {
  if (item === undefined) return undefined;
  const v = item as Partial<ContentVersion & { pruned: boolean }>;
  const filesOk = v.pruned === true || (Array.isArray(v.files) && v.files.every((f) => typeof f?.path === 'string' && typeof f.text === 'string'));
  if (v.id !== id || !filesOk || typeof v.createdAt !== 'string') throw damaged(kind, contentKeys.version(kind, id));
  return v as WithETag<ContentVersion | PrunedVersion>;
}

/** True for a pruned stub. */
export function isPruned(version: ContentVersion | PrunedVersion): version is PrunedVersion {
  return 'pruned' in version && version.pruned === true;
}

/** The record without its eTag. */
export function withoutETag<T extends { eTag?: string }>(record: T): Omit<T, 'eTag'> {
  const { eTag: _eTag, ...rest } = record;
  return rest;
}

function damaged(kind: ContentKind, key: string): PublishingError {
  return new PublishingError(publishingErrorCodes.damaged, kind, `The stored record ${key} is not in the shape Warmline writes; restore it from a backup`);
}
