import { expect } from 'chai';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { webChatSuite } from '../../support/webChatDriver';
import { UserAccounts } from '../../../accounts/userAccounts';

/** The studio's shell in Chromium: it loads under its own policy, speaks en and zh, and works from the keyboard. */
describe('Warmline Studio shell (Chromium)', function () {
  this.timeout(60_000);
  const suite = webChatSuite();
  const meiPassword = 'lantern-harbour-7-quiet';

  it('loads without script or policy errors, switches to Chinese and back, and signs in from the keyboard', async () => {
    await new UserAccounts(suite.app().storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } }).add('mei', 'editor', meiPassword);
    const { page, errors } = await suite.visit('/studio');
    await page.getByRole('heading', { name: 'Warmline Studio' }).waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: 'Warmline 管理工作室' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).to.equal('zh-CN');
    // Keyboard only: from the language selector, Tab reaches the user name, the password and the button.
    await page.getByLabel('语言').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.type('mei');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password-1');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).to.equal('用户名和密码不匹配，或该账户已停用。');
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-zh.png') });
    // The right password: signed in, still after a reload (the session cookie), and out again.
    await page.getByLabel('密码').fill(meiPassword);
    await page.getByLabel('密码').press('Enter');
    await page.getByText('当前用户：mei（editor）').waitFor();
    await page.getByRole('navigation', { name: '工作室栏目' }).getByRole('link', { name: '对话流程' }).waitFor();
    // The published topics, named in the chosen language.
    await page.getByRole('heading', { name: '对话流程（已发布）' }).waitFor();
    await page.getByRole('cell', { name: '问候' }).waitFor();
    await page.getByRole('cell', { name: 'OnEscalate' }).waitFor();
    await page.reload();
    await page.getByText('当前用户：mei（editor）').waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    // The session is over on the server too.
    expect((await page.request.get(`${suite.app().url}/api/auth/me`)).status()).to.equal(401);
    expect(errors).to.deep.equal([]);
  });
});
