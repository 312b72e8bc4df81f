import { expect } from 'chai';
import { rosterAgentOf } from '../../accounts/agentAccount';
import type { AgentRoster } from '../../handoff/routing';

const roster: AgentRoster = {
  agents: [
    { id: 'ana', displayName: 'Ana Souza', queues: ['general'], skills: [], userIds: ['agent-ana'], locale: 'en-US' },
    { id: 'li', displayName: 'Li Wei', queues: ['general'], skills: [], userIds: ['agent-li', 'li.wei'], locale: 'zh-CN' },
  ],
  quickReplies: [],
};

describe('rosterAgentOf', () => {
  it('finds the roster agent an agent or supervisor account is, by agent id or by user id', () => {
    expect(rosterAgentOf({ user: 'ana', role: 'agent' }, roster)?.id).to.equal('ana');
    expect(rosterAgentOf({ user: 'li.wei', role: 'supervisor' }, roster)?.id).to.equal('li');
    expect(rosterAgentOf({ user: 'agent-ana', role: 'agent' }, roster)?.id).to.equal('ana');
  });

  it('finds none for other roles or names', () => {
    expect(rosterAgentOf({ user: 'ana', role: 'viewer' }, roster)).to.equal(undefined);
    expect(rosterAgentOf({ user: 'ana', role: 'admin' }, roster)).to.equal(undefined);
    expect(rosterAgentOf({ user: 'sam', role: 'agent' }, roster)).to.equal(undefined);
  });
});
