import type { Language } from '../../strings';
import type { DiffSummary } from './publishApi';
import { publishStrings } from './publishStrings';

/** Files listed openly; longer lists fold under their summary line (a disclosure the keyboard opens). */
const openListMax = 4;

/**
 * What changed from one version to the next, as the publish and history screens show it: one line
 * of counts, then (unless `files` is false) each file with how it changed and its lines added and removed.
 */
export function DiffSummaryView({ diff, language, files: listFiles = true }: { readonly diff: DiffSummary; readonly language: Language; readonly files?: boolean }) {
  const words = publishStrings[language];
  const files = [
    ...diff.added.map((f) => ({ ...f, how: words.fileAdded, className: 'added' })),
    ...diff.removed.map((f) => ({ ...f, how: words.fileRemoved, className: 'removed' })),
    ...diff.changed.map((f) => ({ ...f, how: words.fileChanged, className: 'changed' })),
  ];
  if (files.length === 0) return <span className="diff-summary">{words.noDiff}</span>;
  const summary = `${words.diffCounts(diff.added.length, diff.removed.length, diff.changed.length)} (${words.lines(diff.linesAdded, diff.linesRemoved)})`;
  const list = (
    <ul>
      {files.map((f) => (
        <li key={`${f.className}:${f.path}`}>
          <span className={`how ${f.className}`}>{f.how}</span> <code>{f.path}</code> <span className="lines">{words.lines(f.linesAdded, f.linesRemoved)}</span>
        </li>
      ))}
    </ul>
  );
  if (!listFiles) return <span className="diff-summary">{summary}</span>;
  if (files.length > openListMax) {
    return (
      <details className="diff-summary">
        <summary>{summary}</summary>
        {list}
      </details>
    );
  }
  return (
    <div className="diff-summary">
      <span>{summary}</span>
      {list}
    </div>
  );
}
