import type { Language } from '../../strings';
import type { VersionListing } from '../publish/publishApi';
import { formatWhen, publishStrings, shortVersion } from '../publish/publishStrings';
import { historyStrings } from './historyStrings';

/** The kept versions of one kind, most recently published first, marking the published one and the one before it. */
export function VersionsTable({ versions, language, onRollBack }: { readonly versions: readonly VersionListing[]; readonly language: Language; readonly onRollBack?: (version: string) => void }) {
  const words = historyStrings[language];
  const shared = publishStrings[language];
  if (versions.length === 0) return <p>{words.noVersions}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{words.colVersion}</th>
          <th scope="col">{words.colState}</th>
          <th scope="col">{words.colLastPublished}</th>
          <th scope="col">{words.colCreated}</th>
          <th scope="col">{words.colFiles}</th>
          {onRollBack && <th scope="col">{words.colAction}</th>}
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.id} aria-current={v.published ? 'true' : undefined}>
            <th scope="row">
              <code title={v.id}>{shortVersion(v.id)}</code>
            </th>
            <td>
              {v.published && <span className="badge published">{words.published}</span>}
              {v.previous && <span className="badge previous">{words.previous}</span>}
            </td>
            <td>{words.byAt(v.lastPublishedBy, formatWhen(language, v.lastPublishedAt))}</td>
            <td>{words.byAt(v.createdBy, formatWhen(language, v.createdAt))}</td>
            <td>{v.fileCount}</td>
            {onRollBack && (
              <td>
                {!v.published && (
                  <button type="button" aria-label={words.rollBackLabel(shortVersion(v.id))} title={`${shared.version} ${v.id}`} onClick={() => onRollBack(v.id)}>
                    {words.rollBack}
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
