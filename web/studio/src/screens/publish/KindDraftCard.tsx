import type { Language } from '../../strings';
import { DiffSummaryView } from './DiffSummaryView';
import type { KindDraft } from './publishApi';
import { formatWhen, publishStrings, shortVersion } from './publishStrings';

/** One kind with a draft: the version it starts from, what changed, and each file with who changed it when. */
export function KindDraftCard({ draft, language, onDiscard }: { readonly draft: KindDraft; readonly language: Language; readonly onDiscard?: () => void }) {
  const words = publishStrings[language];
  const name = words.kindNames[draft.kind];
  const headingId = `draft-${draft.kind}`;
  const lines = new Map([...draft.diff.added, ...draft.diff.removed, ...draft.diff.changed].map((f) => [f.path, f]));
  const added = new Set(draft.diff.added.map((f) => f.path));
  return (
    <section className="kind-draft" aria-labelledby={headingId}>
      <div className="kind-head">
        <h3 id={headingId}>{name}</h3>
        <span className="based-on">{draft.basedOn ? <>{words.basedOn(shortVersion(draft.basedOn))}</> : words.basedOnNothing}</span>
        {onDiscard && (
          <button type="button" className="discard" onClick={onDiscard}>
            {words.discard(name)}
          </button>
        )}
      </div>
      <DiffSummaryView diff={draft.diff} language={language} files={false} />
      <table>
        <thead>
          <tr>
            <th scope="col">{words.colFile}</th>
            <th scope="col">{words.colChange}</th>
            <th scope="col">{words.colLines}</th>
            <th scope="col">{words.colBy}</th>
            <th scope="col">{words.colWhen}</th>
          </tr>
        </thead>
        <tbody>
          {draft.changes.map((c) => {
            const diff = lines.get(c.path);
            return (
              <tr key={c.path}>
                <th scope="row">
                  <code>{c.path}</code>
                </th>
                <td>{c.deleted ? words.fileRemoved : added.has(c.path) ? words.fileAdded : words.fileChanged}</td>
                <td>{diff ? words.lines(diff.linesAdded, diff.linesRemoved) : '—'}</td>
                <td>{c.updatedBy}</td>
                <td>
                  <time dateTime={c.updatedAt}>{formatWhen(language, c.updatedAt)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
