/**
 * Where each entry sits in a `.qna` file's text, so that an edit rewrites that entry's lines and
 * leaves every other line (comments, section headings, synonyms, other entries) as the author wrote it.
 */
import { classifyQnaLine, closesFence } from './qnaSyntax';

/** The lines of one entry: from its id (or question) to its last line that is not blank or a comment. */
export interface QnaEntryBlock {
  /** 1-based first line: the `<a id>` line, or the `# ?` line when the entry has no id. */
  readonly start: number;
  /** 1-based line of the `# ?` question (what `KnowledgeEntry.source.line` names). */
  readonly questionLine: number;
  /** 1-based last line (inclusive). */
  readonly end: number;
}

const splitLines = (text: string): string[] => text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

/** Every entry block of a file that parses, in file order. */
export function qnaEntryBlocks(text: string): QnaEntryBlock[] {
  const blocks: QnaEntryBlock[] = [];
  let anchor: number | undefined;
  let open: { start: number; questionLine: number; end: number } | undefined;
  let fence: string | undefined;
  const close = (): void => {
    if (open) blocks.push(open);
    open = undefined;
  };
  splitLines(text).forEach((raw, i) => {
    const n = i + 1;
    if (fence !== undefined) {
      if (open) open.end = n;
      if (closesFence(raw, fence)) fence = undefined;
      return;
    }
    const line = classifyQnaLine(raw);
    switch (line.kind) {
      case 'blank':
      case 'comment':
        return;
      case 'anchor':
        close();
        anchor = n;
        return;
      case 'question':
        close();
        open = { start: anchor ?? n, questionLine: n, end: n };
        anchor = undefined;
        return;
      case 'alterations':
      case 'reference':
        close();
        anchor = undefined;
        return;
      case 'fence':
        fence = line.marker;
        if (open) open.end = n;
        return;
      default:
        if (open) open.end = n;
    }
  });
  close();
  return blocks;
}

/** The block whose question is on `questionLine`, or undefined. */
export function qnaEntryBlockAt(text: string, questionLine: number): QnaEntryBlock | undefined {
  return qnaEntryBlocks(text).find((b) => b.questionLine === questionLine);
}

/** `text` with the lines of `block` replaced by `replacement` (or removed with the blank lines after them). */
export function replaceQnaBlock(text: string, block: QnaEntryBlock, replacement: string | undefined): string {
  const lines = splitLines(text);
  let after = block.end;
  if (replacement === undefined) while (after < lines.length && (lines[after] ?? '').trim() === '') after += 1;
  const middle = replacement === undefined ? [] : replacement.split('\n');
  return [...lines.slice(0, block.start - 1), ...middle, ...lines.slice(after)].join('\n');
}

/** `text` with `block` (an entry or synonym group) added at the end, a blank line after what was there. */
export function appendQnaBlock(text: string, block: string): string {
  const body = text.replace(/\s+$/, '');
  return `${body === '' ? '' : `${body}\n\n`}${block}\n`;
}
