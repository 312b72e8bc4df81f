/**
 * Reads a Bot Framework `.qna` file (the `bf qnamaker` format) into plain knowledge entries and
 * synonym groups. Every problem in the file is reported at once, each with its file and line.
 */
import type { KnowledgeEntry, SynonymGroup } from './knowledgeBase';
import { KnowledgeProblemList } from './knowledgeErrors';
import type { QnaDraftEntry } from './qnaDrafts';
import { finishQnaEntries } from './qnaDrafts';
import type { QnaLine } from './qnaSyntax';
import { classifyQnaLine, closesFence, parsePromptItem, quoteLine } from './qnaSyntax';

/** An `[import](other.qna)` reference, as written (relative to the file that holds it). */
export interface QnaImport {
  readonly path: string;
  readonly line: number;
}

/** What one knowledge file holds, before imports are merged. */
export interface ParsedQna {
  entries: KnowledgeEntry[];
  synonyms: SynonymGroup[];
  imports: QnaImport[];
  /** Ids the parser numbered itself (entries written without an id), in order; the loader may renumber them. */
  generatedIds: string[];
}

type Section = 'none' | 'questions' | 'filters' | 'prompts' | 'answered' | 'synonyms';

const expected: Record<Section, string> = {
  none: 'expected "# ? question", <a id = "N"></a>, [import](file.qna), "$word : qna-alterations =", a "> comment" or a blank line',
  questions: 'expected "- alternate question", "**Filters:**" or the answer in a ``` block',
  filters: 'expected "- key = value" under **Filters:**',
  prompts: 'expected "- [display text](#id)" under **Prompts:**',
  answered: 'expected "**Prompts:**", "**Filters:**" or a new "# ? question" after the answer',
  synonyms: 'expected "- synonym" under "$word : qna-alterations ="',
};

interface OpenFence {
  readonly line: number;
  readonly marker: string;
  readonly indent: string;
  readonly target: QnaDraftEntry | undefined;
  readonly lines: string[];
}

function stripIndent(raw: string, indent: string): string {
  let cut = 0;
  while (cut < indent.length && (raw[cut] === ' ' || raw[cut] === '\t')) cut += 1;
  return raw.slice(cut);
}

