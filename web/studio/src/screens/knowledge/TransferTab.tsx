import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ProblemList } from './EntryFields';
import type { ImportSummary, KnowledgeLocale } from './knowledgeApi';
import { failureOf } from './knowledgeFailure';
import type { Failure } from './knowledgeFailure';
import type { KnowledgeTabProps } from './knowledgeTab';
import { LocaleSelect } from './LocaleSelect';

type Format = 'qna' | 'tsv';

/** Export a locale's draft knowledge as .qna or QnA Maker TSV; import one into the draft (merge or replace). */
export function TransferTab({ api, words, initialLocale, mayEdit, onDraftChanged }: KnowledgeTabProps) {
  const [locale, setLocale] = useState<KnowledgeLocale>(initialLocale);
  const [file, setFile] = useState<File | undefined>();
  const [format, setFormat] = useState<Format>('qna');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [result, setResult] = useState<ImportSummary | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [busy, setBusy] = useState(false);
  const id = useId();

  function choose(chosen: File | undefined): void {
    setFile(chosen);
    if (chosen) setFormat(/\.tsv$/i.test(chosen.name) ? 'tsv' : 'qna');
  }

  async function run(event: FormEvent): Promise<void> {
    event.preventDefault();
    setResult(undefined);
    if (!file) return setFailure({ title: words.chooseFile, problems: [] });
    setBusy(true);
    const answer = await api.importFile(locale, format, mode, await file.text());
    setBusy(false);
    if (answer.ok) {
      setResult(answer.value);
      setFailure(undefined);
      onDraftChanged();
    } else setFailure(failureOf(words, answer));
  }

  return (
    <section className="kb-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{words.transferTitle}</h3>
      <LocaleSelect words={words} value={locale} onChange={setLocale} />
      <h4>{words.exportTitle}</h4>
      <p className="kb-inline">
        <a className="kb-button" href={api.exportUrl(locale, 'qna')} download>
          {words.exportQna}
        </a>
        <a className="kb-button" href={api.exportUrl(locale, 'tsv')} download>
          {words.exportTsv}
        </a>
      </p>
      {mayEdit && (
        <form onSubmit={(e) => void run(e)} aria-labelledby={`${id}-import`}>
          <h4 id={`${id}-import`}>{words.importTitle}</h4>
          <span className="kb-field">
            <label htmlFor={`${id}-file`}>{words.importFile}</label>
            <input id={`${id}-file`} type="file" accept=".qna,.tsv,.txt" onChange={(e) => choose(e.target.files?.[0])} />
          </span>
          <Choice legend={words.importFormat} name={`${id}-format`} value={format} onChange={setFormat} options={[['qna', words.formatQna], ['tsv', words.formatTsv]]} />
          <Choice legend={words.importMode} name={`${id}-mode`} value={mode} onChange={setMode} options={[['merge', words.modeMerge], ['replace', words.modeReplace]]} block />
          <div className="kb-actions">
            <button type="submit" className="kb-primary" disabled={busy}>
              {words.importRun}
            </button>
          </div>
          {result && (
            <p className="kb-ok" role="status">
              {words.imported(result.added.length, result.updated.length)}
            </p>
          )}
          {failure && <ProblemList words={words} problems={failure.problems} title={failure.title} />}
        </form>
      )}
    </section>
  );
}

/** One choice among a few, as radio buttons in a fieldset. */
function Choice<T extends string>({ legend, name, value, onChange, options, block }: { legend: string; name: string; value: T; onChange: (v: T) => void; options: readonly (readonly [T, string])[]; block?: boolean }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map(([v, label]) => (
        <label key={v} className={block ? 'kb-check kb-block' : 'kb-check'}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}
