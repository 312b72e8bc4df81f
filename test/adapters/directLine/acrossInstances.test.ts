/**
 * The local Direct Line on two instances sharing Redis, as behind a load balancer: a customer's
 * stream on one instance hears what the bot says on the other, polling on either sees everything,
 * and messages posted to both at once are all kept and answered one turn at a time.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botframework-directlinejs';
import { startTestApp } from '../../support/testApp';
import { requireRedis } from '../../support/services';
import type { WarmlineApp } from '../../../index';
import { TestDirectLineClient, installBrowserGlobals } from './directLineTestClient';

const secret = 'shared-secret-for-two-instances-0123';

describe('local Direct Line across two instances (Redis)', function () {
  this.timeout(30_000);
  const apps: WarmlineApp[] = [];
  const clients: TestDirectLineClient[] = [];
  let restoreGlobals: () => void = () => undefined;

  before(async function () {
    const url = await requireRedis(this);
    restoreGlobals = installBrowserGlobals();
    const env = { STORAGE: 'redis', REDIS_URL: url, REDIS_KEY_PREFIX: `wltest:${randomBytes(6).toString('hex')}:`, DIRECTLINE_SECRET: secret };
    apps.push(await startTestApp(env), await startTestApp(env));
  });
  after(async () => {
    clients.forEach((c) => c.end());
    await Promise.all(apps.map((a) => a.stop()));
    restoreGlobals();
  });

  const startConversation = async (app: WarmlineApp, userId: string): Promise<{ token: string; conversationId: string }> => {
    const res = await fetch(`${app.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ user: { id: userId, name: 'Robin' } }) });
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { token: string; conversationId: string };
    const started = await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${body.token}` } });
    expect(started.status).to.be.oneOf([200, 201]);
    return body;
  };
  const postTo = async (app: WarmlineApp, conversationId: string, token: string, userId: string, text: string): Promise<string> => {
    const res = await fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: userId, name: 'Robin' }, text, locale: 'en-US' }),
    });
    expect(res.status, await res.clone().text()).to.equal(200);
    return ((await res.json()) as { id: string }).id;
  };
  const polled = async (app: WarmlineApp, conversationId: string, token: string): Promise<Activity[]> => {
    const res = await fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).to.equal(200);
    return ((await res.json()) as { activities: Activity[] }).activities;
  };
  const replyTo = (a: Activity): unknown => (a as { replyToId?: unknown }).replyToId;
  const botReplies = (activities: readonly Activity[], id: string): Activity[] => activities.filter((a) => a.type === 'message' && a.from.role === 'bot' && replyTo(a) === id);

  it('streams the bot’s reply to a page connected to the other instance, and polling on either sees it', async () => {
    const [a, b] = apps as [WarmlineApp, WarmlineApp];
    const { token, conversationId } = await startConversation(a, 'dl-two-1');
    const page = new TestDirectLineClient({ token, conversationId, domain: `${b.url}/v3/directline`, webSocket: true });
    clients.push(page);
    await page.online();
    await polled(b, conversationId, token); // B now has the conversation cached
    const id = await postTo(a, conversationId, token, 'dl-two-1', 'do you ship to other countries?');
    const reply = await page.waitFor((x) => x.type === 'message' && x.from.role === 'bot' && replyTo(x) === id, 'the bot’s answer through the other instance');
    expect(String((reply as { text?: string }).text ?? '')).to.not.equal('');
    expect(page.received.some((x) => x.id === id)).to.equal(true);
    expect(botReplies(await polled(b, conversationId, token), id)).to.have.length.greaterThan(0);
  });

  it('keeps and answers every message posted to both instances at once, one turn at a time', async () => {
    const [a, b] = apps as [WarmlineApp, WarmlineApp];
    const { token, conversationId } = await startConversation(b, 'dl-two-2');
    const texts = Array.from({ length: 8 }, (_, i) => `what are your opening hours? (${i})`);
    const ids = await Promise.all(texts.map((text, i) => postTo(i % 2 === 0 ? a : b, conversationId, token, 'dl-two-2', text)));
    expect(new Set(ids).size).to.equal(texts.length);
    const activities = await polled(a, conversationId, token);
    const stored = activities.filter((x) => x.type === 'message' && x.from.role !== 'bot').map((x) => (x as { text?: string }).text);
    expect(stored).to.have.members(texts);
    for (const id of ids) expect(botReplies(activities, id), `a reply to ${id}`).to.have.length.greaterThan(0);
    const watermarks = activities.map((x) => Number(String(x.id).split('|')[1]));
    expect(new Set(watermarks).size).to.equal(watermarks.length);
    // Every turn saw the state the one before it saved: none was lost to a race between instances.
    const stateKey = `directline/conversations/${conversationId}/`;
    const state = JSON.stringify((await a.storage.storage.read([stateKey]))[stateKey] ?? {});
    expect(state).to.match(new RegExp(`"messageCount":${texts.length}\\b`));
  });
});
