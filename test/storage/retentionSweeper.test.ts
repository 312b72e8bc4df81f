import { expect } from 'chai';
import sinon from 'sinon';
import type { Activity } from 'botbuilder';
import { MemoryTranscriptStore } from '../../storage/memoryTranscriptStore';
import { RetentionSweeper } from '../../storage/retentionSweeper';
import { LogCapture } from './logCapture';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

describe('RetentionSweeper', () => {
  let clock: sinon.SinonFakeTimers;
  let now: number;
  let log: LogCapture;
  const sweepers: RetentionSweeper[] = [];

  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    now = Date.UTC(2025, 5, 1, 12, 0, 0);
    log = new LogCapture();
  });
  afterEach(() => {
    sweepers.splice(0).forEach((s) => s.stop());
    // Spies first: one test spies on the faked setInterval, and restoring it after the clock would put
    // the fake back for every later test in this process (their intervals would never fire).
    sinon.restore();
    clock.restore();
  });

  function start(archive: { purgeOlderThan(cutoff: Date): Promise<number> }, retentionDays = 30): RetentionSweeper {
    const sweeper = new RetentionSweeper(archive, retentionDays, log.logger, { now: () => new Date(now) });
    sweepers.push(sweeper);
    return sweeper;
  }

  it('purges at once, then every hour, with the cutoff retentionDays before now, until stopped', async () => {
    const purge = sinon.stub<[Date], Promise<number>>().resolves(0);
    const sweeper = start({ purgeOlderThan: purge }, 30);
    await sweeper.whenIdle();
    expect(purge.callCount).to.equal(1);
    expect(purge.firstCall.args[0].getTime()).to.equal(now - 30 * day);

    await clock.tickAsync(hour - 1);
    expect(purge.callCount).to.equal(1);
    now += hour;
    await clock.tickAsync(1);
    await sweeper.whenIdle();
    expect(purge.callCount).to.equal(2);
    expect(purge.secondCall.args[0].getTime()).to.equal(now - 30 * day);

    sweeper.stop();
    await clock.tickAsync(5 * hour);
    expect(purge.callCount).to.equal(2);
  });

  it('removes what is past retention from a real archive, and logs the count but no message text', async () => {
    const archive = new MemoryTranscriptStore();
    const message = (id: string, ageDays: number): Activity =>
      ({ type: 'message', id, text: `secret words ${id}`, channelId: 'webchat', conversation: { id: 'c1' }, timestamp: new Date(now - ageDays * day) }) as Activity;
    await archive.logActivity(message('old', 31));
    await archive.logActivity(message('older', 40));
    await archive.logActivity(message('recent', 29));
    const sweeper = start(archive, 30);
    await sweeper.whenIdle();
    const left = await archive.getTranscriptActivities('webchat', 'c1');
    expect(left.items.map((a) => a.id)).to.deep.equal(['recent']);
    const entry = await log.waitFor('old transcript activities purged');
    expect(entry).to.include({ removed: 2, retentionDays: 30, area: 'storage' });
    expect(log.text()).not.to.contain('secret words');
  });

  it('logs a failed sweep and tries again at the next interval', async () => {
    const purge = sinon.stub<[Date], Promise<number>>();
    purge.onFirstCall().rejects(new Error('database is locked'));
    purge.resolves(4);
    const sweeper = start({ purgeOlderThan: purge });
    const failure = await log.waitFor('transcript retention sweep failed');
    expect(failure).to.have.nested.property('err.message', 'database is locked');
    await clock.tickAsync(hour);
    await sweeper.whenIdle();
    expect(purge.callCount).to.equal(2);
    expect(await log.waitFor('old transcript activities purged')).to.include({ removed: 4 });
  });

  it('joins a sweep already running instead of starting another', async () => {
    let finish: (removed: number) => void = () => undefined;
    const purge = sinon.stub<[Date], Promise<number>>().callsFake(() => new Promise((resolve) => (finish = resolve)));
    const sweeper = start({ purgeOlderThan: purge });
    const joined = sweeper.sweepNow();
    finish(6);
    expect(await joined).to.equal(6);
    expect(purge.callCount).to.equal(1);
  });

  it('does not keep the process alive', () => {
    const setIntervalSpy = sinon.spy(globalThis, 'setInterval');
    start({ purgeOlderThan: async () => 0 });
    const timer = setIntervalSpy.firstCall.returnValue as unknown as NodeJS.Timeout;
    expect(timer.hasRef()).to.equal(false);
  });

  it('runs its other retention tasks after the transcripts in every sweep, each on its own', async () => {
    const ran: string[] = [];
    const purge = sinon.stub<[Date], Promise<number>>().rejects(new Error('transcripts unavailable'));
    const tasks = [
      { name: 'broken', run: async () => Promise.reject(new Error('store unavailable')) },
      { name: 'records', run: async (at: Date) => (ran.push(at.toISOString()), 3) },
    ];
    const sweeper = new RetentionSweeper({ purgeOlderThan: purge }, 30, log.logger, { now: () => new Date(now), tasks });
    sweepers.push(sweeper);
    await sweeper.whenIdle();
    expect(ran).to.deep.equal([new Date(now).toISOString()]);
    expect(await log.waitFor('retention task failed')).to.include({ task: 'broken' }).and.have.nested.property('err.message', 'store unavailable');
    expect(await log.waitFor('records past retention removed or trimmed')).to.include({ task: 'records', changed: 3 });
    await clock.tickAsync(hour);
    await sweeper.whenIdle();
    expect(ran).to.have.length(2);
  });

  it('refuses a retention that is not a positive number of days', () => {
    for (const days of [0, -1, Number.NaN]) {
      expect(() => new RetentionSweeper({ purgeOlderThan: async () => 0 }, days, log.logger)).to.throw(TypeError, /retentionDays/);
    }
  });
});
