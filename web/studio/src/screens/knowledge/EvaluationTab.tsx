import { useId, useState } from 'react';
import { ProblemList } from './EntryFields';
import type { KnowledgeLocale, TrialReport } from './knowledgeApi';
import { failureOf } from './knowledgeFailure';
import type { Failure } from './knowledgeFailure';
import type { KnowledgeTabProps } from './knowledgeTab';
import { LocaleSelect } from './LocaleSelect';

/** Batch evaluation of the draft: the draft's own cases or uploaded ones, figures and a results table. */
export function EvaluationTab({ api, words, initialLocale }: Pick<KnowledgeTabProps, 'api' | 'words' | 'initialLocale'>) {
  const [locale, setLocale] = useState<KnowledgeLocale>(initialLocale);
  const [file, setFile] = useState<File | undefined>();
  const [report, setReport] = useState<TrialReport | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [onlyMistakes, setOnlyMistakes] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function run(cases?: string): Promise<void> {
    setBusy(true);
    const answer = await api.evaluate(locale, cases);
    setBusy(false);
    setReport(answer.ok ? answer.value : undefined);
    setFailure(answer.ok ? undefined : answer.code === 'EntryNotFound' ? { title: words.noCases, problems: [] } : failureOf(words, answer));
  }

  const rows = report?.cases.filter((c) => !onlyMistakes || !c.correct) ?? [];
  const figures = report
    ? ([
        [words.figCases, String(report.n)],
        [words.figAccuracy, words.percent(report.accuracy)],
        [words.figReachable, words.percent(report.reachable)],
        [words.figRankedFirst, words.percent(report.rankedFirst)],
        [words.figOutOfScope, words.percent(report.outOfScopeRecall)],
        [words.figWrong, words.percent(report.wrongAnswerRate)],
      ] as const)
    : [];
  const entryLabel = (entryId: string | undefined, question: string | undefined) => (entryId === undefined || entryId === 'none' ? words.none : `#${entryId}${question ? ` ${question}` : ''}`);

  return (
    <section className="kb-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{words.evalTitle}</h3>
      <p className="kb-hint">{words.evalIntro}</p>
      <div className="kb-inline">
        <LocaleSelect words={words} value={locale} onChange={setLocale} />
        <button type="button" className="kb-primary" disabled={busy} onClick={() => void run()}>
          {words.evalOwn}
        </button>
        <span className="kb-field">
          <label htmlFor={`${id}-file`}>{words.evalFile}</label>
          <input id={`${id}-file`} type="file" accept=".tsv,.txt,text/tab-separated-values" onChange={(e) => setFile(e.target.files?.[0])} />
        </span>
        <button type="button" disabled={busy || !file} onClick={() => void file?.text().then(run)}>
          {words.evalUpload}
        </button>
      </div>
      {failure && <ProblemList words={words} problems={failure.problems} title={failure.title} />}
      {report && (
        <div aria-live="polite">
          <p className="kb-hint">{words.evalSource(report.source)}</p>
          <dl className="kb-figures" aria-label={words.figures}>
            {figures.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <label className="kb-check">
            <input type="checkbox" checked={onlyMistakes} onChange={(e) => setOnlyMistakes(e.target.checked)} /> {words.onlyMistakes}
          </label>
          <table className="kb-table">
            <caption>{words.figures}</caption>
            <thead>
              <tr>
                <th scope="col" className="kb-num">{words.line}</th>
                <th scope="col">{words.question}</th>
                <th scope="col">{words.expected}</th>
                <th scope="col">{words.got}</th>
                <th scope="col">{words.decision}</th>
                <th scope="col" className="kb-num">{words.confidence}</th>
                <th scope="col">{words.result}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.line} className={c.correct ? undefined : 'kb-miss'}>
                  <td className="kb-num">{c.line}</td>
                  <td>{c.query}</td>
                  <td>{entryLabel(c.expected, c.expectedQuestion)}</td>
                  <td>{entryLabel(c.got, c.gotQuestion)}</td>
                  <td>{words.decisions[c.decision]}</td>
                  <td className="kb-num">{words.percent(c.confidence)}</td>
                  <td>{c.correct ? words.correct : c.reached ? words.reached : words.wrong}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
