/**
 * `npm run docs:screenshots`: the studio screenshots in docs/ (README's "Admins: the studio"), taken
 * from a real server at 1280×800: a fresh SQLite store with the shipped content, an admin account, a
 * few conversations through the bot so the analytics have something to show, a draft in flows so the
 * publish screen has something to publish. Needs the studio built (`npm run build:studio`) and
 * Chromium. Writes docs/studio-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserAccounts } from '../../accounts/userAccounts';
import { loadConfig } from '../../config';
import { startWarmline } from '../../index';
import { silentLogger } from '../../logger';
import { ConnectorStandIn, messageActivity } from '../../test/support/connectorStandIn';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../test/support/chromium';
import { post } from '../../test/support/testApp';

const repoRoot = path.resolve(__dirname, '..', '..');
const password = 'docs-harbour-lantern-5';

/** Screens to take: file name, address in the studio, language, what to wait for, and what to do first. */
const shots: readonly { file: string; hash: string; language: string; ready: string; then?: (page: Page) => Promise<void> }[] = [
  { file: 'studio-flows.png', hash: '#/flows/where-is-my-order', language: 'en-US', ready: 'Compare with published' },
  {
    file: 'studio-knowledge.png',
    hash: '#/knowledge',
    language: 'en-US',
    ready: '',
    then: async (page) => {
      await page.getByRole('button', { name: /#3 Can I change my order\?/ }).click();
      await page.getByRole('region', { name: 'Chinese (zh-CN)' }).waitFor();
    },
  },
  { file: 'studio-test-chat.png', hash: '#/test-chat', language: 'en-US', ready: '' },
  { file: 'studio-hours-zh.png', hash: '#/settings/hours', language: 'zh-CN', ready: '' },
  { file: 'studio-publish.png', hash: '#/publish', language: 'en-US', ready: '' },
  { file: 'studio-analytics.png', hash: '#/analytics', language: 'en-US', ready: '' },
  { file: 'studio-analytics-zh.png', hash: '#/analytics', language: 'zh-CN', ready: '' },
];

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'warmline-docs-shots-'));
  const connector = await new ConnectorStandIn().start();
  const app = await startWarmline(loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db'), LOG_LEVEL: 'silent', NODE_ENV: 'test' }), { logger: silentLogger() });
  const browser = await launchChromium();
  try {
    await new UserAccounts(app.storage.storage).add('ana', 'admin', password);
    // A few conversations, so the analytics show figures: answered and rated, not resolved, unanswered, a person asked for.
    const say = (id: string, text: string) => post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, id, text, { from: { id: `docs-${id}`, name: 'Customer' } }));
    for (const [i, rating] of ['5', '4', '5'].entries()) {
      await say(`happy-${i}`, 'How long will delivery take?');
      await say(`happy-${i}`, 'yes');
      await say(`happy-${i}`, rating);
    }
    await say('unhappy', 'Can I change my delivery address?');
    await say('unhappy', 'no');
    await say('lost', 'Do you sell garden gnomes on the moon?');
    await say('person', 'I want to talk to a person');
    await app.analytics.recorder.flush();

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${app.url}/studio/`);
    await page.getByLabel('User name').fill('ana');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').waitFor();
    // A draft of the greeting, so Publish has something to show.
    const me = (await (await page.request.get(`${app.url}/api/auth/me`)).json()) as { csrfToken: string };
    const greeting = (await (await page.request.get(`${app.url}/api/flows/greeting`)).json()) as { yaml: string };
    await page.request.put(`${app.url}/api/flows/greeting/draft`, { headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/yaml' }, data: greeting.yaml.replace("Hi, I'm Warmline", "Hello, I'm Warmline") });
    for (const shot of shots) {
      await page.evaluate(`localStorage.setItem('warmline.studio.language', '${shot.language}')`);
      await page.goto(`${app.url}/studio/${shot.hash}`);
      await page.reload();
      await page.getByRole('navigation').waitFor();
      if (shot.ready) await page.getByText(shot.ready).first().waitFor();
      await shot.then?.(page);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(repoRoot, 'docs', shot.file) });
      process.stdout.write(`docs/${shot.file}\n`);
    }
  } finally {
    await browser.close();
    await app.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
