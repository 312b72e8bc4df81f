import { expect } from 'chai';
import sinon from 'sinon';
import type { ContentFile, ContentValidator } from '../../publishing/contentBundle';
import { bundleId } from '../../publishing/contentBundle';
import type { ContentStore } from '../../publishing/contentRecords';
import { ContentVersions } from '../../publishing/contentVersions';
import type { PublishedContent } from '../../publishing/contentVersions';
import { defaultPollIntervalMs, PublishedWatcher } from '../../publishing/publishedWatcher';
import type { WatcherTimer } from '../../publishing/publishedWatcher';
import { silentLogger } from '../../logger';
import { MemoryStorage } from '../../storage/memoryStorage';
import { LogCapture } from '../storage/logCapture';
import { describeEachStore } from '../support/handoffStores';

const valid: ContentValidator = () => [];
const topic = (text: string): ContentFile[] => [{ path: 'greeting.yaml', text: `text: ${text}\n` }];

/** A timer the test fires by hand; `next()` resolves when the watcher schedules its next poll. */
class ManualTimer implements WatcherTimer {
  private pending: { run: () => void; ms: number } | undefined;
  private waiting: Array<(ms: number) => void> = [];
  readonly delays: number[] = [];

  set(run: () => void, ms: number): unknown {
    this.pending = { run, ms };
    this.delays.push(ms);
    this.waiting.splice(0).forEach((resolve) => resolve(ms));
    return run;
  }

  clear(): void {
    this.pending = undefined;
  }

  /** Resolves with the delay of the scheduled poll, once there is one. */
  next(): Promise<number> {
    if (this.pending) return Promise.resolve(this.pending.ms);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Runs the scheduled poll (its delay has passed). */
  fire(): void {
    const due = this.pending;
    this.pending = undefined;
    if (!due) throw new Error('nothing is scheduled');
    due.run();
  }

  get scheduled(): boolean {
    return this.pending !== undefined;
  }
}

/** Collects what a listener receives; `next()` resolves with the next call. */
class Received {
  readonly calls: PublishedContent[] = [];
  private waiting: Array<(content: PublishedContent) => void> = [];
  readonly listener = (content: PublishedContent): void => {
    this.calls.push(content);
    this.waiting.splice(0).forEach((resolve) => resolve(content));
  };

