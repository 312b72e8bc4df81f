import { useId } from 'react';
import { knowledgeLocales } from './knowledgeApi';
import type { KnowledgeLocale } from './knowledgeApi';
import type { KnowledgeWords } from './knowledgeStrings';

/** Which locale's knowledge a part of the screen works on. */
export function LocaleSelect({ words, value, onChange, label }: { words: KnowledgeWords; value: KnowledgeLocale; onChange: (l: KnowledgeLocale) => void; label?: string }) {
  const id = useId();
  return (
    <span className="kb-field">
      <label htmlFor={id}>{label ?? words.locale}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as KnowledgeLocale)}>
        {knowledgeLocales.map((l) => (
          <option key={l} value={l}>
            {words.localeName[l]}
          </option>
        ))}
      </select>
    </span>
  );
}
