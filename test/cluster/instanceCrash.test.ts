import { expect } from 'chai';
import { clusterSuite } from './support/cluster';
import { DirectLineCustomer } from './support/directLineCustomer';
import { lostOfAcknowledged, acknowledged, startCustomerLoad } from './support/customerLoad';
import { LiveEvents, WorkspaceAgent } from './support/workspaceAgent';
import { shippedCustomerWording } from './support/shippedWording';
import { until } from '../support/until';
import type { WarmlineInstance } from './support/warmlineInstance';

/**
 * One of three instances is killed (SIGKILL, no shutdown) while customers keep writing through
 * HAProxy: nothing acknowledged is lost, the customer waiting on it is still served, and the
 * periodic sweep (the killed instance held its lease) carries on on a survivor.
 */
/** The warning the sweeping instance logs when an agent's page has been gone past the grace period. */
function offlineLine(agentId: string): RegExp {
  return new RegExp(`"agentId":"${agentId}".*"msg":"agent offline`);
}

describe('cluster: an instance killed under load', function () {
  this.timeout(90_000);
  const cluster = clusterSuite();

  it('loses no acknowledged turn, leaves no handoff stuck, and keeps sweeping', async () => {
    const { instances } = cluster();
    for (const name of ['ana', 'li', 'sam']) await cluster().addAccount(name, 'agent');
    const [ana, li, sam] = await Promise.all(['ana', 'li', 'sam'].map((name) => WorkspaceAgent.signIn(cluster().url, name))) as [WorkspaceAgent, WorkspaceAgent, WorkspaceAgent];
    const anaLive = await new LiveEvents(ana).open();

    // The instance to kill is the one running the handoff sweep (holding its lease): the only one to
    // notice, past the grace period, that Sam's page closed.
    (await sam.events()).close();
    let sweepers: WarmlineInstance[] = [];
    await until(() => (sweepers = instances.filter((i) => i.linesMatching(offlineLine('sam')).length > 0)).length > 0, () => 'an instance sweeping Sam offline', 20_000);
    expect(sweepers.map((i) => i.name), 'instances that swept Sam offline').to.have.length(1);
    const victim = sweepers[0] as WarmlineInstance;
    const survivor = instances.find((i) => i !== victim) as WarmlineInstance;

    // Li's page is connected to the instance that will die, and does not come back.
    const liPage = await li.events(victim.url);
    try {
      // Pat waits for a person; every turn of Pat's ran on the instance that will die.
      const pat = await DirectLineCustomer.start(cluster().url, cluster().secret, { id: 'crash-pat', name: 'Pat' });
      await pat.ask('What is your return policy?', victim.url);
      await pat.ask('I want to talk to a real person', victim.url);
      // Rae is with Li.
      const rae = await DirectLineCustomer.start(cluster().url, cluster().secret, { id: 'crash-rae', name: 'Rae' });
      await rae.ask('I want to talk to a real person', survivor.url);
      const raeWaiting = (await li.inbox()).waiting.find((w) => w.customer.id === 'crash-rae');
      await li.accept(raeWaiting?.handoffId as string);
      await rae.waitForText(shippedCustomerWording((r) => r.agentJoined('Li Wei')));

      const before = (await cluster().balancer.stats()).find((s) => s.name === victim.name)?.responses2xx ?? 0;
      const load = await startCustomerLoad(cluster(), 'crash', 8);
      await until(async () => ((await cluster().balancer.stats()).find((s) => s.name === victim.name)?.responses2xx ?? 0) > before + 10, () => `${victim.name} served part of the load`, 20_000);
      expect(await victim.stop('SIGKILL')).to.equal('SIGKILL');
      liPage.close();
      const sentAtKill = load.sent.length;
      await cluster().balancer.waitForStatus([victim.name], 'DOWN');
      await until(() => load.sent.length > sentAtKill + 24, () => `the load carried on after the kill (${load.sent.length - sentAtKill} messages since)`, 20_000);
      const sent = await load.stop();

      expect(acknowledged(sent).length, 'acknowledged messages').to.be.greaterThan(30);
      expect(await lostOfAcknowledged(cluster(), sent), 'lost acknowledged messages').to.deep.equal([]);

      // Pat, queued on the dead instance, is accepted through the survivors and hears Ana.
      const patWaiting = (await ana.inbox()).waiting.find((w) => w.customer.id === 'crash-pat');
      expect(patWaiting, 'Pat still waits').to.not.equal(undefined);
      await ana.accept(patWaiting?.handoffId as string);
      await pat.waitForText(shippedCustomerWording((r) => r.agentJoined('Ana Souza')));
      await ana.write(patWaiting?.handoffId as string, 'Sorry for the wait, Pat.');
      await pat.waitForText('Sorry for the wait, Pat.');

      // Li's page died with the instance: once Li's grace and the dead instance's sweep lease have run
      // out, the sweep on a survivor gives Rae back to the queue and says so.
      await rae.waitForText(shippedCustomerWording((r) => r.agentCalledAway('Li Wei')), 30_000);
      expect((await ana.inbox()).waiting.map((w) => w.customer.id)).to.include('crash-rae');
      const liSweepers = instances.filter((i) => i.linesMatching(offlineLine('li')).length > 0);
      expect(liSweepers.length > 0 && !liSweepers.includes(victim), `a survivor swept Li offline (${liSweepers.map((i) => i.name).join(', ')})`).to.equal(true);
      expect(instances.filter((i) => i.running), 'survivors').to.have.length(2);
    } finally {
      anaLive.close();
      liPage.close();
    }
  });
});
