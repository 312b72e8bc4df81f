import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parseQnaMakerTsv } from '../../knowledge/tsvParser';
import { formatErrorOf } from './knowledgeErrorCapture';

const fixtures = path.resolve(__dirname, '../fixtures/knowledge/parser');
const header = 'Question\tAnswer\tSource\tMetadata\tSuggestedQuestions\tIsContextOnly\tPrompts\tQnaId';
const row = (...cells: string[]): string => cells.join('\t');
const tsv = (...lines: string[]): string => lines.join('\n');

/** The problems of parsing `text` as inline.tsv, as `line: message`. */
function problemsOf(text: string): string[] {
  return formatErrorOf(() => parseQnaMakerTsv(text, 'inline.tsv')).problems.map((p) => `${p.line}: ${p.message}`);
}

describe('parseQnaMakerTsv', () => {
  describe('the English store export', () => {
    const file = path.join(fixtures, 'store.en-us.tsv');
    const parsed = parseQnaMakerTsv(readFileSync(file, 'utf8'), file);
    const [returns, shipping, refund] = parsed.entries;

    it('makes one entry per QnaId, with every question of its rows', () => {
      expect(parsed.entries.map((e) => [e.id, e.questions])).to.deep.equal([
        ['1', ['How do I return an item?', 'Can I send something back?']],
        ['2', ['Who pays for return shipping?']],
        ['3', ['When will I get my refund?']],
      ]);
      expect(returns?.answer).to.equal('Start a return from *My orders* within 30 days.');
      expect(returns?.source).to.deep.equal({ file, line: 2 });
      expect(parsed.generatedIds).to.deep.equal([]);
    });

    it('reads Metadata key:value pairs, lower-cased', () => {
      expect(returns?.metadata).to.deep.equal({ topic: 'returns', region: 'eu' });
      expect(refund?.metadata).to.deep.equal({});
    });

    it('reads the Prompts JSON; a prompt is context-only when it says so or its target is', () => {
      expect(returns?.prompts).to.deep.equal([
        { displayText: 'Return shipping cost', entryId: '2', contextOnly: true, displayOrder: 0 },
        { displayText: 'Refund timing', entryId: '3', contextOnly: true, displayOrder: 1 },
      ]);
      expect(parsed.entries.map((e) => e.contextOnly)).to.deep.equal([false, true, true]);
      expect(shipping?.prompts).to.deep.equal([]);
    });
  });

  it('reads the Chinese store export', () => {
    const parsed = parseQnaMakerTsv(readFileSync(path.join(fixtures, 'store.zh-cn.tsv'), 'utf8'), 'store.zh-cn.tsv');
    expect(parsed.entries.map((e) => [e.id, e.questions.length, e.metadata])).to.deep.equal([
      ['7', 2, { 主题: '退货' }],
      ['8', 1, {}],
    ]);
    expect(parsed.entries[0]?.prompts[0]).to.include({ displayText: '退款多久到账', entryId: '8' });
  });

  it('takes column order and case from the header; without QnaId, rows with the same answer are one entry', () => {
    const text = tsv('answer\tMETADATA\tquestion\tsource', row('Ten days.', 'topic:returns', 'How long can I return?', 'x'), row('Ten days.', '', 'Return window?', 'x'), row('Yes.', '', 'Do you ship?', 'x'));
    const parsed = parseQnaMakerTsv(text, 'x.tsv');
    expect(parsed.entries.map((e) => [e.id, e.questions, e.answer])).to.deep.equal([
      ['1', ['How long can I return?', 'Return window?'], 'Ten days.'],
      ['2', ['Do you ship?'], 'Yes.'],
    ]);
    expect(parsed.generatedIds).to.deep.equal(['1', '2']);
  });

  it('accepts camelCase prompt keys, sorts prompts by display order, and reads CRLF with a BOM', () => {
    const prompts = '[{"displayOrder":2,"qnaId":1,"displayText":"Back"},{"displayOrder":1,"qnaId":"2","displayText":"Next","qna":null}]';
    const text = `\uFEFF${[header, row('a', 'A', 's', '', '[]', 'false', prompts, '1'), row('b', 'B', 's', '', '[]', 'false', '[]', '2')].join('\r\n')}\r\n`;
    const parsed = parseQnaMakerTsv(text, 'x.tsv');
    expect(parsed.entries[0]?.prompts.map((p) => [p.displayText, p.entryId, p.displayOrder])).to.deep.equal([
      ['Next', '2', 0],
      ['Back', '1', 1],
    ]);
  });

  it('keeps a quoted multi-line answer and the right line numbers after it', () => {
    const text = tsv(header, row('a', '"Line one\nLine two"', 's', '', '[]', 'false', '[]', '1'), row('b', 'He said "hi"', 's', '', '[]', 'false', '[]', '2'), row('c', '', 's', '', '[]', 'false', '[]', '3'));
    expect(problemsOf(text)).to.deep.equal(['5: answer is missing']);
    const parsed = parseQnaMakerTsv(tsv(header, row('a', '"Line one\nLine two"', 's', '', '[]', 'false', '[]', '1'), row('b', 'He said "hi"', 's', '', '[]', 'false', '[]', '2')), 'x.tsv');
    expect(parsed.entries.map((e) => [e.answer, e.source?.line])).to.deep.equal([
      ['Line one\nLine two', 2],
      ['He said "hi"', 4],
    ]);
  });

  describe('problems, each reported with file and line', () => {
    it('names the file and line in the message', () => {
      const err = formatErrorOf(() => parseQnaMakerTsv(tsv(header, row('a', 'A', 's', '', '[]', 'false', '[]')), 'exports/shop.tsv'));
      expect(err.message).to.equal('Knowledge: exports/shop.tsv:2: row has 7 columns, the header has 8');
      expect([err.file, err.line]).to.deep.equal(['exports/shop.tsv', 2]);
    });

    it('bad Prompts JSON, and Prompts that are not a list of prompts', () => {
      const problems = problemsOf(tsv(header, row('a', 'A', 's', '', '[]', 'false', '[{"qnaId":2,', '1'), row('b', 'B', 's', '', '[]', 'false', '{"qnaId":1}', '2'), row('c', 'C', 's', '', '[]', 'false', '[{"qnaId":1}]', '3')));
      expect(problems[0]).to.match(/^2: Prompts is not valid JSON: /);
      expect(problems.slice(1)).to.deep.equal(['3: Prompts must be a JSON array of {"displayOrder","qnaId","displayText"}', '4: Prompts item 1 needs a non-empty "displayText"']);
    });

    it('missing answer and empty question', () => {
      expect(problemsOf(tsv(header, row('a', '', 's', '', '[]', 'false', '[]', '1'), row('', 'B', 's', '', '[]', 'false', '[]', '2')))).to.deep.equal(['2: answer is missing', '3: question is empty']);
    });

    it('header without an Answer column', () => {
      expect(problemsOf(tsv('Question\tReply', row('a', 'A')))).to.deep.equal(['1: header must name the columns "Question" and "Answer" (tab-separated), found "Question | Reply"']);
    });

    it('bad Metadata, bad IsContextOnly and bad QnaId', () => {
      expect(problemsOf(tsv(header, row('a', 'A', 's', 'topic', '[]', 'maybe', '[]', '1'), row('b', 'B', 's', '', '[]', 'false', '[]', 'two words')))).to.deep.equal([
        '2: Metadata item "topic" has no ":": expected "key:value|key2:value2"',
        '2: IsContextOnly must be true or false, found "maybe"',
        '3: QnaId "two words" is not valid: expected a number',
      ]);
    });

    it('prompt to an unknown QnaId, and one QnaId with two answers', () => {
      expect(problemsOf(tsv(header, row('a', 'A', 's', '', '[]', 'false', '[{"DisplayOrder":0,"QnaId":9,"DisplayText":"More"}]', '1'), row('b', 'B', 's', '', '[]', 'false', '[]', '1')))).to.deep.equal([
        '3: QnaId 1 has a different answer than at line 2',
        '2: prompt "More" points to unknown QnaId "9"',
      ]);
    });

    it('an empty file, and an unclosed quote', () => {
      expect(problemsOf('')).to.deep.equal(['1: file is empty: expected a header row "Question\tAnswer\tSource\tMetadata"']);
      expect(problemsOf(tsv(header, row('a', '"A', 's', '', '[]', 'false', '[]', '1')))[0]).to.match(/^2: cannot read the TSV: Quote Not Closed/);
    });

    it('collects every problem into one error with a list', () => {
      const err = formatErrorOf(() => parseQnaMakerTsv(tsv(header, row('a', '', 's', '', '[]', 'false', '[]', '1'), row('b'), row('c', 'C', 's', '', '[]', 'false', 'nope', '3')), 'shop.tsv'));
      expect(err.problems.map((p) => p.line)).to.deep.equal([2, 3, 4]);
      expect(err.message).to.match(/^Knowledge: 3 problems:\n {2}- shop\.tsv:2: answer is missing\n {2}- shop\.tsv:3: row has 1 columns/);
    });
  });
});
