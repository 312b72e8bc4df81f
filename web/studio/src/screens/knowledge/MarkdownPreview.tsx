import { useMemo } from 'react';
import { renderMarkdown } from '../../../../shared/markdown';

/** The rendered answer, as Web Chat would show it (raw HTML off), labelled for assistive technology. */
export function MarkdownPreview({ text, label }: { text: string; label: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="kb-preview" role="region" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
