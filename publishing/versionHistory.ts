/**
 * The list of kept versions of one kind: which ones to prune when it grows too long, and which
 * version an admin means by an id or its first digits.
 */
import type { ContentKind } from './contentBundle';
import type { VersionEntry } from './contentRecords';
import { PublishingError, publishingErrorCodes } from './publishingErrors';

/** Versions to prune so that at most `max` remain: the least recently published, never one of `keep`. */
export function pruneList(entries: readonly VersionEntry[], max: number, keep: ReadonlyArray<string | undefined>): string[] {
  const excess = entries.length - max;
  if (excess <= 0) return [];
  return [...entries]
    .filter((e) => !keep.includes(e.id))
    .sort((a, b) => (a.lastPublishedAt < b.lastPublishedAt ? -1 : a.lastPublishedAt > b.lastPublishedAt ? 1 : 0))
    .slice(0, excess)
    .map((e) => e.id);
}

/** The full id of a kept version named by its id or a unique prefix of at least 4 digits. */
export function resolveVersion(kind: ContentKind, entries: readonly VersionEntry[], text: string): string {
  const wanted = text.trim().toLowerCase();
  const exact = entries.find((e) => e.id === wanted);
  if (exact) return exact.id;
  const matches = wanted.length >= 4 ? entries.filter((e) => e.id.startsWith(wanted)) : [];
  const [only, ...more] = matches;
  if (only && more.length === 0) return only.id;
  if (only) throw new PublishingError(publishingErrorCodes.ambiguousVersion, kind, `"${text}" matches ${matches.length} ${kind} versions (${matches.map((m) => m.id).join(', ')}); give more digits`);
  throw new PublishingError(publishingErrorCodes.unknownVersion, kind, `No kept ${kind} version is "${text}"; list shows the versions kept`);
}
