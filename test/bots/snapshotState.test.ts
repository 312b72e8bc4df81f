import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, UserState } from 'botbuilder';
import type { Activity, Storage, StoreItems } from 'botbuilder';
import { SnapshotConversationState, SnapshotUserState } from '../../bots/snapshotState';
import { BotStateSession } from '../../bots/botStateSession';

function contextFor(conversationId: string, userId = 'user-1'): TurnContext {
  const activity: Partial<Activity> = {
    type: 'message',
    channelId: 'test',
    text: 'hi',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: userId, name: 'Customer' },
    recipient: { id: 'bot', name: 'Warmline' },
  };
  return new TurnContext(new TestAdapter(), activity);
}

/** A store that counts writes and keeps what it was given. */
class CountingStorage implements Storage {
  readonly inner = new MemoryStorage();
  writes = 0;
  failWrites = false;
  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }
  async write(changes: StoreItems): Promise<void> {
    this.writes += 1;
    if (this.failWrites) throw new Error('store down');
    await this.inner.write(changes);
  }
  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

type Step = (data: Record<string, unknown>) => void;

/** Small pseudo-random generator, so a failing sequence can be replayed from its seed. */
function generator(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const steps: Step[] = [
  () => undefined,
  (d) => {
    d.count = ((d.count as number | undefined) ?? 0) + 1;
  },
  (d) => {
    d.nested = { list: [1, 2, { deep: 'x' }], at: 'same' };
  },
  (d) => {
    delete d.count;
  },
  (d) => {
    d.text = '中文 ✓';
  },
  (d) => {
    const nested = d.nested as { list?: unknown[] } | undefined;
    nested?.list?.push('more');
  },
];

describe('SnapshotConversationState and SnapshotUserState: change detection by JSON snapshot', () => {
  it('writes exactly when botbuilder would, over random turns, and stores the same state', async () => {
    for (let seed = 1; seed <= 25; seed += 1) {
      const next = generator(seed);
      const oursStore = new CountingStorage();
      const theirsStore = new CountingStorage();
      const ours = new SnapshotConversationState(oursStore);
      const theirs = new ConversationState(theirsStore);
      const oursData = ours.createProperty<Record<string, unknown>>('data');
      const theirsData = theirs.createProperty<Record<string, unknown>>('data');
      for (let turn = 0; turn < 12; turn += 1) {
        const a = contextFor('c1');
        const b = contextFor('c1');
        const picks = [Math.floor(next() * steps.length), Math.floor(next() * steps.length)];
        const force = next() < 0.1;
        const mine = await oursData.get(a, {});
        const other = await theirsData.get(b, {});
        for (const pick of picks) {
          steps[pick]?.(mine);
          steps[pick]?.(other);
        }
        await ours.saveChanges(a, force);
        await theirs.saveChanges(b, force);
        // A second save in the same turn with nothing new writes nothing, in both.
        await ours.saveChanges(a);
        await theirs.saveChanges(b);
        expect(oursStore.writes, `seed ${seed}, turn ${turn}`).to.equal(theirsStore.writes);
      }
      const key = 'test/conversations/c1/';
      expect(await oursStore.read([key])).to.deep.equal(await theirsStore.read([key]));
    }
  });

  it('does not count a changed eTag as a change, and writes on force or after clear', async () => {
    const store = new CountingStorage();
    const state = new SnapshotUserState(store);
    const context = contextFor('c1');
    const profile = state.createProperty<Record<string, unknown>>('profile');
    (await profile.get(context, {})).name = 'Ana';
    await state.saveChanges(context);
    expect(store.writes).to.equal(1);
    const next = contextFor('c1');
    const loaded = await state.load(next);
    loaded.eTag = 'something-else';
    await state.saveChanges(next);
    expect(store.writes).to.equal(1);
    await state.saveChanges(next, true);
    expect(store.writes).to.equal(2);
    await state.clear(next);
    await state.saveChanges(next);
    expect(store.writes).to.equal(3);
    const stored = await store.read(['test/users/user-1/']);
    expect(Object.keys(stored['test/users/user-1/'] as object)).to.deep.equal(['eTag']);
  });

  it('keeps a state JSON cannot represent working (a cycle falls back to botbuilder’s hash)', async () => {
    const kept: StoreItems = {};
    let writes = 0;
    const store: Storage = {
      read: async (keys) => Object.fromEntries(keys.filter((k) => k in kept).map((k) => [k, kept[k]])),
      write: async (changes) => {
        writes += 1;
        Object.assign(kept, changes);
      },
      delete: async () => undefined,
    };
    const state = new SnapshotConversationState(store);
    const context = contextFor('c2');
    const data = await state.createProperty<Record<string, unknown>>('data').get(context, {});
    data.self = data;
    await state.saveChanges(context);
    await state.saveChanges(context);
    expect(writes).to.equal(1);
  });

  it('reads from the store again with force, as botbuilder does', async () => {
    const store = new CountingStorage();
    await store.inner.write({ 'test/conversations/c3/': { data: { v: 1 } } });
    const state = new SnapshotConversationState(store);
    const context = contextFor('c3');
    expect(await state.load(context)).to.deep.include({ data: { v: 1 } });
    await store.inner.write({ 'test/conversations/c3/': { data: { v: 2 }, eTag: '*' } });
    expect(await state.load(context)).to.deep.include({ data: { v: 1 } });
    expect(await state.load(context, true)).to.deep.include({ data: { v: 2 } });
  });

  it('BotStateSession.save writes both states together and fails when either write fails, after trying both', async () => {
    const conversationStore = new CountingStorage();
    const userStore = new CountingStorage();
    const session = new BotStateSession(new SnapshotConversationState(conversationStore), new SnapshotUserState(userStore));
    const context = contextFor('c4');
    (await session.conversation(context)).lastTopic = 'orders';
    (await session.profile(context)).locale = 'en-US';
    conversationStore.failWrites = true;
    const failure = await session.save(context).then(() => undefined, (e: unknown) => e);
    expect((failure as Error).message).to.equal('store down');
    expect(conversationStore.writes).to.equal(1);
    expect(userStore.writes).to.equal(1);
    expect(await userStore.read(['test/users/user-1/'])).to.have.nested.property('test/users/user-1/.userProfile.locale', 'en-US');
  });

  it('uses botbuilder’s own state classes underneath (keys, accessors and delete unchanged)', async () => {
    const store = new MemoryStorage();
    const state = new SnapshotUserState(store);
    expect(state).to.be.instanceOf(UserState);
    const context = contextFor('c5', 'user-9');
    (await state.createProperty<Record<string, unknown>>('p').get(context, {})).x = 1;
    await state.saveChanges(context);
    expect(Object.keys(await store.read(['test/users/user-9/']))).to.deep.equal(['test/users/user-9/']);
    await state.delete(context);
    expect(await store.read(['test/users/user-9/'])).to.deep.equal({});
  });
});
