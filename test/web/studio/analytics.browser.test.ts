import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Activity } from 'botbuilder';
import { launchChromium, requireChromium } from '../../support/chromium';
import { post, startTestApp } from '../../support/testApp';
import { watchPolicy } from '../../support/webChatDriver';
import { ConnectorStandIn, messageActivity } from '../../support/connectorStandIn';
import { PrivacyScenario } from '../../support/privacyScenario';
import type { ScenarioCustomer } from '../../support/privacyScenario';
import { UserAccounts } from '../../../accounts/userAccounts';
import type { WarmlineApp } from '../../../index';
import { resolutionResponses } from '../../../dialogs/resolutionResponses';

const password = 'lantern-harbour-7-quiet';
const customer = (userId: string, conversationId: string): ScenarioCustomer => ({ userId, name: userId, conversationId, channelId: 'webchat' });

/** The server's clock, moved by the script: the day is 2 March 2026 (UTC). */
function scriptClock() {
  let now = Date.parse('2026-03-02T09:00:00.000Z');
  return { now: () => new Date(now), advance: (seconds: number) => (now += seconds * 1000) };
}

/**
 * A day of conversations through the real bot (the Bot Connector's way in, /api/messages): two
 * answered and solved with a rating (one also shown an offer, which the customer declines), one not
 * solved, one question nobody can answer, and one that goes to an agent who accepts after 90 s and
 * ends after 4 minutes, rated 3.
 */
async function scriptedDay(app: WarmlineApp, clock: ReturnType<typeof scriptClock>, customers: ConnectorStandIn, agents: ConnectorStandIn): Promise<void> {
  const s = new PrivacyScenario(app, customers, agents);
  // The customer's channel stamps their messages with the script's clock too, so transcripts read in order.
  s.say = async (who, text, value) => {
    const before = customers.messagesIn(who.conversationId).length;
    const activity = messageActivity(customers.serviceUrl, who.conversationId, text, { channelId: who.channelId, from: { id: who.userId, name: who.name }, timestamp: clock.now(), ...(value !== undefined ? { value } : {}) });
    expect((await post(`${app.url}/api/messages`, activity)).status, text).to.be.oneOf([200, 201, 202]);
    return customers.messagesIn(who.conversationId).slice(before).map((a) => a.text ?? '');
  };
  const demo = customer('customer-demo', 'day-demo');
  expect(await s.say(demo, 'How long will delivery take?')).to.include(resolutionResponses['en-US'].askAfterAnswer);
  await s.say(demo, 'yes');
  await s.say(demo, '5');
  const card = customers.messagesIn('day-demo').flatMap((a) => a.attachments ?? []).find((x) => JSON.stringify(x.content).includes('offer.reply'));
  const decisionId = /"decisionId":"([^"]+)"/.exec(JSON.stringify(card?.content))?.[1];
  expect(decisionId, 'an offer was shown').to.be.a('string');
  await s.say(demo, '', { warmline: 'offer.reply', decisionId, answer: 'decline' });
  clock.advance(600);
  const regular = customer('customer-regular', 'day-regular');
  await s.say(regular, 'How long will delivery take?');
  await s.say(regular, 'yes');
  await s.say(regular, '4');
  clock.advance(600);
  const unsolved = customer('visitor-3', 'day-unsolved');
  await s.say(unsolved, 'How long will delivery take?');
  await s.say(unsolved, 'no');
  clock.advance(600);
  await s.unanswered(customer('visitor-4', 'day-unanswered'), 'is the zebra lamp waterproof');
  clock.advance(600);
  const escalated = customer('visitor-5', 'day-escalated');
  await s.agentSays('/available');
  expect((await s.say(escalated, 'I want to talk to a real person')).join('\n')).to.contain("I'm connecting you");
  const record = (await app.desk.deps.handoffs.open()).find((r) => r.customer.userId === 'visitor-5');
  clock.advance(90);
  await s.agentSays('', { warmline: 'agent.command', command: 'accept', handoffId: record?.id });
  await s.say(escalated, 'My lamp arrived broken');
  clock.advance(240);
  await s.agentSays('/end');
  await customers.waitFor('day-escalated', (a: Partial<Activity>) => (a.text ?? '').includes(resolutionResponses['en-US'].askAfterAgent('Ana Souza')));
  await s.say(escalated, 'yes');
  await s.say(escalated, '3');
}

