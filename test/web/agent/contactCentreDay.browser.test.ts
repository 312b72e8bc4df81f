import { expect } from 'chai';
import { openWorkspace, presenceShows } from '../../support/agentWorkspace';
import type { WorkspacePage } from '../../support/agentWorkspace';
import { sees, send, webChatSuite } from '../../support/webChatDriver';
import type { Page } from 'playwright-core';

/**
 * The whole scene at once, in Chromium against one server: two agents (Ana in English, Li in
 * Chinese) and four customers (two of each language) on the Web Chat page; each agent handles two
 * customers in parallel tabs, with typing shown both ways; a supervisor watches the live queue; a
 * customer reloads mid-chat and keeps the agent and the history; then Ana closes her browser, and
 * within the grace period her customers are back in the queue, told so honestly, and Li takes one.
 */
describe('agent workspace: two agents, four customers, a reload and a closed browser (Chromium)', function () {
  this.timeout(120_000);
  const driver = webChatSuite({ AGENT_GRACE_SECONDS: '5', HANDOFF_SWEEP_SECONDS: '1' });
  const workspaces: WorkspacePage[] = [];
  after(async () => {
    for (const w of workspaces) await w.close().catch(() => undefined);
  });

  const customers = [
    { id: 'customer-regular', name: 'Priya Nair', locale: 'en-US', ask: 'I want to talk to a real person', queued: 'connecting you with a person', agent: 'ana' },
    { id: 'customer-demo', name: 'Alex Morgan', locale: 'en-US', ask: 'Can I speak to an agent please', queued: 'connecting you with a person', agent: 'ana' },
    { id: 'customer-influencer', name: '王芳', locale: 'zh-CN', ask: '转人工', queued: '正在为您转接', agent: 'li' },
    { id: 'customer-demo-zh', name: '李娜', locale: 'zh-CN', ask: '我要人工客服', queued: '正在为您转接', agent: 'li' },
  ] as const;

  it('serves four customers with two agents in parallel tabs, keeps a reloading customer’s agent, and re-queues the customers of an agent who closed the browser', async () => {
    const ana = await openWorkspace(driver.app(), 'ana', 'agent', 'en-US');
    const li = await openWorkspace(driver.app(), 'li', 'agent', 'zh-CN');
    const sam = await openWorkspace(driver.app(), 'sam', 'supervisor', 'en-US');
    workspaces.push(ana, li, sam);
    await presenceShows(ana.page, 'available');
    await presenceShows(li.page, 'available');
    const agents = { ana: ana.page, li: li.page };

    // Four customers ask for a person, one after the other: all four wait at once.
    const pages = new Map<string, Page>();
    for (const c of customers) {
      const { page } = await driver.open(c.locale, c.id);
      pages.set(c.id, page);
      await send(page, c.ask);
      await sees(page, c.queued).catch(async (error: unknown) => {
        const shown = await page.locator('.webchat__bubble__content').allInnerTexts();
        const presence = await driver.app().desk.deps.presence.all();
        throw new Error(`${c.id} did not see "${c.queued}"; the page shows: ${JSON.stringify(shown)}; presence at ${new Date().toISOString()}: ${JSON.stringify(presence)} (${String(error)})`);
      });
    }

    // The supervisor sees them waiting, live.
    await sam.page.getByRole('button', { name: 'Supervisor', exact: true }).click();
    await sam.page.getByTestId('overview-queue').filter({ hasText: '4' }).first().waitFor();

    // Each agent takes their two customers: two tabs each.
    for (const c of customers) {
      const agent = agents[c.agent];
      await agent.getByTestId('queue-item').filter({ hasText: c.name }).getByTestId('accept').click();
      await agent.getByTestId('session-tab').filter({ hasText: c.name }).waitFor();
      await sees(pages.get(c.id) as Page, c.agent === 'ana' ? 'Ana Souza' : 'Li Wei');
    }
    expect(await ana.page.getByTestId('session-tab').count()).to.equal(2);
    expect(await li.page.getByTestId('session-tab').count()).to.equal(2);

    // Typing both ways, in each agent's second tab.
    for (const [agentName, c, typingText] of [
      ['ana', customers[1], 'Alex Morgan is typing…'],
      ['li', customers[3], '李娜 正在输入…'],
    ] as const) {
      const agent = agents[agentName];
      const customer = pages.get(c.id) as Page;
      await agent.getByTestId('session-tab').filter({ hasText: c.name }).click();
      await customer.locator('[data-id="webchat-sendbox-input"]').pressSequentially(c.locale === 'en-US' ? 'where is my parcel' : '我的包裹在哪', { delay: 40 });
      await agent.getByTestId('typing').getByText(typingText).waitFor({ timeout: 10_000 });
      await customer.locator('[data-id="webchat-sendbox-input"]').press('Enter');
      await agent.getByTestId('composer').pressSequentially(c.locale === 'en-US' ? 'Checking the courier now' : '正在为您查询快递', { delay: 40 });
      await customer.locator('.webchat__typing-indicator').waitFor({ timeout: 10_000 });
      await agent.getByTestId('composer').press('Enter');
      await sees(customer, c.locale === 'en-US' ? 'Checking the courier now' : '正在为您查询快递');
    }

    // A customer reloads mid-chat: same conversation, history shown, still with Li.
    const wang = pages.get('customer-influencer') as Page;
    await li.page.getByTestId('session-tab').filter({ hasText: '王芳' }).click();
    await li.page.getByTestId('composer').fill('请稍等，我在核实');
    await li.page.getByTestId('composer').press('Enter');
    await sees(wang, '请稍等，我在核实');
    await wang.reload();
    await sees(wang, '请稍等，我在核实');
    await sees(wang, '转人工');
    await li.page.getByTestId('composer').fill('刷新之后还能看到吗？');
    await li.page.getByTestId('composer').press('Enter');
    await sees(wang, '刷新之后还能看到吗？');
    await send(wang, '能看到');
    await li.page.getByTestId('transcript').getByText('能看到', { exact: true }).waitFor();
    expect(await li.page.getByTestId('session-tab').count(), 'no second handoff after the reload').to.equal(2);

    // Ana closes her browser: within the grace period her customers are told honestly and queued again.
    await ana.close();
    for (const c of customers.filter((x) => x.agent === 'ana')) await sees(pages.get(c.id) as Page, 'called away');
    await sees(pages.get('customer-regular') as Page, 'in line, about');
    await sam.page.getByTestId('overview-agent').filter({ hasText: 'Ana Souza' }).filter({ hasText: 'offline' }).waitFor();
    // Li, with a free slot, takes Priya, who hears who joined.
    await li.page.getByTestId('queue-item').filter({ hasText: 'Priya Nair' }).getByTestId('accept').click();
    await sees(pages.get('customer-regular') as Page, 'Li Wei');
    await li.page.getByTestId('session-tab').filter({ hasText: 'Priya Nair' }).waitFor();

    expect(li.errors).to.deep.equal([]);
    expect(sam.errors).to.deep.equal([]);
  });
});
