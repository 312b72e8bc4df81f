/**
 * Reads a QnA Maker TSV export (`Question  Answer  Source  Metadata` and optionally
 * `SuggestedQuestions  IsContextOnly  Prompts  QnaId`) into plain knowledge entries. Rows that share
 * a QnaId (or, without that column, an answer) are one entry with several questions.
 */
import { parse } from 'csv-parse/sync';
import type { KnowledgeEntry, KnowledgePrompt } from './knowledgeBase';
import { KnowledgeProblemList } from './knowledgeErrors';
import type { ParsedQna } from './qnaParser';
import type { TsvPrompt } from './tsvFields';
import { parseTsvBoolean, parseTsvMetadata, parseTsvPrompts } from './tsvFields';

interface TsvRecord {
  readonly record: string[];
  readonly raw: string;
  readonly info: { readonly lines: number };
}

interface TsvGroup {
  readonly key: string;
  readonly line: number;
  readonly questions: string[];
  readonly answer: string;
  readonly metadata: Record<string, string>;
  prompts: TsvPrompt[];
  contextOnly: boolean;
}

/** First line of a record: csv-parse reports the last one. */
function startLine(r: TsvRecord): number {
  const body = r.raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
  return r.info.lines - (body.match(/\r\n|\r|\n/g)?.length ?? 0);
}

function readRecords(text: string, problems: KnowledgeProblemList): TsvRecord[] {
  try {
    return parse(text, { delimiter: '\t', bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, info: true, raw: true }) as unknown as TsvRecord[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    problems.add(e.lines, `cannot read the TSV: ${e.message}`);
    return [];
  }
}

/** Parses QnA Maker TSV text; `file` names the source in errors. Throws `KnowledgeFormatError` listing every problem. */
export function parseQnaMakerTsv(text: string, file: string): ParsedQna {
  const problems = new KnowledgeProblemList(file);
  const [header, ...rows] = readRecords(text, problems).filter((r) => r.record.some((cell) => cell.trim() !== ''));
  if (!header) {
    if (problems.size === 0) problems.add(1, 'file is empty: expected a header row "Question\tAnswer\tSource\tMetadata"');
    problems.throwIfAny();
    return { entries: [], synonyms: [], imports: [], generatedIds: [] };
  }
  const columns = new Map(header.record.map((name, i) => [name.trim().toLowerCase(), i] as const));
  const col = (r: TsvRecord, name: string): string => {
    const i = columns.get(name);
    return i === undefined ? '' : (r.record[i] ?? '').trim();
  };
  if (!columns.has('question') || !columns.has('answer')) {
    problems.add(startLine(header), `header must name the columns "Question" and "Answer" (tab-separated), found ${JSON.stringify(header.record.join(' | '))}`);
    problems.throwIfAny();
  }
  const hasIds = columns.has('qnaid');
  const groups = new Map<string, TsvGroup>();
  for (const r of rows) {
    const line = startLine(r);
    if (r.record.length !== header.record.length) {
      problems.add(line, `row has ${r.record.length} columns, the header has ${header.record.length}`);
      continue;
    }
    const question = col(r, 'question');
    const answer = col(r, 'answer');
    const id = col(r, 'qnaid');
    const metadata = parseTsvMetadata(col(r, 'metadata'));
    const prompts = parseTsvPrompts(col(r, 'prompts'));
    const contextOnly = parseTsvBoolean(col(r, 'iscontextonly'), 'IsContextOnly');
    if (question === '') problems.add(line, 'question is empty');
    if (answer === '') problems.add(line, 'answer is missing');
    if (hasIds && !/^[\w-]+$/.test(id)) problems.add(line, `QnaId ${JSON.stringify(id)} is not valid: expected a number`);
    for (const cell of [metadata, prompts, contextOnly]) if (!cell.ok) problems.add(line, cell.error);
    if (question === '' || answer === '' || !metadata.ok || !prompts.ok || !contextOnly.ok) continue;
    const key = hasIds ? id : answer;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { key, line, questions: [question], answer, metadata: metadata.value, prompts: prompts.value, contextOnly: contextOnly.value });
      continue;
    }
    if (group.answer !== answer) problems.add(line, `QnaId ${id} has a different answer than at line ${group.line}`);
    for (const [k, v] of Object.entries(metadata.value)) {
      if (group.metadata[k] !== undefined && group.metadata[k] !== v) problems.add(line, `metadata "${k}" differs from line ${group.line} for the same entry`);
      group.metadata[k] = v;
    }
    if (!group.questions.includes(question)) group.questions.push(question);
    if (group.prompts.length === 0) group.prompts = prompts.value;
    group.contextOnly ||= contextOnly.value;
  }
  const list = [...groups.values()];
  const ids = list.map((g, i) => (hasIds ? g.key : String(i + 1)));
  const byId = new Map(list.map((g, i) => [ids[i] ?? '', g] as const));
  const contextOnlyIds = new Set(list.flatMap((g, i) => (g.contextOnly ? [ids[i] ?? ''] : [])));
  const entries = list.map((g, i): KnowledgeEntry => {
    const prompts = g.prompts.map((p, order): KnowledgePrompt => {
      const target = byId.get(p.qnaId);
      if (!target) problems.add(g.line, `prompt "${p.displayText}" points to unknown QnaId "${p.qnaId}"`);
      const contextOnly = p.contextOnly ?? target?.contextOnly ?? false;
      if (contextOnly) contextOnlyIds.add(p.qnaId);
      return { displayText: p.displayText, entryId: p.qnaId, contextOnly, displayOrder: order };
    });
    return { id: ids[i] ?? '', questions: g.questions, answer: g.answer, metadata: g.metadata, prompts, contextOnly: false, source: { file, line: g.line } };
  });
  problems.throwIfAny();
  return {
    entries: entries.map((e) => (contextOnlyIds.has(e.id) ? { ...e, contextOnly: true } : e)),
    synonyms: [],
    imports: [],
    generatedIds: hasIds ? [] : [...ids],
  };
}
