import { expect } from 'chai';
import { checkEntry, entryTag } from '../../knowledge/editableEntry';

describe('checkEntry', () => {
  it('trims, lower-cases filters and fills what may be left out', () => {
    const checked = checkEntry({ questions: ['  Where is my order? ', 'order status'], answer: ' It ships today.\r\n ', metadata: { ' Topic ': ' Orders ' } });
    expect(checked).to.deep.equal({ ok: true, entry: { questions: ['Where is my order?', 'order status'], answer: 'It ships today.', metadata: { topic: 'orders' }, prompts: [] } });
  });

  it('names every field that keeps an entry from being written', () => {
    const checked = checkEntry({ id: 'bad id', questions: ['Same', 'same', ''], answer: '', metadata: { 'a=b': 'c', d: '' }, prompts: [{ displayText: 'Go', entryId: '#7', contextOnly: false }], extra: 1 });
    expect(checked.ok).to.equal(false);
    const paths = checked.ok ? [] : checked.problems.map((p) => p.path);
    expect(paths).to.include.members(['id', 'questions.1', 'questions.2', 'answer', 'metadata.a=b', 'metadata.d', 'prompts.0.entryId', '']);
    expect(checkEntry({ questions: [], answer: 'x' }).ok).to.equal(false);
  });

  it('tags equal content equally, whatever the order of its filters', () => {
    const a = { id: '1', questions: ['Q'], answer: 'A', metadata: { x: '1', y: '2' }, prompts: [] };
    expect(entryTag(a)).to.equal(entryTag({ ...a, metadata: { y: '2', x: '1' } }));
    expect(entryTag(a)).to.not.equal(entryTag({ ...a, answer: 'B' }));
  });
});
