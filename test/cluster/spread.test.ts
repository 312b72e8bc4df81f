import { expect } from 'chai';
import path from 'node:path';
import { loadKnowledge } from '../../knowledge/knowledgeLoader';
import { clusterSuite } from './support/cluster';
import { DirectLineCustomer } from './support/directLineCustomer';
import { LiveEvents, WorkspaceAgent } from './support/workspaceAgent';
import { until } from '../support/until';

/** Questions of the bundled store's knowledge (content/knowledge). */
const questions = ['How much is shipping?', 'How long will delivery take?', 'What is your return policy?', 'What payment methods do you accept?'];

/** The start of each question's answer as the knowledge has it. */
function answerStarts(): Map<string, string> {
  const base = loadKnowledge(path.join(__dirname, '..', '..', 'content', 'knowledge')).get('en-US');
  return new Map(questions.map((q) => [q, (base?.entries.find((e) => e.questions[0] === q)?.answer ?? '').split('\n')[0]?.slice(0, 40) ?? '']));
}

/**
 * Three instances behind HAProxy (round-robin per request): customers and an agent spread over them
 * see one contact centre.
 */
describe('cluster: customers and agents spread over three instances behind HAProxy', function () {
  this.timeout(60_000);
  const cluster = clusterSuite();
  const answers = answerStarts();

  it('answers a dozen customers through the load balancer, with requests landing on every instance', async () => {
    const before = await cluster().balancer.stats();
    const customers = await Promise.all(Array.from({ length: 12 }, (_, i) => DirectLineCustomer.start(cluster().url, cluster().secret, { id: `spread-${i}`, name: `Customer ${i}` })));
    await Promise.all(
      customers.map(async (customer, i) => {
        for (const question of [questions[i % questions.length] as string, questions[(i + 1) % questions.length] as string]) {
          expect((await customer.ask(question)).join('\n'), `${customer.userId}: ${question}`).to.include(answers.get(question));
        }
      }),
    );
    const after = await cluster().balancer.stats();
    for (const server of after) {
      const served = server.responses2xx - (before.find((s) => s.name === server.name)?.responses2xx ?? 0);
      expect(served, `requests ${server.name} answered 2xx`).to.be.greaterThan(5);
    }
  });

  it('serves a conversation’s whole history from every instance right after a turn', async () => {
    const customer = await DirectLineCustomer.start(cluster().url, cluster().secret, { id: 'spread-history', name: 'Robin' });
    for (const question of questions.slice(0, 3)) {
      // Each instance reads the conversation once per turn, as customers polling through HAProxy do.
      for (const instance of cluster().instances) await customer.activities(instance.url);
      const answer = await customer.say(question);
      expect(answer.status, question).to.equal(200);
      for (const instance of cluster().instances) {
        const seen = await customer.activities(instance.url);
        expect(seen.some((a) => a.replyToId === answer.id && a.type === 'message'), `${instance.name} shows the reply to "${question}" (${seen.length} activities)`).to.equal(true);
      }
    }
  });

  it('shows the queue to an agent signed in through the load balancer', async () => {
    await cluster().addAccount('ana', 'agent');
    const ana = await WorkspaceAgent.signIn(cluster().url, 'ana');
    const live = await new LiveEvents(ana).open();
    try {
      const waiting = ['queue-a', 'queue-b', 'queue-c'];
      for (const id of waiting) {
        const customer = await DirectLineCustomer.start(cluster().url, cluster().secret, { id, name: id });
        await customer.ask('How much is shipping?');
        await customer.ask('I want to talk to a real person');
      }
      await live.waitFor((e) => e.type === 'inbox', 'an inbox event');
      const inbox = await ana.inbox();
      expect(inbox.waiting.map((w) => [w.customer.id, w.position])).to.deep.equal(waiting.map((id, i) => [id, i + 1]));
    } finally {
      live.close();
    }
  });

  it('delivers every reply on the customer’s WebSocket stream, whichever instance ran the turn', async () => {
    const customer = await DirectLineCustomer.start(cluster().url, cluster().secret, { id: 'spread-stream', name: 'Sky' });
    const stream = await customer.openStream();
    try {
      const ids: string[] = [];
      for (const question of questions.slice(0, 3)) {
        const answer = await customer.say(question);
        expect(answer.status, question).to.equal(200);
        ids.push(answer.id as string);
      }
      await until(
        () => ids.every((id) => stream.received.some((a) => a.replyToId === id && a.type === 'message')),
        () => `replies to ${ids.join(', ')} on the stream; it delivered replies to ${JSON.stringify([...new Set(stream.received.map((a) => a.replyToId))])}`,
        10_000,
      );
    } finally {
      stream.close();
    }
  });
});
