import { expect } from 'chai';
import { bundleId } from '../../publishing/contentBundle';
import type { ContentFile, ContentValidator } from '../../publishing/contentBundle';
import { contentKeys } from '../../publishing/contentRecords';
import type { ContentStore } from '../../publishing/contentRecords';
import { ContentVersions } from '../../publishing/contentVersions';
import { PublishingError, publishingErrorCodes } from '../../publishing/publishingErrors';
import { isETagConflict } from '../../storage/compareAndSet';
import { describeEachStore, testClock } from '../support/handoffStores';

const valid: ContentValidator = () => [];
const greeting = (text: string): ContentFile => ({ path: 'greeting.yaml', text: `kind: AdaptiveDialog\nactions:\n  - text: ${text}\n` });
const transfer: ContentFile = { path: 'transfer.yaml', text: 'kind: AdaptiveDialog\nactions: []\n' };
const v1 = [greeting('Hello'), transfer];
const v2 = [greeting('Hi there'), { path: 'orders/where-is-my-order.yaml', text: 'a\nb\nc\n' }];

/** Rejects with a PublishingError of `code`. */
async function failsWith(promise: Promise<unknown>, code: string): Promise<PublishingError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(PublishingError);
    expect((error as PublishingError).code, (error as Error).message).to.equal(code);
    return error as PublishingError;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

/**
 * Two handles whose writes wait until both have read: each decides on the same state and then
 * writes, so their first writes race for real (the store, not this process, picks the winner).
 * `writes` records each write's outcome in order: 'ok' or 'conflict'.
 */
function racing(a: ContentStore, b: ContentStore): { stores: [ContentStore, ContentStore]; writes: string[] } {
  let reads = 0;
  let bothRead: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (bothRead = resolve));
  const writes: string[] = [];
  const gate = (store: ContentStore): ContentStore => {
    let counted = false;
    return {
      async read(keys) {
        const items = await store.read(keys);
        if (!counted) {
          counted = true;
          reads += 1;
          if (reads === 2) bothRead();
        }
        return items;
      },
      async write(changes) {
        await ready;
        try {
          await store.write(changes);
          writes.push('ok');
        } catch (error) {
          writes.push(isETagConflict(error) ? 'conflict' : 'error');
          throw error;
        }
      },
    };
  };
  return { stores: [gate(a), gate(b)], writes };
}

