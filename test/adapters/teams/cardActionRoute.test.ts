import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { messageActivity, serverWithConnector } from '../../support/connectorStandIn';
import { post } from '../../support/testApp';

/**
 * A Teams agent's Accept over HTTP: the running server takes the `adaptiveCard/action` invoke at
 * /api/messages and answers it in the HTTP response (as Teams expects), not as a message.
 */
describe('Teams card actions through /api/messages', () => {
  const server = serverWithConnector();

  const teams = (conversationId: string, userId: string, extra: Partial<Activity>): Partial<Activity> => ({
    ...messageActivity(server.connector.serviceUrl, conversationId, '', { channelId: 'msteams', from: { id: userId, name: userId } }),
    ...extra,
  });

  it('answers Accept with the accepted card in the HTTP body', async () => {
    await post(`${server.app.url}/api/messages`, teams('teams-ana', 'agent-ana', { text: '/available' }));
    const asked = await post(`${server.app.url}/api/messages`, teams('teams-robin', 'customer-9', { text: 'I want to talk to a person' }));
    expect(asked.status).to.equal(200);
    const [record] = await server.app.desk.deps.handoffs.open();
    expect(record?.state).to.equal('queued');
    const offered = JSON.stringify(server.connector.messagesIn('teams-ana').at(-1)?.attachments);
    expect(offered).to.contain('"type":"Action.Execute"').and.contain('"verb":"accept"');

    const invoke = teams('teams-ana', 'agent-ana', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'accept', data: { handoffId: record?.id } }, trigger: 'manual' } });
    delete (invoke as { text?: string }).text;
    const answer = await post(`${server.app.url}/api/messages`, invoke);
    expect(answer.status).to.equal(200);
    const body = answer.body as { statusCode: number; type: string; value: { version: string; actions?: unknown } };
    expect(body.statusCode).to.equal(200);
    expect(body.type).to.equal('application/vnd.microsoft.card.adaptive');
    expect(body.value.version).to.equal('1.4');
    expect(JSON.stringify(body.value)).not.to.contain('Action.Execute');
    expect((await server.app.desk.deps.handoffs.get(record?.id ?? ''))?.state).to.equal('assigned');
  });

  it('answers a customer\'s invoke with 400 and an error body', async () => {
    const invoke = teams('teams-kim', 'customer-10', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'accept', data: {} } } });
    const answer = await post(`${server.app.url}/api/messages`, invoke);
    expect(answer.status).to.equal(400);
    expect(answer.body).to.deep.include({ statusCode: 400, type: 'application/vnd.microsoft.error' });
  });
});
