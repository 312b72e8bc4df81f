/**
 * Entries of a `.qna` file as read, before ids are assigned and prompts resolved, and the step that
 * turns them into {@link KnowledgeEntry} values.
 */
import type { KnowledgeEntry, KnowledgePrompt } from './knowledgeBase';
import type { KnowledgeProblemList } from './knowledgeErrors';
import { questionLinkKey } from './qnaSyntax';

/** A prompt as written: to an id, or to a question (`(#?question)`). */
export interface QnaDraftPrompt {
  readonly line: number;
  readonly displayText: string;
  readonly id?: string;
  readonly question?: string;
  readonly contextOnly: boolean;
}

/** A question-and-answer pair as read from the file. */
export interface QnaDraftEntry {
  /** Line of the `# ?` question. */
  readonly line: number;
  readonly explicitId?: { readonly id: string; readonly line: number };
  readonly questions: string[];
  answer?: string;
  readonly metadata: Record<string, string>;
  readonly prompts: QnaDraftPrompt[];
}

/** Entries with ids and prompts settled, and the ids the parser chose itself. */
export interface FinishedQnaEntries {
  readonly entries: KnowledgeEntry[];
  readonly generatedIds: string[];
}

/** The largest whole-number id among `ids`, or 0. */
export function largestNumericId(ids: Iterable<string>): number {
  let max = 0;
  for (const id of ids) if (/^\d+$/.test(id)) max = Math.max(max, Number(id));
  return max;
}

function assignIds(drafts: readonly QnaDraftEntry[], problems: KnowledgeProblemList): { ids: string[]; generatedIds: string[] } {
  const seen = new Map<string, number>();
  for (const d of drafts) {
    if (!d.explicitId) continue;
    const first = seen.get(d.explicitId.id);
    if (first !== undefined) problems.add(d.explicitId.line, `duplicate id "${d.explicitId.id}": already used at line ${first}`);
    else seen.set(d.explicitId.id, d.explicitId.line);
  }
  let next = largestNumericId(seen.keys());
  const generatedIds: string[] = [];
  const ids = drafts.map((d) => {
    if (d.explicitId) return d.explicitId.id;
    next += 1;
    generatedIds.push(String(next));
    return String(next);
  });
  return { ids, generatedIds };
}

/**
 * Assigns ids (explicit ones kept; the rest numbered after the largest numeric id, in file order),
 * resolves prompts and marks `context-only` targets. A prompt to an id not in this file is an error
 * unless `idsMayBeImported` (the loader checks those once imports are merged).
 */
export function finishQnaEntries(drafts: readonly QnaDraftEntry[], file: string, problems: KnowledgeProblemList, idsMayBeImported: boolean): FinishedQnaEntries {
  const { ids, generatedIds } = assignIds(drafts, problems);
  const known = new Set(ids);
  const byQuestion = new Map<string, string>();
  drafts.forEach((d, i) => {
    for (const q of d.questions) {
      const key = questionLinkKey(q);
      if (!byQuestion.has(key)) byQuestion.set(key, ids[i] ?? '');
    }
  });
  const contextOnlyIds = new Set<string>();
  const entries = drafts.map((d, i): KnowledgeEntry => {
    const prompts: KnowledgePrompt[] = [];
    for (const p of d.prompts) {
      let entryId = p.id;
      if (p.question !== undefined) {
        entryId = byQuestion.get(questionLinkKey(p.question));
        if (entryId === undefined) problems.add(p.line, `prompt "${p.displayText}" links to question "${p.question}", which no entry in this file asks`);
      } else if (entryId !== undefined && !known.has(entryId) && !idsMayBeImported) {
        problems.add(p.line, `prompt "${p.displayText}" points to unknown id "${entryId}"`);
      }
      if (entryId === undefined) continue;
      if (p.contextOnly) contextOnlyIds.add(entryId);
      prompts.push({ displayText: p.displayText, entryId, contextOnly: p.contextOnly, displayOrder: prompts.length });
    }
    return { id: ids[i] ?? '', questions: d.questions, answer: d.answer ?? '', metadata: d.metadata, prompts, contextOnly: false, source: { file, line: d.line } };
  });
  return { entries: entries.map((e) => (contextOnlyIds.has(e.id) ? { ...e, contextOnly: true } : e)), generatedIds };
}
