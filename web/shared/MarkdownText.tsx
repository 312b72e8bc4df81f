import { useMemo } from 'react';
import type { HTMLAttributes } from 'react';
import { renderMarkdown } from './markdown';

/** `text` rendered as Markdown (raw HTML off), re-rendered only when the text changes. */
export function MarkdownText({ text, ...attributes }: { text: string } & Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'dangerouslySetInnerHTML'>) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div {...attributes} dangerouslySetInnerHTML={{ __html: html }} />;
}
