import { expect } from 'chai';
import { clusterSuite } from './support/cluster';
import { DirectLineCustomer } from './support/directLineCustomer';
import type { PostAnswer } from './support/directLineCustomer';
import { LiveEvents, WorkspaceAgent } from './support/workspaceAgent';
import { shippedCustomerWording } from './support/shippedWording';
import { until } from '../support/until';

/**
 * Every instance is restarted in turn (SIGTERM, a new process on the same port, ready again), as a
 * deployment rolls, while one customer talks with an agent and two wait in line: the conversation
 * carries on, nothing acknowledged is lost, and the queue and the assignment are kept.
 */
describe('cluster: a rolling restart of every instance', function () {
  this.timeout(240_000);
  const cluster = clusterSuite();

  it('keeps conversations, queue positions and assignments, losing no message', async () => {
    const { instances, balancer } = cluster();
    await cluster().addAccount('ana', 'agent');
    const ana = await WorkspaceAgent.signIn(cluster().url, 'ana');
    const live = await new LiveEvents(ana).open();
    try {
      const [sol, una, vic] = await Promise.all(['sol', 'una', 'vic'].map((name) => DirectLineCustomer.start(cluster().url, cluster().secret, { id: `roll-${name}`, name })));
      for (const customer of [sol, una, vic] as DirectLineCustomer[]) await customer.ask('I want to talk to a real person');
      let waiting: string[] = [];
      await until(async () => (waiting = (await ana.inbox()).waiting.map((w) => w.customer.id)).length === 3, async () => `three customers waiting (${waiting.join(', ')}); Sol was told ${JSON.stringify(await sol?.botTexts())}`);
      const solHandoff = (await ana.inbox()).waiting.find((w) => w.customer.id === 'roll-sol')?.handoffId as string;
      await ana.accept(solHandoff);
      await sol?.waitForText(shippedCustomerWording((r) => r.agentJoined('Ana Souza')));

      const solLines: { text: string; answer: PostAnswer }[] = [];
      const anaLines: { text: string; status: number }[] = [];
      const waitingLines: { customer: DirectLineCustomer; answer: PostAnswer }[] = [];
      const exchange = async (step: string): Promise<void> => {
        const text = `Sol's line ${step}`;
        solLines.push({ text, answer: await (sol as DirectLineCustomer).say(text) });
        const reply = `Ana's line ${step}`;
        anaLines.push({ text: reply, status: (await ana.call('POST', `/handoffs/${solHandoff}/messages`, { text: reply })).status });
        waitingLines.push({ customer: una as DirectLineCustomer, answer: await (una as DirectLineCustomer).say(`Una still here ${step}`) });
      };

      for (const instance of instances) {
        await exchange(`before ${instance.name}`);
        const stopped = instance.stop('SIGTERM');
        await exchange(`while ${instance.name} stops`);
        expect(await stopped, `${instance.name} exit code after SIGTERM`).to.equal(0);
        await instance.start();
        await balancer.waitForStatus([instance.name], 'UP');
      }
      await exchange('after the roll');

      // Acknowledged lines reached the other side; refused ones are retried by people, not lost silently.
      const acknowledgedSol = solLines.filter((l) => l.answer.status === 200);
      const acknowledgedAna = anaLines.filter((l) => l.status === 200);
      expect(acknowledgedSol.length, JSON.stringify(solLines)).to.be.greaterThan(solLines.length / 2);
      expect(acknowledgedAna.length, JSON.stringify(anaLines)).to.be.greaterThan(anaLines.length / 2);
      const transcript = (await ana.transcript(solHandoff)).map((l) => l.text);
      expect(acknowledgedSol.map((l) => l.text).filter((t) => !transcript.includes(t)), 'Sol’s acknowledged lines missing from Ana’s history').to.deep.equal([]);
      const solSees = await (sol as DirectLineCustomer).botTexts();
      const missing = acknowledgedAna.map((l) => l.text).filter((t) => !solSees.includes(shippedCustomerWording((r) => r.agentSays('Ana Souza', t))));
      expect(missing, 'Ana’s acknowledged lines Sol never got').to.deep.equal([]);
      for (const { customer, answer } of waitingLines.filter((l) => l.answer.status === 200)) {
        await customer.repliesTo(answer.id as string, `the reply to ${customer.userId}'s ${answer.id}`);
      }

      // The queue and the assignment survived: Una and Vic wait in the order they came, Sol is Ana's.
      const inbox = await ana.inbox();
      expect(inbox.waiting.map((w) => [w.customer.id, w.position])).to.deep.equal([['roll-una', 1], ['roll-vic', 2]]);
      expect(inbox.sessions.map((s) => [s.customer.id, s.state])).to.deep.equal([['roll-sol', 'assigned']]);
      expect(live.opened, 'Ana’s page reconnected as instances went away').to.be.greaterThan(1);
    } finally {
      live.close();
    }
  });
});
