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
import { connect } from 'node:net';
import { createHttpServer } from '../adapters/httpServer';
import { silentLogger } from '../logger';

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
    await post(`${first.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-restart', '退款多久到', { locale: 'zh-CN' }));
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
    expect(replies, replies.join(' | ')).to.have.length(4);
    expect(replies[1]).to.contain('5 个工作日内退款');
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

  it('after SIGTERM, closes keep-alive connections, runs nothing sent on them, finishes the turn in flight and stops at once (issue 10 item 4)', async () => {
    const app = await startTestApp({ SHUTDOWN_TIMEOUT_MS: '8000' });
    apps.push(app);
    const raw = (conversationId: string): string => {
      const body = JSON.stringify(messageActivity(connector.serviceUrl, conversationId, 'return policy'));
      return `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    // One keep-alive connection with a turn in flight (its reply is held at the connector).
    const socket = connect(Number(new URL(app.url).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const release = connector.hold();
    socket.write(raw('conv-ka-inflight'));
    await connector.waitFor('conv-ka-inflight');
    const started = Date.now();
    const stopping = app.stop();
    // A client that keeps using its connection after SIGTERM, as a load generator does.
    socket.write(raw('conv-ka-after'));
    const fresh = await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-ka-fresh', 'hi')).then((r) => r.status, () => 'refused');
    release();
    await Promise.all([stopping, ended]);
    expect(Date.now() - started).to.be.below(4000);
    const responses = received.split(/(?=HTTP\/1\.1 )/).filter((r) => r.startsWith('HTTP/1.1'));
    expect(responses).to.have.length(1);
    expect(responses[0]).to.match(/^HTTP\/1\.1 200/).and.match(/\r\nConnection: close\r\n/i);
    expect(fresh === 503 || fresh === 'refused').to.equal(true);
    // What was sent after SIGTERM ran no turn.
    expect(connector.replies.filter((r) => ['conv-ka-after', 'conv-ka-fresh'].includes(r.activity.conversation?.id ?? ''))).to.deep.equal([]);
  });

  it('answers a request that reaches it while stopping with 503 and Connection: close', async () => {
    const http = createHttpServer({ maxBodyBytes: 1024, logger: silentLogger() });
    http.server.get('/ping', async (_req: unknown, res: { send(status: number, body: unknown): void }) => {
      res.send(200, { ok: true });
    });
    await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.server.address() as { port: number }).port}`;
    try {
      expect((await fetch(`${base}/ping`)).status).to.equal(200);
      http.refuseNewRequests();
      const refused = await fetch(`${base}/ping`);
      expect(refused.status).to.equal(503);
      expect(refused.headers.get('connection')).to.equal('close');
      expect(await refused.json()).to.have.property('code', 'ShuttingDown');
    } finally {
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
    }
  });

  it('stops twice without error', async () => {
    const app = await startTestApp();
    await app.stop();
    await app.stop();
  });
});
