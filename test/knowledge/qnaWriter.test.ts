import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { checkEntry, editableOf } from '../../knowledge/editableEntry';
import type { EditableEntry } from '../../knowledge/editableEntry';
import { parseQna } from '../../knowledge/qnaParser';
import { qnaEntryBlocks } from '../../knowledge/qnaBlocks';
import { formatQnaEntry, formatQnaFile } from '../../knowledge/qnaWriter';

const contentDir = path.resolve(__dirname, '../../content/knowledge');

/** What the parser reads back from one written entry. */
const readBack = (entry: EditableEntry): EditableEntry => {
  const [parsed] = parseQna(formatQnaEntry(entry), 'one.qna').entries;
  return editableOf(parsed!);
};

describe('formatQnaEntry', () => {
  it('writes every entry of the shipped knowledge exactly as it is written there', () => {
    for (const file of ['store.en-us.qna', 'store.zh-cn.qna']) {
      const text = readFileSync(path.join(contentDir, file), 'utf8');
      const lines = text.split('\n');
      const blocks = qnaEntryBlocks(text);
      const entries = parseQna(text, file).entries;
      expect(blocks).to.have.length(entries.length);
      entries.forEach((entry, i) => {
        const block = blocks[i]!;
        expect(formatQnaEntry(editableOf(entry)), `${file} entry ${entry.id}`).to.equal(lines.slice(block.start - 1, block.end).join('\n'));
      });
    }
  });

  it('fences an answer that holds a fence of its own so that it reads back whole', () => {
    const entry: EditableEntry = { id: 'code', questions: ['How do I call the API?'], answer: 'Like this:\n\n```\ncurl /api\n```\n\n````\nmore\n````', metadata: {}, prompts: [] };
    expect(formatQnaEntry(entry)).to.contain('`````markdown');
    expect(readBack(entry)).to.deep.equal(entry);
  });

  it('reads back any entry the editor accepts (questions, answer, filters, prompts)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    const id = fc.stringMatching(/^[\w-]{1,8}$/);
    const body = fc.record({
      id,
      questions: fc.array(fc.oneof(text, text.map((s) => `# ? ${s}`), text.map((s) => `- ${s}`)), { minLength: 1, maxLength: 5 }),
      answer: fc.oneof(text, text.map((s) => `${s}\n\`\`\`\n${s}\n~~~`)),
      metadata: fc.dictionary(text, text, { maxKeys: 3 }),
      prompts: fc.array(fc.record({ displayText: text, entryId: id, contextOnly: fc.boolean() }), { maxLength: 3 }),
    });
    let accepted = 0;
    fc.assert(
      fc.property(body, (raw) => {
        const checked = checkEntry(raw);
        if (!checked.ok) return;
        accepted += 1;
        const e = { ...checked.entry, id: raw.id };
        // Prompts lead to entries of the same file: write their targets too.
        const targets = [...new Set(e.prompts.map((p) => p.entryId))].filter((t) => t !== e.id).map((t): EditableEntry => ({ id: t, questions: [`target ${t}`], answer: 'x', metadata: {}, prompts: [] }));
        const parsed = parseQna(formatQnaFile({ synonyms: [], entries: [e, ...targets] }), 'all.qna');
        expect(editableOf(parsed.entries[0]!)).to.deep.equal(e);
      }),
      { numRuns: 500 },
    );
    expect(accepted).to.be.greaterThan(50);
  });

  it('writes a whole file: comment, synonyms, then entries a blank line apart', () => {
    const text = formatQnaFile({ synonyms: [{ canonical: 'parcel', alternates: ['package'] }], entries: [{ id: '1', questions: ['Hi?'], answer: 'Hello.', metadata: { topic: 'x' }, prompts: [] }] }, 'Exported');
    expect(text).to.equal('> Exported\n\n$parcel : qna-alterations =\n- package\n\n<a id = "1"></a>\n\n# ? Hi?\n\n**Filters:**\n- topic = x\n\n```markdown\nHello.\n```\n');
    expect(parseQna(text, 'x.qna').synonyms).to.deep.equal([{ canonical: 'parcel', alternates: ['package'] }]);
  });
});
