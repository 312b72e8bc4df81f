import { expect } from 'chai';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { quickRepliesFor } from '../../../handoff/quickReplies';
import { sessionHeaders, signedIn, testPassword } from '../../support/studioAccounts';
import { webChatSuite } from '../../support/webChatDriver';

interface AgentsView {
  readonly document: { quick_replies?: { id: string; title: Record<string, string>; text: Record<string, string>; queues?: string[] }[] };
  readonly files: { path: string; text: string }[];
  readonly problems: { path?: string; message: string }[];
}

/**
 * The settings screen's Quick replies tab in Chromium: an editor adds a quick reply from the keyboard,
 * sees a misspelt variable and the missing Chinese text at their fields, writes the Chinese in the
 * Chinese interface, removes a sample reply, and the agents draft holds the result (comments kept);
 * once an admin publishes, the roster in force gives it to the agents of its queue in their language.
 */
describe('Warmline Studio settings: quick replies (Chromium)', function () {
  this.timeout(120_000);
  const suite = webChatSuite();
  const shot = (name: string) => path.join(tmpdir(), `warmline-quick-replies-${name}.png`);

  it('an editor adds a quick reply in English and Chinese, fixes its problems, and it is saved in the agents draft', async () => {
    const app = suite.app();
    const editor = await signedIn(app, 'mei', 'editor');
    const admin = await signedIn(app, 'ada', 'admin');
    const { page, errors } = await suite.visit('/studio/');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Language').selectOption('en-US');
    await page.getByLabel('User name').fill('mei');
    await page.getByLabel('Password').fill(testPassword);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'Settings' }).click();
    // From the keyboard: Agents → Quick replies with the arrow key.
    await page.getByRole('tab', { name: 'Agents' }).click();
    await page.keyboard.press('ArrowRight');
    const tab = page.getByRole('tab', { name: 'Quick replies' });
    expect(await tab.getAttribute('aria-selected')).to.equal('true');
    expect(await tab.evaluate((el) => el === el.ownerDocument.activeElement)).to.equal(true);

    // The sample replies are listed, each with both languages and a preview that shows the fallbacks.
    const greeting = page.getByRole('region', { name: 'Greeting' });
    await greeting.waitFor();
    expect(await greeting.getByLabel('Title (Chinese)').inputValue()).to.equal('问候');
    expect(await greeting.getByRole('definition').nth(1).innerText()).to.match(/^Hi there, I'm your agent from the customer service team/);

    // Add one from the keyboard: the new reply's id takes the focus.
    await page.getByRole('button', { name: 'Add quick reply' }).focus();
    await page.keyboard.press('Enter');
    const added = page.locator('section.item').last();
    const id = added.getByLabel('Quick reply id');
    expect(await id.evaluate((el) => el === el.ownerDocument.activeElement)).to.equal(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('gift-wrap');
    await added.getByLabel('Title (English)').fill('Gift wrapping');
    await added.getByLabel('Text (English)').fill('Hi {customer.nmae}, we can gift-wrap order {order.id} for free.');
    await added.getByRole('checkbox', { name: 'Orders & delivery' }).check();
    await page.getByRole('button', { name: 'Save draft' }).click();

    // Saved into the draft with its problems, each at its field: the misspelt variable, the missing Chinese.
    await page.getByRole('heading', { name: '3 problems keep this draft from being published' }).waitFor();
    const reply = page.getByRole('region', { name: 'Gift wrapping' });
    await reply.getByText('unknown variable {customer.nmae}').waitFor();
    expect(await reply.getByLabel('Text (English)').getAttribute('aria-invalid')).to.equal('true');
    expect(await reply.getByLabel('Text (Chinese, use 您)').getAttribute('aria-invalid')).to.equal('true');
    expect(await reply.getByLabel('Title (Chinese)').getAttribute('aria-invalid')).to.equal('true');
    await page.screenshot({ path: shot('problems-en'), fullPage: false });

    // The Chinese is written in the Chinese interface; the English typo is fixed.
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('tab', { name: '快捷回复' }).waitFor();
    // Named by its id until it has a Chinese title.
    const untitled = page.getByRole('region', { name: 'gift-wrap' });
    await untitled.getByLabel('内容（英文）').fill('Hi {customer.name}, we can gift-wrap your order {order.id} for free.');
    await untitled.getByLabel('内容（中文，请用“您”）').fill('{customer.name}，您好！您的订单{order.id}可以免费礼品包装。');
    await untitled.getByLabel('标题（中文）').fill('礼品包装');
    const replyZh = page.getByRole('region', { name: '礼品包装' });
    // The preview reads as a customer would: with nothing known, the fallbacks.
    await replyZh.getByText('亲爱的顾客，您好！您的订单可以免费礼品包装。').waitFor();
    // And a sample reply is removed.
    await page.getByRole('button', { name: '删除 仍在处理' }).click();
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('status').filter({ hasText: '没有问题' }).waitFor();
    expect(await replyZh.getByLabel('内容（中文，请用“您”）').getAttribute('aria-invalid')).to.equal(null);
    await page.screenshot({ path: shot('saved-zh'), fullPage: false });

    // The agents draft holds it, in the roster file's YAML with its comments.
    const view = (await (await fetch(`${app.url}/api/agents`, { headers: sessionHeaders(editor) })).json()) as AgentsView;
    expect(view.problems).to.deep.equal([]);
    const ids = (view.document.quick_replies ?? []).map((r) => r.id);
    expect(ids).to.include('gift-wrap').and.not.include('still-checking');
    expect(view.document.quick_replies?.find((r) => r.id === 'gift-wrap')).to.deep.equal({
      id: 'gift-wrap',
      title: { 'en-US': 'Gift wrapping', 'zh-CN': '礼品包装' },
      text: { 'en-US': 'Hi {customer.name}, we can gift-wrap your order {order.id} for free.', 'zh-CN': '{customer.name}，您好！您的订单{order.id}可以免费礼品包装。' },
      queues: ['orders'],
    });
    expect(view.files[0]?.text).to.contain('# Quick replies: canned answers agents send').and.contain('# Agents of Lumen & Co.');

    // Published by an admin, the roster in force gives it to Li (orders, Chinese), not to Sam (specialists).
    const published = await fetch(`${app.url}/api/publish`, { method: 'POST', headers: sessionHeaders(admin) });
    expect(published.status).to.equal(200);
    await app.content.check();
    const roster = app.desk.roster();
    const li = roster.agents.find((a) => a.id === 'li');
    const sam = roster.agents.find((a) => a.id === 'sam');
    expect(li && quickRepliesFor(roster.quickReplies, li).find((r) => r.id === 'gift-wrap')?.title).to.equal('礼品包装');
    expect(sam && quickRepliesFor(roster.quickReplies, sam).map((r) => r.id)).to.not.include('gift-wrap');
    expect(errors).to.deep.equal([]);
  });
});
