import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ScreenProps } from '../../screens';
import type { Language } from '../../strings';
import { fetchSummary, lastWeek, periodQuery } from './analyticsApi';
import type { AnalyticsSummary, PeriodChoice } from './analyticsApi';
import { AnalyticsCharts } from './AnalyticsCharts';
import { analyticsStrings, formats } from './analyticsStrings';
import './analytics.css';

type Loaded = { kind: 'loading' } | { kind: 'failed'; message?: string } | { kind: 'ready'; summary: AnalyticsSummary };

/** Analytics over a chosen period, by language and channel: figures, charts, the root-cause lists and a CSV export. */
export function AnalyticsScreen({ language }: ScreenProps) {
  const words = analyticsStrings[language];
  const [choice, setChoice] = useState<PeriodChoice>(() => lastWeek());
  const [shown, setShown] = useState<PeriodChoice>(choice);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const ids = { from: useId(), to: useId(), locale: useId(), channel: useId() };

  useEffect(() => {
    let current = true;
    setLoaded({ kind: 'loading' });
    void fetchSummary(shown).then((r) => {
      if (current) setLoaded(r.ok ? { kind: 'ready', summary: r.summary } : { kind: 'failed', ...(r.message ? { message: r.message } : {}) });
    });
    return () => {
      current = false;
    };
  }, [shown]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown({ ...choice });
  };
  const summary = loaded.kind === 'ready' ? loaded.summary : undefined;

  return (
    <section className="analytics" aria-labelledby="analytics-title">
      <h2 id="analytics-title">{words.title}</h2>
      <form className="period" onSubmit={submit} aria-label={words.period}>
        <label htmlFor={ids.from}>{words.from}</label>
        <input id={ids.from} type="date" required value={choice.from} onChange={(e) => setChoice({ ...choice, from: e.target.value })} />
        <label htmlFor={ids.to}>{words.to}</label>
        <input id={ids.to} type="date" required value={choice.to} onChange={(e) => setChoice({ ...choice, to: e.target.value })} />
        <Choice id={ids.locale} label={words.language} all={words.all} value={choice.locale} seen={summary?.locales} onChange={(locale) => setChoice({ ...choice, locale })} />
        <Choice id={ids.channel} label={words.channel} all={words.all} value={choice.channel} seen={summary?.channels} onChange={(channel) => setChoice({ ...choice, channel })} />
        <button type="submit">{words.show}</button>
        <a className="csv" href={`/api/analytics/export.csv?${periodQuery(shown)}`} download>
          {words.downloadCsv}
        </a>
      </form>
      {loaded.kind === 'loading' && <p aria-busy="true">{words.loading}</p>}
      {loaded.kind === 'failed' && <p role="alert">{loaded.message ?? words.unavailable}</p>}
      {summary && <Figures summary={summary} language={language} />}
    </section>
  );
}

/** A filter: "all", the values seen in the period, and the one chosen (even when the period has none of it). */
function Choice({ id, label, all, value, seen, onChange }: { id: string; label: string; all: string; value: string; seen: readonly string[] | undefined; onChange: (value: string) => void }) {
  const values = [...new Set([...(seen ?? []), ...(value ? [value] : [])])];
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </>
  );
}

function Figures({ summary: s, language }: { summary: AnalyticsSummary; language: Language }) {
  const words = analyticsStrings[language];
  const f = formats(language);
  const tiles: { id: string; label: string; value: string; note: string }[] = [
    { id: 'conversations', label: words.conversations, value: String(s.conversations), note: '' },
    { id: 'containment', label: words.containment, value: f.percent(s.containmentRate), note: words.ofConversations(s.contained, s.conversations) },
    { id: 'resolution', label: words.resolutionRate, value: f.percent(s.resolution.rate), note: words.answers(s.resolution.resolved, s.resolution.notResolved) },
    { id: 'csat', label: words.csat, value: f.decimal(s.csat.average), note: words.ratings(s.csat.count) },
    { id: 'escalations', label: words.escalations, value: String(s.escalations.total), note: words.handoffs(s.handoffs.accepted, s.handoffs.queued) },
    { id: 'wait', label: words.waitTime, value: f.seconds(s.handoffs.wait.averageSeconds), note: words.waitNote },
    { id: 'handle', label: words.handleTime, value: f.seconds(s.handoffs.handle.averageSeconds), note: '' },
  ];
  const lift = s.offers.lift;
  return (
    <>
      {s.conversations === 0 && <p className="empty">{words.noData}</p>}
      <dl className="tiles">
        {tiles.map((t) => (
          <div key={t.id} className="tile">
            <dt>{t.label}</dt>
            <dd data-metric={t.id}>{t.value}</dd>
            {t.note && <dd className="note">{t.note}</dd>}
          </div>
        ))}
      </dl>
      <AnalyticsCharts summary={s} language={language} />
      <p className="lift" data-metric="lift">
        {lift.relative === null ? words.noLift : words.lift(f.signedPercent(lift.relative), f.percent(lift.exposed), f.percent(lift.holdout))}
      </p>
      <div className="lists">
        <Table
          title={words.unansweredTitle}
          id="unanswered"
          headers={[words.question, words.count]}
          rows={s.unanswered.map((u) => [u.text, String(u.count)])}
          empty={words.none}
        />
        <Table
          title={words.notResolvedTitle}
          id="not-resolved"
          headers={[words.entry, words.topic, words.count]}
          rows={s.notResolved.map((n) => [n.entryId ?? '—', n.topic ?? '—', String(n.count)])}
          empty={words.none}
        />
        <Table
          title={words.byLanguageChannel}
          id="by-language-channel"
          headers={[words.language, words.channel, words.conversations]}
          rows={s.byLanguageAndChannel.map((b) => [b.locale || '—', b.channel, String(b.conversations)])}
          empty={words.none}
        />
      </div>
    </>
  );
}

function Table({ title, id, headers, rows, empty }: { title: string; id: string; headers: string[]; rows: string[][]; empty: string }) {
  return (
    <section className="list" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {rows.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <table data-list={id}>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
