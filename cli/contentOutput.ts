/**
 * What `npm run flows` and `npm run content` show an admin: a pointer move with its diff, the kept
 * versions, the audit log, and the export of a version.
 */
import type { ContentFile, ContentKind } from '../publishing/contentBundle';
import { describeDiff } from '../publishing/contentDiff';
import type { FolderWrite } from '../publishing/contentFolder';
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

/** One line per kept version, the published one marked `*`; `publish` is the command that publishes a first one. */
export function printList(versions: readonly VersionListing[], io: OutputIo, publish = 'npm run flows -- publish --by <name>'): void {
  if (versions.length === 0) {
    io.out(`Nothing is published yet: ${publish}.`);
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

/**
 * Writes the published version of `kind` (or `version`) where `write` puts it (`to` names that place
 * for the admin); files there that the version lacks are listed, or said to be removed.
 */
export async function exportVersion(versions: ContentVersions, kind: ContentKind, version: string | undefined, to: string, write: (files: readonly ContentFile[]) => FolderWrite, io: OutputIo): Promise<void> {
  const content = version === undefined ? await versions.published(kind) : await versions.get(kind, version);
  if (!content) {
    const message = version === undefined ? `Nothing of ${kind} is published yet; there is nothing to export` : `No kept ${kind} version is "${version}"; list shows the versions kept`;
    throw new PublishingError(version === undefined ? publishingErrorCodes.nothingPublished : publishingErrorCodes.unknownVersion, kind, message);
  }
  const id = 'version' in content ? content.version : content.id;
  const result = write(content.files);
  io.out(`Exported ${kind} version ${id} to ${to}: ${result.written.length} written, ${result.unchanged.length} unchanged${result.removed ? `, ${result.stale.length} removed` : ''}.`);
  for (const p of result.written) io.out(`  wrote ${p}`);
  for (const p of result.stale) io.out(result.removed ? `  removed ${p}` : `  kept ${p}: not in version ${id} (--prune removes it)`);
}
