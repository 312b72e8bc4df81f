/**
 * What one line of a `.qna` file is, per the Bot Framework `.qna` format (botframework-cli
 * `qna-file-format.md`): questions, alternates, ids, filters, prompts, answer fences, alterations,
 * references and comments.
 */

/** One classified `.qna` line (outside an answer fence). */
export type QnaLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'comment' }
  | { readonly kind: 'question'; readonly text: string }
  | { readonly kind: 'heading' }
  | { readonly kind: 'anchor'; readonly id: string }
  | { readonly kind: 'badAnchor' }
  | { readonly kind: 'filters' }
  | { readonly kind: 'prompts' }
  | { readonly kind: 'fence'; readonly marker: string; readonly indent: string }
  | { readonly kind: 'alterations'; readonly canonical: string }
  | { readonly kind: 'reference'; readonly text: string; readonly target: string }
  | { readonly kind: 'item'; readonly text: string }
  | { readonly kind: 'text' };

const questionLine = /^#{1,6}\s*\?\s*(.*)$/;
const anchorLine = /^<a\s+id\s*=\s*(["'])(.*?)\1\s*\/?>\s*(<\/a>)?$/i;
const filtersLine = /^\*{2,3}filters:\*{2,3}$/i;
const promptsLine = /^\*{2,3}prompts:\*{2,3}$/i;
const fenceLine = /^(`{3,}|~{3,})\s*[\w+-]*$/;
const alterationsLine = /^\$\s*([^:]*?)\s*:\s*qna-alterations?\s*=$/i;
const referenceLine = /^\[([^\]]*)\]\(\s*([^)]*?)\s*\)$/;

/** Classifies a line that is not inside an answer fence. */
export function classifyQnaLine(raw: string): QnaLine {
  const line = raw.trim();
  if (line === '') return { kind: 'blank' };
  if (line.startsWith('>')) return { kind: 'comment' };
  let m = questionLine.exec(line);
  if (m) return { kind: 'question', text: (m[1] ?? '').trim() };
  if (line.startsWith('#')) return { kind: 'heading' };
  m = anchorLine.exec(line);
  if (m) return { kind: 'anchor', id: (m[2] ?? '').trim() };
  if (/^<a\s/i.test(line)) return { kind: 'badAnchor' };
  if (filtersLine.test(line)) return { kind: 'filters' };
  if (promptsLine.test(line)) return { kind: 'prompts' };
  m = fenceLine.exec(line);
  if (m) return { kind: 'fence', marker: m[1] ?? '```', indent: /^\s*/.exec(raw)?.[0] ?? '' };
  m = alterationsLine.exec(line);
  if (m) return { kind: 'alterations', canonical: (m[1] ?? '').trim() };
  m = referenceLine.exec(line);
  if (m) return { kind: 'reference', text: (m[1] ?? '').trim(), target: m[2] ?? '' };
  m = /^-(?:\s+(.*))?$/.exec(line);
  if (m) return { kind: 'item', text: (m[1] ?? '').trim() };
  return { kind: 'text' };
}

/** True when `raw` closes a fence opened with `marker` (same character, at least as long). */
export function closesFence(raw: string, marker: string): boolean {
  const line = raw.trim();
  const char = marker[0] ?? '`';
  return line.length >= marker.length && [...line].every((c) => c === char);
}

/** A parsed `- [text](#target)` prompt item; `question` is set for the `(#?question)` form. */
export type QnaPromptItem =
  | { readonly ok: true; readonly displayText: string; readonly id?: string; readonly question?: string; readonly contextOnly: boolean }
  | { readonly ok: false };

/** Parses the text of a list item under `**Prompts:**`. */
export function parsePromptItem(text: string): QnaPromptItem {
  const m = /^\[(.*)\]\(\s*#(.*?)\s*\)\s*(`context-only`)?$/i.exec(text);
  if (!m) return { ok: false };
  const displayText = (m[1] ?? '').trim();
  const target = (m[2] ?? '').trim();
  const contextOnly = m[3] !== undefined;
  if (target.startsWith('?')) return { ok: true, displayText, question: target.slice(1).trim(), contextOnly };
  return { ok: true, displayText, id: target, contextOnly };
}

/**
 * The form a question takes when matching a `(#?question)` link: lower-case, hyphens and runs of
 * space as one space, punctuation dropped (`#?how-much-is-it` finds "How much is it?").
 */
export function questionLinkKey(question: string): string {
  return question
    .toLowerCase()
    .replace(/[?？!！.。,，:：;；'"‘’“”]/g, '')
    .replace(/[-\s]+/g, ' ')
    .trim();
}

/** Shortens a line for quoting in an error message. */
export function quoteLine(raw: string): string {
  const line = raw.trim();
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line);
}
