import { expect } from 'chai';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { WarmlineApp } from '../../../index';
import { launchChromium, requireChromium } from '../../support/chromium';
import { startFakeOidcIssuer } from '../../support/fakeOidcIssuer';
import type { FakeOidcIssuer } from '../../support/fakeOidcIssuer';
import { freePort, startTestApp } from '../../support/testApp';
import { watchPolicy } from '../../support/webChatDriver';

const editors = '22222222-aaaa-4bbb-8ccc-000000000002';

/** "Sign in with Microsoft" on the studio's sign-in page, through a fake Entra ID, in Chromium. */
describe('Warmline Studio single sign-on (Chromium)', function () {
  this.timeout(60_000);
  let idp: FakeOidcIssuer;
  let app: WarmlineApp;
  let browser: { context: BrowserContext; close: () => Promise<void> };

  before(async function () {
    requireChromium(this);
    idp = await startFakeOidcIssuer();
    const port = await freePort();
    app = await startTestApp({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, OIDC_ISSUER_URL: idp.issuer, ENTRA_CLIENT_ID: idp.clientId, ENTRA_CLIENT_SECRET: idp.clientSecret, ENTRA_GROUP_ROLES: `${editors}=editor` });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
    await idp?.stop();
  });

  it('signs an editor in with the button, from the keyboard, and tells someone without a role why not, in Chinese', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    watchPolicy(page, errors);

    idp.signInAs({ oid: 'a1a1a1a1-0000-4000-8000-000000000001', preferred_username: 'mei@contoso.com', groups: [editors] });
    await page.goto(`${app.url}/studio/`);
    const button = page.getByRole('link', { name: 'Sign in with Microsoft' });
    await button.focus();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-sso-en.png') });
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as mei.contoso.com (editor)').waitFor();
    expect(new URL(page.url()).pathname).to.equal('/studio/');
    await page.getByRole('button', { name: 'Sign out' }).click();

    idp.signInAs({ oid: 'b2b2b2b2-0000-4000-8000-000000000002', preferred_username: 'eve@contoso.com', groups: [] });
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('link', { name: '使用 Microsoft 账户登录' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).to.equal('您的 Microsoft 账户在 Warmline 管理工作室中没有角色。请让管理员把您加入有角色的组。');
    expect(new URL(page.url()).search).to.equal('');
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-sso-zh.png') });
    expect(errors).to.deep.equal([]);
  });
});
