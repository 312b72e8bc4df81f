/**
 * Writes knowledge as a QnA Maker TSV export (`Question  Answer  Source  Metadata  SuggestedQuestions
 * IsContextOnly  Prompts  QnaId`, one row per question), which {@link parseQnaMakerTsv} and QnA Maker
 * read back. Cells with a tab, a line break or a quote are quoted, quotes doubled.
 */
import type { EditableEntry } from './editableEntry';

const header = ['Question', 'Answer', 'Source', 'Metadata', 'SuggestedQuestions', 'IsContextOnly', 'Prompts', 'QnaId'];

function cell(value: string): string {
  return /[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Entries as TSV text; `source` fills the Source column; `contextOnly` lists the ids only reachable as follow-ups. */
export function formatQnaMakerTsv(entries: readonly EditableEntry[], source: string, contextOnly: ReadonlySet<string> = new Set()): string {
  const rows = [header.join('\t')];
  for (const entry of entries) {
    const metadata = Object.entries(entry.metadata)
      .map(([k, v]) => `${k}:${v}`)
      .join('|');
    const prompts = entry.prompts.length === 0 ? '' : JSON.stringify(entry.prompts.map((p, i) => ({ displayOrder: i, qnaId: /^\d+$/.test(p.entryId) ? Number(p.entryId) : p.entryId, displayText: p.displayText, contextOnly: p.contextOnly })));
    for (const question of entry.questions) {
      rows.push([question, entry.answer, source, metadata, '[]', contextOnly.has(entry.id) ? 'true' : 'false', prompts, entry.id].map(cell).join('\t'));
    }
  }
  return `${rows.join('\n')}\n`;
}
