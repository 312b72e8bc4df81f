import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { RedisDeskEventBus, deskEventChannel } from '../../storage/redisDeskEventBus';
import type { DeskEvent } from '../../handoff/deskEvents';
import { silentLogger } from '../../logger';
import { requireRedis } from '../support/services';
import { StallingRedisProxy } from './stallingRedisProxy';

/** Desk events between instances: two buses on one Redis stand for two servers. */
describe('RedisDeskEventBus (real Redis)', function () {
  this.timeout(15_000);
  let url: string;
  const opened: RedisDeskEventBus[] = [];
  before(async function () {
    url = await requireRedis(this);
  });
  afterEach(async () => {
    for (const bus of opened.splice(0)) await bus.close();
  });
  const open = async (keyPrefix: string, commandTimeoutMs = 2000): Promise<RedisDeskEventBus> => {
    const bus = await RedisDeskEventBus.open({ url, keyPrefix, commandTimeoutMs }, silentLogger());
    opened.push(bus);
    return bus;
  };
  const received = (bus: RedisDeskEventBus): DeskEvent[] => {
    const events: DeskEvent[] = [];
    bus.subscribe((e) => events.push(e));
    return events;
  };
  const until = async (check: () => boolean, ms = 3000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('not within time');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('carries an event published on one instance to the listeners of every instance, itself included, in order', async () => {
    const prefix = `wltest:${randomBytes(6).toString('hex')}:`;
    const a = await open(prefix);
    const b = await open(prefix);
    const onA = received(a);
    const onB = received(b);
    const line = { id: 'l1', at: '2026-12-06T09:00:00.000Z', from: 'customer' as const, text: '快递还没到' };
    await a.publish({ type: 'message', handoffId: 'h1', agentId: 'ana', line });
    await a.publish({ type: 'typing', handoffId: 'h1', agentId: 'ana', from: 'customer' });
    await until(() => onB.length === 2 && onA.length === 2);
    expect(onB[0]).to.deep.equal({ type: 'message', handoffId: 'h1', agentId: 'ana', line });
    expect(onB.map((e) => e.type)).to.deep.equal(['message', 'typing']);
  });

  it('keeps deployments with different key prefixes apart, and ignores a message that is not an event', async () => {
    const a = await open(`wltest:${randomBytes(6).toString('hex')}:`);
    const other = await open(`wltest:${randomBytes(6).toString('hex')}:`);
    const onOther = received(other);
    const onA = received(a);
    const raw = createClient({ url });
    await raw.connect();
    try {
      await raw.publish(a.channel, 'not json');
      await raw.publish(a.channel, '{"no":"type"}');
    } finally {
      raw.destroy();
    }
    await a.publish({ type: 'inbox', queueId: 'general' });
    await until(() => onA.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(onA).to.deep.equal([{ type: 'inbox', queueId: 'general' }]);
    expect(onOther).to.deep.equal([]);
    expect(deskEventChannel).to.equal('desk-events');
  });

  it('gives up a publish within the command timeout when Redis stops answering, and closes without waiting on it', async () => {
    const proxy = await new StallingRedisProxy(url).start();
    try {
      const bus = await RedisDeskEventBus.open({ url: proxy.url, keyPrefix: 'wltest:stall:', commandTimeoutMs: 300 }, silentLogger());
      proxy.stall();
      const started = Date.now();
      await bus.publish({ type: 'inbox' });
      expect(Date.now() - started).to.be.below(2000);
      const closing = Date.now();
      await bus.close();
      expect(Date.now() - closing).to.be.below(1000);
    } finally {
      await proxy.close();
    }
  });
});
