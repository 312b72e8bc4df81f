import { expect } from 'chai';
import { editableOf } from '../../knowledge/editableEntry';
import { parseQnaMakerTsv } from '../../knowledge/tsvParser';
import { formatQnaMakerTsv } from '../../knowledge/tsvWriter';
import { fixtureBase } from '../support/faqFixture';

describe('formatQnaMakerTsv', () => {
  it('writes a base as QnA Maker rows that read back as the same entries, prompts and context-only marks included', () => {
    const base = fixtureBase('zh-CN');
    const contextOnly = new Set(base.entries.filter((e) => e.contextOnly).map((e) => e.id));
    const tsv = formatQnaMakerTsv(base.entries.map(editableOf), 'store.zh-cn.qna', contextOnly);
    expect(tsv.split('\n')[0]).to.equal('Question\tAnswer\tSource\tMetadata\tSuggestedQuestions\tIsContextOnly\tPrompts\tQnaId');
    const back = parseQnaMakerTsv(tsv, 'back.tsv').entries;
    expect(back.map((e) => ({ ...editableOf(e), contextOnly: e.contextOnly }))).to.deep.equal(base.entries.map((e) => ({ ...editableOf(e), contextOnly: e.contextOnly })));
  });

  it('quotes answers with tabs, line breaks and quotes', () => {
    const tsv = formatQnaMakerTsv([{ id: '9', questions: ['Q?'], answer: 'Line one\n\tsaid "two"', metadata: {}, prompts: [] }], 'x');
    expect(tsv).to.contain('"Line one\n\tsaid ""two"""');
    expect(parseQnaMakerTsv(tsv, 'x.tsv').entries[0]?.answer).to.equal('Line one\n\tsaid "two"');
  });
});
