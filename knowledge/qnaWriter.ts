/**
 * Writes knowledge in the Bot Framework `.qna` format, in the order `bf qnamaker` writes it and
 * content/knowledge/README.md shows: id, question, alternates, filters, answer, prompts. What it
 * writes, {@link parseQna} reads back as the same entry.
 */
import type { EditableEntry } from './editableEntry';
import type { SynonymGroup } from './knowledgeBase';

/** A fence longer than any run of backticks that sits alone on a line of the answer, so none closes it early. */
function fenceFor(answer: string): string {
  let longest = 2;
  for (const line of answer.split('\n')) {
    const t = line.trim();
    if (/^`+$/.test(t)) longest = Math.max(longest, t.length);
  }
  return '`'.repeat(longest + 1);
}

/** One entry as `.qna` lines (no trailing newline). */
export function formatQnaEntry(entry: EditableEntry): string {
  const [main = '', ...alternates] = entry.questions;
  const lines = [`<a id = "${entry.id}"></a>`, '', `# ? ${main}`, ...alternates.map((q) => `- ${q}`)];
  const filters = Object.entries(entry.metadata);
  if (filters.length > 0) lines.push('', '**Filters:**', ...filters.map(([k, v]) => `- ${k} = ${v}`));
  const fence = fenceFor(entry.answer);
  lines.push('', `${fence}markdown`, entry.answer.trim(), fence);
  if (entry.prompts.length > 0) {
    lines.push('', '**Prompts:**', ...entry.prompts.map((p) => `- [${p.displayText}](#${p.entryId})${p.contextOnly ? ' `context-only`' : ''}`));
  }
  return lines.join('\n');
}

/** One synonym group as `.qna` lines (no trailing newline). */
export function formatQnaSynonyms(group: SynonymGroup): string {
  return [`$${group.canonical} : qna-alterations =`, ...group.alternates.map((a) => `- ${a}`)].join('\n');
}

/** A whole `.qna` file: an optional comment, the synonym groups, then the entries, a blank line apart. */
export function formatQnaFile(content: { readonly synonyms: readonly SynonymGroup[]; readonly entries: readonly EditableEntry[] }, comment?: string): string {
  const blocks = [
    ...(comment ? [comment.split('\n').map((l) => `> ${l}`.trimEnd()).join('\n')] : []),
    ...content.synonyms.map(formatQnaSynonyms),
    ...content.entries.map(formatQnaEntry),
  ];
  return `${blocks.join('\n\n')}\n`;
}
