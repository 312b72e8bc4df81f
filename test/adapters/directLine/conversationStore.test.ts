import { expect } from 'chai';
import type { Storage } from 'botbuilder';
import { MemoryStorage } from 'botbuilder';
import { ActivityFeed } from '../../../adapters/directLine/activityFeed';
import { ConversationStore, conversationStorageKey } from '../../../adapters/directLine/conversationStore';
import type { ActivitySet } from '../../../adapters/directLine/wireActivity';
import { silentLogger } from '../../../logger';

describe('ConversationStore', () => {
  const id = 'conv-12345678';
  let storage: MemoryStorage;
  let feed: ActivityFeed;

  const newStore = (maxHistory?: number): ConversationStore =>
    new ConversationStore({ storage, feed, log: silentLogger(), now: () => new Date('2025-01-01T00:00:00Z'), ...(maxHistory ? { maxHistory } : {}) });
  const message = (text: string) => (activityId: string) => ({ type: 'message', id: activityId, text });

  beforeEach(() => {
    storage = new MemoryStorage();
    feed = new ActivityFeed();
  });

  it('creates a conversation once and keeps it in Storage under directline/conversation/<id>', async () => {
    const store = newStore();
    const first = await store.open(id, { user: { id: 'u-alice' } });
    const second = await store.open(id, { user: { id: 'u-mallory' } });
    expect([first.created, second.created]).to.deep.equal([true, false]);
    expect(second.record.user?.id).to.equal('u-alice');
    const stored = await storage.read([conversationStorageKey(id)]);
    expect(stored[conversationStorageKey(id)]).to.include({ id, lastSeq: 0, botGreeted: false });
  });

  it('keeps every concurrent append, numbered in one order, also for a second store on the same Storage', async () => {
    const store = newStore();
    await store.open(id, {});
    const appended = await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(id, message(`m${i}`))));
    expect(appended.map((a) => a.id)).to.deep.equal(appended.map((_, i) => `${id}|${String(i + 1).padStart(7, '0')}`));
    const reread = await newStore().require(id);
    expect(reread.history.map((e) => e.activity.text)).to.deep.equal(appended.map((a) => a.text));
    expect(reread.lastSeq).to.equal(50);
  });

  it('does not let a slow read that raced a write bring the older version back', async () => {
    await newStore().open(id, {});
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holdNext = true;
    const slow: Storage = {
      read: async (keys) => {
        const snapshot = await storage.read(keys); // taken now, delivered later
        if (holdNext) {
          holdNext = false;
          await held;
        }
        return snapshot;
      },
      write: (changes) => storage.write(changes),
      delete: (keys) => storage.delete(keys),
    };
    const store = new ConversationStore({ storage: slow, feed, log: silentLogger(), now: () => new Date() });
    const poll = store.get(id); // a client polling: its read is slow
    await store.append(id, message('a'));
    release();
    expect((await poll)?.lastSeq).to.equal(0);
    await store.append(id, message('b'));
    expect((await newStore().require(id)).history.map((e) => e.activity.text)).to.deep.equal(['a', 'b']);
  });

  it('drops the oldest activities beyond maxHistory but keeps numbering on', async () => {
    const store = newStore(3);
    await store.open(id, {});
    for (const text of ['a', 'b', 'c', 'd', 'e']) await store.append(id, message(text));
    const record = await store.require(id);
    expect(record.history.map((e) => [e.seq, e.activity.text])).to.deep.equal([
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ]);
  });

  it('hands a follower the backlog after its watermark, then each new activity, with nothing missed or repeated', async () => {
    const store = newStore();
    await store.open(id, {});
    await store.append(id, message('a'));
    await store.append(id, message('b'));
    const seen: ActivitySet[] = [];
    const pending = store.append(id, message('c')); // queued before follow: must appear exactly once
    const stop = await store.follow(id, 1, (set) => seen.push(set));
    await pending;
    await store.append(id, message('d'));
    stop();
    await store.append(id, message('e'));
    expect(seen.map((s) => [s.activities.map((a) => a.text), s.watermark])).to.deep.equal([
      [['b', 'c'], '3'],
      [['d'], '4'],
    ]);
  });

  it('replaces and removes stored activities, and answers 404 for unknown ones', async () => {
    const store = newStore();
    await store.open(id, {});
    const a = await store.append(id, message('draft'));
    await store.replace(id, a.id ?? '', (old) => ({ ...old, text: 'final' }));
    expect((await store.require(id)).history.map((e) => e.activity.text)).to.deep.equal(['final']);
    await store.remove(id, a.id ?? '');
    expect((await store.require(id)).history).to.deep.equal([]);
    let code: unknown;
    await store.remove(id, a.id ?? '').catch((err: { code?: string }) => (code = err.code));
    expect(code).to.equal('WL_DL_ACTIVITY_NOT_FOUND');
    await newStore()
      .append('conv-unknown1', message('x'))
      .catch((err: { code?: string }) => (code = err.code));
    expect(code).to.equal('WL_DL_CONVERSATION_NOT_FOUND');
  });
});