describeEachStore('ContentVersions', (stores) => {
  it('publishes files as a version, moves the pointer and writes an audit entry with a diff', async () => {
    const clock = testClock();
    const versions = new ContentVersions(stores().store, { now: clock.now });
    const result = await versions.publish('flows', v1, ' Ana ', valid);
    expect(result.status).to.equal('published');
    const published = await versions.published('flows');
    expect(published?.files).to.deep.equal(v1);
    expect(published).to.deep.include({ kind: 'flows', version: bundleId(v1), sequence: 1, publishedBy: 'Ana' });
    const [entry] = await versions.audit('flows');
    expect(entry).to.deep.equal({
      sequence: 1,
      kind: 'flows',
      action: 'publish',
      who: 'Ana',
      at: clock.now().toISOString(),
      to: bundleId(v1),
      diff: { added: [{ path: 'greeting.yaml', linesAdded: 3, linesRemoved: 0 }, { path: 'transfer.yaml', linesAdded: 2, linesRemoved: 0 }], removed: [], changed: [], linesAdded: 5, linesRemoved: 0 },
    });
    // Another handle on the same store sees it.
    expect((await new ContentVersions(stores().other).published('flows'))?.version).to.equal(bundleId(v1));
  });

  it('keeps the same files as one version: publishing them again changes nothing, even with Windows line ends', async () => {
    const versions = new ContentVersions(stores().store);
    const first = await versions.publish('flows', v1, 'Ana', valid);
    const again = await versions.publish('flows', [...v1].reverse().map((f) => ({ ...f, text: f.text.replace(/\n/g, '\r\n') })), 'Ben', valid);
    expect(again).to.deep.equal({ status: 'unchanged', version: first.status === 'published' ? first.version : '' });
    expect(await versions.audit('flows')).to.have.length(1);
    expect(await versions.list('flows')).to.have.length(1);
  });

  it('refuses files the validator rejects, returns every problem and stores nothing', async () => {
    const versions = new ContentVersions(stores().store);
    const problems = [
      { file: 'greeting.yaml', path: 'beginDialog.actions[0].text', line: 3, message: 'zh-CN text is missing', code: 'missing-locale-text' },
      { file: 'transfer.yaml', path: '', message: 'a Question blocks escalation', code: 'blocks-escalation' },
    ];
    let seen: readonly ContentFile[] = [];
    const result = await versions.publish('flows', v1, 'Ana', (files) => ((seen = files), problems));
    expect(result).to.deep.equal({ status: 'rejected', problems });
    expect(seen).to.deep.equal(v1);
    expect(await versions.published('flows')).to.equal(undefined);
    expect(await versions.audit('flows')).to.deep.equal([]);
    expect(await versions.list('flows')).to.deep.equal([]);
    expect(await stores().store.read([contentKeys.version('flows', bundleId(v1))])).to.deep.equal({});
  });

  it('refuses files when the validator itself fails, saying so', async () => {
    const versions = new ContentVersions(stores().store);
    const result = await versions.publish('flows', v1, 'Ana', () => {
      throw new Error('schema not loaded');
    });
    expect(result.status).to.equal('rejected');
    expect(result.status === 'rejected' && result.problems[0]?.message).to.contain('schema not loaded');
    expect(await versions.published('flows')).to.equal(undefined);
  });

  it('rolls back to the previous version, and both moves are in the audit', async () => {
    const clock = testClock();
    const versions = new ContentVersions(stores().store, { now: clock.now });
    await versions.publish('flows', v1, 'Ana', valid);
    clock.set(60);
    await versions.publish('flows', v2, 'Ben', valid);
    clock.set(120);
    const result = await versions.rollback('flows', 'Chen');
    expect(result.status).to.equal('rolledBack');
    expect((await versions.published('flows'))?.files).to.deep.equal(v1);
    const [rollback, second] = await versions.audit('flows');
    expect(second).to.deep.include({ sequence: 2, action: 'publish', who: 'Ben', from: bundleId(v1), to: bundleId(v2) });
    expect(second?.diff).to.deep.equal({
      added: [{ path: 'orders/where-is-my-order.yaml', linesAdded: 3, linesRemoved: 0 }],
      removed: [{ path: 'transfer.yaml', linesAdded: 0, linesRemoved: 2 }],
      changed: [{ path: 'greeting.yaml', linesAdded: 1, linesRemoved: 1 }],
      linesAdded: 4,
      linesRemoved: 3,
    });
    expect(rollback).to.deep.include({ sequence: 3, action: 'rollback', who: 'Chen', at: clock.now().toISOString(), from: bundleId(v2), to: bundleId(v1) });
    expect(rollback?.diff.added.map((f) => f.path)).to.deep.equal(['transfer.yaml']);
    const list = await versions.list('flows');
    expect(list.map((v) => [v.id, v.published, v.previous, v.lastPublishedBy])).to.deep.equal([
      [bundleId(v1), true, false, 'Chen'],
      [bundleId(v2), false, true, 'Ben'],
    ]);
  });

  it('rolls back to a named version by its first digits, and says which names are unknown', async () => {
    const versions = new ContentVersions(stores().store);
    await versions.publish('flows', v1, 'Ana', valid);
    await versions.publish('flows', v2, 'Ana', valid);
    await versions.publish('flows', [greeting('Third')], 'Ana', valid);
    const result = await versions.rollback('flows', 'Ben', bundleId(v1).slice(0, 6).toUpperCase());
    expect(result).to.include({ status: 'rolledBack', version: bundleId(v1) });
    expect(await versions.rollback('flows', 'Ben', bundleId(v1))).to.deep.equal({ status: 'unchanged', version: bundleId(v1) });
    await failsWith(versions.rollback('flows', 'Ben', 'ffffffffffff'), publishingErrorCodes.unknownVersion);
    await failsWith(versions.rollback('flows', 'Ben', 'abc'), publishingErrorCodes.unknownVersion);
    expect(await versions.audit('flows')).to.have.length(4);
  });

  it('says there is nothing to roll back before the first publish, and no earlier version after it', async () => {
    const versions = new ContentVersions(stores().store);
    await failsWith(versions.rollback('flows', 'Ana'), publishingErrorCodes.nothingPublished);
    await versions.publish('flows', v1, 'Ana', valid);
    await failsWith(versions.rollback('flows', 'Ana'), publishingErrorCodes.noPrevious);
    expect(await versions.audit('flows')).to.have.length(1);
  });

  it('lets exactly one of two racing publishers move the pointer each step; the audit has both, in order', async () => {
    const race = racing(stores().store, stores().other);
    const [a, b] = race.stores;
    const [first, second] = await Promise.all([new ContentVersions(a).publish('flows', v1, 'Ana', valid), new ContentVersions(b).publish('flows', v2, 'Ben', valid)]);
    expect([first.status, second.status]).to.deep.equal(['published', 'published']);
    // Outcomes are recorded as the store answers, in either order on Redis's two connections.
    expect(race.writes.slice(0, 2).sort(), 'one of the first two writes lost').to.deep.equal(['conflict', 'ok']);
    expect(race.writes[2], 'the loser wrote again on top').to.equal('ok');
    const versions = new ContentVersions(stores().store);
    const audit = (await versions.audit('flows')).reverse();
    expect(audit.map((e) => e.sequence)).to.deep.equal([1, 2]);
    expect(new Set(audit.map((e) => e.who))).to.deep.equal(new Set(['Ana', 'Ben']));
    expect(audit[0]?.from).to.equal(undefined);
    expect(audit[1]?.from, 'the second move starts where the first ended').to.equal(audit[0]?.to);
    expect((await versions.published('flows'))?.version).to.equal(audit[1]?.to);
  });

  it('tells the loser of two racing rollbacks that the published version changed, and changes nothing for it', async () => {
    const versions = new ContentVersions(stores().store);
    await versions.publish('flows', v1, 'Ana', valid);
    await versions.publish('flows', v2, 'Ana', valid);
    const race = racing(stores().store, stores().other);
    const [a, b] = race.stores;
    const outcomes = await Promise.allSettled([new ContentVersions(a).rollback('flows', 'Ben'), new ContentVersions(b).rollback('flows', 'Chen')]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as PublishingError] : []));
    expect(won).to.have.length(1);
    expect([...race.writes].sort()).to.deep.equal(['conflict', 'ok']);
    expect(lost.map((e) => e.code)).to.deep.equal([publishingErrorCodes.changedMeanwhile]);
    expect(lost[0]?.message).to.contain('nothing was changed');
    expect((await versions.published('flows'))?.version).to.equal(bundleId(v1));
    expect((await versions.audit('flows')).map((e) => e.action)).to.deep.equal(['rollback', 'publish', 'publish']);
  });

  it('writes the pointer and its audit entry in one batch: when the audit entry cannot be written, the pointer does not move', async () => {
    const store = stores().store;
    // An audit entry already under the key the first publish will use: its write must fail, and with it the whole batch.
    await store.write({ [contentKeys.audit('flows', 1)]: { planted: true } });
    const versions = new ContentVersions(store, { maxRetries: 1 });
    await failsWith(versions.publish('flows', v1, 'Ana', valid), publishingErrorCodes.conflict);
    const items = await store.read([contentKeys.published('flows'), contentKeys.versions('flows'), contentKeys.version('flows', bundleId(v1)), contentKeys.audit('flows', 1)]);
    expect(Object.keys(items)).to.deep.equal([contentKeys.audit('flows', 1)]);
    expect(items[contentKeys.audit('flows', 1)]).to.deep.include({ planted: true });
  });

  it('leaves neither pointer nor audit entry when the store fails the write', async () => {
    const store = stores().store;
    const batches: string[][] = [];
    const failing: ContentStore = {
      read: (keys) => store.read(keys),
      async write(changes) {
        batches.push(Object.keys(changes));
        throw new Error('connection lost');
      },
    };
    const error = await new ContentVersions(failing).publish('flows', v1, 'Ana', valid).then(() => undefined, (e: Error) => e);
    expect(error?.message).to.equal('connection lost');
    expect(batches).to.deep.equal([[contentKeys.version('flows', bundleId(v1)), contentKeys.published('flows'), contentKeys.versions('flows'), contentKeys.audit('flows', 1)]]);
    const versions = new ContentVersions(store);
    expect(await versions.published('flows')).to.equal(undefined);
    expect(await versions.audit('flows')).to.deep.equal([]);
  });

  it('keeps a bounded history, never pruning the published version or its predecessor', async () => {
    const clock = testClock();
    const versions = new ContentVersions(stores().store, { now: clock.now, maxVersions: 3 });
    const bundles = ['A', 'B', 'C', 'D'].map((t) => [greeting(t)]);
    const ids = bundles.map(bundleId);
    for (const [i, files] of bundles.slice(0, 3).entries()) {
      clock.set(i * 60);
      await versions.publish('flows', files, 'Ana', valid);
    }
    clock.set(200);
    await versions.rollback('flows', 'Ana', ids[0]);
    clock.set(300);
    await versions.publish('flows', bundles[3] ?? [], 'Ana', valid);
    // A was published first but is now the predecessor; B is the least recently published.
    expect((await versions.list('flows')).map((v) => v.id)).to.deep.equal([ids[3], ids[0], ids[2]]);
    expect(await versions.get('flows', ids[1] ?? '')).to.equal(undefined);
    expect((await versions.get('flows', ids[0] ?? ''))?.files).to.deep.equal(bundles[0]);
    await failsWith(versions.rollback('flows', 'Ana', ids[1]), publishingErrorCodes.unknownVersion);
    const stub = (await stores().store.read([contentKeys.version('flows', ids[1] ?? '')]))[contentKeys.version('flows', ids[1] ?? '')];
    expect(stub, 'the pruned version keeps who and when, not its files').to.deep.include({ id: ids[1], pruned: true, createdBy: 'Ana' }).and.not.have.property('files');
    expect(await versions.audit('flows')).to.have.length(5);
    // Publishing the pruned files again brings the version back.
    clock.set(400);
    expect(await versions.publish('flows', bundles[1] ?? [], 'Ben', valid)).to.include({ status: 'published', version: ids[1] });
    expect((await versions.published('flows'))?.files).to.deep.equal(bundles[1]);
  });

  it('never prunes the predecessor, even when the publishing instance\'s clock is behind', async () => {
    const clock = testClock();
    const versions = new ContentVersions(stores().store, { now: clock.now, maxVersions: 2 });
    const a = [greeting('A')];
    const b = [greeting('B')];
    const c = [greeting('C')];
    for (const [files, seconds] of [[a, 300], [b, 100], [c, 200]] as const) {
      clock.set(seconds);
      await versions.publish('flows', files, 'Ana', valid);
    }
    expect((await versions.list('flows')).map((v) => [v.id, v.published, v.previous])).to.deep.equal([
      [bundleId(c), true, false],
      [bundleId(b), false, true],
    ]);
    expect((await versions.rollback('flows', 'Ana')).version).to.equal(bundleId(b));
  });

  it('seeds from content/ only when nothing is published, once even when two instances start together', async () => {
    const [a, b] = racing(stores().store, stores().other).stores;
    const results = await Promise.all([
      new ContentVersions(a).publish('flows', v1, 'seed', valid, { onlyIfNothingPublished: true }),
      new ContentVersions(b).publish('flows', v1, 'seed', valid, { onlyIfNothingPublished: true }),
    ]);
    expect(results.map((r) => r.status).sort()).to.deep.equal(['published', 'unchanged']);
    const versions = new ContentVersions(stores().store);
    expect(await versions.publish('flows', v2, 'seed', valid, { onlyIfNothingPublished: true })).to.deep.equal({ status: 'unchanged', version: bundleId(v1) });
    expect(await versions.audit('flows')).to.have.length(1);
  });

  it('refuses a publish based on a version that is no longer the published one', async () => {
    const versions = new ContentVersions(stores().store);
    await versions.publish('flows', v1, 'Ana', valid);
    await versions.publish('flows', v2, 'Ben', valid, { basedOn: bundleId(v1) });
    const error = await failsWith(versions.publish('flows', [greeting('mine')], 'Ana', valid, { basedOn: bundleId(v1) }), publishingErrorCodes.changedMeanwhile);
    expect(error.message).to.contain(`to ${bundleId(v2)}, by Ben`);
    expect((await versions.published('flows'))?.version).to.equal(bundleId(v2));
  });

  it('keeps each kind apart', async () => {
    const versions = new ContentVersions(stores().store);
    await versions.publish('flows', v1, 'Ana', valid);
    await versions.publish('messages', [{ path: 'en-US.yaml', text: 'hello: Hello\n' }], 'Ana', valid);
    const pointers = await versions.pointers(['flows', 'messages', 'offers']);
    expect([...pointers.keys()]).to.deep.equal(['flows', 'messages']);
    expect(pointers.get('messages')?.sequence).to.equal(1);
    expect(await versions.audit('offers')).to.deep.equal([]);
  });
});

