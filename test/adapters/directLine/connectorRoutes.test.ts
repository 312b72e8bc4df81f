/**
 * The connector routes the bot calls back (through botbuilder's own ConnectorClient): replies,
 * updates, deletes, typing and members reach the client as they should, and callers that are not
 * the bot on this machine are refused.
 */
import { networkInterfaces } from 'node:os';
import { expect } from 'chai';
import { conversationStorageKey } from '../../../adapters/directLine/conversationStore';
import type { Harness } from './directLineHarness';
import { call, startHarness, testSecret } from './directLineHarness';
import { TestDirectLineClient, installBrowserGlobals } from './directLineTestClient';

describe('local Direct Line connector routes', () => {
  let restoreGlobals: () => void;
  let harness: Harness;
  let client: TestDirectLineClient | undefined;
  let token: string;
  let conversationId: string;

  before(() => {
    restoreGlobals = installBrowserGlobals();
  });
  after(() => restoreGlobals());
  beforeEach(async () => {
    harness = await startHarness();
    const generated = await call(harness, 'POST', '/v3/directline/tokens/generate', { auth: testSecret, json: { user: { id: 'u-alice' } } });
    token = String(generated.body.token);
    conversationId = String(generated.body.conversationId);
  });
  afterEach(async () => {
    client?.end();
    client = undefined;
    await harness.close();
  });

  const connect = async (): Promise<TestDirectLineClient> => {
    client = new TestDirectLineClient({ token, domain: harness.domain, webSocket: true });
    await client.waitForText('welcome u-alice');
    return client;
  };
  const storedTexts = async (): Promise<Array<string | undefined>> => {
    const res = await call(harness, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: token });
    return (res.body.activities as Array<{ text?: string }>).map((a) => a.text);
  };
  const say = (c: TestDirectLineClient, text: string): Promise<string> => c.post({ type: 'message', from: { id: 'u-alice' }, text });

  it('stores bot replies with the reply-to id, from the bot, to the user', async () => {
    const c = await connect();
    const id = await say(c, 'hi');
    const reply = await c.waitForText('echo: hi');
    expect(reply).to.deep.include({ replyToId: id, channelId: 'directline' });
    expect(reply.from).to.deep.include({ id: 'warmline-bot', role: 'bot' });
    expect((reply as { recipient?: { id: string } }).recipient?.id).to.equal('u-alice');
  });

  it('pushes an updated activity again under its id and keeps only the new version', async () => {
    const c = await connect();
    await say(c, 'update');
    const draft = await c.waitForText('draft');
    const final = await c.waitForText('final');
    expect(final.id).to.equal(draft.id);
    expect(await storedTexts()).to.deep.equal(['welcome u-alice', 'update', 'final']);
  });

  it('removes a deleted activity from the history', async () => {
    const c = await connect();
    await say(c, 'delete');
    await c.waitForText('deleted');
    expect(await storedTexts()).to.deep.equal(['welcome u-alice', 'delete', 'deleted']);
  });

  it('streams the bot\'s typing without storing it', async () => {
    const c = await connect();
    await say(c, 'typing');
    const typing = await c.waitFor((a) => a.type === 'typing', 'typing');
    expect(typing.from.id).to.equal('warmline-bot');
    await c.waitForText('typed');
    expect(await storedTexts()).to.deep.equal(['welcome u-alice', 'typing', 'typed']);
  });

  it('refuses an activity over the bot\'s limits with 413 the bot can read, and stores nothing of it', async () => {
    const c = await connect();
    await say(c, 'huge');
    await c.waitForText('refused: 413 WL_DL_ACTIVITY_TOO_LARGE');
    expect(await storedTexts()).to.deep.equal(['welcome u-alice', 'huge', 'refused: 413 WL_DL_ACTIVITY_TOO_LARGE']);
    const path = `/directline-connector/v3/conversations/${conversationId}/activities`;
    const res = await call(harness, 'POST', path, { json: { type: 'message', channelData: { blob: 'x'.repeat(40 * 1024) } } });
    expect([res.status, res.body.code]).to.deep.equal([413, 'WL_DL_ACTIVITY_TOO_LARGE']);
    expect(res.body.message).to.match(/^The bot's activity's channelData is 40,9\d\d bytes; the limit is 32,768\. Nothing was stored\.$/);
    const first = (await call(harness, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { auth: token })).body.activities as Array<{ id: string }>;
    const update = await call(harness, 'PUT', `${path}/${encodeURIComponent(first[0]?.id ?? '')}`, { json: { type: 'message', text: 'x'.repeat(130 * 1024) } });
    expect([update.status, update.body.code]).to.deep.equal([413, 'WL_DL_ACTIVITY_TOO_LARGE']);
    expect(await storedTexts()).to.deep.equal(['welcome u-alice', 'huge', 'refused: 413 WL_DL_ACTIVITY_TOO_LARGE']);
  });

  it('stores and shows the bot\'s text and cards with card numbers and passwords masked', async () => {
    const c = await connect();
    const path = `/directline-connector/v3/conversations/${conversationId}/activities`;
    const card = {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        type: 'AdaptiveCard',
        body: [{ type: 'TextBlock', text: 'Customer said: my card is 4111 1111 1111 1111' }],
        actions: [{ type: 'Action.Submit', title: 'Accept', data: { ref: '4111111111111111' } }],
      },
    };
    const res = await call(harness, 'POST', path, { json: { type: 'message', text: 'Your PIN 4321 was reset; mail ana@example.com', attachments: [card] } });
    expect(res.status).to.equal(200);
    const shown = await c.waitFor((a) => a.id === res.body.id, 'the bot message');
    expect((shown as { text?: string }).text).to.equal('Your PIN •••••• was reset; mail ana@example.com');
    expect((shown as { attachments?: Array<{ content?: unknown }> }).attachments?.[0]?.content).to.deep.equal({
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', text: 'Customer said: my card is •••• 1111' }],
      actions: [{ type: 'Action.Submit', title: 'Accept', data: { ref: '4111111111111111' } }],
    });
    expect(JSON.stringify(await harness.storage.read([conversationStorageKey(conversationId)]))).to.not.contain('4111 1111 1111 1111').and.not.contain('4321');
  });

  it('lists the bot and the user as members', async () => {
    const c = await connect();
    await say(c, 'members');
    await c.waitForText('members: warmline-bot,u-alice');
  });

  it('refuses calls that come through a proxy or from a browser page (403), even on loopback', async () => {
    await call(harness, 'POST', '/v3/directline/conversations', { auth: token });
    const path = `/directline-connector/v3/conversations/${conversationId}/activities`;
    const activity = { type: 'message', text: 'injected' };
    const refused: Array<Record<string, string>> = [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }, { origin: 'http://evil.example' }];
    for (const headers of refused) {
      const res = await call(harness, 'POST', path, { json: activity, headers });
      expect([res.status, res.body.code], JSON.stringify(headers)).to.deep.equal([403, 'WL_DL_CONNECTOR_LOCAL_ONLY']);
    }
    expect(await storedTexts()).to.deep.equal(['welcome u-alice']);
  });

  it('refuses calls from an address that is not loopback (403)', async function () {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!lan) {
      console.log('    skipping: this machine has no non-loopback IPv4 address to call from');
      this.skip();
    }
    const open = await startHarness({ host: '0.0.0.0' });
    try {
      const started = await call(open, 'POST', '/v3/directline/conversations', { auth: testSecret });
      const id = String(started.body.conversationId);
      const res = await fetch(`http://${lan}:${open.port}/directline-connector/v3/conversations/${id}/members`);
      expect(res.status).to.equal(403);
      expect(((await res.json()) as { code: string }).code).to.equal('WL_DL_CONNECTOR_LOCAL_ONLY');
      const fromLoopback = await call(open, 'GET', `/directline-connector/v3/conversations/${id}/members`);
      expect(fromLoopback.status).to.equal(200);
    } finally {
      await open.close();
    }
  });

  it('answers 404 for unknown conversations and activities, and 400 for bodies that are not activities', async () => {
    await call(harness, 'POST', '/v3/directline/conversations', { auth: token });
    const base = `/directline-connector/v3/conversations`;
    const unknownConversation = await call(harness, 'POST', `${base}/AAAAAAAAAAAAAAAAAAAAAAAA/activities`, { json: { type: 'message' } });
    expect(unknownConversation.status).to.equal(404);
    const unknownActivity = await call(harness, 'PUT', `${base}/${conversationId}/activities/${encodeURIComponent(`${conversationId}|0000099`)}`, {
      json: { type: 'message', text: 'x' },
    });
    expect([unknownActivity.status, unknownActivity.body.code]).to.deep.equal([404, 'WL_DL_ACTIVITY_NOT_FOUND']);
    const notAnActivity = await call(harness, 'POST', `${base}/${conversationId}/activities`, { json: { text: 'no type' } });
    expect([notAnActivity.status, notAnActivity.body.code]).to.deep.equal([400, 'WL_DL_BAD_ACTIVITY']);
  });
});
