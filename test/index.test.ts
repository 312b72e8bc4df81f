import { expect } from 'chai';
import { resolutionResponses } from '../dialogs/resolutionResponses';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ActivityTypes } from 'botbuilder';
import { ConnectorStandIn, messageActivity } from './support/connectorStandIn';
import { dialogResponses } from '../dialogs/responses';
import { freePort, post, startTestApp } from './support/testApp';
import type { WarmlineApp } from '../index';

describe('startWarmline', () => {
  let connector: ConnectorStandIn;
  let dir: string;
  const apps: WarmlineApp[] = [];

  before(async () => {
    connector = await new ConnectorStandIn().start();
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-index-'));
  });
  after(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps conversation state across a restart on the same SQLite file', async () => {
    const env = { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'restart.db'), PORT: String(await freePort()) };
    const first = await startTestApp(env);
    apps.push(first);
    const join = { ...messageActivity(connector.serviceUrl, 'conv-restart', ''), type: ActivityTypes.ConversationUpdate, text: undefined, membersAdded: [{ id: 'user-1', name: 'Customer' }] };
    await post(`${first.url}/api/messages`, join);
    await post(`${first.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-restart', '我想退货', { locale: 'zh-CN' }));
    // Greeting, answer, and the resolution check, which is still waiting when the server restarts.
    expect(connector.messagesIn('conv-restart')).to.have.length(3);
    await first.stop();

    const second = await startTestApp(env);
    apps.push(second);
    // The customer joins again (a reconnect) and types digits only: no second greeting, and the reply
    // keeps the conversation's language, both of which come from state read back from the file.
    await post(`${second.url}/api/messages`, join);
    await post(`${second.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-restart', '12345', { locale: 'en-US' }));
    const replies = connector.messagesIn('conv-restart').map((a) => a.text ?? '');
    expect(replies).to.have.length(4);
    expect(replies[1]).to.contain('30 天内可以在');
    expect(replies[2]).to.equal(resolutionResponses['zh-CN'].askAfterAnswer);
    // Digits are neither yes nor no: the waiting check lets them through as a new question.
    expect(replies[3]).to.equal(dialogResponses['zh-CN'].noMatch);
    const key = 'emulator/conversations/conv-restart/';
    const stored = await second.storage.storage.read([key]);
    expect(stored[key]).to.have.nested.property('conversationData.messageCount', 2);
    const transcript = await second.storage.transcripts.getTranscriptActivities('emulator', 'conv-restart');
    expect(transcript.items.filter((a) => a.type === 'message')).to.have.length(6);
  });

  it('finishes a turn in flight before it stops', async () => {
    const app = await startTestApp();
    apps.push(app);
    const release = connector.hold();
    const pending = post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-inflight', 'return policy'));
    await connector.waitFor('conv-inflight');
    let stopped = false;
    const stopping = app.stop().then(() => (stopped = true));
    // While the turn waits on the connector, the server refuses new work but has not stopped.
    const ready = await fetch(`${app.url}/readyz`).then((r) => r.status, () => 'refused');
    expect(ready === 503 || ready === 'refused').to.equal(true);
    expect(stopped).to.equal(false);
    release();
    const response = await pending;
    expect(response.status).to.equal(200);
    await stopping;
    expect(stopped).to.equal(true);
  });

  it('stops twice without error', async () => {
    const app = await startTestApp();
    await app.stop();
    await app.stop();
  });
});
