import { expect } from 'chai';
import { ActiveLearning } from '../../knowledge/activeLearning';
import { MemoryStorage } from '../../storage/memoryStorage';
import { customerRef } from '../../privacy/customerRef';

describe('ActiveLearning', () => {
  const clock = () => new Date('2026-11-23T10:00:00Z');

  it('counts the phrasings customers chose for an entry, most used first', async () => {
    const learning = new ActiveLearning(new MemoryStorage(), { now: clock });
    await learning.record({ kind: 'chosen', locale: 'en-US', query: 'parcel not here', entryId: '3' });
    await learning.record({ kind: 'chosen', locale: 'en-US', query: 'Parcel  NOT here ', entryId: '3' });
    await learning.record({ kind: 'chosen', locale: 'en-US', query: 'where is my stuff', entryId: '3' });
    await learning.record({ kind: 'chosen', locale: 'en-US', query: 'money back?', entryId: '9' });
    const suggestions = await learning.suggestedAlternates('en-US');
    expect(suggestions.map((s) => s.entryId)).to.deep.equal(['3', '9']);
    expect(suggestions[0]?.alternates.map((a) => [a.text, a.count])).to.deep.equal([
      ['Parcel  NOT here', 2],
      ['where is my stuff', 1],
    ]);
    expect(await learning.suggestedAlternates('zh-CN')).to.deep.equal([]);
  });

  it('lists unanswered questions with the candidates that were refused, masked', async () => {
    const learning = new ActiveLearning(new MemoryStorage(), { now: clock });
    await learning.record({ kind: 'unanswered', locale: 'zh-CN', query: '能寄到火星吗', candidateIds: ['4', '5'] });
    await learning.record({ kind: 'unanswered', locale: 'zh-CN', query: '能寄到火星吗', candidateIds: [] });
    await learning.record({ kind: 'unanswered', locale: 'zh-CN', query: '我的卡 4111 1111 1111 1111 被盗刷了', candidateIds: ['20'] });
    const unanswered = await learning.unanswered('zh-CN');
    expect(unanswered.map((u) => [u.text, u.count])).to.deep.equal([
      ['能寄到火星吗', 2],
      ['我的卡 •••• 1111 被盗刷了', 1],
    ]);
    expect(unanswered[0]?.candidateIds).to.deep.equal([]);
  });

  it('loses no count when two instances record at once', async () => {
    const store = new MemoryStorage();
    const a = new ActiveLearning(store, { now: clock });
    const b = new ActiveLearning(store, { now: clock });
    await a.record({ kind: 'chosen', locale: 'en-US', query: 'warm up', entryId: '1' });
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).record({ kind: 'chosen', locale: 'en-US', query: 'refund status', entryId: '1' })));
    const [first] = await a.suggestedAlternates('en-US');
    expect(first?.alternates.find((x) => x.text === 'refund status')?.count).to.equal(10);
  });

  it('keeps only the most asked items when over its cap, and ignores empty questions', async () => {
    const learning = new ActiveLearning(new MemoryStorage(), { now: clock, maxItems: 2 });
    await learning.record({ kind: 'unanswered', locale: 'en-US', query: 'a', candidateIds: [] });
    await learning.record({ kind: 'unanswered', locale: 'en-US', query: 'a', candidateIds: [] });
    await learning.record({ kind: 'unanswered', locale: 'en-US', query: 'b', candidateIds: [] });
    await learning.record({ kind: 'unanswered', locale: 'en-US', query: 'c', candidateIds: [] });
    await learning.record({ kind: 'unanswered', locale: 'en-US', query: '   ', candidateIds: [] });
    expect((await learning.unanswered('en-US')).map((u) => u.text)).to.have.members(['a', 'c']);
  });

  it('remembers who asked each entry only as a one-way reference, which it never lists', async () => {
    const store = new MemoryStorage();
    const learning = new ActiveLearning(store, { now: clock });
    await learning.record({ kind: 'unanswered', locale: 'en-US', query: 'can you ship to Mars', candidateIds: [], customerId: 'customer-vip' });
    await learning.record({ kind: 'unanswered', locale: 'en-US', query: 'Can you ship to Mars', candidateIds: [], customerId: 'dl_other' });
    await learning.record({ kind: 'unanswered', locale: 'en-US', query: 'can you ship to mars', candidateIds: [], customerId: 'customer-vip' });
    await learning.record({ kind: 'chosen', locale: 'en-US', query: 'parcel late', entryId: '3', customerId: 'customer-vip' });
    const doc = (await store.read(['warmline/active-learning/en-US']))['warmline/active-learning/en-US'] as Record<string, Record<string, Record<string, unknown>>>;
    expect(doc.unanswered?.['can you ship to mars']?.askedBy).to.deep.equal([customerRef('dl_other'), customerRef('customer-vip')]);
    expect((doc.alternates?.['3'] as unknown as Record<string, { askedBy: string[] }>)['parcel late']?.askedBy).to.deep.equal([customerRef('customer-vip')]);
    expect(JSON.stringify(doc)).not.to.contain('customer-vip');
    const [listed] = await learning.unanswered('en-US');
    expect(listed).to.deep.equal({ text: 'can you ship to mars', count: 3, lastSeen: clock().toISOString(), candidateIds: [] });
    expect((await learning.suggestedAlternates('en-US'))[0]?.alternates[0]).to.not.have.property('askedBy');
  });

  it('forgets the suggestions an editor dealt with, for that entry and as unanswered questions, and nothing else', async () => {
    const learning = new ActiveLearning(new MemoryStorage(), { now: clock });
    await learning.record({ kind: 'chosen', locale: 'en-US', query: 'Paid back when', entryId: '4' });
    await learning.record({ kind: 'chosen', locale: 'en-US', query: 'paid back when', entryId: '6' });
    await learning.record({ kind: 'chosen', locale: 'en-US', query: 'refund speed', entryId: '4' });
    await learning.record({ kind: 'unanswered', locale: 'en-US', query: 'paid back when', candidateIds: [] });
    await learning.record({ kind: 'unanswered', locale: 'en-US', query: 'ship to Mars', candidateIds: [] });
    await learning.dismiss('en-US', ['paid  BACK when'], '4');
    expect((await learning.suggestedAlternates('en-US')).map((s) => [s.entryId, s.alternates.map((a) => a.text)])).to.deep.equal([
      ['4', ['refund speed']],
      ['6', ['paid back when']],
    ]);
    expect((await learning.unanswered('en-US')).map((u) => u.text)).to.deep.equal(['ship to Mars']);
    await learning.dismiss('en-US', ['refund speed'], '4');
    expect((await learning.suggestedAlternates('en-US')).map((s) => s.entryId)).to.deep.equal(['6']);
  });
});
