/**
 * Posting activities over HTTP: who may post as whom, what a valid activity is, what reaches the
 * bot, and that nothing is lost when the bot is down or many posts arrive at once.
 */
import { expect } from 'chai';
import { conversationStorageKey } from '../../../adapters/directLine/conversationStore';
import type { Harness, HarnessOptions } from './directLineHarness';
import { call, startHarness, testSecret } from './directLineHarness';

/** A harness with u-alice's conversation started (201), and the path to post its activities to. */
async function startConversation(options: HarnessOptions = {}): Promise<{ harness: Harness; token: string; conversationId: string; path: string }> {
  const harness = await startHarness(options);
  const generated = await call(harness, 'POST', '/v3/directline/tokens/generate', { auth: testSecret, json: { user: { id: 'u-alice' } } });
  const token = String(generated.body.token);
  const conversationId = String(generated.body.conversationId);
  expect((await call(harness, 'POST', '/v3/directline/conversations', { auth: token })).status).to.equal(201);
  return { harness, token, conversationId, path: `/v3/directline/conversations/${conversationId}/activities` };
}

describe('local Direct Line activity route', () => {
  let harness: Harness;
  let token: string;
  let conversationId: string;
  let path: string;

  beforeEach(async () => {
    ({ harness, token, conversationId, path } = await startConversation({ maxMessageChars: 20 }));
  });
  afterEach(() => harness.close());

  const history = async (): Promise<Array<{ id: string; text?: string; type: string }>> =>
    (await call(harness, 'GET', path, { auth: token })).body.activities as Array<{ id: string; text?: string; type: string }>;

  it('returns the id only after the bot answered, and stamps the activity as Direct Line does', async () => {
    const res = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: 'hi', channelId: 'webchat', serviceUrl: 'http://evil.example/' } });
    expect(res.status).to.equal(200);
    expect(res.body.id).to.equal(`${conversationId}|0000002`);
    const stored = (await history()).find((a) => a.id === res.body.id);
    expect(stored).to.deep.include({ channelId: 'directline', conversation: { id: conversationId }, text: 'hi' });
    expect(stored).to.deep.include({ from: { id: 'u-alice', role: 'user' }, recipient: { id: 'warmline-bot', name: 'Warmline', role: 'bot' } });
    expect(stored).to.not.have.property('serviceUrl');
    expect((await history()).map((a) => a.text)).to.include('echo: hi');
    const delivered = harness.botReceived.at(-1) as Record<string, unknown>;
    expect(delivered.serviceUrl).to.equal(`${harness.base}/directline-connector/`);
  });

  it('answers 403 to a token posting as another user, and stores nothing', async () => {
    const res = await call(harness, 'POST', path, { auth: token, json: { type: 'message', from: { id: 'u-mallory' }, text: 'hi' } });
    expect([res.status, res.body.code]).to.deep.equal([403, 'WL_DL_WRONG_USER']);
    expect((await history()).map((a) => a.text)).to.deep.equal(['welcome u-alice']);
  });

  it('answers 400 to text over maxMessageChars, and accepts text at the limit', async () => {
    const tooLong = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: 'x'.repeat(21) } });
    expect([tooLong.status, tooLong.body.code]).to.deep.equal([400, 'WL_DL_MESSAGE_TOO_LONG']);
    expect(tooLong.body.message).to.contain('21 characters; the limit is 20');
    const atLimit = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: '好'.repeat(20) } });
    expect(atLimit.status).to.equal(200);
  });

  it('counts an emoji as one character, as the bot does: 20 emoji reach the bot, 21 are refused', async () => {
    const atLimit = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: '👍'.repeat(20) } });
    expect(atLimit.status).to.equal(200);
    expect(harness.botReceived.at(-1)?.text).to.equal('👍'.repeat(20));
    const over = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: '👍'.repeat(21) } });
    expect([over.status, over.body.code, over.body.message]).to.deep.equal([400, 'WL_DL_MESSAGE_TOO_LONG', 'The message has 21 characters; the limit is 20.']);
  });

  it('refuses with 413 an activity with any part over its limit, naming the part, and stores nothing from it', async () => {
    const recordBefore = JSON.stringify((await harness.storage.read([conversationStorageKey(conversationId)]))[conversationStorageKey(conversationId)]);
    const deliveredBefore = harness.botReceived.length;
    const kb = (n: number): string => 'x'.repeat(n * 1024);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['channelData of 240 KB (the issue)', { channelData: { blob: kb(240) } }, "The activity's channelData is"],
      ['channelData just over 8 KiB', { channelData: { clientActivityID: 'c1', blob: kb(8) } }, "The activity's channelData is"],
      ['value over 16 KiB', { value: { note: kb(16) } }, "The activity's value is"],
      ['entities over 8 KiB', { entities: [{ type: 'note', text: kb(8) }] }, "The activity's entities is"],
      ['17 entities', { entities: Array.from({ length: 17 }, () => ({ type: 'x' })) }, 'The activity has 17 entities; the limit is 16'],
      ['11 attachments', { attachments: Array.from({ length: 11 }, () => ({ contentType: 'text/plain', content: 'a' })) }, 'The activity has 11 attachments; the limit is 10'],
      ['inline attachment content over 16 KiB', { attachments: [{ contentType: 'text/plain', content: kb(16) }] }, "The activity's attachment 1 is"],
      ['an event name of 300 characters', { type: 'event', name: 'n'.repeat(300) }, "The activity's name has 300 characters; the limit is 256"],
      ['unknown properties over 64 KiB in all', { a: kb(40), b: kb(30) }, 'The activity is'],
    ];
    for (const [what, extra, message] of cases) {
      const res = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: 'hi', ...extra } });
      expect([res.status, res.body.code], what).to.deep.equal([413, 'WL_DL_ACTIVITY_TOO_LARGE']);
      expect(res.body.message, what).to.contain(message).and.contain('Nothing was stored.');
    }
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i += 1) deep = { deep };
    const nested = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: 'hi', value: deep } });
    expect([nested.status, nested.body.code, nested.body.message]).to.deep.equal([400, 'WL_DL_BAD_ACTIVITY', 'The activity nests objects and arrays more than 32 levels deep.']);

    const recordAfter = JSON.stringify((await harness.storage.read([conversationStorageKey(conversationId)]))[conversationStorageKey(conversationId)]);
    expect(recordAfter, 'the stored conversation did not change').to.equal(recordBefore);
    expect(harness.botReceived.length, 'nothing reached the bot').to.equal(deliveredBefore);
  });

  it('stamps the conversation record with updatedAt on every change', async () => {
    const updatedAt = async (): Promise<string> =>
      String(((await harness.storage.read([conversationStorageKey(conversationId)]))[conversationStorageKey(conversationId)] as { updatedAt?: string }).updatedAt);
    const started = await updatedAt();
    expect(new Date(started).toISOString()).to.equal(started);
    harness.advanceClock(60);
    await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: 'hi' } });
    const afterPost = await updatedAt();
    expect(Date.parse(afterPost) - Date.parse(started)).to.be.at.least(60_000);
  });

  it('answers 400 with a clear message to bodies that are not activities', async () => {
    const cases: Array<{ json?: unknown; body?: string; headers?: Record<string, string> }> = [
      { json: [{ type: 'message' }] },
      { json: { text: 'no type' } },
      { json: { type: 'message', text: 42 } },
      { json: { type: 'message', text: 'hi', attachments: { contentType: 'text/plain' } } },
      { json: { type: 'message', text: 'hi', entities: ['mention'] } },
      { json: { type: 'message', text: 'hi', channelData: 'clientActivityID' } },
      { json: 'message' },
      { body: 'hello', headers: { 'content-type': 'text/plain' } },
      { body: '{"type":', headers: { 'content-type': 'application/json' } },
    ];
    for (const request of cases) {
      const res = await call(harness, 'POST', path, { auth: token, ...request });
      expect(res.status, JSON.stringify(request)).to.equal(400);
      expect(res.body.message, JSON.stringify(request)).to.be.a('string').and.not.equal('');
    }
    const missingType = await call(harness, 'POST', path, { auth: token, json: { text: 'no type' } });
    expect(missingType.body.code).to.equal('WL_DL_BAD_ACTIVITY');
    expect(missingType.body.message).to.contain('type');
    expect(await history()).to.have.length(1);
  });

  it('answers 404 to an unknown conversation', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'no|such']) {
      const res = await call(harness, 'POST', `/v3/directline/conversations/${encodeURIComponent(id)}/activities`, {
        auth: testSecret,
        json: { type: 'message', from: { id: 'u' }, text: 'hi' },
      });
      expect([res.status, res.body.code], id).to.deep.equal([404, 'WL_DL_CONVERSATION_NOT_FOUND']);
    }
  });

  it('answers 502 when the bot fails, keeping the activity in the conversation', async () => {
    harness.botDown = true;
    const res = await call(harness, 'POST', path, { auth: token, json: { type: 'message', text: 'still here?' } });
    expect([res.status, res.body.code]).to.deep.equal([502, 'WL_DL_BOT_UNAVAILABLE']);
    expect(res.body.message).to.contain('HTTP 500');
    expect((await history()).map((a) => a.text)).to.deep.equal(['welcome u-alice', 'still here?']);
  });

  it('keeps every one of many concurrent posts, in one order, with distinct ids', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `m${i}`);
    const answers = await Promise.all(texts.map((text) => call(harness, 'POST', path, { auth: token, json: { type: 'message', text } })));
    expect(answers.map((a) => a.status)).to.deep.equal(texts.map(() => 200));
    const stored = await history();
    expect(stored).to.have.length(1 + 2 * texts.length);
    expect(new Set(stored.map((a) => a.id)).size).to.equal(stored.length);
    expect(stored.map((a) => a.id)).to.deep.equal([...stored.map((a) => a.id)].sort());
    const userTexts = stored.filter((a) => !a.text?.startsWith('echo') && !a.text?.startsWith('welcome')).map((a) => a.text);
    expect([...userTexts].sort()).to.deep.equal([...texts].sort());
  });

  it('forwards typing to the bot without storing it', async () => {
    const res = await call(harness, 'POST', path, { auth: token, json: { type: 'typing' } });
    expect(res.status).to.equal(200);
    expect(harness.botReceived.at(-1)?.type).to.equal('typing');
    expect((await history()).map((a) => a.type)).to.deep.equal(['message']);
  });

  it('refuses file uploads with a clear 415', async () => {
    const res = await call(harness, 'POST', `/v3/directline/conversations/${conversationId}/upload?userId=u-alice`, { auth: token, json: {} });
    expect([res.status, res.body.code]).to.deep.equal([415, 'WL_DL_UPLOAD_UNSUPPORTED']);
  });
});

