import { expect } from 'chai';
import path from 'node:path';
import { tmpdir } from 'node:os';
import type { BrowserContext } from 'playwright-core';
import { launchChromium, requireChromium } from '../support/chromium';
import { watchPolicy } from '../support/webChatDriver';
import { startTestApp } from '../support/testApp';
import { botResponses } from '../../bots/responses';
import type { WarmlineApp } from '../../index';

describe('local Web Chat page in Chromium', function () {
  this.timeout(60_000);
  let app: WarmlineApp;
  let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;

  before(async function () {
    requireChromium(this);
    app = await startTestApp();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  /**
   * Web Chat renders bot text as markdown with typographic quotes, so bubbles are found by a
   * fragment without quotes and then read whole.
   */
  async function chat(locale: 'en-US' | 'zh-CN', userId: string, question: string, welcomeFragment: string, replyFragment: string): Promise<void> {
    const page = await browser!.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    watchPolicy(page, errors);
    // Runs in the page (as text: the tests compile without the DOM's types).
    await page.addInitScript({ content: "window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));" });
    const response = await page.goto(`${app.url}/?locale=${locale}&user=${userId}`);
    // The page runs under its policy (so "no violation" below means something).
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).to.match(/script-src 'self';/).and.match(/style-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/).and.contain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).to.equal('DENY');
    const welcome = page.locator('.webchat__bubble__content p', { hasText: welcomeFragment }).first();
    await welcome.waitFor({ timeout: 20_000 });
    expect(botResponses[locale].welcome).to.contain(welcomeFragment);
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(question);
    await input.press('Enter');
    const reply = page.locator('.webchat__bubble__content p', { hasText: replyFragment }).first();
    await reply.waitFor({ timeout: 20_000 });
    expect(await reply.textContent()).to.not.equal('');
    // Exactly one greeting, and it came before the answer.
    expect(await page.locator('.webchat__bubble__content p', { hasText: welcomeFragment }).count()).to.equal(1);
    await page.screenshot({ path: path.join(tmpdir(), `warmline-webchat-${locale}.png`) });
    expect(await page.locator('#status').textContent()).to.contain(userId);
    // Web Chat, its cards and the page work under the policy: nothing was blocked.
    expect(await page.evaluate('window.violations')).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    // And the policy is enforced: a style without the page's nonce is refused and reported.
    const blocked = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
      const style = document.createElement('style');
      style.textContent = 'body { display: none }';
      document.head.append(style);
    })`);
    expect(blocked).to.equal('style-src-elem');
    expect(await page.locator('#webchat').isVisible()).to.equal(true);
    await page.close();
  }

  it('greets in English and answers an English message, under the page’s Content-Security-Policy', async () => {
    await chat('en-US', 'dl_browser_en', 'how many days is shipping', 'Ask me anything about orders', 'Standard delivery takes');
  });

  it('greets in Chinese and answers a Chinese message, under the page’s Content-Security-Policy', async () => {
    await chat('zh-CN', 'dl_browser_zh', '快递几天能到', '订单、配送、退换货、账户等问题都可以问我', '3–5 个工作日');
  });
});
