/**
 * Drives real conversations through a running Warmline for the privacy tests: a customer's FAQ
 * question and rating (with an offer decision), a question nobody can answer, a handoff to an agent
 * with messages both ways and a note, a message left when nobody is free, and a Direct Line
 * conversation over its HTTP API. Every step waits for the bot's reply (no sleeps).
 */
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import type { WarmlineApp } from '../../index';
import { contactResponses } from '../../dialogs/contactResponses';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { agentHandoffResponses, customerHandoffResponses } from '../../handoff/responses';
import type { ConnectorStandIn } from './connectorStandIn';
import { messageActivity } from './connectorStandIn';
import { post } from './testApp';

/** A customer in one conversation. */
export interface ScenarioCustomer {
  readonly userId: string;
  readonly name: string;
  readonly conversationId: string;
  readonly channelId: string;
  readonly aadObjectId?: string;
}

/** The roster agent who takes handoffs in these scenarios (Teams, trusted on a developer's machine). */
const agentUserId = 'agent-ana';
const agentConversation = 'teams-agent-ana-privacy';

/** Conversations driven through one app, a customer channel and an agent channel. */
export class PrivacyScenario {
  constructor(
    private readonly app: WarmlineApp,
    private readonly customers: ConnectorStandIn,
    private readonly agents: ConnectorStandIn,
  ) {}

  /** What the customer types (or clicks); resolves with the bot's messages of that turn. */
  async say(who: ScenarioCustomer, text: string, value?: unknown): Promise<string[]> {
    const before = this.customers.messagesIn(who.conversationId).length;
    const activity = messageActivity(this.customers.serviceUrl, who.conversationId, text, {
      channelId: who.channelId,
      from: { id: who.userId, name: who.name, ...(who.aadObjectId ? { aadObjectId: who.aadObjectId } : {}) },
      ...(value !== undefined ? { value } : {}),
    });
    const answer = await post(`${this.app.url}/api/messages`, activity);
    expect(answer.status, `"${text}" was taken`).to.be.oneOf([200, 201, 202]);
    return this.customers.messagesIn(who.conversationId).slice(before).map((a) => a.text ?? '');
  }

  /** What the agent types in their own conversation; resolves with the bot's messages to them that turn. */
  async agentSays(text: string, value?: unknown): Promise<Partial<Activity>[]> {
    const before = this.agents.messagesIn(agentConversation).length;
    const activity = messageActivity(this.agents.serviceUrl, agentConversation, text, {
      channelId: 'msteams',
      from: { id: agentUserId, name: 'Ana' },
      conversation: { id: agentConversation, conversationType: 'personal', tenantId: 'tenant-1' } as Activity['conversation'],
      ...(value !== undefined ? { value } : {}),
    });
    const answer = await post(`${this.app.url}/api/messages`, activity);
    expect(answer.status, `agent "${text}" was taken`).to.be.oneOf([200, 201, 202]);
    return this.agents.messagesIn(agentConversation).slice(before);
  }

  /** An answered question, "yes" it helped, and a rating of 5 (after which the offer engine decides). */
  async solvedQuestion(who: ScenarioCustomer): Promise<void> {
    expect(await this.say(who, 'How long will delivery take?')).to.include(resolutionResponses['en-US'].askAfterAnswer);
    await this.say(who, 'yes');
    await this.say(who, '5');
  }

  /** A question the knowledge base cannot answer (kept in the journal and in active learning). */
  async unanswered(who: ScenarioCustomer, question: string): Promise<void> {
    const replies = await this.say(who, question);
    expect(replies.join('\n'), 'the bot had no answer').to.not.contain(resolutionResponses['en-US'].askAfterAnswer);
  }

  /** A handoff to Ana: a message while waiting, accepted, one message each way, a note, and the end. */
  async handoff(who: ScenarioCustomer, said: { waiting: string; toAgent: string; fromAgent: string; note: string }): Promise<void> {
    await this.agentSays('/available');
    const queued = await this.say(who, 'I want to talk to a real person');
    expect(queued.join('\n')).to.contain("I'm connecting you");
    expect((await this.say(who, said.waiting)).join('\n')).to.contain("I've added that");
    const record = (await this.app.desk.deps.handoffs.open()).find((r) => r.customer.userId === who.userId);
    expect(record, 'the handoff is open').to.not.equal(undefined);
    await this.agentSays('', { warmline: 'agent.command', command: 'accept', handoffId: record?.id });
    await this.say(who, said.toAgent);
    await this.agents.waitFor(agentConversation, (a) => (a.text ?? '').includes(who.userId) && (a.text ?? '').length > who.userId.length + 8);
    expect((await this.agentSays(`/note ${said.note}`)).map((a) => a.text)).to.include(agentHandoffResponses['en-US'].noteSaved);
    await this.agentSays(said.fromAgent);
    await this.customers.waitFor(who.conversationId, (a) => a.text === customerHandoffResponses['en-US'].agentSays('Ana Souza', said.fromAgent));
    await this.agentSays('/end');
    await this.customers.waitFor(who.conversationId, (a) => (a.text ?? '').includes(resolutionResponses['en-US'].askAfterAgent('Ana Souza')));
    await this.say(who, 'yes');
    await this.say(who, '4');
  }

  /** With Ana away, asks for a person and leaves `message` for the team (a ticket). */
  async leftMessage(who: ScenarioCustomer, message: string): Promise<void> {
    await this.agentSays('/away');
    const offered = await this.say(who, 'I need a human please');
    expect(offered.join('\n')).to.contain(contactResponses['en-US'].noAgent('General help'));
    expect(await this.say(who, '', { warmline: 'contact.message' })).to.include(contactResponses['en-US'].askMessage);
    const taken = await this.say(who, message);
    expect(taken.join('\n')).to.contain("I've passed this on to the team");
  }

  /** A Direct Line conversation for `userId` over the local Direct Line's HTTP API; resolves with its id. */
  async directLine(userId: string, text: string): Promise<string> {
    const secret = this.app.config.directLine.secret;
    const base = `${this.app.url}/v3/directline`;
    const call = async (method: string, path: string, bearer: string, body?: unknown): Promise<Record<string, unknown>> => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status, `${method} ${path}`).to.be.oneOf([200, 201]);
      return (await response.json()) as Record<string, unknown>;
    };
    const { token, conversationId } = (await call('POST', '/tokens/generate', secret, { user: { id: userId, name: 'Web visitor' } })) as { token: string; conversationId: string };
    await call('POST', '/conversations', token);
    await call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', from: { id: userId }, text, locale: 'en-US' });
    const { activities } = (await call('GET', `/conversations/${conversationId}/activities`, token)) as { activities: Array<{ from: { id: string } }> };
    expect(activities.some((a) => a.from.id !== userId), 'the bot answered on Direct Line').to.equal(true);
    return conversationId;
  }
}
