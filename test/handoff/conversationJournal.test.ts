import { expect } from 'chai';
import { appendJournal, journalLimit } from '../../handoff/conversationJournal';

const at = '2026-12-01T10:00:00.000Z';

describe('appendJournal', () => {
  it('masks what the customer wrote and the question nobody could answer, keeping e-mail and phone', () => {
    let journal = appendJournal(undefined, { kind: 'customer', at, text: 'card 4111 1111 1111 1111, call 13800138000', sentiment: 0 });
    journal = appendJournal(journal, { kind: 'no-match', at, query: '密码是abc12345，卡号4111111111111111', via: 'no-match' });
    journal = appendJournal(journal, { kind: 'answer', at, entryId: '5', question: 'How do I reset my password?' });
    expect(journal).to.deep.equal([
      { kind: 'customer', at, text: 'card •••• 1111, call 13800138000', sentiment: 0 },
      { kind: 'no-match', at, query: '密码是••••••，卡号•••• 1111', via: 'no-match' },
      { kind: 'answer', at, entryId: '5', question: 'How do I reset my password?' },
    ]);
  });

  it('keeps the newest items past its limit', () => {
    let journal = appendJournal(undefined, { kind: 'declined-agent', at: 'first' });
    for (let i = 0; i < journalLimit; i += 1) journal = appendJournal(journal, { kind: 'declined-agent', at });
    expect(journal).to.have.length(journalLimit);
    expect(journal[0]?.at).to.equal(at);
  });
});