describe('local Direct Line: what a conversation record keeps of a customer activity', () => {
  let harness: Harness;
  let token: string;
  let conversationId: string;
  let path: string;

  beforeEach(async () => {
    ({ harness, token, conversationId, path } = await startConversation());
  });
  afterEach(() => harness.close());

  it('delivers the activity to the bot as posted, but stores and echoes only what Web Chat shows, masked', async () => {
    const text = 'card 4111 1111 1111 1111, password: hunter2, mail ana@example.com, phone +86 138 0013 8000';
    const posted = {
      type: 'message',
      text,
      value: { cardNumber: '4111 1111 1111 1111' },
      entities: [{ type: 'ClientCapabilities', requiresBotState: true }],
      channelData: { clientActivityID: '1717171717171-abc', clientTimestamp: '2025-01-01T00:00:00.000Z', attachmentSizes: [], note: 'pin 1234' },
      attachments: [{ contentType: 'text/plain', contentUrl: 'https://example.com/4111111111111111.txt', name: 'card 4111 1111 1111 1111.txt' }],
    };
    const res = await call(harness, 'POST', path, { auth: token, json: posted });
    expect(res.status).to.equal(200);
    expect(harness.botReceived.at(-1)).to.deep.include({ text, value: posted.value, entities: posted.entities, channelData: posted.channelData });

    const stored = ((await call(harness, 'GET', path, { auth: token })).body.activities as Array<Record<string, unknown>>).find((a) => a.id === res.body.id);
    expect(stored?.text).to.equal('card •••• 1111, password: •••••• mail ana@example.com, phone +86 138 0013 8000');
    expect(stored?.channelData, 'what Web Chat needs to mark the message sent').to.deep.equal({ clientActivityID: '1717171717171-abc', clientTimestamp: '2025-01-01T00:00:00.000Z' });
    expect(stored?.attachments).to.deep.equal([{ contentType: 'text/plain', contentUrl: 'https://example.com/4111111111111111.txt', name: 'card •••• 1111.txt' }]);
    expect(stored).to.not.have.any.keys('value', 'entities');
    const raw = JSON.stringify(await harness.storage.read([conversationStorageKey(conversationId)]));
    expect(raw).to.not.contain('4111 1111 1111 1111').and.not.contain('hunter2').and.not.contain('pin 1234');
  });
});
