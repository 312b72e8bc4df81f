import { expect } from 'chai';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { sees, send, webChatSuite } from '../../support/webChatDriver';
import { UserAccounts } from '../../../accounts/userAccounts';

/**
 * The studio's knowledge screen in Chromium, from the customer's question back to the customer: an
 * editor finds an entry, edits its answer and sees the preview, tests a question; a customer's choice
 * in "Did you mean…?" becomes a suggestion the editor accepts; an admin publishes; the live bot then
 * answers that phrasing outright, and the unanswered questions made into an entry too.
 */
describe('Warmline Studio knowledge screen (Chromium)', function () {
  this.timeout(120_000);
  const suite = webChatSuite();
  const password = 'lantern-harbour-7-quiet';
  const refundAnswer = 'Refunds reach your card within 5 working days';

  const signIn = async (page: Page, user: string): Promise<void> => {
    await page.getByLabel('User name').fill(user);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Password').press('Enter');
    await page.getByText(`Signed in as ${user}`).waitFor();
  };

  it('edits an entry with a preview, tests a question, and turns a customer’s phrasing into an answer once published', async () => {
    const accounts = new UserAccounts(suite.app().storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    await accounts.add('mei', 'editor', password);
    await accounts.add('ada', 'admin', password);

    // A customer asks in words the knowledge does not have, and picks the refund entry from "Did you mean…?".
    const customer = await suite.open('en-US', 'cust-1');
    await send(customer.page, 'the money for the thing i sent back');
    await sees(customer.page, 'Did you mean one of these?');
    await customer.page.getByRole('button', { name: 'When will I get my refund?', exact: true }).last().click();
    await sees(customer.page, refundAnswer);

    // The editor finds the entry, sees it in English and Chinese side by side, and edits the answer.
    const { page, errors } = await suite.visit('/studio/#/knowledge');
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, 'mei');
    await page.getByRole('heading', { name: 'Knowledge', exact: true }).waitFor();
    await page.getByLabel('Search entries').fill('refund');
    const list = page.getByRole('complementary', { name: 'Entries' });
    await list.getByRole('button', { name: /#4 When will I get my refund\?/ }).click();
    expect(await page.getByRole('alert').count()).to.equal(0, 'no problem box while the draft has no problems');
    const english = page.getByRole('region', { name: 'English (en-US)' });
    const chinese = page.getByRole('region', { name: 'Chinese (zh-CN)' });
    await expect(await chinese.getByLabel('Main question').inputValue()).to.equal('退款什么时候到账？');
    await english.getByLabel('Answer (Markdown)').fill('Refunds reach your card within **5 working days** of us receiving the return.');
    await english.getByRole('region', { name: 'Preview' }).locator('strong', { hasText: '5 working days' }).waitFor();
    await english.getByRole('button', { name: 'Save to draft' }).click();
    await english.getByRole('status').filter({ hasText: 'Saved to the draft.' }).waitFor();
    await list.getByRole('button', { name: /#4 .*Changed/ }).waitFor();

    // "Test this question" on the draft: the top matches with their confidence.
    const test = page.getByRole('region', { name: 'Test this question' });
    await test.getByLabel('Question', { exact: true }).fill('the money for the thing i sent back');
    await test.getByRole('button', { name: 'Test' }).click();
    await test.getByText(/The bot asks “Did you mean…\?” with (#4, #3|#3, #4)/).waitFor();
    const rows = test.getByRole('row');
    expect(await rows.count()).to.be.greaterThan(1);
    expect(await test.getByRole('cell', { name: 'When will I get my refund?' }).count()).to.equal(1);
    expect((await test.locator('td.kb-num').first().innerText()).trim()).to.match(/^\d+\.\d%$/);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-knowledge-entries-en.png') });

    // Review: the customer's phrasing is suggested for entry 4; accepting puts it in the draft.
    for (const query of ['do you ship to Mars', 'shipping to mars?']) await suite.app().learning.record({ kind: 'unanswered', locale: 'en-US', query, candidateIds: [] });
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByText('shipping to mars?').waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-knowledge-review-en.png') });
    await page.getByRole('button', { name: 'Accept “the money for the thing i sent back”' }).click();
    await page.getByRole('status').filter({ hasText: 'Added to entry #4 in the draft.' }).waitFor();
    // Two clicks (and the answer) make a new entry of the unanswered group.
    await page.getByRole('button', { name: 'New entry' }).click();
    await page.getByLabel('Answer of the new entry (Markdown)').fill('We deliver on Earth only, for now.');
    await page.getByRole('button', { name: 'Create entry' }).click();
    await page.getByRole('status').filter({ hasText: 'Entry #7 created in the draft.' }).waitFor();
    await page.getByText('Nothing to review.').waitFor();

    // The admin publishes every draft; the live bot answers the customer's own words outright.
    // (Outside the editor's browser, so her session stays hers.)
    const ada = await fetch(`${suite.app().url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ada', password }) });
    const { csrfToken } = (await ada.json()) as { csrfToken: string };
    const cookie = (ada.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const published = await fetch(`${suite.app().url}/api/publish`, { method: 'POST', headers: { cookie, 'X-CSRF-Token': csrfToken } });
    expect(published.status).to.equal(200);
    await suite.app().content.check();
    const later = await suite.open('en-US', 'cust-2');
    await send(later.page, 'the money for the thing i sent back');
    await sees(later.page, 'Refunds reach your card within 5 working days of us receiving the return.');
    expect(await later.page.getByText('Did you mean one of these?').count()).to.equal(0);
    await send(later.page, 'do you ship to Mars');
    await sees(later.page, 'We deliver on Earth only, for now.');

    // The same screen in Chinese, from the keyboard: the tabs answer to the arrow keys.
    await page.reload();
    await page.getByText('Signed in as mei').waitFor();
    await page.locator('header').getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '知识库', exact: true }).waitFor();
    await page.getByRole('tab', { name: '条目' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: '批量评估' }).getAttribute('aria-selected')).to.equal('true');
    // The test store has cases in English only: Chinese says so, English runs them.
    await page.getByRole('button', { name: '运行草稿自带的用例' }).click();
    await page.getByRole('alert').filter({ hasText: '此语言的知识库没有批量测试用例' }).waitFor();
    await page.getByLabel('知识库语言').selectOption('en-US');
    await page.getByRole('button', { name: '运行草稿自带的用例' }).click();
    await page.getByRole('table', { name: '结果' }).waitFor();
    expect(await page.getByRole('cell', { name: '正确' }).count()).to.be.greaterThan(3);
    await page.getByText('正确条目排在第一（不论置信度）').waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-knowledge-evaluation-zh.png') });
    await page.getByRole('tab', { name: '条目' }).click();
    await page.getByRole('complementary', { name: '条目' }).getByRole('button', { name: /#4/ }).click();
    await page.getByRole('region', { name: '中文（zh-CN）' }).getByLabel('主问题').waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-knowledge-entries-zh.png') });
    await page.getByRole('tab', { name: '导入与导出' }).click();
    await page.getByRole('link', { name: '下载 .qna' }).waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-knowledge-transfer-zh.png') });
    expect(errors).to.deep.equal([]);
  });
});
