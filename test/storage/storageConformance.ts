/**
 * The behaviour every Warmline `Storage` must show, as one mocha suite that each implementation's
 * test file runs (like botbuilder-js's StorageBaseTests). Not a test file itself.
 */
import { expect } from 'chai';
import type { Storage, StoreItems } from 'botbuilder';
import { allKeys, keyListingPageSize } from '../../storage/keyListing';
import type { KeyListing } from '../../storage/keyListing';
import { ETagConflictError, StorageArgumentError, StorageSerializationError } from '../../storage/storageErrors';

/** A store under test, plus a second independent handle (connection, file handle) on the same data. */
export interface StorageFixture {
  readonly storage: Storage & KeyListing;
  readonly other: Storage & KeyListing;
  /** Releases both handles and removes whatever the test stored. */
  close(): Promise<void>;
}

interface Counter {
  count: number;
  eTag?: string;
}

const crazyKey = '!@#$%^&*()~/\\><,.?\';"`{}[]|';
const unicodeKey = 'user/客户-ü-🤖-\u00e9\u0301';

/** Registers the Storage conformance suite for one implementation. */
export function storageConformance(name: string, open: () => Promise<StorageFixture>): void {
  describe(`${name} conformance`, () => {
    let fixture: StorageFixture;
    let storage: Storage & KeyListing;

    beforeEach(async () => {
      fixture = await open();
      storage = fixture.storage;
    });
    afterEach(async () => fixture.close());

    async function readOne<T extends object>(key: string, from: Storage = storage): Promise<(T & { eTag: string }) | undefined> {
      const items: StoreItems = await from.read([key]);
      return items[key] as (T & { eTag: string }) | undefined;
    }

    it('creates an item and reads it back with a string eTag', async () => {
      await storage.write({ a: { count: 1, nested: { list: [1, 'two', null], text: '你好' } } });
      const item = await readOne<{ count: number; nested: unknown }>('a');
      expect(item).to.deep.include({ count: 1, nested: { list: [1, 'two', null], text: '你好' } });
      expect(item?.eTag).to.be.a('string').that.is.not.empty;
    });

    it('leaves unknown keys out of a read', async () => {
      await storage.write({ known: { count: 1 } });
      const items = await storage.read(['unknown', 'known', 'also-unknown']);
      expect(Object.keys(items)).to.deep.equal(['known']);
      expect(await storage.read(['nothing-here'])).to.deep.equal({});
      expect(await storage.read([])).to.deep.equal({});
    });

    it('stores, reads and deletes crazy and unicode keys', async () => {
      await storage.write({ [crazyKey]: { count: 1 }, [unicodeKey]: { count: 2 }, __proto__x: { count: 3 } });
      const items = await storage.read([crazyKey, unicodeKey, '__proto__x']);
      expect(items[crazyKey]).to.include({ count: 1 });
      expect(items[unicodeKey]).to.include({ count: 2 });
      expect(items['__proto__x']).to.include({ count: 3 });
      await storage.delete([crazyKey]);
      expect(Object.keys(await storage.read([crazyKey, unicodeKey]))).to.deep.equal([unicodeKey]);
    });

    it('keeps an item keyed "__proto__" as an ordinary item', async () => {
      const changes: StoreItems = JSON.parse('{"__proto__": {"count": 7}}') as StoreItems;
      await storage.write(changes);
      const items = await storage.read(['__proto__']);
      expect(Object.getPrototypeOf(items)).to.equal(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(items, '__proto__')?.value).to.include({ count: 7 });
    });

    it('updates an item written with its current eTag, and gives it a new eTag', async () => {
      await storage.write({ c: { count: 1 } });
      const first = await readOne<Counter>('c');
      await storage.write({ c: { ...first, count: 2 } });
      const second = await readOne<Counter>('c');
      expect(second?.count).to.equal(2);
      expect(second?.eTag).to.be.a('string').and.not.equal(first?.eTag);
    });

    it('rejects a write with a stale eTag and keeps the stored value', async () => {
      await storage.write({ c: { count: 1 } });
      const stale = await readOne<Counter>('c');
      await storage.write({ c: { ...stale, count: 2 } });
      const error = await storage.write({ c: { ...stale, count: 99 } }).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(ETagConflictError);
      expect(error).to.include({ code: 'WL_STORAGE_ETAG_CONFLICT', key: 'c' });
      expect((error as Error).message).to.contain('"c"');
      expect((await readOne<Counter>('c'))?.count).to.equal(2);
    });

    it('overwrites unconditionally when the eTag is "*"', async () => {
      await storage.write({ c: { count: 1 } });
      const stale = await readOne<Counter>('c');
      await storage.write({ c: { ...stale, count: 2 } });
      await storage.write({ c: { count: 3, eTag: '*' } });
      expect((await readOne<Counter>('c'))?.count).to.equal(3);
    });

    it('overwrites unconditionally when there is no eTag', async () => {
      await storage.write({ c: { count: 1 } });
      await storage.write({ c: { count: 2 } });
      expect((await readOne<Counter>('c'))?.count).to.equal(2);
    });

    it('stores a new item whatever eTag it carries, and gives it a fresh one', async () => {
      await storage.write({ fresh: { count: 1, eTag: 'made-up' } });
      const item = await readOne<Counter>('fresh');
      expect(item?.count).to.equal(1);
      expect(item?.eTag).to.be.a('string').and.not.equal('made-up');
    });

    it('deletes items and ignores unknown keys', async () => {
      await storage.write({ a: { count: 1 }, b: { count: 2 } });
      await storage.delete(['a', 'never-written']);
      expect(Object.keys(await storage.read(['a', 'b']))).to.deep.equal(['b']);
      await storage.delete(['never-written']);
      await storage.delete([]);
      expect(Object.keys(await storage.read(['a', 'b']))).to.deep.equal(['b']);
    });

    it('writes, reads and deletes several items in one call', async () => {
      await storage.write({ x: { count: 1 }, y: { count: 2 }, z: { count: 3 } });
      const items = await storage.read(['x', 'y', 'z']);
      expect([items.x, items.y, items.z].map((i) => (i as Counter).count)).to.deep.equal([1, 2, 3]);
      await storage.delete(['x', 'z']);
      expect(Object.keys(await storage.read(['x', 'y', 'z']))).to.deep.equal(['y']);
    });

    it('writes nothing from a batch in which one item has a stale eTag', async () => {
      await storage.write({ a: { count: 1 }, b: { count: 1 } });
      const current = await storage.read(['a', 'b']);
      await storage.write({ b: { ...(current.b as Counter), count: 2 } });
      const batch = { a: { ...(current.a as Counter), count: 10 }, b: { ...(current.b as Counter), count: 20 }, c: { count: 30 } };
      const error = await storage.write(batch).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(ETagConflictError).and.include({ key: 'b' });
      const after = await storage.read(['a', 'b', 'c']);
      expect((after.a as Counter).count).to.equal(1);
      expect((after.a as Counter).eTag).to.equal((current.a as Counter).eTag);
      expect((after.b as Counter).count).to.equal(2);
      expect(after).not.to.have.property('c');
    });

    it('returns copies: changing what was read or written does not change the store', async () => {
      const written = { profile: { name: 'Ana' }, tags: ['vip'] };
      await storage.write({ p: written });
      written.profile.name = 'changed after write';
      expect(written).not.to.have.property('eTag');
      const read = await readOne<typeof written>('p');
      read!.profile.name = 'changed after read';
      read!.tags.push('changed');
      const again = await readOne<typeof written>('p');
      expect(again).to.deep.include({ profile: { name: 'Ana' }, tags: ['vip'] });
    });

    it('shares data and eTags between two handles on the same store', async () => {
      await storage.write({ shared: { count: 1 } });
      const seen = await readOne<Counter>('shared', fixture.other);
      expect(seen?.count).to.equal(1);
      await fixture.other.write({ shared: { ...seen, count: 2 } });
      expect((await readOne<Counter>('shared'))?.count).to.equal(2);
      const error = await storage.write({ shared: { ...seen, count: 3 } }).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(ETagConflictError);
    });

    it('rejects bad arguments with a coded TypeError', async () => {
      const bad: Array<() => Promise<unknown>> = [
        () => storage.read(undefined as unknown as string[]),
        () => storage.read('a' as unknown as string[]),
        () => storage.read([1] as unknown as string[]),
        () => storage.delete(null as unknown as string[]),
        () => storage.delete([{}] as unknown as string[]),
        () => storage.write(undefined as unknown as StoreItems),
        () => storage.write([] as unknown as StoreItems),
        () => storage.write('a' as unknown as StoreItems),
        () => storage.write({ a: 5 }),
        () => storage.write({ a: null }),
        () => storage.write({ a: { eTag: 5 } }),
      ];
      for (const call of bad) {
        const error = await call().then(() => undefined, (e: unknown) => e);
        expect(error, String(call)).to.be.instanceOf(StorageArgumentError).and.instanceOf(TypeError);
        expect(error).to.have.property('code', 'WL_STORAGE_INVALID_ARGUMENT');
      }
      expect(await storage.read(['a'])).to.deep.equal({});
    });

    it('rejects values that cannot be JSON, and stores nothing of that batch', async () => {
      const circular: Record<string, unknown> = { name: 'loop' };
      circular.self = circular;
      for (const value of [circular, { big: 10n }]) {
        const error = await storage.write({ fine: { count: 1 }, broken: value }).then(() => undefined, (e: unknown) => e);
        expect(error).to.be.instanceOf(StorageSerializationError);
        expect(error).to.have.property('code', 'WL_STORAGE_NOT_SERIALIZABLE');
        expect((error as Error).message).to.contain('"broken"');
      }
      expect(await storage.read(['fine', 'broken'])).to.deep.equal({});
    });

    it('lists the keys under a prefix, crazy and unicode ones included, and forgets deleted ones', async () => {
      await storage.write({ 'handoff/record/1': { count: 1 }, 'handoff/record/2': { count: 2 }, 'handoff/records': { count: 3 }, 'handoff/ticket/1': { count: 4 } });
      await storage.write({ [`handoff/record/${crazyKey}`]: { count: 5 }, [`handoff/record/${unicodeKey}`]: { count: 6 }, 'handoff/record*': { count: 7 } });
      expect((await allKeys(storage, 'handoff/record/')).sort()).to.deep.equal(
        ['handoff/record/1', 'handoff/record/2', `handoff/record/${crazyKey}`, `handoff/record/${unicodeKey}`].sort(),
      );
      // Pattern characters in a prefix are taken literally.
      expect(await allKeys(storage, 'handoff/record*')).to.deep.equal(['handoff/record*']);
      expect(await allKeys(storage, 'handoff/record/[12]')).to.deep.equal([]);
      await storage.delete(['handoff/record/1']);
      expect(await allKeys(fixture.other, 'handoff/record/1')).to.deep.equal([]);
      expect((await allKeys(storage, '')).length).to.equal(6);
      expect(await allKeys(storage, 'nothing/')).to.deep.equal([]);
    });

    it('lists every key once when there are more than a page of them', async () => {
      const count = keyListingPageSize * 2 + 7;
      const items: StoreItems = {};
      for (let i = 0; i < count; i += 1) items[`bulk/${String(i).padStart(5, '0')}`] = { count: i };
      await storage.write(items);
      await storage.write({ 'bulk0': { count: -1 }, 'bulk': { count: -2 } });
      let pages = 0;
      const keys: string[] = [];
      for await (const page of storage.listKeys('bulk/')) {
        pages += 1;
        expect(page.length).to.be.at.most(keyListingPageSize);
        keys.push(...page);
      }
      expect(keys.length).to.equal(count);
      expect(new Set(keys).size).to.equal(count);
      expect(keys.every((k) => k.startsWith('bulk/'))).to.equal(true);
      expect(pages).to.be.greaterThan(1);
    });

    it('refuses a prefix that is not a string with a coded error', async () => {
      const error = await allKeys(storage, 5 as unknown as string).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(StorageArgumentError).and.have.property('code', 'WL_STORAGE_INVALID_ARGUMENT');
    });

    it('loses no update when 20 writers on two handles increment one counter', async () => {
      await storage.write({ counter: { count: 0 } });
      const handles = [storage, fixture.other];
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => increment(handles[i % 2] as Storage, 'counter')));
      expect((await readOne<Counter>('counter'))?.count).to.equal(20);
      const conflicts = results.reduce((sum, n) => sum + n, 0);
      expect(conflicts, 'writers really raced (some had to retry)').to.be.greaterThan(0);
    });
  });
}

/** Read-modify-write with eTag retry, as BotState users do. Resolves with how many conflicts it hit. */
async function increment(storage: Storage, key: string): Promise<number> {
  for (let conflicts = 0; conflicts < 200; conflicts += 1) {
    const current = (await storage.read([key]))[key] as Counter;
    // Let the other writers read the same version before this one writes.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      await storage.write({ [key]: { ...current, count: current.count + 1 } });
      return conflicts;
    } catch (error) {
      if (!(error instanceof ETagConflictError)) throw error;
    }
  }
  throw new Error('increment: too many eTag conflicts');
}
