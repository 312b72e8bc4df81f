import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { FiltersField, ProblemList, PromptsField, QuestionsField } from './EntryFields';
import type { Entry, EntryPrompt, EntryView, KnowledgeApi, KnowledgeLocale } from './knowledgeApi';
import { failureOf } from './knowledgeFailure';
import type { Failure } from './knowledgeFailure';
import type { KnowledgeWords } from './knowledgeStrings';
import { MarkdownPreview } from './MarkdownPreview';

interface Form {
  questions: string[];
  answer: string;
  filters: (readonly [string, string])[];
  prompts: EntryPrompt[];
}

const formOf = (entry: Entry | undefined): Form => ({
  questions: entry ? [...entry.questions] : [''],
  answer: entry?.answer ?? '',
  filters: Object.entries(entry?.metadata ?? {}),
  prompts: entry ? entry.prompts.map((p) => ({ ...p })) : [],
});

/** What the editor of one locale's entry shows and does. */
export interface EntryEditorProps {
  readonly api: KnowledgeApi;
  readonly words: KnowledgeWords;
  readonly locale: KnowledgeLocale;
  /** The entry to edit; undefined to write a new one (with `newId` when it must have that id). */
  readonly view: EntryView | undefined;
  readonly newId?: string;
  readonly mayEdit: boolean;
  readonly onSaved: (view: EntryView) => void;
  readonly onDeleted?: () => void;
  readonly onCancel?: () => void;
}

/** One locale's entry: questions, answer with preview, filters, prompts; saved to the draft. */
export function EntryEditor({ api, words, locale, view, newId, mayEdit, onSaved, onDeleted, onCancel }: EntryEditorProps) {
  const [form, setForm] = useState<Form>(() => formOf(view?.entry));
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'changed' } | { kind: 'failed'; failure: Failure } | undefined>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const id = useId();
  useEffect(() => {
    setForm(formOf(view?.entry));
    setConfirming(false);
  }, [view]);
  const readOnly = !mayEdit || (view !== undefined && !view.editable);
  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    const [main = '', ...alternates] = form.questions;
    const entry = { questions: [main, ...alternates.filter((q) => q.trim() !== '')], answer: form.answer, metadata: Object.fromEntries(form.filters.filter(([k, v]) => k.trim() !== '' || v.trim() !== '')), prompts: form.prompts };
    setBusy(true);
    const answer = view ? await api.save(locale, { ...entry, id: view.entry.id }, view.tag) : await api.create(locale, { ...entry, ...(newId ? { id: newId } : {}) });
    setBusy(false);
    if (answer.ok) {
      setStatus({ kind: 'saved' });
      onSaved(answer.value);
    } else setStatus(answer.code === 'EntryChanged' ? { kind: 'changed' } : { kind: 'failed', failure: failureOf(words, answer) });
  }

  async function remove(): Promise<void> {
    if (!view) return;
    setBusy(true);
    const answer = await api.remove(locale, view.entry.id, view.tag);
    setBusy(false);
    if (answer.ok) onDeleted?.();
    else setStatus(answer.code === 'EntryChanged' ? { kind: 'changed' } : { kind: 'failed', failure: failureOf(words, answer) });
  }

  async function reload(): Promise<void> {
    if (!view) return;
    const answer = await api.entry(locale, view.entry.id);
    if (answer.ok) {
      setStatus(undefined);
      onSaved(answer.value);
    }
  }

  return (
    <form className="kb-editor" onSubmit={(e) => void save(e)} aria-busy={busy}>
      {view && (
        <p className="kb-meta">
          <span className={`kb-state kb-state-${view.state}`}>{words.state[view.state]}</span> {words.where(view.file, view.line)}
          {view.contextOnly && <> · {words.contextOnly}</>}
        </p>
      )}
      {view && !view.editable && <p className="kb-note">{words.notEditable}</p>}
      <QuestionsField words={words} value={form.questions} onChange={set('questions')} readOnly={readOnly} />
      <label htmlFor={`${id}-answer`}>{words.answer}</label>
      <textarea id={`${id}-answer`} rows={5} value={form.answer} readOnly={readOnly} required onChange={(e) => set('answer')(e.target.value)} />
      <p className="kb-label">{words.preview}</p>
      <MarkdownPreview text={form.answer} label={words.preview} />
      <FiltersField words={words} value={form.filters} onChange={set('filters')} readOnly={readOnly} />
      <PromptsField words={words} value={form.prompts} onChange={set('prompts')} readOnly={readOnly} />
      {status?.kind === 'saved' && (
        <p className="kb-ok" role="status">
          {words.saved}
        </p>
      )}
      {status?.kind === 'changed' && (
        <p className="kb-problems" role="alert">
          {words.changedMeanwhile}{' '}
          <button type="button" className="kb-small" onClick={() => void reload()}>
            {words.reload}
          </button>
        </p>
      )}
      {status?.kind === 'failed' && <ProblemList words={words} problems={status.failure.problems} title={status.failure.title} />}
      {!readOnly && (
        <div className="kb-actions">
          <button type="submit" className="kb-primary" disabled={busy}>
            {busy ? words.saving : view ? words.save : words.create}
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {words.cancel}
            </button>
          )}
          {view && !confirming && (
            <button type="button" className="kb-danger" onClick={() => setConfirming(true)}>
              {words.deleteEntry}
            </button>
          )}
          {view && confirming && (
            <span role="group" aria-label={words.deleteEntry}>
              {words.confirmDelete(view.entry.id, locale)}{' '}
              <button type="button" className="kb-danger" autoFocus onClick={() => void remove()}>
                {words.deleteEntry}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                {words.cancel}
              </button>
            </span>
          )}
        </div>
      )}
    </form>
  );
}
