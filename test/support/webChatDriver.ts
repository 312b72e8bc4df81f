/**
 * Drives the bundled Web Chat page in Chromium for the browser tests: a Warmline server and a browser
 * started once per suite, pages opened as a given user and language, and the two things a person does
 * there (read a bubble, type a message).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, requireChromium } from './chromium';
import { startTestApp } from './testApp';
import type { WarmlineApp } from '../../index';

/** A suite's server and browser, and ways to use the page. */
export interface WebChatDriver {
  app(): WarmlineApp;
  /** Opens the page as `userId` in `locale`; `errors` collects the page's script errors and Content-Security-Policy violations. */
  open(locale: string, userId: string): Promise<{ page: Page; errors: string[] }>;
  /** Opens another page of the server (e.g. `/studio`), collecting errors the same way. */
  visit(pathAndQuery: string): Promise<{ page: Page; errors: string[] }>;
}

/**
 * Registers the suite's before/after hooks (skipping locally without Chromium, failing in CI) and
 * returns the driver. `env` is passed to {@link startTestApp}.
 */
export function webChatSuite(env: Record<string, string> = {}): WebChatDriver {
  let app: WarmlineApp | undefined;
  let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
  before(async function () {
    requireChromium(this);
    app = await startTestApp(env);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    app: () => app as WarmlineApp,
    open(locale, userId) {
      return this.visit(`/?locale=${locale}&user=${userId}`);
    },
    async visit(pathAndQuery) {
      const page = await (browser as { context: BrowserContext }).context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      watchPolicy(page, errors);
      await page.goto(`${(app as WarmlineApp).url}${pathAndQuery}`);
      return { page, errors };
    },
  };
}

/**
 * Adds every Content-Security-Policy violation on the page to `errors`: Chromium reports each as a
 * console error (which also covers violations before the page's scripts run).
 */
export function watchPolicy(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(`CSP: ${message.text()}`);
  });
}

/** Waits for a bubble (text or card) containing `fragment`; `nth` picks a later one of several. */
export async function sees(page: Page, fragment: string, nth = 0): Promise<void> {
  await page.locator('.webchat__bubble__content', { hasText: fragment }).nth(nth).waitFor({ timeout: 20_000 });
}

/** Types a message into the send box and sends it. */
export async function send(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
}
