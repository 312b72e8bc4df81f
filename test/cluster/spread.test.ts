import { expect } from 'chai';
import path from 'node:path';
import { loadKnowledge } from '../../knowledge/knowledgeLoader';
import { clusterSuite } from './support/cluster';
import { DirectLineCustomer } from './support/directLineCustomer';
import { faqQuestions } from './support/customerLoad';
import { LiveEvents, WorkspaceAgent } from './support/workspaceAgent';
import { until } from '../support/until';
import { shippedCustomerWording } from './support/shippedWording';

const questions = faqQuestions;

/** The start of each question's answer as the knowledge has it. */
function answerStarts(): Map<string, string> {
  const base = loadKnowledge(path.join(__dirname, '..', '..', 'content', 'knowledge')).get('en-US');
  return new Map(questions.map((q) => [q, (base?.entries.find((e) => e.questions[0] === q)?.answer ?? '').split('\n')[0]?.slice(0, 40) ?? '']));
}

/**
 * Three instances behind HAProxy (round-robin per request): customers and an agent spread over them
 * see one contact centre, and a handoff crosses instances (the customer writes through B, the agent
 * accepts on A and writes through C, with the live event stream on C).
 */
describe('cluster: customers and agents spread over three instances behind HAProxy', function () {
  this.timeout(60_000);
  const cluster = clusterSuite();
  before(() => cluster().addAccount('ana', 'agent'));
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

  it('relays the customer’s and the agent’s lines both ways, live and in the history', async () => {
    const [a, b, c] = cluster().instances.map((i) => i.url) as [string, string, string];
    const ana = await WorkspaceAgent.signIn(cluster().url, 'ana');
    const live = await new LiveEvents(ana, c).open();
    try {
      const robin = await DirectLineCustomer.start(cluster().url, cluster().secret, { id: 'relay-robin', name: 'Robin' });
      await robin.ask('How long will delivery take?', b);
      await robin.ask('I want to talk to a real person', b);
      await live.waitFor((e) => e.type === 'inbox', 'the inbox event of the new waiting customer');
      const waiting = (await ana.inbox(a)).waiting.find((w) => w.customer.id === 'relay-robin');
      expect(waiting, 'Robin waits in the inbox').to.not.equal(undefined);
      const handoffId = waiting?.handoffId as string;

      await ana.accept(handoffId, a);
      await robin.waitForText(shippedCustomerWording((r) => r.agentJoined('Ana Souza')));

      const sent = await robin.say('My parcel is still not here', b);
      expect(sent.status).to.equal(200);
      const line = await live.waitFor((e) => e.type === 'message' && e.data.handoffId === handoffId, 'the customer’s line on the live stream');
      expect(line.data.line).to.include({ id: sent.id, from: 'customer', text: 'My parcel is still not here' });

      const agentLine = await ana.write(handoffId, 'Let me check that for you, Robin.', c);
      await robin.waitForText(shippedCustomerWording((r) => r.agentSays('Ana Souza', 'Let me check that for you, Robin.')));

      for (const via of [a, b, c]) {
        const transcript = await ana.transcript(handoffId, via);
        expect(transcript.map((l) => [l.from, l.text]), `history on ${via}`).to.deep.include.members([
          ['customer', 'My parcel is still not here'],
          ['agent', 'Let me check that for you, Robin.'],
        ]);
        expect(transcript.some((l) => l.id === agentLine)).to.equal(true);
      }
    } finally {
      live.close();
    }
  });
});