  next(): Promise<PublishedContent> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

describeEachStore('PublishedWatcher', (stores) => {
  it('hands a version published through another store handle to the listener at the next poll, 2 s apart', async () => {
    const admin = new ContentVersions(stores().other);
    await admin.publish('flows', topic('v1'), 'Ana', valid);
    const timer = new ManualTimer();
    const received = new Received();
    const watcher = new PublishedWatcher(new ContentVersions(stores().store), { flows: received.listener }, { logger: silentLogger(), timer });
    watcher.start();
    expect(await timer.next(), 'the first poll runs at once').to.equal(0);
    let first = received.next();
    timer.fire();
    expect((await first).files).to.deep.equal(topic('v1'));
    expect(await timer.next(), 'the next poll is 2 s later').to.equal(2000);

    await admin.publish('flows', topic('v2'), 'Ben', valid);
    first = received.next();
    timer.fire();
    const seen = await first;
    expect(seen).to.deep.include({ kind: 'flows', version: bundleId(topic('v2')), publishedBy: 'Ben', previous: bundleId(topic('v1')) });
    expect(seen.files).to.deep.equal(topic('v2'));
    await timer.next();
    expect(watcher.version('flows'), 'taken up once its listener returned').to.equal(bundleId(topic('v2')));

    // Nothing new: the listener is not called again.
    timer.fire();
    await timer.next();
    expect(received.calls).to.have.length(2);
    await watcher.stop();
    expect(timer.scheduled).to.equal(false);
  });

  it('on the node timer, takes up a publish made through another handle well within 5 s', async () => {
    const received = new Received();
    const watcher = new PublishedWatcher(new ContentVersions(stores().store), { flows: received.listener }, { logger: silentLogger(), intervalMs: 50 });
    watcher.start();
    await watcher.check();
    const taken = received.next();
    const started = Date.now();
    await new ContentVersions(stores().other).publish('flows', topic('v1'), 'Ana', valid);
    expect((await taken).version).to.equal(bundleId(topic('v1')));
    expect(Date.now() - started).to.be.below(5000);
    await watcher.stop();
  });

  it('does not hand over the version the instance already runs', async () => {
    const admin = new ContentVersions(stores().other);
    await admin.publish('flows', topic('v1'), 'Ana', valid);
    const received = new Received();
    const watcher = new PublishedWatcher(new ContentVersions(stores().store), { flows: received.listener }, { logger: silentLogger(), timer: new ManualTimer(), known: { flows: bundleId(topic('v1')) } });
    await watcher.check();
    expect(received.calls).to.deep.equal([]);
    await admin.publish('flows', topic('v2'), 'Ana', valid);
    await watcher.check();
    expect(received.calls.map((c) => c.version)).to.deep.equal([bundleId(topic('v2'))]);
  });
});

describe('PublishedWatcher: failures', () => {
  it('logs a failing listener once and hands the version over again at the next poll until it succeeds', async () => {
    const store = new MemoryStorage();
    await new ContentVersions(store).publish('flows', topic('v1'), 'Ana', valid);
    const log = new LogCapture();
    let calls = 0;
    const watcher = new PublishedWatcher(new ContentVersions(store), {
      flows: () => {
        calls += 1;
        if (calls < 3) throw new Error('topic greeting does not compile');
      },
    }, { logger: log.logger, timer: new ManualTimer() });
    await watcher.check();
    expect(watcher.version('flows')).to.equal(undefined);
    await watcher.check();
    await watcher.check();
    expect(calls).to.equal(3);
    expect(watcher.version('flows')).to.equal(bundleId(topic('v1')));
    const warnings = log.entries.filter((e) => e.msg === 'published content not taken up; retrying at the next poll');
    expect(warnings, 'the same failure is warned about once').to.have.length(1);
    expect(warnings[0]).to.deep.include({ kind: 'flows', version: bundleId(topic('v1')), level: 40 });
    expect(JSON.stringify(warnings[0])).to.contain('topic greeting does not compile');
    expect(log.entries.filter((e) => e.msg === 'published content still not taken up; retrying')).to.have.length(1);
    expect((await log.waitFor('published content taken up')).version).to.equal(bundleId(topic('v1')));
  });

  it('survives a store that does not answer, and takes the version up once it does', async () => {
    const memory = new MemoryStorage();
    await new ContentVersions(memory).publish('flows', topic('v1'), 'Ana', valid);
    let down = true;
    const store: ContentStore = {
      read: (keys) => (down ? Promise.reject(new Error('Redis connection lost')) : memory.read(keys)),
      write: (changes) => memory.write(changes),
    };
    const log = new LogCapture();
    const received = new Received();
    const timer = new ManualTimer();
    const watcher = new PublishedWatcher(new ContentVersions(store), { flows: received.listener }, { logger: log.logger, timer });
    watcher.start();
    await timer.next();
    timer.fire();
    expect(await timer.next(), 'polling goes on after a failed read').to.equal(2000);
    expect(JSON.stringify(await log.waitFor('published content not taken up; retrying at the next poll'))).to.contain('Redis connection lost');
    down = false;
    const taken = received.next();
    timer.fire();
    expect((await taken).version).to.equal(bundleId(topic('v1')));
    await log.waitFor('published content readable again');
    await watcher.stop();
  });

  it('refuses a missing source, logger or listener, and an interval under 10 ms', () => {
    const source = new ContentVersions(new MemoryStorage());
    const logger = silentLogger();
    expect(() => new PublishedWatcher({} as ContentVersions, { flows: () => undefined }, { logger })).to.throw(TypeError);
    expect(() => new PublishedWatcher(source, {}, { logger })).to.throw(/listener/);
    expect(() => new PublishedWatcher(source, { topics: () => undefined } as never, { logger })).to.throw(/topics/);
    expect(() => new PublishedWatcher(source, { flows: 'no' } as never, { logger })).to.throw(/flows/);
    expect(() => new PublishedWatcher(source, { flows: () => undefined }, {} as never)).to.throw(/logger/);
    expect(() => new PublishedWatcher(source, { flows: () => undefined }, { logger, intervalMs: 5 })).to.throw(/10/);
  });
});

describe('PublishedWatcher on the real clock', () => {
  let clock: sinon.SinonFakeTimers | undefined;
  afterEach(() => clock?.restore());

  it('polls every 2 s by default, so a publish is taken up within 2 s (fake timers)', async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = new MemoryStorage();
    const received = new Received();
    const watcher = new PublishedWatcher(new ContentVersions(store), { flows: received.listener }, { logger: silentLogger() });
    watcher.start();
    await clock.tickAsync(0);
    await new ContentVersions(store).publish('flows', topic('v1'), 'Ana', valid);
    await clock.tickAsync(defaultPollIntervalMs - 1);
    expect(received.calls).to.have.length(0);
    await clock.tickAsync(1);
    expect(received.calls.map((c) => c.version)).to.deep.equal([bundleId(topic('v1'))]);
    await watcher.stop();
    expect(clock.countTimers(), 'no poll is left scheduled').to.equal(0);
  });
});
