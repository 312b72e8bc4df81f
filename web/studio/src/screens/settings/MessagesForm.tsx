import { useId, useState } from 'react';
import type { Language } from '../../strings';
import { fieldId, getAt, pathText, problemsAt } from './documentPath';
import { FieldProblems, useForm } from './fields';
import { settingsStrings } from './settingsStrings';

const locales = ['en-US', 'zh-CN'] as const;

/** The message catalogue: every key with its English and Chinese text side by side, filtered by key or text. */
export function MessagesForm({ language, keys }: { language: Language; keys: readonly { key: string; placeholders: readonly string[] }[] }) {
  const w = settingsStrings[language];
  const form = useForm();
  const [filter, setFilter] = useState('');
  const [onlyProblems, setOnlyProblems] = useState(false);
  const filterId = useId();
  const needle = filter.trim().toLowerCase();
  const textOf = (locale: string, key: string) => getAt(form.doc, [locale, ...key.split('.')]);
  const problemsOf = (key: string) => locales.flatMap((l) => problemsAt(form.problems, pathText([l, ...key.split('.')])));
  const shown = keys.filter(
    ({ key }) =>
      (!needle || key.toLowerCase().includes(needle) || locales.some((l) => String(textOf(l, key) ?? '').toLowerCase().includes(needle))) && (!onlyProblems || problemsOf(key).length > 0),
  );
  return (
    <div className="messages">
      <div className="messages-filter">
        <label htmlFor={filterId}>{w.filterMessages}</label>
        <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={w.filterPlaceholder} />
        <label>
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> {w.onlyProblems}
        </label>
        <span role="status">{w.shownOf(shown.length, keys.length)}</span>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">{w.messageKey}</th>
            <th scope="col">English (en-US)</th>
            <th scope="col">简体中文 (zh-CN)</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ key, placeholders }) => (
            <tr key={key}>
              <th scope="row">
                <code>{key}</code>
                {placeholders.length > 0 && <small className="field-hint">{w.placeholders(placeholders.map((p) => `{${p}}`).join(' '))}</small>}
              </th>
              {locales.map((locale) => {
                const at = [locale, ...key.split('.')];
                const id = fieldId(form.idPrefix, pathText(at));
                const problems = problemsAt(form.problems, pathText(at));
                const value = textOf(locale, key);
                return (
                  <td key={locale} className={problems.length > 0 ? 'has-problem' : undefined}>
                    <textarea
                      id={id}
                      rows={Math.min(6, Math.max(2, Math.ceil(String(value ?? '').length / (locale === 'zh-CN' ? 24 : 44))))}
                      lang={locale}
                      value={typeof value === 'string' ? value : ''}
                      readOnly={form.readOnly}
                      aria-label={`${key} (${locale})`}
                      aria-invalid={problems.length > 0 || undefined}
                      aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
                      onChange={(e) => form.set(at, e.target.value)}
                    />
                    <FieldProblems id={id} problems={problems} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
