import { expect } from 'chai';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sees, send, webChatSuite } from '../../support/webChatDriver';
import { UserAccounts } from '../../../accounts/userAccounts';

/** The local date in `timeZone`, `days` from now (YYYY-MM-DD). */
function localDate(timeZone: string, days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/**
 * The "change business hours" in Chromium: an editor closes the General help queue today in
 * the settings form (after the form shows a closing time before the opening time as a problem), an
 * admin publishes, and the live bot tells a customer who asks for a person that the team is closed.
 */
describe('Warmline Studio settings: business hours (Chromium)', function () {
  this.timeout(120_000);
  const suite = webChatSuite();
  const password = 'lantern-harbour-7-quiet';
  const shot = (name: string) => path.join(tmpdir(), `warmline-settings-${name}.png`);

  it('an editor changes a queue’s hours, an admin publishes, and the bot follows the new hours', async () => {
    const accounts = new UserAccounts(suite.app().storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    await accounts.add('mei', 'editor', password);
    await accounts.add('ada', 'admin', password);

    // Before: General help is open around the clock, so a customer is queued (nobody is signed in yet).
    const before = await suite.open('en-US', 'dl_hours_before');
    await send(before.page, 'agent');
    await sees(before.page, 'Nobody from our General help team is available right now');

    const { page, errors } = await suite.visit('/studio/');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Language').selectOption('en-US');
    await page.getByLabel('User name').fill('mei');
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'Settings' }).click();
    // The tabs work from the keyboard: Routing → Business hours with the arrow key.
    await page.getByRole('tab', { name: 'Routing' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Business hours' }).getAttribute('aria-selected')).to.equal('true');
    expect(await page.getByRole('tab', { name: 'Business hours' }).evaluate((tab) => tab === tab.ownerDocument.activeElement)).to.equal(true);

    const general = page.getByRole('region', { name: 'General help (general)' });
    await general.getByLabel('Open around the clock (24/7)').uncheck();
    await general.getByLabel('Time zone').selectOption('Asia/Shanghai');
    // A closing time before the opening time: saved into the draft, and shown at the field and in the list.
    await general.getByLabel('Monday closes at').fill('08:00');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await general.getByText('the start must be before the end').waitFor();
    expect(await general.getByLabel('Monday closes at').getAttribute('aria-invalid')).to.equal('true');
    await page.getByRole('heading', { name: '1 problem keeps this draft from being published' }).waitFor();
    await page.screenshot({ path: shot('hours-problem-en') });

    // Fixed, and closed all day today and tomorrow (local dates in Shanghai), so it is closed now.
    await general.getByLabel('Monday closes at').fill('17:00');
    for (const date of [localDate('Asia/Shanghai'), localDate('Asia/Shanghai', 1)]) {
      await general.getByRole('button', { name: 'Add closed date' }).click();
      await general.getByLabel(/^Closed date \d$/).last().fill(date);
    }
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'No problems.' }).waitFor();
    expect(await general.getByText('the start must be before the end').count()).to.equal(0);
    await page.screenshot({ path: shot('hours-en'), fullPage: false });

    // The same form in Chinese, and the other tabs (looked at in the screenshots).
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('tab', { name: '营业时间' }).waitFor();
    await page.screenshot({ path: shot('hours-zh') });
    for (const [tab, name] of [['路由', 'routing'], ['客服人员', 'agents'], ['推荐优惠', 'offers'], ['消息文案', 'messages']] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('button', { name: '保存草稿' }).waitFor();
      await page.screenshot({ path: shot(`${name}-zh`) });
    }
    await page.getByLabel('语言').selectOption('en-US');
    for (const name of ['Routing', 'Agents', 'Offers', 'Messages'] as const) {
      await page.getByRole('tab', { name }).click();
      await page.getByRole('button', { name: 'Save draft' }).waitFor();
      await page.screenshot({ path: shot(`${name.toLowerCase()}-en`) });
    }
    await page.getByLabel('Filter').fill('contact.closed');
    await page.getByRole('status').filter({ hasText: /^2 of \d+ messages$/ }).waitFor();

    // An admin publishes every draft (the studio's API, as the Publish screen does).
    const login = await page.request.post(`${suite.app().url}/api/auth/login`, { data: { username: 'ada', password } });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const published = await page.request.post(`${suite.app().url}/api/publish`, { headers: { 'X-CSRF-Token': csrfToken } });
    expect(published.status()).to.equal(200);
    expect(((await published.json()) as { versions: Record<string, string> }).versions).to.have.property('routing');
    await suite.app().content.check();

    // After: the live bot tells the next customer that the team is closed, and when it is back.
    const after = await suite.open('en-US', 'dl_hours_after');
    await send(after.page, 'agent');
    await sees(after.page, 'Our General help team is closed right now.');
    await sees(after.page, 'back on');
    expect(errors).to.deep.equal([]);
    expect(before.errors.concat(after.errors)).to.deep.equal([]);
  });
});
