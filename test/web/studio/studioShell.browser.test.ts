import { expect } from 'chai';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { webChatSuite } from '../../support/webChatDriver';

/** The studio's shell in Chromium: it loads under its own policy, speaks en and zh, and works from the keyboard. */
describe('Warmline Studio shell (Chromium)', function () {
  this.timeout(60_000);
  const suite = webChatSuite();

  it('loads without script or policy errors, switches to Chinese and back, and signs in from the keyboard', async () => {
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
    expect(await alert.innerText()).to.match(/用户名和密码不匹配|此服务器暂未开放登录/);
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-zh.png') });
    // The choice is remembered: a reload stays in Chinese.
    await page.reload();
    await page.getByRole('heading', { name: 'Warmline 管理工作室' }).waitFor();
    expect(errors).to.deep.equal([]);
  });
});
