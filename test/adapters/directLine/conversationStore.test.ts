import { expect } from 'chai';
import type { Storage } from 'botbuilder';
import { MemoryStorage } from 'botbuilder';
import { ActivityFeed } from '../../../adapters/directLine/activityFeed';
import { activitySetAfter } from '../../../adapters/directLine/conversationRecord';
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

  it('stamps updatedAt on every change, for the retention sweeper', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const store = new ConversationStore({ storage, feed, log: silentLogger(), now: () => new Date(clock) });
    const updatedAt = async (): Promise<unknown> => ((await storage.read([conversationStorageKey(id)]))[conversationStorageKey(id)] as { updatedAt?: unknown }).updatedAt;
    await store.open(id, {});
    expect(await updatedAt()).to.equal('2025-01-01T00:00:00.000Z');
    const changes: Array<[string, () => Promise<unknown>]> = [
      ['greeted', () => store.markGreeted(id)],
      ['appended', () => store.append(id, message('a'))],
      ['replaced', () => store.replace(id, `${id}|0000001`, (old) => ({ ...old, text: 'b' }))],
      ['token refreshed', () => store.nextTokenGeneration(id, 0, {})],
      ['removed', () => store.remove(id, `${id}|0000001`)],
    ];
    for (const [what, change] of changes) {
      clock += 60_000;
      await change();
      expect(await updatedAt(), what).to.equal(new Date(clock).toISOString());
    }
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

  it('never writes back a conversation erased by another process (npm run privacy, retention): the next change is a 404', async () => {
    const store = newStore();
    await store.open(id, { user: { id: 'u-alice' } });
    await store.append(id, message('my card is on file'));
    await store.require(id);
    await storage.delete([conversationStorageKey(id)]);
    let refused: unknown;
    await store.append(id, message('are you there?')).catch((err: unknown) => (refused = err));
    expect(refused).to.have.property('code', 'WL_DL_CONVERSATION_NOT_FOUND');
    expect((await storage.read([conversationStorageKey(id)]))[conversationStorageKey(id)]).to.equal(undefined);
    expect(await store.get(id)).to.equal(undefined);
  });

  it('stops serving a cached conversation erased elsewhere once its cache time is over', async () => {
    let clock = new Date('2025-01-01T00:00:00Z');
    const store = new ConversationStore({ storage, feed, log: silentLogger(), now: () => clock, cacheTtlMs: 30_000 });
    await store.open(id, {});
    await storage.delete([conversationStorageKey(id)]);
    expect(await store.get(id)).to.not.equal(undefined);
    clock = new Date(clock.getTime() + 31_000);
    expect(await store.get(id)).to.equal(undefined);
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

  it('keeps the stored record under its byte budget, dropping the oldest first; watermarks still resume in order without repeats', async () => {
    const budget = 32 * 1024;
    const store = new ConversationStore({ storage, feed, log: silentLogger(), now: () => new Date('2025-01-01T00:00:00Z'), maxRecordBytes: budget });
    await store.open(id, {});
    const large = (i: number) => (activityId: string) => ({ type: 'message', id: activityId, text: `m${i}`, channelData: { blob: 'x'.repeat(3000) } });
    const seen: ActivitySet[] = [];
    const stop = await store.follow(id, undefined, (set) => seen.push(set));
    for (let i = 1; i <= 95; i += 1) {
      await store.append(id, large(i));
      const stored = (await storage.read([conversationStorageKey(id)]))[conversationStorageKey(id)];
      expect(Buffer.byteLength(JSON.stringify(stored)), `after append ${i}`).to.be.at.most(budget);
    }
    stop();
    const record = await newStore().require(id);
    const seqs = record.history.map((e) => e.seq);
    expect(seqs.at(-1)).to.equal(95);
    expect(seqs, 'the newest, contiguous').to.deep.equal(Array.from({ length: seqs.length }, (_, i) => 96 - seqs.length + i));
    expect(seqs.length).to.be.within(5, 10);
    expect(seen.flatMap((s) => s.activities.map((a) => a.text)), 'a live follower saw every one').to.have.length(95);

    const oldest = seqs[0] ?? 0;
    const resumed: ActivitySet[] = [];
    const resume = await newStore().follow(id, 3, (set) => resumed.push(set));
    resume();
    expect(resumed.map((s) => [s.activities.map((a) => a.text), s.watermark])).to.deep.equal([[seqs.map((n) => `m${n}`), '95']]);
    expect(activitySetAfter(record, oldest + 1).activities.map((a) => a.text)).to.deep.equal(seqs.slice(2).map((n) => `m${n}`));
    expect(activitySetAfter(record, 95)).to.deep.equal({ activities: [], watermark: '95' });
  });

  it('keeps the newest activity even when it alone is over the budget', async () => {
    const store = new ConversationStore({ storage, feed, log: silentLogger(), now: () => new Date(), maxRecordBytes: 4096 });
    await store.open(id, {});
    await store.append(id, message('small'));
    await store.append(id, (activityId) => ({ type: 'message', id: activityId, text: 'y'.repeat(8000) }));
    expect((await newStore().require(id)).history.map((e) => e.seq)).to.deep.equal([2]);
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
