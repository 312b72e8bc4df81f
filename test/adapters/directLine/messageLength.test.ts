/**
 * The local Direct Line and the bot count a message's length one way (code points): a customer's
 * message of emoji at the limit passes the endpoint and is read by the real bot; one more is
 * refused by the endpoint before the bot sees it.
 */
import { expect } from 'chai';
import { botResponses } from '../../../bots/responses';
import type { WarmlineApp } from '../../../index';
import { post, startTestApp } from '../../support/testApp';
import { TestDirectLineClient, installBrowserGlobals } from './directLineTestClient';

describe('message length through the local Direct Line to the Warmline bot', () => {
  let restoreGlobals: () => void;
  let app: WarmlineApp;
  let client: TestDirectLineClient | undefined;

  before(() => {
    restoreGlobals = installBrowserGlobals();
  });
  after(() => restoreGlobals());
  beforeEach(async () => {
    app = await startTestApp({ MAX_MESSAGE_CHARS: '20', DIRECTLINE_ENABLED: 'true' });
  });
  afterEach(async () => {
    client?.end();
    client = undefined;
    await app.stop();
  });

  it('reads 20 emoji when the limit is 20, and refuses 21 at the endpoint', async () => {
    const generated = (await post(`${app.url}/v3/directline/tokens/generate`, { user: { id: 'u-emoji' } }, { authorization: `Bearer ${app.config.directLine.secret}` })).body as {
      token: string;
      conversationId: string;
    };
    client = new TestDirectLineClient({ token: generated.token, domain: `${app.url}/v3/directline`, webSocket: true });
    await client.online();
    const id = await client.post({ type: 'message', from: { id: 'u-emoji' }, text: '👍'.repeat(20), locale: 'en-US' });
    const reply = await client.waitFor((a) => a.type === 'message' && (a as { replyToId?: string }).replyToId === id, 'the bot reply to 20 emoji');
    expect((reply as { text?: string }).text).to.be.a('string').and.not.equal(botResponses['en-US'].tooLong(20));

    const over = await post(
      `${app.url}/v3/directline/conversations/${generated.conversationId}/activities`,
      { type: 'message', from: { id: 'u-emoji' }, text: '👍'.repeat(21) },
      { authorization: `Bearer ${generated.token}` },
    );
    expect([over.status, (over.body as { code?: string }).code]).to.deep.equal([400, 'WL_DL_MESSAGE_TOO_LONG']);
  });
});
