import type { FormEvent, ReactNode } from 'react';
import type { Language } from '../../strings';
import { fieldOfProblem } from './documentPath';
import { FormContext } from './fields';
import { settingsStrings } from './settingsStrings';
import type { SettingsEditing } from './useSettings';

/** The roles that may change drafts (the server refuses the others anyway). */
export const editorRoles: readonly string[] = ['editor', 'admin'];

/**
 * The frame of one settings form: its title, whether it shows the draft or the published version,
 * Save (into the draft) with what came of it, every problem in a list that leads to its field, and
 * the form itself with its fields bound to the document.
 */
export function SettingsEditor({ editing, language, role, idPrefix, title, intro, children }: { editing: SettingsEditing; language: Language; role: string; idPrefix: string; title: string; intro: string; children: ReactNode }) {
  const w = settingsStrings[language];
  const { view, status, problems } = editing;
  if (view === undefined) return <p aria-busy="true">{w.loading}</p>;
  if (view === 'failed' || editing.doc === null || editing.doc === undefined) {
    return (
      <p role="alert">
        {w.unreadable}{' '}
        <button type="button" onClick={() => void editing.reload()}>
          {w.reload}
        </button>
      </p>
    );
  }
  const readOnly = !editorRoles.includes(role);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!readOnly) void editing.save();
  };
  const statusText = editing.dirty
    ? w.unsaved
    : status.kind === 'saved'
      ? w.savedAt(status.at.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' }), problems.length)
      : view.changed
        ? w.draftShown
        : w.publishedShown;
  return (
    <form className="settings-form" onSubmit={submit} aria-labelledby={`${idPrefix}-title`} noValidate>
      <div className="settings-head">
        <div>
          <h3 id={`${idPrefix}-title`}>{title}</h3>
          <p className="settings-intro">{intro}</p>
        </div>
        <div className="settings-save">
          {!readOnly && (
            <button type="submit" className="primary" disabled={status.kind === 'saving' || !editing.dirty}>
              {status.kind === 'saving' ? w.saving : w.save}
            </button>
          )}
          <p className="settings-status" role="status">
            {readOnly ? w.readOnly : statusText}
          </p>
        </div>
      </div>
      <p className="settings-note">{w.publishNote}</p>
      {status.kind === 'stale' && (
        <p className="problem" role="alert">
          {w.stale}{' '}
          <button type="button" onClick={() => void editing.reload()}>
            {w.reload}
          </button>
        </p>
      )}
      {status.kind === 'refused' && <p className="problem" role="alert">{status.message}</p>}
      {status.kind === 'failed' && <p className="problem" role="alert">{w.saveFailed}</p>}
      {problems.length > 0 && (
        <section className="settings-problems" aria-labelledby={`${idPrefix}-problems`}>
          <h4 id={`${idPrefix}-problems`}>{w.problemsTitle(problems.length)}</h4>
          <ul>
            {problems.map((p, i) => {
              const where = [p.file, p.path, p.line ? w.line(p.line) : undefined].filter(Boolean).join(' · ');
              return (
                <li key={i}>
                  {where && <code>{where}</code>} {p.message}{' '}
                  <button type="button" className="link" onClick={() => focusField(idPrefix, p)}>
                    {w.showField}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <FormContext.Provider value={{ doc: editing.doc, set: editing.set, problems, readOnly, idPrefix }}>{children}</FormContext.Provider>
    </form>
  );
}

function focusField(idPrefix: string, problem: Parameters<typeof fieldOfProblem>[1]): void {
  const id = fieldOfProblem(idPrefix, problem);
  const field = id ? document.getElementById(id) : null;
  field?.scrollIntoView({ block: 'center' });
  field?.focus();
}
