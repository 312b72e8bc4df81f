import { expect } from 'chai';
import { ContactHistory, contactHistoryLimit } from '../../handoff/contactHistory';
import type { HistoryStore } from '../../handoff/contactHistory';
import { handoffStoreErrorCodes } from '../../handoff/handoffStoreErrors';
import type { EarlierContact } from '../../handoff/handoffSummary';
import { MemoryStorage } from '../../storage/memoryStorage';
import type { MemoryStorageEntry } from '../../storage/memoryStorage';
import { ETagConflictError } from '../../storage/storageErrors';

/** The contact a customer made `minute` minutes after 09:00. */
function contact(minute: number, outcome: EarlierContact['outcome'] = 'resolved-by-agent'): EarlierContact {
  return { at: new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString(), topic: `order-${minute}`, outcome };
}

describe('ContactHistory', () => {
  it('gives the contacts newest first, and none for a customer never seen', async () => {
    const history = new ContactHistory(new MemoryStorage());
    await history.add('web-1', contact(1, 'resolved-by-bot'));
    await history.add('web-1', contact(2, 'callback-booked'));
    await history.add('web-2', contact(3));
    expect(await history.list('web-1')).to.deep.equal([contact(2, 'callback-booked'), contact(1, 'resolved-by-bot')]);
    expect(await history.list('web-3')).to.deep.equal([]);
  });

  it(`keeps the newest ${contactHistoryLimit} contacts`, async () => {
    const history = new ContactHistory(new MemoryStorage());
    for (let minute = 0; minute < contactHistoryLimit + 3; minute += 1) await history.add('web-1', contact(minute));
    const kept = await history.list('web-1');
    expect(kept.map((c) => c.topic)).to.deep.equal(Array.from({ length: contactHistoryLimit }, (_, i) => `order-${contactHistoryLimit + 2 - i}`));
  });

  it('loses no contact added at the same time by two instances, even for a customer with no history yet', async () => {
    const entries = new Map<string, MemoryStorageEntry>();
    const instances = [new ContactHistory(new MemoryStorage(entries)), new ContactHistory(new MemoryStorage(entries))];
    const added = Array.from({ length: contactHistoryLimit }, (_, i) => contact(i));
    await Promise.all(added.map((c, i) => instances[i % 2]?.add('web-1', c)));
    expect(await instances[0]?.list('web-1')).to.have.deep.members(added);
  });

  it('stays full and free of repeats when 20 contacts are added at once', async () => {
    const entries = new Map<string, MemoryStorageEntry>();
    const instances = [new ContactHistory(new MemoryStorage(entries)), new ContactHistory(new MemoryStorage(entries))];
    await Promise.all(Array.from({ length: 20 }, (_, i) => instances[i % 2]?.add('web-1', contact(i))));
    const kept = await instances[1]?.list('web-1');
    expect(kept).to.have.length(contactHistoryLimit);
    expect(new Set(kept?.map((c) => c.topic)).size).to.equal(contactHistoryLimit);
  });

  it('gives up with a coded conflict when other writers always win, having stored nothing', async () => {
    const memory = new MemoryStorage();
    const busy: HistoryStore = {
      read: (keys) => memory.read(keys),
      write: () => Promise.reject(new ETagConflictError('handoff/contacts/web-1')),
    };
    const error = await new ContactHistory(busy).add('web-1', contact(1)).catch((e: unknown) => e);
    expect(error).to.have.property('code', handoffStoreErrorCodes.conflict);
    expect(await new ContactHistory(memory).list('web-1')).to.deep.equal([]);
  });
});
