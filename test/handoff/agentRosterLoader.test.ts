import { expect } from 'chai';
import path from 'node:path';
import { stringify } from 'yaml';
import { findAgent, loadAgentRoster, parseAgentRoster } from '../../handoff/agentRosterLoader';
import type { AgentRoster } from '../../handoff/routing';
import { RoutingError, routingErrorCodes } from '../../handoff/routingErrors';
import { loadRouting } from '../../handoff/routingLoader';

const contentDir = path.join(__dirname, '..', '..', 'content');
const queueIds = ['general', 'orders', 'specialists'];
const aadOfAna = '5b0c3c2e-9d1f-4a7e-8b55-0f3a2d6c1e90';

function validFile(): { agents: Record<string, unknown>[] } {
  return {
    agents: [
      { id: 'ana', display_name: 'Ana Souza', queues: ['general', 'orders'], user_ids: ['agent-ana'], aad_object_id: aadOfAna },
      { id: 'li', display_name: 'Li Wei', queues: ['specialists'], skills: ['fraud'], user_ids: ['agent-li', 'li@teams'], locale: 'zh-CN' },
    ],
  };
}

function rejection(text: string): RoutingError {
  try {
    parseAgentRoster(text, 'agents.yaml', queueIds);
  } catch (err) {
    expect(err).to.be.instanceOf(RoutingError);
    return err as RoutingError;
  }
  expect.fail('the roster was accepted');
}

