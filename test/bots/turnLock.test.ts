import { expect } from 'chai';
import { TestAdapter, TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { TurnLock } from '../../bots/turnLock';
import { SerialQueue } from '../../storage/serialQueue';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const newContext = (): TurnContext => new TurnContext(new TestAdapter(), { type: 'message', channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' } } as Activity);

describe('TurnLock: one turn at a time per conversation, entered again on the same TurnContext', () => {
  it('serialises turns on one key, and lets other keys run alongside', async () => {
    const lock = new TurnLock(new SerialQueue());
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = lock.run(newContext(), 'a', async () => {
      order.push('a1 start');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('a1 end');
    });
    await tick();
    const second = lock.run(newContext(), 'a', async () => {
      order.push('a2');
    });
    const other = lock.run(newContext(), 'b', async () => {
      order.push('b');
    });
    await other;
    expect(order).to.deep.equal(['a1 start', 'b']);
    release();
    await Promise.all([first, second]);
    expect(order).to.deep.equal(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('runs nested work on a key its TurnContext holds at once (a plain queue would wait on itself forever)', async () => {
    const lock = new TurnLock(new SerialQueue());
    const context = newContext();
    const result = await lock.run(context, 'a', () => lock.run(context, 'b', () => lock.run(context, 'a', async () => 'inner')));
    expect(result).to.equal('inner');
  });

  it('makes a different TurnContext wait for the holder, even when started from inside its work', async () => {
    const lock = new TurnLock(new SerialQueue());
    const order: string[] = [];
    let nested: Promise<void> | undefined;
    await lock.run(newContext(), 'a', async () => {
      nested = lock.run(newContext(), 'a', async () => {
        order.push('other context');
      });
      await tick();
      order.push('holder');
    });
    await nested;
    expect(order).to.deep.equal(['holder', 'other context']);
  });

  it('keeps locks apart: a context holding a key of one lock does not pass the same key of another', async () => {
    const one = new TurnLock(new SerialQueue());
    const two = new TurnLock(new SerialQueue());
    const order: string[] = [];
    let release: () => void = () => undefined;
    const outsider = two.run(newContext(), 'a', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      order.push('outsider on two');
    });
    await tick();
    const context = newContext();
    const nested = one.run(context, 'a', () => two.run(context, 'a', async () => order.push('nested on two')));
    await tick();
    expect(order).to.deep.equal([]);
    release();
    await Promise.all([outsider, nested]);
    expect(order).to.deep.equal(['outsider on two', 'nested on two']);
  });

  it('gives the key back when the work fails, and passes the failure on', async () => {
    const lock = new TurnLock(new SerialQueue());
    const context = newContext();
    await lock.run(context, 'a', async () => {
      throw new Error('boom');
    }).then(
      () => expect.fail('should have failed'),
      (err: Error) => expect(err.message).to.equal('boom'),
    );
    expect(await lock.run(newContext(), 'a', async () => 'after')).to.equal('after');
    // The failed turn's context no longer holds the key: it waits like anyone else.
    let release: () => void = () => undefined;
    const holder = lock.run(newContext(), 'a', () => new Promise<void>((resolve) => (release = resolve)));
    await tick();
    let entered = false;
    const again = lock.run(context, 'a', async () => {
      entered = true;
    });
    await tick();
    expect(entered).to.equal(false);
    release();
    await Promise.all([holder, again]);
    expect(entered).to.equal(true);
  });

  it('refuses to be built without a keyed lock', () => {
    expect(() => new TurnLock(undefined as never)).to.throw(TypeError);
  });
});
