import { expect } from 'chai';
import { RedisLease } from '../../storage/redisLease';
import { LeasedInterval } from '../../storage/leasedInterval';
import { LocalLease } from '../../storage/lease';
import { silentLogger } from '../../logger';
import { useRedisPerTest } from './redisTestClients';

/** Periodic tasks across instances: two leases on separate connections stand for two servers. */
describe('RedisLease and LeasedInterval (real Redis)', function () {
  this.timeout(20_000);
  const redis = useRedisPerTest();
  const lease = async (ttlMs = 1000): Promise<RedisLease> => new RedisLease(await redis.clients.connect(), redis.clients.prefix, 'handoff-sweep', ttlMs);
  const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('is held by one instance at a time, renewed under the same fence by its holder', async () => {
    const [a, b] = [await lease(), await lease()];
    const fence = await a.acquire();
    expect(fence).to.be.a('number');
    expect(await b.acquire()).to.equal(undefined);
    expect(await a.acquire()).to.equal(fence);
    expect(await a.holds(fence as number)).to.equal(true);
    expect(await b.holds(fence as number)).to.equal(false);
  });

  it('passes to another instance under a higher fence when released, or when its holder stops renewing', async () => {
    const [a, b] = [await lease(200), await lease(200)];
    const first = (await a.acquire()) as number;
    await a.release();
    const second = (await b.acquire()) as number;
    expect(second).to.be.greaterThan(first);
    expect(await a.holds(first)).to.equal(false);
    await a.release(); // not a's any more: b keeps it
    expect(await b.holds(second)).to.equal(true);
    await pause(300);
    const third = (await a.acquire()) as number;
    expect(third).to.be.greaterThan(second);
    expect(await b.acquire()).to.equal(undefined);
  });

  it('refuses a name that would mix with other keys', async () => {
    const client = await redis.clients.connect();
    expect(() => new RedisLease(client, redis.clients.prefix, 'a/b', 1000)).to.throw(TypeError);
  });

  it('runs a periodic task on one instance only, and on another once the first stops', async () => {
    const ran: string[] = [];
    const intervals = await Promise.all(
      ['a', 'b', 'c'].map(async (name) => new LeasedInterval('sweep', await lease(5000), 50, () => Promise.resolve(void ran.push(name)), silentLogger())),
    );
    for (const interval of intervals) interval.start();
    await pause(400);
    const [first] = ran;
    expect(ran.length).to.be.greaterThan(3);
    expect(new Set(ran)).to.deep.equal(new Set([first]));
    const holder = intervals[['a', 'b', 'c'].indexOf(first as string)] as LeasedInterval;
    await holder.stop();
    ran.length = 0;
    await pause(400);
    // What ran while one of the others held the lease. Stopping that one next gives the lease up, and
    // the last one may take it and run once before it is stopped itself (a CI run once saw that).
    const meanwhile = [...ran];
    for (const interval of intervals) await interval.stop();
    expect(meanwhile.length).to.be.greaterThan(3);
    expect(meanwhile).to.not.include(first);
    expect(new Set(meanwhile).size).to.equal(1);
  });

  it('logs a failing tick and keeps ticking', async () => {
    let calls = 0;
    const interval = new LeasedInterval('sweep', new LocalLease(), 20, () => {
      calls += 1;
      return Promise.reject(new Error('sweep failed'));
    }, silentLogger());
    interval.start();
    await pause(150);
    await interval.stop();
    expect(calls).to.be.greaterThan(2);
  });
});
