/**
 * What `npm run flows` shows an admin: a pointer move with its diff, the kept versions, the audit
 * log, and the export of a version into a folder.
 */
import path from 'node:path';
import { describeDiff } from '../publishing/contentDiff';
import { isFlowFile, writeContentFolder } from '../publishing/contentFolder';
import type { AuditEntry } from '../publishing/contentRecords';
import type { ContentVersions, VersionListing } from '../publishing/contentVersions';
import { PublishingError, publishingErrorCodes } from '../publishing/publishingErrors';

/** Where output goes. */
export interface OutputIo {
  out(line: string): void;
  err(line: string): void;
}

/** `Published flows version <id> (was <id>): 1 added, … Running bots take it up within 5 s.` and one line per file. */
export function printMove(entry: AuditEntry, io: OutputIo): void {
  const verb = entry.action === 'publish' ? 'Published' : 'Rolled back to';
  io.out(`${verb} ${entry.kind} version ${entry.to}${entry.from ? ` (was ${entry.from})` : ''}: ${describeDiff(entry.diff)}. Running bots take it up within 5 s.`);
  for (const [sign, files] of [['+', entry.diff.added], ['-', entry.diff.removed], ['~', entry.diff.changed]] as const) {
    for (const f of files) io.out(`  ${sign} ${f.path} (+${f.linesAdded} −${f.linesRemoved})`);
  }
}

/** One line per kept version, the published one marked `*`. */
export function printList(versions: readonly VersionListing[], io: OutputIo): void {
  if (versions.length === 0) {
    io.out('Nothing is published yet: npm run flows -- publish --by <name>.');
    return;
  }
  for (const v of versions) {
    const mark = v.published ? '* ' : '  ';
    const note = v.published ? '  (published)' : v.previous ? '  (previous: rollback goes here)' : '';
    io.out(`${mark}${v.id}  ${v.lastPublishedAt}  by ${v.lastPublishedBy}  ${v.fileCount} files${note}`);
  }
}

/** The audit log, newest first. */
export function printAudit(entries: readonly AuditEntry[], io: OutputIo): void {
  io.out('Audit (newest first):');
  for (const e of entries) {
    io.out(`  #${e.sequence} ${e.at} ${e.action} by ${e.who}: ${e.from ?? '(none)'} → ${e.to}; ${describeDiff(e.diff)}`);
  }
}

/** Writes the published version (or `version`) into `dir`; files it lacks are listed, and removed with `prune`. */
export async function exportVersion(versions: ContentVersions, dir: string, version: string | undefined, prune: boolean, io: OutputIo): Promise<void> {
  const content = version === undefined ? await versions.published('flows') : await versions.get('flows', version);
  if (!content) {
    const message = version === undefined ? 'Nothing of flows is published yet; there is nothing to export' : `No kept flows version is "${version}"; list shows the versions kept`;
    throw new PublishingError(version === undefined ? publishingErrorCodes.nothingPublished : publishingErrorCodes.unknownVersion, 'flows', message);
  }
  const id = 'version' in content ? content.version : content.id;
  const result = writeContentFolder(path.resolve(dir), content.files, isFlowFile, prune);
  io.out(`Exported flows version ${id} to ${dir}: ${result.written.length} written, ${result.unchanged.length} unchanged${result.removed ? `, ${result.stale.length} removed` : ''}.`);
  for (const p of result.written) io.out(`  wrote ${p}`);
  for (const p of result.stale) io.out(result.removed ? `  removed ${p}` : `  kept ${p}: not in version ${id} (--prune removes it)`);
}
