import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { sees, send, webChatSuite } from '../support/webChatDriver';

/**
 * Issue 13, "Customers keep their agent", in a real browser: a customer with an agent reloads the page
 * and keeps the agent and the history; "Start a new chat" asks first and, if the customer goes ahead,
 * the agent keeps them in the new chat without a second handoff. The agent is a second tab.
 */
const scripts = {
  'en-US': {
    agent: 'agent-ana',
    agentName: 'Ana Souza',
    signedIn: 'signed in as an agent',
    greeting: 'Warmline, the store',
    ask: 'I want to talk to a real person',
    queued: 'connecting you with a person',
    accept: 'Accept',
    joined: 'has joined the conversation',
    agentSays: 'Hello, I can see your order here.',
    reconnected: 'Reconnected as',
    customerSays: 'Sorry, my page reloaded',
    agentAgain: 'No problem, I am still here.',
    confirm: 'Start a new chat anyway?',
    stillConnected: 'still connected with Ana Souza, who can see',
    agentTold: 'started a new chat; you are still connected',
    newChatSays: 'This is the new chat',
    start: 'Start a new chat',
    left: 'has left the chat',
    ended: 'The bot is asking them whether their issue is resolved',
  },
  'zh-CN': {
    agent: 'agent-li',
    agentName: 'Li Wei',
    signedIn: '您已作为客服登录',
    greeting: '您好，我是商店的智能助手',
    ask: '转人工',
    queued: '正在为您转接',
    accept: '接待',
    joined: '已加入对话',
    agentSays: '您好，我已经看到您的订单了。',
    reconnected: '已重新连接',
    customerSays: '不好意思，页面刷新了',
    agentAgain: '没关系，我还在。',
    confirm: '仍要开始新的对话吗',
    stillConnected: '您仍在与 Li Wei 对话',
    agentTold: '开始了新的对话；您仍与其保持连接',
    newChatSays: '这是新的对话',
    start: '开始新的对话',
    left: '已离开对话',
    ended: '机器人正在询问对方问题是否已解决',
  },
} as const;

type Script = (typeof scripts)[keyof typeof scripts];

/** The bubbles of a page that contain `fragment`. */
function count(page: Page, fragment: string): Promise<number> {
  return page.locator('.webchat__bubble__content', { hasText: fragment }).count();
}

/** The customer and the agent each write once, and each sees the other's line. */
async function talk(customer: Page, agent: Page, customerSays: string, agentSays: string): Promise<void> {
  await send(customer, customerSays);
  await sees(agent, customerSays);
  await send(agent, agentSays);
  await sees(customer, agentSays);
}

/** The agent signs in, the customer asks for a person, the agent accepts and says hello. */
async function customerWithAgent(open: (locale: string, userId: string) => Promise<{ page: Page; errors: string[] }>, locale: string, s: Script, customerId: string) {
  const agent = await open(locale, s.agent);
  await sees(agent.page, s.signedIn);
  const customer = await open(locale, customerId);
  await sees(customer.page, s.greeting);
  await send(customer.page, s.ask);
  await sees(customer.page, s.queued);
  await agent.page.getByRole('button', { name: s.accept, exact: true }).last().click();
  await sees(customer.page, s.joined);
  await send(agent.page, s.agentSays);
  await sees(customer.page, s.agentSays);
  return { agent, customer };
}

