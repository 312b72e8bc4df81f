/** Lists and mappings in a settings form: items added and removed, mapping keys renamed in place. */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { Language } from '../../strings';
import { fieldId, getAt, pathText, problemsAt } from './documentPath';
import type { Path } from './documentPath';
import { FieldProblems, useForm } from './fields';
import { settingsStrings } from './settingsStrings';

/**
 * The items of a list, each rendered by `item` in its own group, with Remove, and Add at the end
 * (which appends `fresh()` and puts the keyboard in its first field).
 */
export function ItemList({ at, language, legend, itemTitle, addLabel, fresh, item }: { at: Path; language: Language; legend: string; itemTitle: (value: Record<string, unknown>, index: number) => string; addLabel: string; fresh: () => unknown; item: (at: Path, index: number) => ReactNode }) {
  const w = settingsStrings[language];
  const form = useForm();
  const items = (getAt(form.doc, at) as Record<string, unknown>[] | undefined) ?? [];
  const id = fieldId(form.idPrefix, pathText(at));
  const own = form.problems.filter((p) => p.path === pathText(at));
  const list = useRef<HTMLFieldSetElement>(null);
  const added = useRef(false);
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    list.current?.querySelector<HTMLElement>(':scope > .item:last-of-type :is(input, select, textarea)')?.focus();
  }, [items.length]);
  return (
    <fieldset className="item-list" id={id} tabIndex={-1} ref={list}>
      <legend>{legend}</legend>
      <FieldProblems id={id} problems={own} />
      {items.map((value, index) => {
        const title = itemTitle(value ?? {}, index);
        return (
          <section key={index} className="item" aria-label={title}>
            <div className="item-head">
              <h4>{title}</h4>
              <button type="button" className="link" disabled={form.readOnly} onClick={() => form.set(at, items.filter((_, k) => k !== index))} aria-label={w.removeItem(title)}>
                {w.remove}
              </button>
            </div>
            <div className="item-fields">{item([...at, index], index)}</div>
          </section>
        );
      })}
      <button
        type="button"
        disabled={form.readOnly}
        onClick={() => {
          added.current = true;
          form.set(at, [...items, fresh()]);
        }}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}

/**
 * A mapping shown as rows of key → value (topic → queue, topic → reason): the key is typed, the value
 * chosen; renaming a key keeps the row's place.
 */
export function MapRows({ at, language, legend, keyLabel, valueLabel, options, addLabel, hint }: { at: Path; language: Language; legend: string; keyLabel: string; valueLabel: string; options: readonly { value: string; label: string }[]; addLabel: string; hint?: string }) {
  const w = settingsStrings[language];
  const form = useForm();
  const map = (getAt(form.doc, at) as Record<string, string> | undefined) ?? {};
  const entries = Object.entries(map);
  const write = (next: [string, string][]) => form.set(at, Object.fromEntries(next));
  const fresh = () => {
    let n = entries.length + 1;
    while (`topic-${n}` in map) n += 1;
    return `topic-${n}`;
  };
  return (
    <fieldset className="map-rows" id={fieldId(form.idPrefix, pathText(at))} tabIndex={-1}>
      <legend>{legend}</legend>
      {hint && <small className="field-hint">{hint}</small>}
      <table>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col">{valueLabel}</th>
            <th scope="col">
              <span className="visually-hidden">{w.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([key, value], index) => {
            const id = fieldId(form.idPrefix, pathText([...at, key]));
            const problems = problemsAt(form.problems, pathText([...at, key]));
            return (
              <tr key={index} className={problems.length > 0 ? 'has-problem' : undefined}>
                <td>
                  <input type="text" value={key} readOnly={form.readOnly} aria-label={`${keyLabel} ${index + 1}`} onChange={(e) => write(entries.map(([k, v], i) => (i === index ? [e.target.value, v] : [k, v])))} />
                </td>
                <td>
                  <select id={id} value={value} disabled={form.readOnly} aria-label={`${valueLabel}: ${key}`} aria-invalid={problems.length > 0 || undefined} aria-describedby={problems.length > 0 ? `${id}-problems` : undefined} onChange={(e) => write(entries.map(([k, v], i) => (i === index ? [k, e.target.value] : [k, v])))}>
                    {[...options, ...(options.some((o) => o.value === value) ? [] : [{ value, label: value }])].map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  <FieldProblems id={id} problems={problems} />
                </td>
                <td>
                  <button type="button" className="link" disabled={form.readOnly} onClick={() => write(entries.filter((_, i) => i !== index))} aria-label={w.removeItem(key)}>
                    {w.remove}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" disabled={form.readOnly || options.length === 0} onClick={() => write([...entries, [fresh(), options[0]?.value ?? '']])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
