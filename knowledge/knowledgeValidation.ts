/**
 * The rules every knowledge base obeys whatever it was written in: unique ids, prompts that lead
 * somewhere, questions and answers that say something.
 */
import type { KnowledgeEntry, SynonymGroup } from './knowledgeBase';
import type { KnowledgeProblem } from './knowledgeErrors';

/** Where problems in entries without a `source` are reported. */
export const inMemoryKnowledge = '(knowledge data)';

function at(entry: KnowledgeEntry, message: string): KnowledgeProblem {
  const file = entry.source?.file ?? inMemoryKnowledge;
  const line = entry.source?.line;
  return line === undefined ? { file, message } : { file, line, message };
}

function where(entry: KnowledgeEntry): string {
  return entry.source ? `${entry.source.file}:${entry.source.line}` : inMemoryKnowledge;
}

/** Every problem in a set of entries and synonym groups; empty when they form a valid base. */
export function validateKnowledge(entries: readonly KnowledgeEntry[], synonyms: readonly SynonymGroup[]): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const byId = new Map<string, KnowledgeEntry>();
  for (const entry of entries) {
    const label = `entry "${entry.id}"`;
    if (entry.id.trim() === '') problems.push(at(entry, 'entry id is empty'));
    const first = byId.get(entry.id);
    if (first) problems.push(at(entry, `duplicate id "${entry.id}": also used by the entry at ${where(first)}`));
    else byId.set(entry.id, entry);
    if (entry.questions.length === 0) problems.push(at(entry, `${label} has no question`));
    if (entry.questions.some((q) => q.trim() === '')) problems.push(at(entry, `${label} has an empty question`));
    if (entry.answer.trim() === '') problems.push(at(entry, `${label} has an empty answer`));
  }
  for (const entry of entries) {
    for (const prompt of entry.prompts) {
      if (!byId.has(prompt.entryId)) {
        problems.push(at(entry, `entry "${entry.id}": prompt "${prompt.displayText}" points to unknown id "${prompt.entryId}"`));
      }
      if (prompt.displayText.trim() === '') problems.push(at(entry, `entry "${entry.id}": a prompt has no display text`));
    }
  }
  synonyms.forEach((group, i) => {
    if (group.canonical.trim() === '') problems.push({ file: inMemoryKnowledge, message: `synonym group ${i + 1} has no word` });
    if (group.alternates.length === 0 || group.alternates.some((a) => a.trim() === '')) {
      problems.push({ file: inMemoryKnowledge, message: `synonym group "${group.canonical}" needs one or more non-empty alternates` });
    }
  });
  return problems;
}

/** The entries, with `contextOnly` also set on every entry that a `context-only` prompt leads to. */
export function markContextOnly(entries: readonly KnowledgeEntry[]): KnowledgeEntry[] {
  const contextOnlyIds = new Set(entries.flatMap((e) => e.prompts.filter((p) => p.contextOnly).map((p) => p.entryId)));
  return entries.map((e) => (!e.contextOnly && contextOnlyIds.has(e.id) ? { ...e, contextOnly: true } : e));
}
