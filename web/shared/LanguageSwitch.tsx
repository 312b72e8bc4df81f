/** The language picker of the bot's pages (English, 简体中文). */
import { languages } from '../studio/src/strings';
import type { Language } from '../studio/src/strings';

export function LanguageSwitch({ label, language, onChange }: { label: string; language: Language; onChange: (l: Language) => void }) {
  return (
    <label className="language">
      {label}{' '}
      <select value={language} onChange={(e) => onChange(e.target.value as Language)}>
        {languages.map((l) => (
          <option key={l} value={l}>
            {l === 'en-US' ? 'English' : '简体中文'}
          </option>
        ))}
      </select>
    </label>
  );
}
