import { useCallback, useEffect, useId, useState } from 'react';
import type { ScreenProps } from '../../screens';
import type { Language } from '../../strings';
import { ConfirmDialog } from '../publish/ConfirmDialog';
import { contentKinds, mayPublish, readVersions, rollBack } from '../publish/publishApi';
import type { ContentKind, VersionListing } from '../publish/publishApi';
import { publishStrings, shortVersion } from '../publish/publishStrings';
import { AuditLog } from './AuditLog';
import { historyStrings } from './historyStrings';
import { VersionsTable } from './VersionsTable';
import '../publish/publish.css';
import './history.css';

/** A result to show, worded in the language chosen when it is shown. */
type Notice = { readonly tone: 'ok' | 'problem'; readonly say: (language: Language) => string };

/**
 * History (issue 12): the kept versions of each kind with the published one and the one before it
 * marked, a rollback to any of them (admins, after a confirm step), and the audit log below.
 */
export function HistoryScreen({ language, session }: ScreenProps) {
  const words = historyStrings[language];
  const shared = publishStrings[language];
  const [kind, setKind] = useState<ContentKind>('flows');
  const [versions, setVersions] = useState<Partial<Record<ContentKind, VersionListing[]>> | 'failed' | undefined>();
  const [asking, setAsking] = useState<{ readonly kind: ContentKind; readonly version: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [revision, setRevision] = useState(0);
  const ids = { kind: useId(), versions: useId() };

  const load = useCallback(async () => {
    const lists = await readVersions();
    setVersions(lists ? Object.fromEntries(lists.map((l) => [l.kind, l.versions])) : 'failed');
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function confirmRollback(target: { kind: ContentKind; version: string }): Promise<void> {
    setBusy(true);
    const result = await rollBack(session, target.kind, target.version);
    setBusy(false);
    setAsking(undefined);
    setNotice(
      result.ok
        ? { tone: 'ok', say: (l) => historyStrings[l].rolledBack(publishStrings[l].kindNames[target.kind], shortVersion(result.version)) }
        : { tone: 'problem', say: (l) => historyStrings[l].rollbackFailed(result.message) },
    );
    setRevision((r) => r + 1);
    await load();
  }

  return (
    <div className="history-screen">
      <h2>{words.historyTitle}</h2>
      <div role="status" className={notice ? `notice ${notice.tone}` : 'notice-empty'}>
        {notice?.say(language)}
      </div>
      <section aria-labelledby={ids.versions}>
        <div className="versions-head">
          <h3 id={ids.versions}>{words.versionsTitle}</h3>
          <label htmlFor={ids.kind}>{words.kind}</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as ContentKind)}>
            {contentKinds.map((k) => (
              <option key={k} value={k}>
                {shared.kindNames[k]}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void load().then(() => setRevision((r) => r + 1))}>
            {shared.refresh}
          </button>
        </div>
        {versions === undefined && <p aria-busy="true">{shared.loading}</p>}
        {versions === 'failed' && <p role="alert">{words.versionsUnavailable}</p>}
        {versions && versions !== 'failed' && (
          <VersionsTable versions={versions[kind] ?? []} language={language} {...(mayPublish(session.role) ? { onRollBack: (version: string) => setAsking({ kind, version }) } : {})} />
        )}
      </section>
      <AuditLog language={language} revision={revision} accounts={session.role === 'admin'} />
      {asking && (
        <ConfirmDialog
          title={words.confirmRollbackTitle}
          message={words.confirmRollback(shared.kindNames[asking.kind], shortVersion(asking.version))}
          confirm={words.rollBackNow}
          cancel={shared.cancel}
          busy={busy}
          onConfirm={() => void confirmRollback(asking)}
          onCancel={() => setAsking(undefined)}
        />
      )}
    </div>
  );
}
