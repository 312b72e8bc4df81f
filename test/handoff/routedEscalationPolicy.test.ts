import path from 'node:path';
import { expect } from 'chai';
import { ContactHistory } from '../../handoff/contactHistory';
import { HandoffDesk } from '../../handoff/handoffDesk';
import { HandoffRepository } from '../../handoff/handoffRepository';
import { PresenceRepository } from '../../handoff/presenceRepository';
import { RoutedEscalationPolicy } from '../../handoff/routedEscalationPolicy';
import type { RoutingConfig } from '../../handoff/routing';
import { loadAgentRoster } from '../../handoff/agentRosterLoader';
import { loadRouting } from '../../handoff/routingLoader';
import { RuleSummarizer } from '../../handoff/ruleSummarizer';
import { TicketRepository } from '../../handoff/ticketRepository';
import { MemoryStorage } from '../../storage/memoryStorage';
import { LogCapture } from '../storage/logCapture';

const contentDir = path.resolve(__dirname, '..', '..', 'content');
const shipped = loadRouting(path.join(contentDir, 'routing.yaml'));
const roster = loadAgentRoster(path.join(contentDir, 'agents.yaml'), shipped.queues.map((q) => q.id));
const signals = { text: 'fetch me a human being', locale: 'en-US', sentiments: [], consecutiveNoMatches: 0, notResolvedCount: 0 } as const;

describe('routing read through a getter: a published routing applies to the next decision', () => {
  it('decides by the escalation rules of the routing in force, rebuilding them only when it changes', () => {
    let routing: RoutingConfig = shipped;
    const policy = new RoutedEscalationPolicy(() => routing);
    expect(policy.isAgentRequest(signals.text, 'en-US')).to.equal(false);
    expect(policy.decide(signals)).to.deep.equal({ escalate: false });
    routing = { ...shipped, escalation: { ...shipped.escalation, agentPhrases: { ...shipped.escalation.agentPhrases, 'en-US': [...shipped.escalation.agentPhrases['en-US'], 'fetch me a human being'] } } };
    expect(policy.isAgentRequest(signals.text, 'en-US')).to.equal(true);
    expect(policy.decide(signals)).to.include({ escalate: true, reason: 'requested' });
  });

  it('serves a customer waiting in a queue the routing in force took away as part of the default queue, warning once', () => {
    let routing: RoutingConfig = shipped;
    const logs = new LogCapture();
    const storage = new MemoryStorage();
    const desk = new HandoffDesk({ handoffs: new HandoffRepository(storage), tickets: new TicketRepository(storage), presence: new PresenceRepository(storage), history: new ContactHistory(storage), routing: () => routing, roster, summarizer: new RuleSummarizer(), logger: logs.logger });
    expect(desk.queue('orders').id).to.equal('orders');
    routing = { ...shipped, queues: shipped.queues.filter((q) => q.id !== 'orders') };
    expect(desk.queue('orders').id).to.equal(shipped.defaultQueue);
    expect(desk.queue('orders').id).to.equal(shipped.defaultQueue);
    const warnings = logs.entries.filter((e) => e.queueId === 'orders');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include({ servedAs: shipped.defaultQueue });
  });
});