describe('customers keep their agent (Chromium)', function () {
  this.timeout(120_000);
  const driver = webChatSuite();
  const open = (locale: string, userId: string) => driver.open(locale, userId);
  const openHandoffsOf = async (userId: string) => (await driver.app().desk.deps.handoffs.open()).filter((r) => r.customer.userId === userId);

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: a customer who reloads mid-chat keeps the agent and the history, and is not greeted again`, async () => {
      const s = scripts[locale];
      const customerId = `dl_reload_${locale.slice(0, 2)}`;
      const { agent, customer } = await customerWithAgent(open, locale, s, customerId);
      const conversationBefore = (await openHandoffsOf(customerId))[0]?.customer.address.conversation.id;

      await customer.page.reload();
      await sees(customer.page, s.agentSays);
      await customer.page.getByText(s.reconnected).waitFor();
      // The history is back, once: the greeting, the queue notice and the agent's line.
      expect(await count(customer.page, s.greeting)).to.equal(1);
      expect(await count(customer.page, s.joined)).to.equal(1);

      await talk(customer.page, agent.page, s.customerSays, s.agentAgain);
      const handoffs = await openHandoffsOf(customerId);
      expect(handoffs).to.have.length(1);
      expect(handoffs[0]?.customer.address.conversation.id).to.equal(conversationBefore);
      expect(handoffs[0]?.state).to.equal('assigned');

      // Ended before the tab closes, so the agent is free for the next test.
      await send(agent.page, '/end');
      await sees(agent.page, s.ended);
      expect(customer.errors).to.deep.equal([]);
      expect(agent.errors).to.deep.equal([]);
      await customer.page.close();
      await agent.page.close();
    });

    it(`${locale}: "Start a new chat" while with the agent asks first; going ahead keeps the agent in the new chat, without a second handoff`, async () => {
      const s = scripts[locale];
      const customerId = `dl_newchat_${locale.slice(0, 2)}`;
      const { agent, customer } = await customerWithAgent(open, locale, s, customerId);
      const first = (await openHandoffsOf(customerId))[0];

      // Declined: nothing changes.
      const asked: string[] = [];
      customer.page.once('dialog', (dialog) => {
        asked.push(dialog.message());
        void dialog.dismiss();
      });
      await customer.page.getByRole('button', { name: s.start, exact: true }).click();
      await waitFor(() => asked.length === 1);
      expect(asked[0]).to.contain(s.confirm);
      expect((await openHandoffsOf(customerId))[0]?.customer.address.conversation.id).to.equal(first?.customer.address.conversation.id);
      expect(await count(customer.page, s.agentSays)).to.equal(1);

      // Accepted: a new chat, still with the agent.
      customer.page.once('dialog', (dialog) => void dialog.accept());
      await customer.page.getByRole('button', { name: s.start, exact: true }).click();
      await sees(customer.page, s.stillConnected);
      await sees(agent.page, s.agentTold);
      expect(await count(customer.page, s.agentSays)).to.equal(0);
      expect(await count(customer.page, s.greeting)).to.equal(0);
      await talk(customer.page, agent.page, s.newChatSays, s.agentAgain);
      const handoffs = await openHandoffsOf(customerId);
      expect(handoffs).to.have.length(1);
      expect(handoffs[0]?.id).to.equal(first?.id);
      expect(handoffs[0]?.customer.address.conversation.id).to.not.equal(first?.customer.address.conversation.id);

      // Ended before the tab closes, so the agent is free for the next test.
      await send(agent.page, '/end');
      await sees(agent.page, s.ended);
      expect(customer.errors).to.deep.equal([]);
      expect(agent.errors).to.deep.equal([]);
      await customer.page.close();
      await agent.page.close();
    });
  }

  it('"Start a new chat" with no person involved starts a new chat without asking', async () => {
    const customer = await open('en-US', 'dl_plain_new');
    await sees(customer.page, scripts['en-US'].greeting);
    const asked: string[] = [];
    customer.page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await customer.page.getByRole('button', { name: scripts['en-US'].start, exact: true }).click();
    await customer.page.getByText('Connected as dl_plain_new').waitFor();
    await sees(customer.page, scripts['en-US'].greeting);
    expect(asked).to.deep.equal([]);
    await customer.page.close();
  });
});

describe('the agent sees a customer leave and come back (Chromium, local Direct Line)', function () {
  this.timeout(120_000);
  const driver = webChatSuite({ CUSTOMER_GRACE_SECONDS: '1' });

  it('zh-CN: closing the page past the grace period tells the agent, and the workspace event is recorded on the handoff', async () => {
    const s = scripts['zh-CN'];
    const { agent, customer } = await customerWithAgent((locale, userId) => driver.open(locale, userId), 'zh-CN', s, 'dl_leaves_zh');
    await customer.page.close();
    await sees(agent.page, s.left);
    const [record] = (await driver.app().desk.deps.handoffs.open()).filter((r) => r.customer.userId === 'dl_leaves_zh');
    expect(record?.customerPresence).to.deep.include({ present: false, why: 'page-closed' });
    await send(agent.page, '/end');
    await sees(agent.page, s.ended);
    expect(agent.errors).to.deep.equal([]);
    await agent.page.close();
  });
});

/** Resolves once `check` holds (checked every 50 ms, for up to 10 s). */
async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error('condition not met within 10 s');
}