/** Parses `.qna` text; `file` names the source in errors. Throws `KnowledgeFormatError` listing every problem. */
export function parseQna(text: string, file: string): ParsedQna {
  const problems = new KnowledgeProblemList(file);
  const drafts: QnaDraftEntry[] = [];
  const synonyms: SynonymGroup[] = [];
  const imports: QnaImport[] = [];
  let section: Section = 'none';
  let current: QnaDraftEntry | undefined;
  let group: { canonical: string; alternates: string[]; line: number } | undefined;
  let anchor: { id: string; line: number } | undefined;
  let fence: OpenFence | undefined;

  const closeBlock = (): void => {
    if (current) {
      if (current.answer === undefined) problems.add(current.line, `question ${quoteLine(current.questions[0] ?? '')} has no answer: expected the answer in a \`\`\` block`);
      drafts.push(current);
    }
    if (group) {
      if (group.alternates.length === 0) problems.add(group.line, `synonym list "${group.canonical}" is empty: expected "- synonym" lines`);
      else synonyms.push({ canonical: group.canonical, alternates: group.alternates });
    }
    current = undefined;
    group = undefined;
    section = 'none';
  };

  const onItem = (itemText: string, n: number, raw: string): void => {
    if (section === 'questions' && current) {
      if (itemText === '') problems.add(n, 'alternate question is empty');
      else current.questions.push(itemText);
    } else if (section === 'filters' && current) {
      const eq = itemText.indexOf('=');
      const key = itemText.slice(0, eq).trim().toLowerCase();
      const value = itemText.slice(eq + 1).trim().toLowerCase();
      if (eq < 0) problems.add(n, `filter line without "=": expected "- key = value", found ${quoteLine(raw)}`);
      else if (key === '' || value === '') problems.add(n, `filter needs both a key and a value: expected "- key = value", found ${quoteLine(raw)}`);
      else if (key in current.metadata) problems.add(n, `filter "${key}" is given twice for this question`);
      else current.metadata[key] = value;
    } else if (section === 'prompts' && current) {
      const p = parsePromptItem(itemText);
      if (!p.ok) problems.add(n, `${expected.prompts}, optionally followed by \`context-only\`; found ${quoteLine(raw)}`);
      else if (p.displayText === '') problems.add(n, 'prompt has no display text');
      else if (p.id === '' || p.question === '') problems.add(n, `prompt "${p.displayText}" has no target: expected (#id) or (#?question)`);
      else current.prompts.push({ line: n, ...p });
    } else if (section === 'synonyms' && group) {
      if (itemText === '') problems.add(n, 'synonym is empty');
      else group.alternates.push(itemText);
    } else if (section === 'answered') {
      problems.add(n, `alternate questions go before the answer: ${expected.answered}; found ${quoteLine(raw)}`);
    } else {
      problems.add(n, `list item outside a question, filter, prompt or synonym list: ${expected.none}; found ${quoteLine(raw)}`);
    }
  };

  const onLine = (line: QnaLine, n: number, raw: string): void => {
    switch (line.kind) {
      case 'blank':
      case 'comment':
        return;
      case 'question':
        closeBlock();
        if (line.text === '') problems.add(n, 'question is empty: expected text after "# ?"');
        current = { line: n, questions: line.text === '' ? [] : [line.text], metadata: {}, prompts: [], ...(anchor ? { explicitId: anchor } : {}) };
        anchor = undefined;
        section = 'questions';
        return;
      case 'anchor':
        closeBlock();
        if (anchor) problems.add(anchor.line, `id "${anchor.id}" is not followed by a "# ? question"`);
        anchor = undefined;
        if (!/^[\w-]+$/.test(line.id)) problems.add(n, `id ${JSON.stringify(line.id)} is not valid: expected letters, digits, "-" or "_" (e.g. <a id = "12"></a>)`);
        else anchor = { id: line.id, line: n };
        return;
      case 'badAnchor':
        problems.add(n, `malformed id: expected <a id = "N"></a>, found ${quoteLine(raw)}`);
        return;
      case 'filters':
      case 'prompts':
        if (current) section = line.kind;
        else problems.add(n, `**${line.kind === 'filters' ? 'Filters' : 'Prompts'}:** outside a question: ${expected.none}`);
        return;
      case 'fence':
        if (!current) problems.add(n, `answer block without a question: ${expected.none}`);
        else if (current.answer !== undefined) problems.add(n, `second answer block for the question at line ${current.line}: a question has one answer`);
        fence = { line: n, marker: line.marker, indent: line.indent, target: current?.answer === undefined ? current : undefined, lines: [] };
        return;
      case 'alterations':
        closeBlock();
        if (line.canonical === '') problems.add(n, 'synonym list has no word before ": qna-alterations ="');
        group = { canonical: line.canonical, alternates: [], line: n };
        section = 'synonyms';
        return;
      case 'reference':
        closeBlock();
        if (/^[a-z][\w+.-]*:/i.test(line.target) || !/\.qna$/i.test(line.target)) {
          problems.add(n, `unsupported reference ${quoteLine(raw)}: only [text](file.qna) imports are supported (not URLs, folders or #-links)`);
        } else imports.push({ path: line.target, line: n });
        return;
      case 'item':
        onItem(line.text, n, raw);
        return;
      case 'heading':
        problems.add(n, `heading without "?": a question starts with "# ?", found ${quoteLine(raw)}`);
        return;
      case 'text':
        problems.add(n, `${expected[section]}; found ${quoteLine(raw)}`);
        return;
    }
  };

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (!fence) return onLine(classifyQnaLine(raw), n, raw);
    if (!closesFence(raw, fence.marker)) {
      fence.lines.push(stripIndent(raw, fence.indent));
      return;
    }
    const answer = fence.lines.join('\n').trim();
    if (fence.target) {
      if (answer === '') problems.add(fence.line, 'answer is empty');
      fence.target.answer = answer;
      section = 'answered';
    }
    fence = undefined;
  });
  if (fence) {
    problems.add(fence.line, `answer block is never closed: expected a closing ${fence.marker}`);
    if (fence.target) fence.target.answer = '';
  }
  closeBlock();
  if (anchor) problems.add(anchor.line, `id "${anchor.id}" is not followed by a "# ? question"`);

  const { entries, generatedIds } = finishQnaEntries(drafts, file, problems, imports.length > 0);
  problems.throwIfAny();
  return { entries, synonyms, imports, generatedIds };
}
