/** The language a page speaks: remembered per page in localStorage (`key`), else the browser's; it sets the document's lang and title too. */
import { useEffect, useState } from 'react';
import { initialLanguage } from '../studio/src/strings';
import type { Language } from '../studio/src/strings';

export function usePageLanguage(key: string, titleOf: (language: Language) => string): [Language, (language: Language) => void] {
  const [language, setLanguage] = useState<Language>(() => initialLanguage(localStorage.getItem(key), navigator.languages));
  const title = titleOf(language);
  useEffect(() => {
    localStorage.setItem(key, language);
    document.documentElement.lang = language;
    document.title = title;
  }, [key, language, title]);
  return [language, setLanguage];
}
