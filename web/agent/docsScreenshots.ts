/**
 * `npm run docs:screenshots:agent`: docs/agent-workspace.png and docs/agent-workspace-zh.png, taken
 * from a real server at 1280×800 with the shipped content: three customers ask for a person through
 * the bot, Ana (a supervisor) accepts two of them in the workspace, writes to one, who answers, and
 * adds a private note. Needs the workspace built (`npm run build:agent`) and Chromium.
 */
import path from 'node:path';
import { loadConfig } from '../../config';
import { startWarmline } from '../../index';
import { silentLogger } from '../../logger';
import { openWorkspace } from '../../test/support/agentWorkspace';
import { ConnectorStandIn, messageActivity } from '../../test/support/connectorStandIn';
import { post } from '../../test/support/testApp';

const repoRoot = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const connector = await new ConnectorStandIn().start();
  const app = await startWarmline(loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'silent', NODE_ENV: 'test' }), { logger: silentLogger() });
  let close: (() => Promise<void>) | undefined;
  try {
    // Customers of content/customers.yaml, each in their own conversation with the bot.
    const say = (customer: string, text: string, locale = 'en-US') =>
      post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, `docs-${customer}`, text, { from: { id: customer, name: customer }, locale }));
    const ana = await openWorkspace(app, 'agent-ana', 'supervisor', 'en-US');
    close = ana.close;
    const page = ana.page;
    await page.getByTestId('presence').waitFor();
    await say('customer-regular', 'My parcel has not arrived, order 12345');
    await say('customer-regular', 'It was due on Monday');
    await say('customer-regular', 'I want to talk to a person');
    await say('customer-contact', 'My speaker stopped charging and I already tried another cable');
    await say('customer-contact', 'agent');
    await say('customer-influencer', '我的订单还没到，已经一周了', 'zh-CN');
    await say('customer-influencer', '转人工', 'zh-CN');
    await page.getByTestId('queue-item').nth(2).waitFor();

    await page.getByTestId('queue-item').filter({ hasText: 'Daniel Brooks' }).getByTestId('accept').click();
    await page.getByTestId('session-tab').filter({ hasText: 'Daniel Brooks' }).waitFor();
    await page.getByTestId('queue-item').filter({ hasText: 'Priya Nair' }).getByTestId('accept').click();
    await page.getByTestId('session-tab').filter({ hasText: 'Priya Nair' }).click();
    await page.getByTestId('composer').fill('Hi Priya, I can see order 12345. Let me check with the carrier.');
    await page.getByTestId('composer').press('Enter');
    await say('customer-regular', 'Thank you! It was a birthday present.');
    await page.getByTestId('transcript').getByText('birthday present').waitFor();
    await page.getByTestId('note').fill('Carrier says the parcel is at the local depot');
    await page.getByTestId('note').press('Enter');
    await page.getByTestId('summary').getByText('local depot').waitFor();
    await say('customer-contact', 'Are you still there?');
    await page.getByTestId('unread').waitFor();
    await page.getByTestId('composer').focus();

    for (const [language, file] of [['en-US', 'agent-workspace.png'], ['zh-CN', 'agent-workspace-zh.png']] as const) {
      await page.locator('.language select').selectOption(language);
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(repoRoot, 'docs', file) });
      process.stdout.write(`docs/${file}\n`);
    }
  } finally {
    await close?.();
    await app.stop();
    await connector.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