describe('agent roster', () => {
  it('reads the shipped content/agents.yaml against the shipped routing queues', () => {
    const routing = loadRouting(path.join(contentDir, 'routing.yaml'));
    const roster = loadAgentRoster(
      path.join(contentDir, 'agents.yaml'),
      routing.queues.map((q) => q.id),
    );
    expect(roster.agents.map((a) => [a.id, a.displayName, a.locale])).to.deep.equal([
      ['ana', 'Ana Souza', 'en-US'],
      ['li', 'Li Wei', 'zh-CN'],
      ['sam', 'Sam Taylor', 'en-US'],
    ]);
    expect(findAgent(roster, { id: 'agent-ana' })?.queues).to.deep.equal(['general', 'orders']);
    expect(findAgent(roster, { id: 'agent-li' })?.queues).to.deep.equal(['general', 'orders', 'specialists']);
    expect(findAgent(roster, { id: 'agent-sam' })?.queues).to.deep.equal(['specialists']);
    // Every queue has someone to staff it.
    for (const queue of routing.queues) expect(roster.agents.some((a) => a.queues.includes(queue.id)), queue.id).to.equal(true);
    // The sample quick replies: a greeting and a closing for everyone, the rest for the queues they fit.
    expect(roster.quickReplies.map((r) => r.id)).to.include.members(['greeting', 'ask-order-number', 'checking', 'sorry-delay', 'refund-timeline', 'closing']);
    expect(roster.quickReplies.find((r) => r.id === 'greeting')?.queues).to.equal(undefined);
    for (const reply of roster.quickReplies) expect(reply.text['zh-CN'], reply.id).to.match(/\p{Script=Han}/u);
  });

  it('fills in the defaults and freezes the result', () => {
    const roster = parseAgentRoster(stringify(validFile()), 'agents.yaml', queueIds);
    expect(roster.agents[0]).to.deep.equal({
      id: 'ana',
      displayName: 'Ana Souza',
      queues: ['general', 'orders'],
      skills: [],
      userIds: ['agent-ana'],
      aadObjectId: aadOfAna,
      locale: 'en-US',
    });
    expect(() => (roster.agents as unknown[]).push({})).to.throw(TypeError);
    expect(() => (roster.agents[1]?.userIds as string[]).push('intruder')).to.throw(TypeError);
  });

  it('accepts an empty roster (every handoff then takes the after-hours path)', () => {
    expect(parseAgentRoster('agents: []\n', 'agents.yaml', queueIds)).to.deep.equal({ agents: [], quickReplies: [] });
  });

  describe('quick replies', () => {
    type Replies = Record<string, unknown>[];
    const withReplies = (breakIt: (replies: Replies) => void = () => undefined): string => {
      const quick_replies: Replies = [
        { id: 'greeting', title: { 'en-US': 'Greeting', 'zh-CN': '问候' }, text: { 'en-US': 'Hi {customer.name}, I am {agent.name}.', 'zh-CN': '{customer.name}，您好！我是{agent.name}。' } },
        { id: 'order-late', title: { 'en-US': 'Late order', 'zh-CN': '订单延误' }, text: { 'en-US': 'Sorry order {order.id} is late.', 'zh-CN': '抱歉，订单{order.id}延误了。' }, queues: ['orders', 'orders'] },
      ];
      breakIt(quick_replies);
      return stringify({ ...validFile(), quick_replies });
    };

    it('reads them in order, both languages, with their queues, frozen', () => {
      const roster = parseAgentRoster(withReplies(), 'agents.yaml', queueIds);
      expect(roster.quickReplies).to.deep.equal([
        { id: 'greeting', title: { 'en-US': 'Greeting', 'zh-CN': '问候' }, text: { 'en-US': 'Hi {customer.name}, I am {agent.name}.', 'zh-CN': '{customer.name}，您好！我是{agent.name}。' } },
        { id: 'order-late', title: { 'en-US': 'Late order', 'zh-CN': '订单延误' }, text: { 'en-US': 'Sorry order {order.id} is late.', 'zh-CN': '抱歉，订单{order.id}延误了。' }, queues: ['orders'] },
      ]);
      expect(() => (roster.quickReplies as unknown[]).push({})).to.throw(TypeError);
      expect(() => ((roster.quickReplies[0]?.text ?? {}) as Record<string, string>)['en-US'] = 'changed').to.throw(TypeError);
    });

    const cases: [string, (r: Replies) => void, string][] = [
      ['an unknown variable', (r) => ((r[0]?.text as Record<string, string>)['zh-CN'] = '{客户}您好'), 'quick_replies[0].text.zh-CN: unknown variable {客户}; use one of {customer.name}, {agent.name}, {queue.name}, {order.id}'],
      ['a brace never closed', (r) => ((r[1]?.text as Record<string, string>)['en-US'] = 'Order {order.id is late'), 'quick_replies[1].text.en-US: "{" at character 7 is never closed'],
      ['a missing Chinese text', (r) => delete (r[0]?.text as Record<string, string>)['zh-CN'], 'quick_replies[0].text.zh-CN: is required but missing'],
      ['an empty title', (r) => ((r[1]?.title as Record<string, string>)['en-US'] = '  '), 'quick_replies[1].title.en-US: must not be empty'],
      ['a third language', (r) => ((r[0]?.title as Record<string, string>)['fr-FR'] = 'Bonjour'), 'quick_replies[0].title: unknown setting "fr-FR"'],
      ['an id with capitals', (r) => ((r[0] ?? {}).id = 'Greeting'), 'quick_replies[0].id: use only lower-case letters, digits and "-"'],
      ['two replies with one id', (r) => ((r[1] ?? {}).id = 'greeting'), 'quick_replies[1].id: "greeting" is already the id of quick_replies[0]'],
      ['a queue the routing file does not have', (r) => ((r[1] ?? {}).queues = ['orders', 'vip-desk']), 'quick_replies[1].queues[1]: no queue "vip-desk"'],
      ['a misspelt setting', (r) => ((r[0] ?? {}).queue = ['orders']), 'quick_replies[0]: unknown setting "queue"'],
      ['a text far too long', (r) => ((r[0]?.text as Record<string, string>)['en-US'] = 'x'.repeat(1001)), 'quick_replies[0].text.en-US: at most 1000 characters'],
    ];
    for (const [name, breakIt, expected] of cases) {
      it(`rejects ${name}, saying where`, () => {
        const error = rejection(withReplies(breakIt));
        expect(error.code).to.equal(routingErrorCodes.invalid);
        expect(error.message).to.contain(expected);
      });
    }

    it('lists the mistakes of agents and quick replies at once', () => {
      const text = withReplies((r) => {
        (r[0]?.text as Record<string, string>)['en-US'] = 'Hi {name}';
        delete (r[1]?.title as Record<string, string>)['zh-CN'];
      }).replace('- general\n', '- nowhere\n');
      expect(rejection(text).problems.map((p) => p.path)).to.have.members(['agents[0].queues[0]', 'quick_replies[0].text.en-US', 'quick_replies[1].title.zh-CN']);
    });

    it('reports an unknown variable even in an entry that also lacks its Chinese', () => {
      const text = withReplies((r) => {
        (r[1]?.text as Record<string, string>)['en-US'] = 'Order {order.number} is late.';
        delete (r[1]?.text as Record<string, string>)['zh-CN'];
      });
      expect(rejection(text).problems.map((p) => `${p.path}: ${p.message.slice(0, 31)}`)).to.have.members(['quick_replies[1].text.en-US: unknown variable {order.number}', 'quick_replies[1].text.zh-CN: is required but missing']);
    });

    it('reports quick_replies that is not a list', () => {
      expect(rejection(`${stringify(validFile())}quick_replies: hello\n`).message).to.contain('quick_replies: expected a list');
    });
  });

  describe('tells the admin where each mistake is', () => {
    type Agents = Record<string, unknown>[];
    const cases: [string, (agents: Agents) => void, string][] = [
      ['a queue the routing file does not have', (a) => ((a[1] ?? {}).queues = ['specialists', 'vip-desk']), 'agents[1].queues[1]: no queue "vip-desk" (the routing file\'s queues are: general, orders, specialists)'],
      ['two agents with one id', (a) => ((a[1] ?? {}).id = 'ana'), 'agents[1].id: "ana" is already the id of agents[0]'],
      ['a user id shared by two agents', (a) => ((a[1] ?? {}).user_ids = ['agent-ana']), 'agents[1].user_ids[0]: "agent-ana" is already a user id of agent "ana"'],
      ['an Entra object id that is not a GUID', (a) => ((a[1] ?? {}).aad_object_id = 'li-wei'), 'agents[1].aad_object_id: must be a GUID'],
      ['an Entra object id shared by two agents', (a) => ((a[1] ?? {}).aad_object_id = aadOfAna.toUpperCase()), 'agents[1].aad_object_id: is already the Entra object id of agent "ana"'],
      ['an unsupported locale', (a) => ((a[1] ?? {}).locale = 'fr-FR'), 'agents[1].locale: "fr-FR" is not a supported locale; use en-US or zh-CN'],
      ['a missing display name', (a) => delete (a[0] ?? {}).display_name, 'agents[0].display_name: is required but missing'],
      ['an agent with no user id', (a) => ((a[0] ?? {}).user_ids = []), 'agents[0].user_ids: list at least one channel user id'],
      ['an id with capitals', (a) => ((a[0] ?? {}).id = 'Ana'), 'agents[0].id: use only lower-case letters, digits and "-"'],
      ['a misspelt setting', (a) => ((a[0] ?? {}).display = 'Ana'), 'agents[0]: unknown setting "display"'],
    ];
    for (const [name, breakIt, expected] of cases) {
      it(`rejects ${name}`, () => {
        const file = validFile();
        breakIt(file.agents);
        const error = rejection(stringify(file));
        expect(error.code).to.equal(routingErrorCodes.invalid);
        expect(error.message).to.contain(expected);
      });
    }

    it('lists the mistakes of several agents at once', () => {
      const file = validFile();
      (file.agents[0] ?? {}).locale = 'de-DE';
      (file.agents[1] ?? {}).queues = ['nowhere'];
      expect(rejection(stringify(file)).problems.map((p) => p.path)).to.have.members(['agents[0].locale', 'agents[1].queues[0]']);
    });

    it('reports a file without an agents list', () => {
      expect(rejection('agent:\n  - id: ana\n').message).to.contain('agents: is required but missing').and.to.contain('(top level): unknown setting "agent"');
    });
  });

  describe('findAgent', () => {
    let roster: AgentRoster;
    before(() => {
      roster = parseAgentRoster(stringify(validFile()), 'agents.yaml', queueIds);
    });

    it('finds an agent by any of their channel user ids', () => {
      expect(findAgent(roster, { id: 'agent-ana' })?.id).to.equal('ana');
      expect(findAgent(roster, { id: 'li@teams' })?.id).to.equal('li');
    });

    it('matches the Entra object id first, whatever its case', () => {
      expect(findAgent(roster, { id: 'agent-li', aadObjectId: aadOfAna.toUpperCase() })?.id).to.equal('ana');
      expect(findAgent(roster, { id: '29:1teams-user', aadObjectId: aadOfAna })?.id).to.equal('ana');
    });

    it('falls back to the user id when the Entra object id is unknown', () => {
      expect(findAgent(roster, { id: 'agent-li', aadObjectId: '00000000-0000-0000-0000-000000000000' })?.id).to.equal('li');
    });

    it('does not treat a customer as an agent, even with a similar id', () => {
      expect(findAgent(roster, { id: 'customer-vip' })).to.equal(undefined);
      expect(findAgent(roster, { id: 'Agent-Ana' })).to.equal(undefined);
      expect(findAgent(roster, { id: 'agent-ana ' })).to.equal(undefined);
    });
  });
});
