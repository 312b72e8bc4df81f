import { expect } from 'chai';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Activity } from 'botbuilder';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { activityProblem } from '../../adapters/messagesRoute';
import { ConnectorStandIn, messageActivity } from '../support/connectorStandIn';
import { post, startTestApp } from '../support/testApp';
import type { WarmlineApp } from '../../index';

describe('POST /api/messages', () => {
  let app: WarmlineApp;
  let connector: ConnectorStandIn;

  before(async () => {
    connector = await new ConnectorStandIn().start();
    app = await startTestApp();
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
  });

  it('runs a turn for a real Bot Framework activity and replies through the Bot Connector', async () => {
    const activity = messageActivity(connector.serviceUrl, 'conv-http-1', 'How do I reset my password?');
    const response = await post(`${app.url}/api/messages`, activity);
    expect(response.status).to.equal(200);
    const reply = await connector.waitFor('conv-http-1', (a) => a.type === 'message');
    expect(reply.text).to.equal('Use **Forgot password** on the sign-in page; the link lasts 1 hour.');
    expect(reply.replyToId).to.equal(activity.id);
    expect(reply.recipient?.id).to.equal('user-1');
  });

  it('replies in Chinese to a Chinese message', async () => {
    await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-http-zh', '退款多久到？', { locale: 'zh-CN' }));
    const reply = await connector.waitFor('conv-http-zh', (a) => a.type === 'message');
    expect(reply.text).to.equal('我们收到退货后 5 个工作日内退款到原支付账户。');
  });

  it('records both sides of the conversation in the transcript store', async () => {
    await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-http-tx', 'return policy'));
    const page = await app.storage.transcripts.getTranscriptActivities('emulator', 'conv-http-tx');
    const messages = page.items.filter((a) => a.type === 'message');
    expect(messages.map((a) => a.from.id)).to.deep.equal(['user-1', 'bot', 'bot']);
    expect(messages[0]?.text).to.equal('return policy');
    expect(messages[1]?.text).to.contain('within 30 days');
    expect(messages[2]?.text).to.equal(resolutionResponses['en-US'].askAfterAnswer);
  });

  it('acknowledges an unknown activity type without replying', async () => {
    const response = await post(`${app.url}/api/messages`, { ...messageActivity(connector.serviceUrl, 'conv-http-unknown', ''), type: 'holographicCall', text: undefined });
    expect(response.status).to.equal(200);
    expect(connector.replies.filter((r) => r.activity.conversation?.id === 'conv-http-unknown')).to.have.length(0);
  });

  it('refuses an activity without a conversation id with a clear 400', async () => {
    const activity = messageActivity(connector.serviceUrl, 'x', 'hi');
    delete (activity as { conversation?: unknown }).conversation;
    const response = await post(`${app.url}/api/messages`, activity);
    expect(response.status).to.equal(400);
    expect(response.body).to.deep.equal({ code: 'InvalidActivity', message: 'activity.conversation.id is required.' });
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await post(`${app.url}/api/messages`, '{"type": "message", ');
    expect(response.status).to.equal(400);
    expect(response.body).to.have.property('message').that.is.a('string');
  });

  it('refuses a body over the limit with 413', async () => {
    const activity = messageActivity(connector.serviceUrl, 'conv-big', 'x'.repeat(300 * 1024));
    const response = await post(`${app.url}/api/messages`, activity);
    expect(response.status).to.equal(413);
    expect(connector.replies.filter((r) => r.activity.conversation?.id === 'conv-big')).to.have.length(0);
  });

  it('refuses a gzip body (a 100 KB bomb would expand past MAX_BODY_BYTES) with 415 and stores nothing', async () => {
    const activity = messageActivity(connector.serviceUrl, 'conv-gzip', 'x'.repeat(2_000_000));
    const body = gzipSync(JSON.stringify(activity));
    expect(body.length).to.be.below(256 * 1024);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${app.url}/api/messages`, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': body.length } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(status).to.equal(415);
    expect((await app.storage.transcripts.getTranscriptActivities('emulator', 'conv-gzip')).items).to.deep.equal([]);
  });

  it('refuses oversized channelData, value, attachment lists and ids with a 400 that names the field', async () => {
    const cases: [Partial<Activity>, RegExp][] = [
      [{ channelData: { blob: 'x'.repeat(40 * 1024) } }, /channelData/],
      [{ value: { blob: 'x'.repeat(70 * 1024) } }, /value/],
      [{ attachments: Array.from({ length: 21 }, () => ({ contentType: 'text/plain', content: 'x' })) }, /attachments/],
      [{ id: 'i'.repeat(300) }, /activity\.id/],
    ];
    for (const [extra, field] of cases) {
      const response = await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-bounds', 'hi', extra));
      expect(response.status).to.equal(400);
      expect((response.body as { message: string }).message).to.match(field);
    }
    expect((await app.storage.transcripts.getTranscriptActivities('emulator', 'conv-bounds')).items).to.deep.equal([]);
  });

  it('answers a retried activity (same id) once, and records it once', async () => {
    const activity = messageActivity(connector.serviceUrl, 'conv-retry', 'return policy');
    expect((await post(`${app.url}/api/messages`, activity)).status).to.equal(200);
    expect((await post(`${app.url}/api/messages`, activity)).status).to.equal(200);
    await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-retry', 'thanks'));
    await connector.waitFor('conv-retry', () => connector.messagesIn('conv-retry').length >= 3);
    const answers = connector.messagesIn('conv-retry').filter((a) => (a.text ?? '').includes('within 30 days'));
    expect(answers).to.have.length(1);
    const transcript = await app.storage.transcripts.getTranscriptActivities('emulator', 'conv-retry');
    expect(transcript.items.filter((a) => a.id === activity.id)).to.have.length(1);
  });

  it('refuses file uploads with 415 before reading them', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x'.repeat(1000)]), 'a.txt');
    const response = await fetch(`${app.url}/api/messages`, { method: 'POST', body: form });
    expect(response.status).to.equal(415);
    expect(await response.json()).to.have.property('code', 'UnsupportedMediaType');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${app.url}/no/such/thing`);
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.match(/application\/json/);
    expect(await response.json()).to.have.property('code', 'ResourceNotFound');
  });

  it('reports liveness and readiness', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.deep.equal({ status: 'ready', storage: 'ok' });
  });
});

