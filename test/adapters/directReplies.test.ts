import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { ConnectorRequestError, proxyConfigured, withDirectReplies } from '../../adapters/directReplies';

/** What the stand-in Bot Connector saw of one request. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A Bot Connector stand-in that records requests and answers with what `answer` says for each. */
async function connectorStandIn(answer: (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(seen.length, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Credentials with a fixed token, as MicrosoftAppCredentials sign once they have one. */
function signingCredentials(): MicrosoftAppCredentials {
  const credentials = new MicrosoftAppCredentials('app-id', 'secret');
  credentials.getToken = async () => 'token-123';
  return credentials;
}

/** An activity with everything the serializer treats specially: dates, unknown fields, nested cards. */
function richActivity(): Partial<Activity> & Record<string, unknown> {
  return {
    type: 'message',
    text: 'Your order ships in 2 days 🚚 — 订单两天内发货',
    locale: 'en-US',
    from: { id: 'bot', name: 'Warmline', role: 'bot' },
    recipient: { id: 'user-1', name: 'Customer' },
    conversation: { id: 'a:conv/1?x=y', isGroup: false, conversationType: 'personal', name: 'c' },
    replyToId: 'act|0001',
    timestamp: new Date('2026-12-06T10:00:00.000Z'),
    localTimestamp: '2026-12-06T18:00:00+08:00' as unknown as Date,
    inputHint: 'acceptingInput',
    channelData: { warmline: { lineId: 'l1', nested: [1, null, { a: 'b' }] } },
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hi' }], undefinedField: undefined } }],
    suggestedActions: { to: ['user-1'], actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }] },
    entities: [{ type: 'https://schema.org/Message', '@context': 'https://schema.org', extra: { k: 1 } }],
    notAnActivityField: 'dropped by the serializer',
    alsoUnknown: null,
  };
}

describe('withDirectReplies: replies sent without the Azure pipeline, as the connector sends them', () => {
  let standIn: Awaited<ReturnType<typeof connectorStandIn>>;
  afterEach(async () => standIn?.close());

  it('sends the same method, path, body bytes, credentials and conversation header as the connector, and returns its answer', async () => {
    standIn = await connectorStandIn((n, _req, res) => json(res, 200, { id: `reply-${n}` }));
    const plain = new ConnectorClient(signingCredentials(), { baseUri: standIn.url });
    const direct = withDirectReplies(new ConnectorClient(signingCredentials(), { baseUri: standIn.url }), standIn.url);

    const a = await plain.conversations.replyToActivity('a:conv/1?x=y', 'act|0001', richActivity());
    const b = await direct.conversations.replyToActivity('a:conv/1?x=y', 'act|0001', richActivity());
    const c = await plain.conversations.sendToConversation('a:conv/1?x=y', richActivity());
    const d = await direct.conversations.sendToConversation('a:conv/1?x=y', richActivity());

    expect([a.id, b.id, c.id, d.id]).to.deep.equal(['reply-1', 'reply-2', 'reply-3', 'reply-4']);
    expect(standIn.seen).to.have.length(4);
    const [pa, pb, pc, pd] = standIn.seen as [Seen, Seen, Seen, Seen];
    for (const [viaPipeline, viaDirect] of [[pa, pb], [pc, pd]] as const) {
      expect(viaDirect.method).to.equal(viaPipeline.method);
      expect(viaDirect.url).to.equal(viaPipeline.url);
      expect(viaDirect.body).to.equal(viaPipeline.body);
      expect(viaDirect.headers.authorization).to.equal('Bearer token-123').and.to.equal(viaPipeline.headers.authorization);
      expect(viaDirect.headers['x-ms-conversation-id']).to.equal(viaPipeline.headers['x-ms-conversation-id']);
      expect(viaDirect.headers['content-type']).to.match(/^application\/json/);
    }
    expect(pb.url).to.equal(`/v3/conversations/${encodeURIComponent('a:conv/1?x=y')}/activities/${encodeURIComponent('act|0001')}`);
    expect(pb.headers['x-ms-conversation-id']).to.equal('a:conv/1?x=y');
    expect(pd.headers['x-ms-conversation-id']).to.equal(undefined);
    const body = JSON.parse(pb.body) as Record<string, unknown>;
    expect(body).to.not.have.property('notAnActivityField');
    expect(body.localTimestamp).to.equal('2026-12-06T10:00:00.000Z');
  });

  it('sends no Authorization header for an anonymous bot (local mode), like the connector', async () => {
    standIn = await connectorStandIn((_n, _req, res) => json(res, 201, { id: 'x' }));
    const client = withDirectReplies(new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: standIn.url }), standIn.url);
    expect((await client.conversations.sendToConversation('c1', { type: 'message', text: 'hi' })).id).to.equal('x');
    expect(standIn.seen[0]?.headers).to.not.have.property('authorization');
  });

  it('keeps the path of a service URL that has one (Teams regions)', async () => {
    standIn = await connectorStandIn((_n, _req, res) => json(res, 200, { id: 'x' }));
    const client = withDirectReplies(new ConnectorClient(signingCredentials(), { baseUri: `${standIn.url}/amer/` }), `${standIn.url}/amer/`);
    await client.conversations.replyToActivity('c1', 'a1', { type: 'message', text: 'hi' });
    expect(standIn.seen[0]?.url).to.equal('/amer/v3/conversations/c1/activities/a1');
  });

  it('rejects a 4xx with the status and the service error, without retrying', async () => {
    standIn = await connectorStandIn((_n, _req, res) => json(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }));
    const client = withDirectReplies(new ConnectorClient(signingCredentials(), { baseUri: standIn.url }), standIn.url, { retryDelayMs: 1 });
    const err = await client.conversations.sendToConversation('c1', { type: 'message', text: 'hi' }).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(ConnectorRequestError);
    expect(err).to.include({ statusCode: 403, code: 'BotNotInConversationRoster' });
    expect((err as Error).message).to.contain('not part of the conversation roster');
    expect(standIn.seen).to.have.length(1);
  });

  it('retries 503 and 429 (honouring Retry-After) and then succeeds, as the pipeline does', async () => {
    standIn = await connectorStandIn((n, _req, res) => {
      if (n === 1) json(res, 503, { error: { code: 'ServiceUnavailable', message: 'busy' } });
      else if (n === 2) json(res, 429, {}, { 'retry-after': '0' });
      else json(res, 200, { id: 'finally' });
    });
    const client = withDirectReplies(new ConnectorClient(signingCredentials(), { baseUri: standIn.url }), standIn.url, { retryDelayMs: 1 });
    expect((await client.conversations.replyToActivity('c1', 'a1', { type: 'message', text: 'hi' })).id).to.equal('finally');
    expect(standIn.seen).to.have.length(3);
    expect(new Set(standIn.seen.map((s) => s.body)).size).to.equal(1);
  });

  it('gives up after maxRetries and reports the last status', async () => {
    standIn = await connectorStandIn((_n, _req, res) => json(res, 500, { error: { code: 'InternalError', message: 'boom' } }));
    const client = withDirectReplies(new ConnectorClient(signingCredentials(), { baseUri: standIn.url }), standIn.url, { retryDelayMs: 1, maxRetries: 2 });
    const err = await client.conversations.replyToActivity('c1', 'a1', { type: 'message', text: 'hi' }).then(() => undefined, (e: unknown) => e);
    expect(err).to.include({ statusCode: 500, code: 'InternalError' });
    expect(standIn.seen).to.have.length(3);
  });

  it('retries a connection reset and times out a connector that never answers', async () => {
    standIn = await connectorStandIn((n, req, res) => {
      if (n === 1) req.socket.destroy();
      else if (n === 2) json(res, 200, { id: 'after-reset' });
      // later requests get no answer at all
    });
    const client = withDirectReplies(new ConnectorClient(signingCredentials(), { baseUri: standIn.url }), standIn.url, { retryDelayMs: 1, maxRetries: 1, timeoutMs: 150 });
    expect((await client.conversations.sendToConversation('c1', { type: 'message', text: 'hi' })).id).to.equal('after-reset');
    const started = Date.now();
    const err = await client.conversations.sendToConversation('c1', { type: 'message', text: 'hi' }).then(() => undefined, (e: unknown) => e);
    expect(err).to.include({ code: 'ETIMEDOUT' });
    expect(Date.now() - started).to.be.below(5_000);
    expect(standIn.seen).to.have.length(4);
  });

  it('answers {} for an empty 2xx body and rejects a body that is not JSON', async () => {
    standIn = await connectorStandIn((n, _req, res) => {
      res.writeHead(n === 1 ? 202 : 200, { 'content-type': 'text/plain' });
      res.end(n === 1 ? '' : '<html>proxy page</html>');
    });
    const client = withDirectReplies(new ConnectorClient(signingCredentials(), { baseUri: standIn.url }), standIn.url);
    expect(await client.conversations.sendToConversation('c1', { type: 'message', text: 'hi' })).to.deep.equal({});
    const err = await client.conversations.sendToConversation('c1', { type: 'message', text: 'hi' }).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(ConnectorRequestError);
    expect((err as Error).message).to.contain('not JSON');
  });

  it('refuses a missing conversation id or activity before sending anything', async () => {
    standIn = await connectorStandIn((_n, _req, res) => json(res, 200, { id: 'x' }));
    const client = withDirectReplies(new ConnectorClient(signingCredentials(), { baseUri: standIn.url }), standIn.url);
    const missingId = await client.conversations.sendToConversation(undefined as unknown as string, { type: 'message' }).then(() => undefined, (e: unknown) => e);
    const missingActivity = await client.conversations.replyToActivity('c1', 'a1', null as unknown as Activity).then(() => undefined, (e: unknown) => e);
    expect(missingId).to.be.instanceOf(TypeError);
    expect(missingActivity).to.be.instanceOf(TypeError);
    expect(standIn.seen).to.have.length(0);
  });

  it('leaves calls with options or a callback, proxied set-ups and clients it cannot drive to the connector', async () => {
    standIn = await connectorStandIn((_n, _req, res) => json(res, 200, { id: 'x' }));
    const client = new ConnectorClient(signingCredentials(), { baseUri: standIn.url });
    const original = client.conversations.replyToActivity;
    expect(withDirectReplies(client, standIn.url, { env: { HTTPS_PROXY: 'http://proxy:3128' } }).conversations.replyToActivity).to.equal(original);
    expect(proxyConfigured({ http_proxy: ' ' })).to.equal(false);
    expect(proxyConfigured({ ALL_PROXY: 'socks5://p' })).to.equal(true);
    const standInClient = { conversations: {} } as unknown as ConnectorClient;
    expect(withDirectReplies(standInClient, standIn.url)).to.equal(standInClient);
    expect(withDirectReplies(client, 'not a url').conversations.replyToActivity).to.equal(original);

    withDirectReplies(client, standIn.url);
    expect(client.conversations.replyToActivity).to.not.equal(original);
    const viaCallback = await new Promise<string | undefined>((resolve, reject) => {
      client.conversations.replyToActivity('c1', 'a1', { type: 'message', text: 'hi' }, {}, (err, result) => (err ? reject(err) : resolve(result?.id)));
    });
    expect(viaCallback).to.equal('x');
    expect(standIn.seen).to.have.length(1);
  });
});
