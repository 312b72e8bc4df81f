/**
 * Drives the agent workspace (`/agent`) in Chromium for the browser tests: an agent account made and
 * signed in through the page's own form in the chosen language, and a fresh browser (own cookies) per
 * agent so two agents can work side by side.
 */
import type { Page } from 'playwright-core';
import type { Role } from '../../accounts/roles';
import type { WarmlineApp } from '../../index';
import { launchChromium } from './chromium';
import { signedIn, testPassword } from './studioAccounts';
import { watchPolicy } from './webChatDriver';
import { until } from './until';

export { until };

/** An agent's own browser with the workspace open and signed in; `errors` collects script errors and policy violations. */
export interface WorkspacePage {
  readonly page: Page;
  readonly errors: string[];
  close(): Promise<void>;
}

/**
 * Makes the account `name` (a roster agent's id) with `role`, opens `/agent` in its own browser, picks
 * `language` and signs in with the keyboard. `initScript` runs in the page before its own scripts.
 */
export async function openWorkspace(app: WarmlineApp, name: string, role: Role, language: 'en-US' | 'zh-CN', initScript?: string): Promise<WorkspacePage> {
  await signedIn(app, name, role);
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  watchPolicy(page, errors);
  if (initScript) await page.addInitScript(initScript);
  await page.goto(`${app.url}/agent/`);
  await page.locator('select').first().selectOption(language);
  const words = language === 'en-US' ? { user: 'User name', password: 'Password' } : { user: '用户名', password: '密码' };
  await page.getByLabel(words.user).fill(name);
  await page.getByLabel(words.password).fill(testPassword);
  await page.getByLabel(words.password).press('Enter');
  return { page, errors, close: browser.close };
}

/** Waits until the presence control shows `status` (an agent is offline until their live stream is open). */
export async function presenceShows(page: Page, status: string): Promise<void> {
  const shown = () => page.getByTestId('presence').inputValue();
  await until(async () => (await shown()) === status, async () => `presence ${status} (it shows ${await shown()})`);
}
