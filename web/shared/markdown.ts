import MarkdownIt from 'markdown-it';

/**
 * Markdown as Web Chat shows a bot's message (markdown-it, bare links and typographic quotes), but with
 * raw HTML off, so what an editor types or a bot sends cannot run in the studio or the agent workspace.
 * Images become links: neither app's policy loads images from elsewhere. Links open in a new tab.
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

/** `text` as safe HTML: Markdown rendered, any HTML in it shown as text. */
export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
