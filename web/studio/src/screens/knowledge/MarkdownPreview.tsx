import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';

/**
 * Markdown as Web Chat shows an answer (markdown-it, bare links and typographic quotes), but with raw
 * HTML off, so what an editor types cannot run in the studio. Images become links: the studio's
 * policy loads none from elsewhere.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
markdown.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = String(token?.attrGet('src') ?? '');
  const alt = token ? self.renderInlineAsText(token.children ?? [], options, env) : '';
  const escape = markdown.utils.escapeHtml;
  return `<a href="${escape(src)}" target="_blank" rel="noopener noreferrer">${escape(alt || src)}</a>`;
};
const defaultLink = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet('target', '_blank');
  tokens[idx]?.attrSet('rel', 'noopener noreferrer');
  return defaultLink(tokens, idx, options, env, self);
};

/** The rendered answer, labelled for assistive technology. */
export function MarkdownPreview({ text, label }: { text: string; label: string }) {
  const html = useMemo(() => markdown.render(text), [text]);
  return <div className="kb-preview" role="region" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
