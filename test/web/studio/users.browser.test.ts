import { expect } from 'chai';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { UserAccounts } from '../../../accounts/userAccounts';
import { sees, webChatSuite } from '../../support/webChatDriver';

const adaPassword = 'lantern-harbour-7-quiet';
const vicPassword = 'copper-meadow-41-river';

async function signInOnPage(page: Page, name: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await page.getByText(`Signed in as ${name}`).waitFor();
}

/** The Accounts screen in Chromium: an admin adds a viewer; the viewer has API tokens but no users. */
describe('Warmline Studio accounts (Chromium)', function () {
  this.timeout(90_000);
  const suite = webChatSuite();

  it('lets an admin add a viewer, who cannot manage users, and whose API token works as Bearer until revoked', async () => {
    const app = suite.app();
    await new UserAccounts(app.storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } }).add('ada', 'admin', adaPassword);
    const { page, errors } = await suite.visit('/studio/');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Language').selectOption('en-US');
    await signInOnPage(page, 'ada', adaPassword);
    await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();

    // Add a viewer, from the keyboard: the name, Tab to the role (Viewer unless changed), Tab to the password, Enter.
    const form = page.getByRole('group', { name: 'Add a user' });
    await form.getByLabel('User name').focus();
    await page.keyboard.type('vic');
    await page.keyboard.press('Tab');
    expect(await form.getByLabel('Role').evaluate((el) => el === el.ownerDocument.activeElement)).to.equal(true);
    expect(await form.getByLabel('Role').inputValue()).to.equal('viewer');
    await page.keyboard.press('Tab');
    await page.keyboard.type(vicPassword);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Added vic.' }).waitFor();
    await page.getByRole('row', { name: /vic/ }).getByRole('cell', { name: 'Active' }).waitFor();
    expect(await page.getByLabel('Role of vic').inputValue()).to.equal('viewer');
    // The last admin cannot disable themselves: there is no button for it.
    expect(await page.getByRole('row', { name: /ada/ }).getByRole('button', { name: 'Disable' }).count()).to.equal(0);
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-users-en.png') });
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '用户', exact: true }).waitFor();
    await page.getByRole('heading', { name: '我的 API 令牌' }).waitFor();
    await page.getByRole('status').filter({ hasText: '已添加 vic。' }).waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-users-zh.png') });
    await page.getByLabel('语言').selectOption('en-US');
    // The change is in the audit log on History, worded, beside the content entries.
    await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'History' }).click();
    const audit = page.getByRole('region', { name: 'Audit log' });
    const added = audit.getByRole('row').filter({ hasText: 'User added' });
    await added.waitFor();
    expect(await added.innerText()).to.match(/Accounts\s+User added\s+ada\s+account vic\s+viewer, enabled/);
    await audit.getByLabel('Content').selectOption('accounts');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await audit.getByText('1 entry').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    // The viewer signs in: their tokens, but no users.
    await signInOnPage(page, 'vic', vicPassword);
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'My API tokens' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Users' }).count()).to.equal(0);
    expect(await page.getByRole('group', { name: 'Add a user' }).count()).to.equal(0);
    // Nor can the viewer's session add a user through the API, with its own CSRF token.
    const refused = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/users', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ name: 'mallory', role: 'admin', password: 'a-long-enough-password-1' }) });
      return res.status;
    });
    expect(refused).to.equal(403);

    // A token made in the page works as Bearer, and stops after it is revoked.
    await page.getByLabel('What is it for?').fill('reports');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByLabel(/Your new token/);
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).to.match(/^wlt_/);
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-tokens-en.png') });
    const flows = (): Promise<number> => fetch(`${app.url}/api/flows`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await flows()).to.equal(200);
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByLabel(/Your new token/).count(), 'shown once').to.equal(0);
    await page.reload();
    await page.getByRole('row', { name: /reports/ }).waitFor();
    expect(await page.content()).not.to.contain(token);
    await page.getByRole('button', { name: 'Revoke the token reports' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked the token reports' }).waitFor();
    expect(await flows()).to.equal(401);
    expect(errors).to.deep.equal([]);
  });
});

/** The agents' Web Chat page with accounts: where the shared code is set, an agent signs in with their own account instead. */
describe('an agent signs in with their account for the agent Web Chat (Chromium)', function () {
  this.timeout(90_000);
  // With a code set, the developer-machine shortcut is off: only the code or an account proves an agent.
  const suite = webChatSuite({ AGENT_ACCESS_CODE: 'shared-code-nobody-types-1' });

  it('refuses the agent’s user id before sign-in, and gives it to the agent signed in at /studio/', async () => {
    await new UserAccounts(suite.app().storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } }).add('ana', 'agent', adaPassword);
    const before = await suite.open('en-US', 'agent-ana');
    await before.page.getByText('Sign in with your agent account').waitFor();
    const studio = await suite.visit('/studio/');
    await studio.page.getByLabel('Language').selectOption('en-US');
    await signInOnPage(studio.page, 'ana', adaPassword);
    const agent = await suite.open('en-US', 'agent-ana');
    await sees(agent.page, 'signed in as an agent');
    expect([...before.errors, ...studio.errors, ...agent.errors]).to.deep.equal([]);
  });
});
