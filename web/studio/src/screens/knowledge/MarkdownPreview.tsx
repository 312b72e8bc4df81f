import { MarkdownText } from '../../../../shared/MarkdownText';

/** The rendered answer, as Web Chat would show it (raw HTML off), labelled for assistive technology. */
export function MarkdownPreview({ text, label }: { text: string; label: string }) {
  return <MarkdownText text={text} className="kb-preview" role="region" aria-label={label} />;
}
