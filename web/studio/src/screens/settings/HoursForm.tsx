import type { Language } from '../../strings';
import { fieldId, getAt, pathText, problemsAt } from './documentPath';
import type { Path } from './documentPath';
import { FieldProblems, SelectField, useForm } from './fields';
import { settingsStrings } from './settingsStrings';

type Hours = 'always' | { time_zone?: string; weekly?: Record<string, string[]>; holidays?: string[] };
interface Queue {
  id?: string;
  names?: Record<string, string>;
  hours?: Hours;
}

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** When each queue is staffed: around the clock, or a time zone, opening hours per day and closed dates. */
export function HoursForm({ language, timeZones }: { language: Language; timeZones: readonly string[] }) {
  const w = settingsStrings[language];
  const form = useForm();
  const queues = (getAt(form.doc, ['queues']) as Queue[] | undefined) ?? [];
  return (
    <div className="hours">
      {queues.map((queue, index) => (
        <QueueHours key={index} language={language} queue={queue} at={['queues', index, 'hours']} timeZones={timeZones} title={`${queue.names?.[language] ?? queue.id ?? ''} (${queue.id ?? w.newQueue})`} />
      ))}
      {queues.length === 0 && <p>{w.noQueues}</p>}
    </div>
  );
}

function QueueHours({ language, queue, at, timeZones, title }: { language: Language; queue: Queue; at: Path; timeZones: readonly string[]; title: string }) {
  const w = settingsStrings[language];
  const form = useForm();
  const always = queue.hours === 'always' || queue.hours === undefined;
  const hours = typeof queue.hours === 'object' ? queue.hours : {};
  const alwaysId = fieldId(form.idPrefix, pathText(at));
  const zones = timeZones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const toggle = (on: boolean) =>
    form.set(at, on ? 'always' : { time_zone: localZone, weekly: Object.fromEntries(weekdays.slice(0, 5).map((d) => [d, ['09:00-17:00']])), holidays: [] });
  return (
    <section className="queue-hours" aria-label={title}>
      <h4>{title}</h4>
      <div className="field inline">
        <input id={alwaysId} type="checkbox" checked={always} disabled={form.readOnly} onChange={(e) => toggle(e.target.checked)} />
        <label htmlFor={alwaysId}>{w.alwaysOpen}</label>
      </div>
      <FieldProblems id={alwaysId} problems={problemsAt(form.problems, pathText(at)).filter((p) => p.path === pathText(at))} />
      {!always && (
        <>
          <SelectField at={[...at, 'time_zone']} label={w.timeZone} options={zones} empty={w.chooseTimeZone} hint={w.timeZoneHint} />
          <WeeklyHours language={language} at={[...at, 'weekly']} weekly={hours.weekly ?? {}} />
          <Holidays language={language} at={[...at, 'holidays']} holidays={hours.holidays ?? []} />
        </>
      )}
    </section>
  );
}

function WeeklyHours({ language, at, weekly }: { language: Language; at: Path; weekly: Record<string, string[]> }) {
  const w = settingsStrings[language];
  const form = useForm();
  const id = fieldId(form.idPrefix, pathText(at));
  const own = form.problems.filter((p) => p.path === pathText(at));
  const setDay = (day: string, spans: string[]) => form.set([...at, day], spans.length === 0 ? undefined : spans);
  return (
    <fieldset className="weekly" id={id} tabIndex={-1} aria-describedby={own.length > 0 ? `${id}-problems` : undefined}>
      <legend>{w.weeklyHours}</legend>
      <table>
        <tbody>
          {weekdays.map((day) => {
            const spans = weekly[day] ?? [];
            return (
              <tr key={day}>
                <th scope="row">{w.weekday[day]}</th>
                <td>
                  {spans.length === 0 && <span className="closed">{w.closedAllDay}</span>}
                  {spans.map((span, j) => (
                    <SpanRow key={j} language={language} day={w.weekday[day]} at={[...at, day, j]} span={span} onChange={(next) => setDay(day, spans.map((s, k) => (k === j ? next : s)))} onRemove={() => setDay(day, spans.filter((_, k) => k !== j))} />
                  ))}
                </td>
                <td className="actions">
                  <button type="button" disabled={form.readOnly} onClick={() => setDay(day, [...spans, spans.length === 0 ? '09:00-17:00' : '18:00-20:00'])} aria-label={w.addSpanFor(w.weekday[day])}>
                    {w.addSpan}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <small className="field-hint">{w.weeklyHint}</small>
      <FieldProblems id={id} problems={own} />
    </fieldset>
  );
}

function SpanRow({ language, day, at, span, onChange, onRemove }: { language: Language; day: string; at: Path; span: string; onChange: (span: string) => void; onRemove: () => void }) {
  const w = settingsStrings[language];
  const form = useForm();
  const id = fieldId(form.idPrefix, pathText(at));
  const problems = problemsAt(form.problems, pathText(at));
  const cut = span.indexOf('-');
  const [start, end] = cut < 0 ? [span, ''] : [span.slice(0, cut), span.slice(cut + 1)];
  const described = problems.length > 0 ? `${id}-problems` : undefined;
  return (
    <div className={`span${problems.length > 0 ? ' has-problem' : ''}`}>
      <input id={id} type="text" inputMode="numeric" placeholder="09:00" size={5} value={start} readOnly={form.readOnly} aria-label={w.opensAt(day)} aria-invalid={problems.length > 0 || undefined} aria-describedby={described} onChange={(e) => onChange(`${e.target.value.trim()}-${end}`)} />
      <span aria-hidden="true">–</span>
      <input id={`${id}-end`} type="text" inputMode="numeric" placeholder="17:00" size={5} value={end} readOnly={form.readOnly} aria-label={w.closesAt(day)} aria-invalid={problems.length > 0 || undefined} aria-describedby={described} onChange={(e) => onChange(`${start}-${e.target.value.trim()}`)} />
      <button type="button" className="link" disabled={form.readOnly} onClick={onRemove} aria-label={w.removeSpanOf(day, span)}>
        {w.remove}
      </button>
      <FieldProblems id={id} problems={problems} />
    </div>
  );
}

function Holidays({ language, at, holidays }: { language: Language; at: Path; holidays: string[] }) {
  const w = settingsStrings[language];
  const form = useForm();
  const id = fieldId(form.idPrefix, pathText(at));
  const today = new Date().toISOString().slice(0, 10);
  return (
    <fieldset className="holidays" id={id} tabIndex={-1}>
      <legend>{w.holidays}</legend>
      <small className="field-hint">{w.holidaysHint}</small>
      <ul>
        {holidays.map((date, j) => {
          const dateId = fieldId(form.idPrefix, pathText([...at, j]));
          const problems = problemsAt(form.problems, pathText([...at, j]));
          return (
            <li key={j}>
              <input id={dateId} type="date" value={date} readOnly={form.readOnly} aria-label={w.closedOn(j + 1)} aria-invalid={problems.length > 0 || undefined} onChange={(e) => form.set([...at, j], e.target.value)} />
              <button type="button" className="link" disabled={form.readOnly} onClick={() => form.set(at, holidays.filter((_, k) => k !== j))} aria-label={w.removeHoliday(date)}>
                {w.remove}
              </button>
              <FieldProblems id={dateId} problems={problems} />
            </li>
          );
        })}
      </ul>
      <button type="button" disabled={form.readOnly} onClick={() => form.set(at, [...holidays, today])}>
        {w.addHoliday}
      </button>
    </fieldset>
  );
}
