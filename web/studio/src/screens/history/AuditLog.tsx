import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Language } from '../../strings';
import { DiffSummaryView } from '../publish/DiffSummaryView';
import { contentKinds, readAudit } from '../publish/publishApi';
import type { AuditEntry, AuditFilter, ContentKind } from '../publish/publishApi';
import type { AccountAuditEntry, AccountState } from '../../../../../accounts/accountAudit';
import { formatWhen, publishStrings, shortVersion } from '../publish/publishStrings';
import { historyStrings } from './historyStrings';

interface FilterForm {
  readonly kind: ContentKind | 'accounts' | '';
  readonly who: string;
  readonly from: string;
  readonly to: string;
}
const noFilter: FilterForm = { kind: '', who: '', from: '', to: '' };

/** The form's dates as instants: `from` at the start of its day, `to` at the end of its day, both in the browser's time zone. */
export function auditFilterOf(form: FilterForm): AuditFilter {
  return {
    ...(form.kind ? { kind: form.kind as ContentKind } : {}),
    ...(form.who.trim() ? { who: form.who.trim() } : {}),
    ...(form.from ? { from: new Date(`${form.from}T00:00:00`).toISOString() } : {}),
    ...(form.to ? { to: new Date(`${form.to}T23:59:59.999`).toISOString() } : {}),
  };
}

/**
 * The audit log: every publish and rollback, newest first, filtered by kind, person and dates; each
 * with who, when, from which version to which, and the files it added, changed and removed.
 * `revision` changes when the screen knows of a new entry (after a rollback), to read it again.
 */
export function AuditLog({ language, revision, accounts }: { readonly language: Language; readonly revision: number; readonly accounts: boolean }) {
  const words = historyStrings[language];
  const shared = publishStrings[language];
  const [form, setForm] = useState<FilterForm>(noFilter);
  const [applied, setApplied] = useState<FilterForm>(noFilter);
  const [entries, setEntries] = useState<(AuditEntry | AccountAuditEntry)[] | 'failed' | undefined>();
  const ids = { kind: useId(), who: useId(), from: useId(), to: useId(), title: useId() };

  useEffect(() => {
    let current = true;
    void readAudit(auditFilterOf(applied)).then((found) => current && setEntries(found ?? 'failed'));
    return () => {
      current = false;
    };
  }, [applied, revision]);

  function submit(event: FormEvent): void {
    event.preventDefault();
    setApplied(form);
  }

  return (
    <section aria-labelledby={ids.title}>
      <h3 id={ids.title}>{words.auditTitle}</h3>
      <form className="audit-filter" onSubmit={submit}>
        <label htmlFor={ids.kind}>{words.kind}</label>
        <select id={ids.kind} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as FilterForm['kind'] })}>
          <option value="">{words.allKinds}</option>
          {contentKinds.map((k) => (
            <option key={k} value={k}>
              {shared.kindNames[k]}
            </option>
          ))}
          {accounts && <option value="accounts">{words.accountsKind}</option>}
        </select>
        <label htmlFor={ids.who}>{words.person}</label>
        <input id={ids.who} type="search" value={form.who} onChange={(e) => setForm({ ...form, who: e.target.value })} />
        <label htmlFor={ids.from}>{words.from}</label>
        <input id={ids.from} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <label htmlFor={ids.to}>{words.to}</label>
        <input id={ids.to} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        <button type="submit" className="primary">
          {words.applyFilter}
        </button>
        <button
          type="button"
          onClick={() => {
            setForm(noFilter);
            setApplied(noFilter);
          }}
        >
          {words.clearFilter}
        </button>
      </form>
      {entries === undefined && <p aria-busy="true">{shared.loading}</p>}
      {entries === 'failed' && <p role="alert">{words.auditUnavailable}</p>}
      {Array.isArray(entries) && (
        <>
          <p className="count" role="status">
            {words.auditCount(entries.length)}
          </p>
          {entries.length === 0 ? (
            <p>{words.auditEmpty}</p>
          ) : (
            <table className="audit">
              <thead>
                <tr>
                  <th scope="col">{words.colWhen}</th>
                  <th scope="col">{words.colKind}</th>
                  <th scope="col">{words.colAction}</th>
                  <th scope="col">{words.colWho}</th>
                  <th scope="col">{words.colVersions}</th>
                  <th scope="col">{words.colChanges}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) =>
                  e.kind === 'accounts' ? (
                    <tr key={`accounts:${e.at}:${e.user}:${e.action}`}>
                      <th scope="row">
                        <time dateTime={e.at}>{formatWhen(language, e.at)}</time>
                      </th>
                      <td>{words.accountsKind}</td>
                      <td>{words.accountActions[e.action]}</td>
                      <td>{e.who}</td>
                      <td>{words.accountUser(e.user)}</td>
                      <td>{accountChange(e, words)}</td>
                    </tr>
                  ) : (
                    <tr key={`${e.kind}:${e.sequence}`}>
                      <th scope="row">
                        <time dateTime={e.at}>{formatWhen(language, e.at)}</time>
                      </th>
                      <td>{shared.kindNames[e.kind]}</td>
                      <td>{e.action === 'publish' ? words.actionPublish : words.actionRollback}</td>
                      <td>{e.who}</td>
                      <td className="versions">
                        {e.from ? <code title={e.from}>{shortVersion(e.from)}</code> : words.firstVersion} → <code title={e.to}>{shortVersion(e.to)}</code>
                      </td>
                      <td>
                        <DiffSummaryView diff={e.diff} language={language} />
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

/** An account change in words: the role or state before and after, or the token's name (never a secret). */
function accountChange(entry: AccountAuditEntry, words: (typeof historyStrings)[Language]): string {
  if (entry.token) return words.tokenNamed(entry.token.name);
  const state = (s: AccountState | undefined): string => [s?.role, s?.disabled === undefined ? undefined : s.disabled ? words.disabledState : words.enabledState].filter(Boolean).join(', ');
  const before = state(entry.before);
  const after = state(entry.after);
  return before ? words.accountChange(before, after) : after;
}
