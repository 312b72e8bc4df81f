/**
 * What changed between two versions of one kind of content, as the audit log shows it: files added,
 * removed and changed, each with how many lines came and went.
 */
import type { ContentFile } from './contentBundle';

/** One file in a {@link DiffSummary}. */
export interface FileDiff {
  readonly path: string;
  readonly linesAdded: number;
  readonly linesRemoved: number;
}

/** Files added, removed and changed from one version to the next, with line totals. */
export interface DiffSummary {
  readonly added: readonly FileDiff[];
  readonly removed: readonly FileDiff[];
  readonly changed: readonly FileDiff[];
  readonly linesAdded: number;
  readonly linesRemoved: number;
}

/**
 * The summary of going from `before` (none for a first publish) to `after`. Lines are counted as a
 * multiset: a line that only moved within its file counts as neither added nor removed.
 */
export function diffBundles(before: readonly ContentFile[] | undefined, after: readonly ContentFile[]): DiffSummary {
  const old = new Map((before ?? []).map((f) => [f.path, f.text]));
  const now = new Map(after.map((f) => [f.path, f.text]));
  const added: FileDiff[] = [];
  const removed: FileDiff[] = [];
  const changed: FileDiff[] = [];
  for (const [path, text] of now) {
    const was = old.get(path);
    if (was === undefined) added.push({ path, linesAdded: lines(text).length, linesRemoved: 0 });
    else if (was !== text) changed.push({ path, ...lineChanges(was, text) });
  }
  for (const [path, text] of old) if (!now.has(path)) removed.push({ path, linesAdded: 0, linesRemoved: lines(text).length });
  const all = [...added, ...removed, ...changed];
  return {
    added,
    removed,
    changed,
    linesAdded: all.reduce((sum, f) => sum + f.linesAdded, 0),
    linesRemoved: all.reduce((sum, f) => sum + f.linesRemoved, 0),
  };
}

/** A one-line description, e.g. `1 added, 2 changed (+14 −3 lines)`; `no changes` when empty. */
export function describeDiff(diff: DiffSummary): string {
  const parts = [[diff.added.length, 'added'], [diff.removed.length, 'removed'], [diff.changed.length, 'changed']]
    .filter(([count]) => count !== 0)
    .map(([count, what]) => `${count} ${what}`);
  if (parts.length === 0) return 'no changes';
  return `${parts.join(', ')} (+${diff.linesAdded} −${diff.linesRemoved} lines)`;
}

function lineChanges(before: string, after: string): { linesAdded: number; linesRemoved: number } {
  const counts = new Map<string, number>();
  for (const line of lines(before)) counts.set(line, (counts.get(line) ?? 0) + 1);
  let linesAdded = 0;
  for (const line of lines(after)) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else linesAdded += 1;
  }
  let linesRemoved = 0;
  for (const left of counts.values()) linesRemoved += left;
  return { linesAdded, linesRemoved };
}

function lines(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}
