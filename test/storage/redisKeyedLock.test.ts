import { expect } from 'chai';
import { RedisKeyedLock } from '../../storage/redisKeyedLock';
import { storageErrorCodes } from '../../storage/storageErrors';
import { silentLogger } from '../../logger';
import { useRedisPerTest } from './redisTestClients';

/** Turn locks across instances: two locks on separate connections stand for two servers. */
describe('RedisKeyedLock (real Redis)', function () {
  this.timeout(20_000);
  const redis = useRedisPerTest();
  const twoInstances = async (options: { leaseMs?: number; waitMs?: number } = {}): Promise<[RedisKeyedLock, RedisKeyedLock]> => [
    new RedisKeyedLock(await redis.clients.connect(), redis.clients.prefix, silentLogger(), options),
    new RedisKeyedLock(await redis.clients.connect(), redis.clients.prefix, silentLogger(), options),
  ];
  const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('never runs two tasks of one key at once, whichever instance they reach, and runs every one', async () => {
    const [a, b] = await twoInstances();
    let inside = 0;
    let most = 0;
    const done: number[] = [];
    const task = (n: number) => async (): Promise<number> => {
      inside += 1;
      most = Math.max(most, inside);
      await pause(5);
      inside -= 1;
      done.push(n);
      return n;
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? a : b).run('conv-1', task(n))));
    expect(most).to.equal(1);
    expect(results).to.deep.equal(Array.from({ length: 20 }, (_, n) => n));
    expect(done).to.have.length(20);
    expect(await redis.clients.keys()).to.deep.equal([]);
  });

  it('runs tasks of different keys side by side', async () => {
    const [a, b] = await twoInstances();
    let inside = 0;
    let most = 0;
    const task = async (): Promise<void> => {
      inside += 1;
      most = Math.max(most, inside);
      await pause(50);
      inside -= 1;
    };
    await Promise.all([a.run('conv-1', task), b.run('conv-2', task)]);
    expect(most).to.equal(2);
  });

  it('releases the key when the task throws, and rejects with its error', async () => {
    const [a, b] = await twoInstances();
    const failed = await a.run('conv-1', () => Promise.reject(new Error('turn failed'))).catch((e: Error) => e.message);
    expect(failed).to.equal('turn failed');
    expect(await b.run('conv-1', () => Promise.resolve('next'))).to.equal('next');
  });

  it('takes a key left locked by an instance that died once its lease runs out', async () => {
    const [a] = await twoInstances({ leaseMs: 300 });
    const client = await redis.clients.connect();
    await client.sendCommand(['SET', `${redis.clients.prefix}lock/conv-1`, 'a-dead-instance', 'PX', '300']);
    const started = Date.now();
    await a.run('conv-1', () => Promise.resolve());
    expect(Date.now() - started).to.be.within(150, 2000);
  });

  it('keeps the key while a task outlasts the lease, renewing it', async () => {
    const [a, b] = await twoInstances({ leaseMs: 200 });
    const order: string[] = [];
    const long = a.run('conv-1', async () => {
      await pause(700);
      order.push('long');
    });
    await pause(50);
    await b.run('conv-1', () => {
      order.push('second');
      return Promise.resolve();
    });
    await long;
    expect(order).to.deep.equal(['long', 'second']);
  });

  it('gives up with a storage-unavailable error when the key stays held past the wait, and never deletes the holder’s lock', async () => {
    const [a, b] = await twoInstances({ waitMs: 200 });
    let release: () => void = () => undefined;
    const holding = a.run('conv-1', () => new Promise<void>((resolve) => (release = resolve)));
    await pause(30);
    const error = await b.run('conv-1', () => Promise.resolve()).then(
      () => undefined,
      (e: { code?: string }) => e,
    );
    expect(error?.code).to.equal(storageErrorCodes.unavailable);
    expect(await redis.clients.keys()).to.deep.equal([`${redis.clients.prefix}lock/conv-1`]);
    release();
    await holding;
  });
});