describe('ContentVersions: bad input and damaged records', () => {
  const store = (): ContentStore => {
    const items = new Map<string, unknown>();
    return {
      read: async (keys) => Object.fromEntries(keys.flatMap((k) => (items.has(k) ? [[k, structuredClone(items.get(k))]] : []))),
      write: async (changes) => {
        for (const [k, v] of Object.entries(changes)) items.set(k, v);
      },
    };
  };

  it('says which files are bad, all at once, and stores nothing', async () => {
    const s = store();
    const versions = new ContentVersions(s);
    const bad = [{ path: '../escape.yaml', text: 'x' }, { path: 'a.yaml', text: 1 }, { path: 'b.yaml', text: '' }, { path: 'b.yaml', text: '' }, { path: 'C:\\x.yaml', text: '' }] as unknown as ContentFile[];
    const error = await failsWith(versions.publish('flows', bad, 'Ana', valid), publishingErrorCodes.invalidBundle);
    expect(error.message).to.contain('"../escape.yaml"').and.contain('"a.yaml": its text must be a string').and.contain('"b.yaml" appears more than once').and.contain('backslash');
    await failsWith(versions.publish('flows', [], 'Ana', valid), publishingErrorCodes.invalidBundle);
    expect(await versions.published('flows')).to.equal(undefined);
  });

  it('refuses a bundle larger than the limit', async () => {
    const versions = new ContentVersions(store(), { maxBundleBytes: 10 });
    const error = await failsWith(versions.publish('flows', [{ path: 'a.yaml', text: '你好你好' }], 'Ana', valid), publishingErrorCodes.invalidBundle);
    expect(error.message).to.contain('12 bytes, more than the 10');
  });

  it('refuses an unknown kind, a missing name and a missing validator', async () => {
    const versions = new ContentVersions(store());
    await failsWith(versions.publish('topics' as never, v1, 'Ana', valid), publishingErrorCodes.invalidArgument);
    await failsWith(versions.publish('flows', v1, '  ', valid), publishingErrorCodes.invalidArgument);
    await failsWith(versions.rollback('flows', ''), publishingErrorCodes.invalidArgument);
    await failsWith(versions.list('routes' as never), publishingErrorCodes.invalidArgument);
    const error = await versions.publish('flows', v1, 'Ana', undefined as never).catch((e: Error) => e);
    expect(error).to.be.instanceOf(TypeError);
    expect(() => new ContentVersions({} as ContentStore)).to.throw(TypeError);
    expect(() => new ContentVersions(store(), { maxVersions: 1 })).to.throw(/at least 2/);
  });

  it('reports a hand-edited pointer or a version holding other files than its id says', async () => {
    const s = store();
    await s.write({ [contentKeys.published('flows')]: { version: 42 } });
    await failsWith(new ContentVersions(s).published('flows'), publishingErrorCodes.damaged);
    const t = store();
    await t.write({ [contentKeys.version('flows', bundleId(v1))]: { kind: 'flows', id: bundleId(v1), files: v2, createdAt: 'x', createdBy: 'x' } });
    const error = await failsWith(new ContentVersions(t).publish('flows', v1, 'Ana', valid), publishingErrorCodes.damaged);
    expect(error.message).to.contain('other files');
  });

  it('tells apart versions sharing their first digits', async () => {
    const versions = new ContentVersions(store());
    // Find two bundles whose ids share their first four digits.
    const seen = new Map<string, ContentFile[]>();
    let pair: [ContentFile[], ContentFile[]] | undefined;
    for (let i = 0; !pair; i += 1) {
      const files = [greeting(`variant ${i}`)];
      const prefix = bundleId(files).slice(0, 4);
      const other = seen.get(prefix);
      if (other) pair = [other, files];
      seen.set(prefix, files);
    }
    await versions.publish('flows', pair[0], 'Ana', valid);
    await versions.publish('flows', pair[1], 'Ana', valid);
    await versions.publish('flows', v1, 'Ana', valid);
    const error = await failsWith(versions.rollback('flows', 'Ana', bundleId(pair[0]).slice(0, 4)), publishingErrorCodes.ambiguousVersion);
    expect(error.message).to.contain(bundleId(pair[0])).and.contain(bundleId(pair[1]));
    expect(await versions.rollback('flows', 'Ana', bundleId(pair[0]).slice(0, 8))).to.include({ status: 'rolledBack', version: bundleId(pair[0]) });
  });
});
