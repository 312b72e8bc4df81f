import { expect } from 'chai';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { send, sees, webChatSuite } from '../../support/webChatDriver';
import { UserAccounts } from '../../../accounts/userAccounts';

const draftEn = 'Hello from the draft, I am Warmline';
const draftZh = '您好，这是草稿里的问候';

/** Sets a file of the flows draft through the studio's API, as the signed-in page's user. */
async function putDraft(page: Page, base: string, file: string, change: (text: string) => string): Promise<void> {
  const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string };
  const draft = (await (await page.request.get(`${base}/api/content/flows/draft`)).json()) as { files: { path: string; text: string }[] };
  const text = draft.files.find((f) => f.path === file)?.text ?? '';
  const saved = await page.request.put(`${base}/api/content/flows/draft/file?path=${encodeURIComponent(file)}`, { headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/yaml' }, data: change(text) });
  expect(saved.status(), await saved.text()).to.equal(200);
}

/** The test chat in Chromium: an editor's draft greeting runs there while customers keep the published one. */
describe('Warmline Studio test chat (Chromium)', function () {
  this.timeout(120_000);
  const suite = webChatSuite();
  const password = 'lantern-harbour-7-quiet';

  it('runs the draft in the embedded Web Chat, shows what fired each turn, runs the flow tests, and leaves customers on the published version', async () => {
    const app = suite.app();
    await new UserAccounts(app.storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } }).add('ed', 'editor', password);
    const { page, errors } = await suite.visit('/studio');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Language').selectOption('en-US');
    await page.getByLabel('User name').fill('ed');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as ed (editor)').waitFor();

    // The editor changes the greeting (and its flow test) in the draft.
    const toDraft = (t: string): string => t.replace("Hi, I'm Warmline", draftEn).replace('您好，我是商店的智能助手 Warmline', draftZh);
    await putDraft(page, app.url, 'greeting.yaml', toDraft);
    await putDraft(page, app.url, 'greeting.test.yaml', toDraft);

    await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'Test chat' }).click();
    await page.getByRole('heading', { name: 'Test chat (drafts)' }).waitFor();
    const chat = page.getByRole('region', { name: 'Test chat' });
    await sees(page, draftEn);
    await page.getByText('Drafts in this chat: flows.').waitFor();
    // The trace: the greeting turn, with the topic that fired and its action.
    const greetingTurn = page.getByRole('button', { name: /Turn 1/ });
    expect(await greetingTurn.innerText()).to.contain('greeting');
    await page.getByRole('cell', { name: 'SendActivity' }).waitFor();

    // The draft's flow tests, run from the page.
    await page.getByRole('button', { name: 'Run flow tests' }).click();
    const summary = page.locator('.testchat-summary');
    await summary.waitFor();
    expect(await summary.innerText()).to.match(/^\d+ passed, 0 failed$/);

    // An FAQ question: the answer in the chat, the entry and the candidates' scores in the trace.
    await send(page, 'How do I return an item?');
    const faqTurn = page.getByRole('button', { name: /Turn 2/ });
    await faqTurn.waitFor();
    expect(await faqTurn.innerText()).to.contain('FAQ 3');
    expect(await faqTurn.getAttribute('aria-expanded')).to.equal('true');
    await page.getByText('answered · Entry 3').waitFor();
    const chosen = page.locator('.testchat-chosen');
    expect(await chosen.locator('td').first().innerText()).to.equal('3');
    expect(Number(await chosen.locator('.testchat-score').innerText())).to.be.greaterThan(0.5);
    expect(await chat.locator('.webchat__bubble__content').count()).to.be.greaterThan(2);
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-testchat-en.png') });
    // The earlier turn opens from the keyboard.
    await greetingTurn.focus();
    await page.keyboard.press('Enter');
    expect(await greetingTurn.getAttribute('aria-expanded')).to.equal('true');
    expect(await faqTurn.getAttribute('aria-expanded')).to.equal('false');

    // In Chinese the chat starts again, in Chinese.
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '测试对话（草稿）' }).waitFor();
    await sees(page, draftZh);
    await page.getByRole('button', { name: /第 1 轮/ }).waitFor();
    await send(page, '怎么退货？');
    expect(await page.getByRole('button', { name: /第 2 轮/ }).getAttribute('aria-expanded')).to.equal('true');
    await page.getByRole('button', { name: '运行流程测试' }).click();
    await page.getByText(/^\d+ 个通过，0 个失败$/).waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-testchat-zh.png') });

    // Customers still get the published greeting.
    const customer = await suite.open('en-US', 'customer-7');
    // (Web Chat prints the apostrophe as a typographic one.)
    await sees(customer.page, 'Hi, I’m Warmline');
    expect(await customer.page.locator('.webchat__bubble__content', { hasText: draftEn }).count()).to.equal(0);
    expect(customer.errors).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });
});
