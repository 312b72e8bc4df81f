import { expect } from 'chai';
import { ReentrantKeyedLock } from '../../storage/reentrantKeyedLock';
import { SerialQueue } from '../../storage/serialQueue';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ReentrantKeyedLock: work holding a key may enter it again', () => {
  it('serialises work on one key, and lets other keys run alongside', async () => {
    const lock = new ReentrantKeyedLock(new SerialQueue());
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = lock.run('a', async () => {
      order.push('a1 start');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('a1 end');
    });
    await tick();
    const second = lock.run('a', async () => {
      order.push('a2');
    });
    const other = lock.run('b', async () => {
      order.push('b');
    });
    await other;
    expect(order).to.deep.equal(['a1 start', 'b']);
    release();
    await Promise.all([first, second]);
    expect(order).to.deep.equal(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('runs nested work on a held key at once (a plain queue would wait on itself forever)', async () => {
    const lock = new ReentrantKeyedLock(new SerialQueue());
    const result = await lock.run('a', () => lock.run('b', () => lock.run('a', async () => 'inner')));
    expect(result).to.equal('inner');
  });

  it('passes only work started inside the holder: a concurrent caller still waits', async () => {
    const lock = new ReentrantKeyedLock(new SerialQueue());
    const order: string[] = [];
    let release: () => void = () => undefined;
    const holder = lock.run('a', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      order.push('holder');
    });
    await tick();
    const outsider = lock.run('a', async () => {
      order.push('outsider');
    });
    await tick();
    expect(order).to.deep.equal([]);
    release();
    await Promise.all([holder, outsider]);
    expect(order).to.deep.equal(['holder', 'outsider']);
  });

  it('keeps locks apart: holding a key of one lock does not pass the same key of another', async () => {
    const one = new ReentrantKeyedLock(new SerialQueue());
    const two = new ReentrantKeyedLock(new SerialQueue());
    const order: string[] = [];
    let release: () => void = () => undefined;
    const outsider = two.run('a', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      order.push('outsider on two');
    });
    await tick();
    const nested = one.run('a', () => two.run('a', async () => order.push('nested on two')));
    await tick();
    expect(order).to.deep.equal([]);
    release();
    await Promise.all([outsider, nested]);
    expect(order).to.deep.equal(['outsider on two', 'nested on two']);
  });

  it('releases the key when the work fails, and passes the failure on', async () => {
    const lock = new ReentrantKeyedLock(new SerialQueue());
    await lock.run('a', async () => {
      throw new Error('boom');
    }).then(
      () => expect.fail('should have failed'),
      (err: Error) => expect(err.message).to.equal('boom'),
    );
    expect(await lock.run('a', async () => 'after')).to.equal('after');
    expect(() => new ReentrantKeyedLock(undefined as never)).to.throw(TypeError);
  });
});
