import { expect } from 'chai';
import { appendQnaBlock, qnaEntryBlockAt, qnaEntryBlocks, replaceQnaBlock } from '../../knowledge/qnaBlocks';
import { parseQna } from '../../knowledge/qnaParser';

const file = [
  '> Store knowledge',
  '',
  '$parcel : qna-alterations =',
  '- package',
  '',
  '> # Delivery',
  '',
  '<a id = "1"></a>',
  '> the first one',
  '# ? How long is delivery?',
  '- delivery time',
  '',
  '```markdown',
  'Two days.',
  '',
  '# ? not a question: inside the answer',
  '```',
  '',
  '> # Returns',
  '',
  '# ? How do I return it?',
  '```',
  'Within 30 days.',
  '```',
  '**Prompts:**',
  '- [Delivery](#1)',
  '',
  '',
].join('\n');

describe('qnaEntryBlocks', () => {
  it('finds each entry from its id (or question) to its last line, leaving comments between entries out', () => {
    expect(qnaEntryBlocks(file)).to.deep.equal([
      { start: 8, questionLine: 10, end: 17 },
      { start: 21, questionLine: 21, end: 26 },
    ]);
    expect(parseQna(file, 'f.qna').entries.map((e) => e.source?.line)).to.deep.equal([10, 21]);
  });

  it('replaces one entry and keeps every other line as written', () => {
    const block = qnaEntryBlockAt(file, 10)!;
    const next = replaceQnaBlock(file, block, '<a id = "1"></a>\n\n# ? How long?\n\n```markdown\nOne day.\n```');
    const lines = next.split('\n');
    expect(lines.slice(0, 7)).to.deep.equal(file.split('\n').slice(0, 7));
    expect(lines.slice(14)).to.deep.equal(file.split('\n').slice(17));
    expect(parseQna(next, 'f.qna').entries.map((e) => [e.id, e.questions[0], e.answer])).to.deep.equal([
      ['1', 'How long?', 'One day.'],
      ['2', 'How do I return it?', 'Within 30 days.'],
    ]);
  });

  it('removes an entry with the blank lines after it, and appends one after a blank line', () => {
    const removed = replaceQnaBlock(file, qnaEntryBlockAt(file, 21)!, undefined);
    expect(removed.endsWith('> # Returns\n')).to.equal(true);
    const appended = appendQnaBlock(removed, '# ? New?\n```\nYes.\n```');
    expect(appended.endsWith('> # Returns\n\n# ? New?\n```\nYes.\n```\n')).to.equal(true);
    expect(appendQnaBlock('', '# ? A?')).to.equal('# ? A?\n');
  });
});