async function signIn(page: Page, user: string): Promise<void> {
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as ${user}`).waitFor();
}

/** The shell's language selector (its label also holds the chosen option's name). */
const shellLanguage = (page: Page) => page.locator('header.bar .language select');

/** The figure a tile shows. */
const metric = (page: Page, id: string) => page.locator(`[data-metric="${id}"]`).innerText();

describe('Warmline Studio analytics and conversations (Chromium)', function () {
  this.timeout(120_000);
  let app: WarmlineApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let customers: ConnectorStandIn;
  let agents: ConnectorStandIn;
  const clock = scriptClock();

  before(async function () {
    requireChromium(this);
    customers = await new ConnectorStandIn().start();
    agents = await new ConnectorStandIn().start();
    app = await startTestApp({}, { now: clock.now });
    const accounts = new UserAccounts(app.storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    await accounts.add('vera', 'viewer', password);
    await accounts.add('sam', 'supervisor', password);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
    await customers?.stop();
    await agents?.stop();
  });

  it('view the analytics after a scripted day of conversations', async () => {
    await scriptedDay(app, clock, customers, agents);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    watchPolicy(page, errors);
    await page.goto(`${app.url}/studio/`);
    await page.getByLabel('Language').selectOption('en-US');
    await signIn(page, 'vera');
    // A viewer sees Analytics, not Conversations.
    const nav = page.getByRole('navigation', { name: 'Studio sections' });
    await nav.getByRole('link', { name: 'Analytics' }).click();
    expect(await nav.getByRole('link', { name: 'Conversations' }).count()).to.equal(0);
    await page.getByLabel('From', { exact: true }).fill('2026-03-02');
    await page.getByLabel('To', { exact: true }).fill('2026-03-02');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('[data-metric="conversations"]', { hasText: '5' }).waitFor();
    expect(await metric(page, 'containment')).to.equal('40%');
    expect(await metric(page, 'resolution')).to.equal('75%');
    expect(await metric(page, 'csat')).to.equal('4');
    expect(await metric(page, 'escalations')).to.equal('1');
    expect(await metric(page, 'wait')).to.equal('1 min 30 s');
    expect(await metric(page, 'handle')).to.equal('4 min 0 s');
    expect(await page.locator('[data-list="unanswered"]').innerText()).to.contain('is the zebra lamp waterproof');
    expect(await page.locator('[data-list="not-resolved"] tbody tr').count()).to.equal(1);
    // Every chart drew its bars.
    for (const chart of ['chart-daily', 'chart-reasons', 'chart-csat', 'chart-offers']) {
      const svg = page.locator(`figure[aria-labelledby="${chart}"] svg.recharts-surface`);
      await svg.first().waitFor();
      expect(await page.locator(`figure[aria-labelledby="${chart}"] .recharts-bar-rectangle`).count(), chart).to.be.greaterThan(0);
    }
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-analytics-en.png') });
    // The CSV has the same figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(csv).to.include.members(['conversations,,5', 'contained,,2', 'resolution_rate,,0.75', 'csat_average,,4', 'escalations_by_reason,requested,1', 'wait_seconds,average,90', 'handle_seconds,average,240', 'unanswered_question,is the zebra lamp waterproof,1', 'offers_shown,,1', 'offers_declined,,1']);
    // In Chinese, filtered to one channel.
    await shellLanguage(page).selectOption('zh-CN');
    await page.getByRole('heading', { name: '数据分析' }).waitFor();
    await page.getByLabel('渠道', { exact: true }).selectOption('webchat');
    await page.getByRole('button', { name: '查看' }).click();
    await page.locator('[data-metric="conversations"]', { hasText: '5' }).waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-analytics-zh.png') });
    await shellLanguage(page).selectOption('en-US');
    await page.getByRole('button', { name: 'Sign out' }).click();

    // A supervisor searches the conversations by outcome and opens one.
    await signIn(page, 'sam');
    await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'Conversations' }).click();
    await page.getByLabel('From', { exact: true }).fill('2026-03-02');
    await page.getByLabel('To', { exact: true }).fill('2026-03-02');
    await page.getByLabel('Outcome', { exact: true }).selectOption('escalated');
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.locator('tr[data-conversation]');
    await page.locator('tr[data-conversation="day-escalated"]').waitFor();
    expect(await rows.count()).to.equal(1);
    await page.getByLabel('Outcome', { exact: true }).selectOption('resolved');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('tr[data-conversation="day-demo"]').waitFor();
    expect(await rows.count()).to.equal(2);
    await page.locator('tr[data-conversation="day-demo"]').getByRole('button').click();
    const detail = page.getByRole('article');
    await detail.getByRole('heading', { name: 'Conversation day-demo' }).waitFor();
    expect(await page.locator('[data-detail="rating"]').innerText()).to.equal('5');
    const transcript = detail.locator('.transcript li');
    expect(await transcript.first().innerText()).to.match(/^Customer\s+How long will delivery take\?$/);
    expect(await transcript.nth(1).innerText()).to.contain('working days');
    expect(await detail.locator('.offers').innerText()).to.contain('declined');
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-conversations-en.png') });
    await shellLanguage(page).selectOption('zh-CN');
    await detail.getByRole('heading', { name: '对话 day-demo' }).waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-conversations-zh.png') });
    expect(errors).to.deep.equal([]);
  });
});
