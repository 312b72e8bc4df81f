/**
 * The settings forms' fields: each is bound to a place in the document, labelled, and shows the
 * problems the server found there right under it (linked with aria-describedby, so a screen reader
 * reads them with the field).
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { fieldId, getAt, pathText, problemsAt } from './documentPath';
import type { Path } from './documentPath';
import type { SettingsProblem } from './settingsApi';

/** What every field of one form shares: the document, how to change it, its problems. */
export interface FormState {
  readonly doc: unknown;
  readonly set: (path: Path, value: unknown) => void;
  readonly problems: readonly SettingsProblem[];
  readonly readOnly: boolean;
  /** Makes field ids unique per form (`routing`, `hours`, ...). */
  readonly idPrefix: string;
}

/** The form a field belongs to; provided by the settings editor. */
export const FormContext = createContext<FormState | undefined>(undefined);

/** The form's state (inside a {@link FormContext}). */
export function useForm(): FormState {
  const form = useContext(FormContext);
  if (!form) throw new Error('A settings field is used outside its form');
  return form;
}

function useField(at: Path) {
  const form = useForm();
  const yamlPath = pathText(at);
  const id = fieldId(form.idPrefix, yamlPath);
  const problems = problemsAt(form.problems, yamlPath);
  return { form, id, value: getAt(form.doc, at), problems, described: problems.length > 0 ? `${id}-problems` : undefined };
}

/** The problems of one field, under it. */
export function FieldProblems({ id, problems }: { id: string; problems: readonly SettingsProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems" id={`${id}-problems`}>
      {problems.map((p, i) => (
        <li key={i}>{p.message}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  readonly at: Path;
  readonly label: string;
  readonly hint?: string;
  readonly className?: string;
}

function Labelled({ id, label, hint, className, problems, children }: { id: string; label: string; hint?: string | undefined; className?: string | undefined; problems: readonly SettingsProblem[]; children: ReactNode }) {
  return (
    <div className={`field${problems.length > 0 ? ' has-problem' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small className="field-hint">{hint}</small>}
      <FieldProblems id={id} problems={problems} />
    </div>
  );
}

/** A line of text (or several, `multiline`). Empty removes the setting when `optional`. */
export function TextField({ at, label, hint, className, multiline, optional, placeholder }: FieldProps & { multiline?: boolean; optional?: boolean; placeholder?: string }) {
  const { form, id, value, problems, described } = useField(at);
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const change = (next: string) => form.set(at, optional && next === '' ? undefined : next);
  const common = { id, value: text, readOnly: form.readOnly, 'aria-invalid': problems.length > 0 || undefined, 'aria-describedby': described, placeholder };
  return (
    <Labelled id={id} label={label} hint={hint} className={className} problems={problems}>
      {multiline ? <textarea {...common} rows={3} onChange={(e) => change(e.target.value)} /> : <input {...common} type="text" onChange={(e) => change(e.target.value)} />}
    </Labelled>
  );
}

/** A number; empty removes the setting (its default applies). */
export function NumberField({ at, label, hint, className, step, placeholder }: FieldProps & { step?: number; placeholder?: string }) {
  const { form, id, value, problems, described } = useField(at);
  return (
    <Labelled id={id} label={label} hint={hint} className={className} problems={problems}>
      <input
        id={id}
        type="number"
        step={step ?? 'any'}
        placeholder={placeholder}
        value={typeof value === 'number' ? value : ''}
        readOnly={form.readOnly}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={described}
        onChange={(e) => form.set(at, Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
      />
    </Labelled>
  );
}

/** A list of short words, typed comma-separated. Empty removes the setting unless `keepEmpty`. */
export function ListField({ at, label, hint, className, keepEmpty }: FieldProps & { keepEmpty?: boolean }) {
  const { form, id, value, problems, described } = useField(at);
  const text = Array.isArray(value) ? value.join(', ') : '';
  const change = (next: string) => {
    const items = next.split(',').map((s) => s.trim());
    const kept = items.filter((s, i) => s !== '' || i === items.length - 1);
    form.set(at, kept.length === 1 && kept[0] === '' ? (keepEmpty ? [] : undefined) : kept);
  };
  return (
    <Labelled id={id} label={label} hint={hint} className={className} problems={problems}>
      <input id={id} type="text" value={text} readOnly={form.readOnly} aria-invalid={problems.length > 0 || undefined} aria-describedby={described} onChange={(e) => change(e.target.value)} onBlur={() => Array.isArray(value) && form.set(at, value.length === 0 && !keepEmpty ? undefined : value.filter((s) => s !== ''))} />
    </Labelled>
  );
}

/** A list of phrases, one a line. */
export function LinesField({ at, label, hint, className }: FieldProps) {
  const { form, id, value, problems, described } = useField(at);
  const text = Array.isArray(value) ? value.join('\n') : '';
  return (
    <Labelled id={id} label={label} hint={hint} className={className} problems={problems}>
      <textarea id={id} rows={4} value={text} readOnly={form.readOnly} aria-invalid={problems.length > 0 || undefined} aria-describedby={described} onChange={(e) => form.set(at, e.target.value === '' ? [] : e.target.value.split('\n'))} onBlur={() => Array.isArray(value) && form.set(at, value.filter((s) => String(s).trim() !== ''))} />
    </Labelled>
  );
}

/** One of a few values; `empty` names the choice that removes the setting. */
export function SelectField({ at, label, hint, className, options, empty }: FieldProps & { options: readonly { value: string; label: string }[]; empty?: string }) {
  const { form, id, value, problems, described } = useField(at);
  const current = typeof value === 'string' ? value : '';
  const known = options.some((o) => o.value === current) || current === '' ? options : [...options, { value: current, label: current }];
  return (
    <Labelled id={id} label={label} hint={hint} className={className} problems={problems}>
      <select id={id} value={current} disabled={form.readOnly} aria-invalid={problems.length > 0 || undefined} aria-describedby={described} onChange={(e) => form.set(at, e.target.value === '' ? undefined : e.target.value)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {known.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** Several of a few values, as checkboxes. None removes the setting unless `keepEmpty`. */
export function ChecksField({ at, label, hint, className, options, keepEmpty }: FieldProps & { options: readonly { value: string; label: string }[]; keepEmpty?: boolean }) {
  const { form, id, value, problems, described } = useField(at);
  const chosen = Array.isArray(value) ? (value as unknown[]).map(String) : [];
  const all = [...options, ...chosen.filter((c) => !options.some((o) => o.value === c)).map((c) => ({ value: c, label: c }))];
  const toggle = (v: string, on: boolean) => {
    const next = on ? [...chosen, v] : chosen.filter((c) => c !== v);
    form.set(at, next.length === 0 && !keepEmpty ? undefined : all.map((o) => o.value).filter((o) => next.includes(o)));
  };
  return (
    <fieldset id={id} className={`field checks${problems.length > 0 ? ' has-problem' : ''}${className ? ` ${className}` : ''}`} aria-describedby={described} tabIndex={-1}>
      <legend>{label}</legend>
      {all.map((o) => (
        <label key={o.value}>
          <input type="checkbox" checked={chosen.includes(o.value)} disabled={form.readOnly} onChange={(e) => toggle(o.value, e.target.checked)} /> {o.label}
        </label>
      ))}
      {hint && <small className="field-hint">{hint}</small>}
      <FieldProblems id={id} problems={problems} />
    </fieldset>
  );
}
