/**
 * Markdown rendered the way Web Chat renders it, for tests that prove what an agent's screen shows:
 * markdown-it resolved from botframework-webchat (the version Web Chat bundles) with Web Chat 4.18's
 * options from its renderMarkdown.ts (raw HTML on, bare URLs linkified, typographic quotes).
 */
import { createRequire } from 'node:module';
import path from 'node:path';

/** The part of markdown-it the tests use (the package ships no types). */
interface MarkdownIt {
  render(markdown: string): string;
}

const load = createRequire(__filename);
const MarkdownItClass = load(load.resolve('markdown-it', { paths: [path.dirname(load.resolve('botframework-webchat'))] })) as new (options: object) => MarkdownIt;
const webChat = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });
const literal = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: false });

/** HTML as Web Chat would produce it for a message or an Adaptive Card text (before its sanitiser). */
export function renderLikeWebChat(markdown: string): string {
  return webChat.render(markdown);
}

/** The same without typographic replacements, to compare what is shown with what was typed. */
export function renderLiterally(markdown: string): string {
  return literal.render(markdown);
}

/** What a person reads in rendered HTML: tags dropped, entities decoded, invisible joiners removed. */
export function readText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\u2060/g, '')
    .trim();
}

/** Every Markdown text of an Adaptive Card: text blocks, fact titles and values. */
export function cardMarkdown(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const n = node as Record<string, unknown>;
      if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
      if (n.type === 'FactSet' && Array.isArray(n.facts)) for (const f of n.facts as { title?: unknown; value?: unknown }[]) out.push(String(f.title ?? ''), String(f.value ?? ''));
      for (const value of Object.values(n)) if (typeof value === 'object') walk(value);
    }
  };
  walk(card);
  return out;
}