describe('POST /api/messages with Bot Framework authentication on', () => {
  let app: WarmlineApp;
  let connector: ConnectorStandIn;
  before(async () => {
    connector = await new ConnectorStandIn().start();
    app = await startTestApp({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
  });

  it('rejects a request without a token with 401 and runs no turn', async () => {
    const response = await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, 'conv-auth', 'hi'));
    expect(response.status).to.equal(401);
    expect(connector.replies).to.have.length(0);
  });

  it('does not serve the local Direct Line', async () => {
    const response = await post(`${app.url}/api/webchat/token`, {});
    expect(response.status).to.equal(503);
  });
});

describe('activityProblem', () => {
  const base = messageActivity('http://127.0.0.1:1/', 'c', 'hi');
  it('accepts a well-formed activity', () => expect(activityProblem(base)).to.equal(undefined));
  it('names what is missing or wrong', () => {
    expect(activityProblem(null)).to.match(/JSON Bot Framework activity object/);
    expect(activityProblem([base])).to.match(/JSON Bot Framework activity object/);
    expect(activityProblem({ ...base, type: '' })).to.match(/activity.type/);
    expect(activityProblem({ ...base, channelId: undefined })).to.match(/channelId/);
    expect(activityProblem({ ...base, serviceUrl: 'file:///etc/passwd' })).to.match(/serviceUrl/);
    expect(activityProblem({ ...base, from: { id: '' } })).to.match(/from.id/);
    expect(activityProblem({ ...base, from: undefined })).to.match(/needs activity.from.id/);
    expect(activityProblem({ ...base, text: 42 })).to.match(/text must be a string/);
  });
});
