import { expect } from 'chai';
import { clusterSuite } from './support/cluster';
import { DirectLineCustomer } from './support/directLineCustomer';
import { acknowledged, lostOfAcknowledged, startCustomerLoad } from './support/customerLoad';
import { LiveEvents, WorkspaceAgent } from './support/workspaceAgent';
import { shippedCustomerWording } from './support/shippedWording';
import { until } from '../support/until';

/**
 * The shared Redis dies (SIGKILL; it had written every acknowledged command to its append-only file)
 * and comes back while customers keep writing: instances report not ready and refuse turns cleanly
 * while it is down, nobody crashes, and everything resumes with nothing acknowledged lost.
 */
describe('cluster: Redis restarted under load', function () {
  this.timeout(90_000);
  const cluster = clusterSuite();

  it('is not ready while Redis is down, refuses turns cleanly, and resumes with nothing lost', async () => {
    const { instances, redis, balancer } = cluster();
    await cluster().addAccount('ana', 'agent');
    const ana = await WorkspaceAgent.signIn(cluster().url, 'ana');
    const live = await new LiveEvents(ana).open();
    try {
      const kim = await DirectLineCustomer.start(cluster().url, cluster().secret, { id: 'outage-kim', name: 'Kim' });
      await kim.ask('I want to talk to a real person');
      const load = await startCustomerLoad(cluster(), 'outage', 6);
      await until(() => acknowledged(load.sent).length >= 12, () => `12 messages acknowledged before the outage (${acknowledged(load.sent).length})`, 20_000);

      await redis.stop('SIGKILL');
      await until(async () => (await Promise.all(instances.map((i) => i.readiness()))).every((s) => s === 503), async () => `every instance answers /readyz 503 (${(await Promise.all(instances.map((i) => i.readiness()))).join(', ')})`, 15_000);
      // A customer writing to each instance while Redis is down gets a clear refusal, within the command deadline.
      const refusals = await Promise.all(instances.map((i) => kim.say('Are you still there?', i.url)));
      expect(refusals.map((r) => r.status >= 500 && r.status < 600), JSON.stringify(refusals)).to.deep.equal([true, true, true]);
      expect(instances.map((i) => i.running), 'every instance still runs').to.deep.equal([true, true, true]);

      await redis.start();
      await until(async () => (await Promise.all(instances.map((i) => i.readiness()))).every((s) => s === 200), async () => `every instance answers /readyz 200 (${(await Promise.all(instances.map((i) => i.readiness()))).join(', ')})`, 20_000);
      await balancer.waitForStatus(instances.map((i) => i.name), 'UP');
      const acknowledgedBefore = acknowledged(load.sent).length;
      await until(() => acknowledged(load.sent).length >= acknowledgedBefore + 12, () => `turns resumed after the outage (${acknowledged(load.sent).length - acknowledgedBefore} since)`, 20_000);
      const sent = await load.stop();
      expect(await lostOfAcknowledged(cluster(), sent), 'lost acknowledged messages').to.deep.equal([]);

      // Kim, who waited through the outage, is still in line and is served.
      const waiting = (await ana.inbox()).waiting.find((w) => w.customer.id === 'outage-kim');
      expect(waiting, 'Kim still waits').to.not.equal(undefined);
      await ana.accept(waiting?.handoffId as string);
      await kim.waitForText(shippedCustomerWording((r) => r.agentJoined('Ana Souza')));
      expect(instances.map((i) => i.running), 'every instance still runs').to.deep.equal([true, true, true]);
    } finally {
      live.close();
    }
  });
});
