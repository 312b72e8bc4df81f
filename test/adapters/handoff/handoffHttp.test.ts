import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { ConnectorStandIn, messageActivity } from '../../support/connectorStandIn';
import { freePort, post, postUntilAccepted, startTestApp } from '../../support/testApp';
import type { WarmlineApp } from '../../../index';
import { customerHandoffResponses, agentHandoffResponses } from '../../../handoff/responses';
import { resolutionResponses } from '../../../dialogs/resolutionResponses';

/**
 * The customer on Web Chat and the agents on Teams, each behind their own Bot Connector stand-in,
 * talking to one Warmline over HTTP; the server restarts on the same SQLite file in between.
 */
describe('handoff over HTTP: customer and agents in different conversations and channels', () => {
  let customerChannel: ConnectorStandIn;
  let agentChannel: ConnectorStandIn;
  let dir: string;
  const apps: WarmlineApp[] = [];

  before(async () => {
    customerChannel = await new ConnectorStandIn().start();
    agentChannel = await new ConnectorStandIn().start();
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-handoff-'));
  });
  after(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await customerChannel.stop();
    await agentChannel.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const customer = (conversationId: string, text: string, extra: Partial<Activity> = {}): Partial<Activity> =>
    messageActivity(customerChannel.serviceUrl, conversationId, text, { channelId: 'webchat', from: { id: 'customer-http', name: 'Robin' }, ...extra });
  const agent = (userId: string, text: string, value?: unknown): Partial<Activity> =>
    messageActivity(agentChannel.serviceUrl, `teams-${userId}`, text, {
      channelId: 'msteams',
      from: { id: userId, name: userId },
      conversation: { id: `teams-${userId}`, conversationType: 'personal', tenantId: 'tenant-1' } as Activity['conversation'],
      ...(value !== undefined ? { value } : {}),
    });
  const textsTo = (channel: ConnectorStandIn, conversationId: string): string[] => channel.messagesIn(conversationId).map((a) => a.text ?? '');

  it('queues, keeps messages across a restart, relays both ways across another restart, and checks resolution at the end', async () => {
    const env = { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'handoff.db'), PORT: String(await freePort()) };
    let app = await startTestApp(env);
    apps.push(app);
    const messages = (): string => `${app.url}/api/messages`;

    await post(messages(), agent('agent-ana', '/available'));
    await agentChannel.waitFor('teams-agent-ana', (a) => (a.text ?? '').includes("You're available"));

    await post(messages(), customer('web-1', 'I need to talk to a human about order 12345678'));
    const queued = await customerChannel.waitFor('web-1', (a) => (a.text ?? '').includes("I'm connecting you"));
    expect(queued.text).to.contain('number 1 in line');
    const offer = await agentChannel.waitFor('teams-agent-ana', (a) => (a.attachments ?? []).length > 0);
    expect(JSON.stringify(offer.attachments)).to.contain('12345678').and.contain('"command":"accept"');
    // Proactive: no replyToId (Web Chat would hold a reply to an unknown activity for 5 seconds).
    expect(offer.replyToId).to.equal(undefined);

    await post(messages(), customer('web-1', 'The box was also damaged'));
    await customerChannel.waitFor('web-1', (a) => (a.text ?? '').includes("I've added that"));

    // Restart while queued; the customer writes during the restart window and the channel retries.
    await app.stop();
    const duringRestart = postUntilAccepted(messages(), customer('web-1', 'Written while you were restarting'));
    app = await startTestApp(env);
    apps.push(app);
    await duringRestart;
    await customerChannel.waitFor('web-1', (a) => (a.text ?? '').includes("I've added that") && customerChannel.messagesIn('web-1').filter((m) => (m.text ?? '').includes("I've added that")).length === 2);

    // The agent accepts with the card's button; the card shows everything written while waiting.
    const [record] = await app.desk.deps.handoffs.open();
    await post(messages(), agent('agent-ana', '', { warmline: 'agent.command', command: 'accept', handoffId: record?.id }));
    const accepted = await agentChannel.waitFor('teams-agent-ana', (a) => (a.text ?? '').includes("You're connected with"));
    const card = JSON.stringify(accepted.attachments);
    expect(card).to.contain('The box was also damaged').and.contain('Written while you were restarting');
    await customerChannel.waitFor('web-1', (a) => a.text === customerHandoffResponses['en-US'].agentJoined('Ana Souza'));

    // Restart while assigned: the conversation is still Ana's afterwards, in both directions.
    await app.stop();
    const whileDown = postUntilAccepted(messages(), customer('web-1', 'Are you still there?'));
    app = await startTestApp(env);
    apps.push(app);
    await whileDown;
    await agentChannel.waitFor('teams-agent-ana', (a) => (a.text ?? '').includes('Are you still there?'));
    await post(messages(), agent('agent-ana', 'Yes, a replacement is on its way.'));
    await customerChannel.waitFor('web-1', (a) => a.text === customerHandoffResponses['en-US'].agentSays('Ana Souza', 'Yes, a replacement is on its way.'));

    await post(messages(), agent('agent-ana', '/end'));
    await customerChannel.waitFor('web-1', (a) => a.text === customerHandoffResponses['en-US'].agentLeft('Ana Souza'));
    const check = await customerChannel.waitFor('web-1', (a) => (a.text ?? '').includes(resolutionResponses['en-US'].askAfterAgent('Ana Souza')));
    expect(check.channelId).to.equal('webchat');
    expect(textsTo(agentChannel, 'teams-agent-ana').join('\n')).to.not.contain('Customer:');
  });

  it('lets exactly one of two agents accepting at the same moment win, and tells the other who did', async () => {
    const app = await startTestApp({ STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'race.db') });
    apps.push(app);
    const url = `${app.url}/api/messages`;
    await post(url, agent('agent-ana', '/available'));
    await post(url, agent('agent-li', '/available'));
    await post(url, customer('web-2', 'real person please', { from: { id: 'customer-race', name: 'Kim' } }));
    const [record] = await app.desk.deps.handoffs.open();
    const id = record?.id ?? '';
    await Promise.all([post(url, agent('agent-ana', `/accept ${id}`)), post(url, agent('agent-li', `/accept ${id}`))]);
    const anaWon = textsTo(agentChannel, 'teams-agent-ana').some((t) => t.includes("You're connected with"));
    const liWon = textsTo(agentChannel, 'teams-agent-li').some((t) => t.includes('已接通'));
    expect(Number(anaWon) + Number(liWon)).to.equal(1);
    const loserTexts = anaWon ? textsTo(agentChannel, 'teams-agent-li') : textsTo(agentChannel, 'teams-agent-ana');
    const expected = anaWon ? agentHandoffResponses['zh-CN'].takenBy('Ana Souza') : agentHandoffResponses['en-US'].takenBy('Li Wei');
    expect(loserTexts).to.include(expected);
    const joined = customerChannel.messagesIn('web-2').filter((a) => (a.text ?? '').includes('has joined the conversation'));
    expect(joined).to.have.length(1);
  });

  it('answers bad input clearly and keeps serving: huge messages, unknown commands, commands from customers', async () => {
    const app = await startTestApp({ MAX_MESSAGE_CHARS: '200' });
    apps.push(app);
    const url = `${app.url}/api/messages`;
    await post(url, agent('agent-sam', 'x'.repeat(500)));
    await agentChannel.waitFor('teams-agent-sam', (a) => (a.text ?? '').includes('200 characters'));
    await post(url, agent('agent-sam', '/frobnicate'));
    await agentChannel.waitFor('teams-agent-sam', (a) => a.text === agentHandoffResponses['en-US'].unknownCommand('frobnicate'));
    await post(url, customer('web-3', '/accept'));
    await customerChannel.waitFor('web-3', (a) => a.text === customerHandoffResponses['en-US'].commandsAreForAgents);
    const health = await post(`${app.url}/api/messages`, 'not json');
    expect(health.status).to.equal(400);
  });
});
