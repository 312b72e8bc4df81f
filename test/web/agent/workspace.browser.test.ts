import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { openWorkspace, presenceShows } from '../../support/agentWorkspace';
import type { WorkspacePage } from '../../support/agentWorkspace';
import { sees, send, webChatSuite } from '../../support/webChatDriver';

/**
 * The agent workspace in a real browser, against the whole server, in English and in Chinese: an
 * agent signs in, a customer on the Web Chat page gets an answer and then asks for a person, the
 * agent accepts from the inbox and reads the bot's answer as the customer saw it, they write both ways and each sees the other typing; the agent's connection drops and comes
 * back without losing or doubling a line; a private note the customer never sees; an end with a
 * wrap-up, after which the customer gets the resolution check and the agent's history shows the
 * outcome and, once the customer answered, their rating.
 */
describe('agent workspace, one agent and a customer (Chromium)', function () {
  this.timeout(60_000);
  const driver = webChatSuite();
  const open: WorkspacePage[] = [];
  // The event streams' connections, so a test can cut them as a network would.
  const streams: Socket[] = [];
  before(() => {
    driver.app().http.server.server.on('request', (req: IncomingMessage) => {
      if (req.url?.startsWith('/api/agent/events')) streams.push(req.socket);
    });
  });
  after(async () => {
    for (const page of open) await page.close();
  });

  const scripts = {
    'en-US': {
      agent: 'ana',
      customerId: 'customer-regular',
      customer: 'Priya Nair',
      faq: 'How do I reset my password?',
      answer: 'on the sign-in page',
      bold: 'Forgot password',
      ask: 'I want to talk to a real person',
      queued: 'connecting you with a person',
      joined: 'Ana Souza',
      reason: 'Asked for a person',
      load: '1 of 3 conversations',
      first: 'Hello Priya, I am looking',
      second: 'at your order now.',
      typing: 'Priya Nair is typing…',
      reply: 'Thanks <b>a lot</b>',
      down: 'Connection lost: reconnecting…',
      meanwhile: 'Are you still there?',
      note: 'Order 12345 is at the depot',
      wrapNote: 'Parcel rerouted',
      endButton: 'End conversation',
      check: 'now that you',
      history: 'History',
      resolved: 'Resolved',
      quickReply: 'Greeting',
      greeting: 'Hi Priya Nair, I',
      greetingAgent: 'Ana Souza from the General help team',
      yes: 'yes',
      rated: 'Customer says: resolved',
    },
    'zh-CN': {
      agent: 'li',
      customerId: 'customer-influencer',
      customer: '王芳',
      faq: '密码忘了怎么重置？',
      answer: '链接 1 小时内有效',
      bold: '忘记密码',
      ask: '转人工',
      queued: '正在为您转接',
      joined: 'Li Wei',
      reason: '要求转人工',
      load: '1 / 3 个会话',
      first: '您好，我正在',
      second: '查看您的订单。',
      typing: '王芳 正在输入…',
      reply: '谢谢 <i>您</i>',
      down: '连接已断开，正在重新连接…',
      meanwhile: '还在吗？',
      note: '订单 12345 在仓库',
      wrapNote: '已重新派送',
      endButton: '结束会话',
      check: '沟通之后',
      history: '历史',
      resolved: '已解决',
      quickReply: '问候',
      greeting: '王芳，您好！我是 Lumen & Co.',
      greetingAgent: '团队的Li Wei',
      yes: '是的',
      rated: '客户反馈：已解决',
    },
  } as const;

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: accept a customer who asked for a person, write both ways with typing shown, survive a dropped connection, note, end with a wrap-up`, async () => {
      const s = scripts[locale];
      const workspace = await openWorkspace(driver.app(), s.agent, 'agent', locale);
      open.push(workspace);
      const agent = workspace.page;
      // Offline until the live stream is open, then available.
      await presenceShows(agent, 'available');

      const customer = await driver.open(locale, s.customerId);
      await send(customer.page, s.faq);
      await sees(customer.page, s.answer);
      await send(customer.page, s.ask);
      await sees(customer.page, s.queued);

      // The waiting customer appears live; Accept opens their tab with transcript and summary.
      const waiting = agent.getByTestId('queue-item').filter({ hasText: s.customer });
      await waiting.getByTestId('accept').click();
      await agent.getByTestId('session-tab').filter({ hasText: s.customer }).waitFor();
      await agent.getByTestId('transcript').getByText(s.ask).waitFor();
      // The bot's answer reads as the customer saw it: Markdown rendered, no asterisks.
      const answerLine = agent.getByTestId('transcript').locator('.from-bot').filter({ hasText: s.answer });
      expect(await answerLine.locator('strong').allInnerTexts()).to.include(s.bold);
      expect(await answerLine.innerText()).not.to.contain('**');
      await agent.getByTestId('summary').getByText(s.reason).waitFor();
      await agent.getByTestId('load').getByText(s.load).waitFor();
      await sees(customer.page, s.joined);

      // A quick reply fills the composer with the customer's and the agent's names; the agent sends it.
      const composer = agent.getByTestId('composer');
      await agent.getByTestId('quick-replies').selectOption({ label: s.quickReply });
      expect(await composer.inputValue()).to.contain(s.greeting).and.contain(s.greetingAgent).and.not.contain('{');
      await composer.press('Enter');
      await sees(customer.page, s.greeting);

      // The agent types: the customer sees the typing indicator; Shift+Enter is a new line, Enter sends.
      await composer.pressSequentially(s.first, { delay: 20 });
      await customer.page.locator('.webchat__typing-indicator').waitFor({ timeout: 10_000 });
      await composer.press('Shift+Enter');
      await composer.pressSequentially(s.second);
      await composer.press('Enter');
      await sees(customer.page, s.second);
      // The composer empties once the server has answered the send; the customer may see the line a moment before.
      for (let i = 0; i < 100 && (await composer.inputValue()) !== ''; i++) await agent.waitForTimeout(100);
      expect(await composer.inputValue()).to.equal('');

      // The customer types and writes: the agent sees "… is typing", then the message, as text.
      const sendBox = customer.page.locator('[data-id="webchat-sendbox-input"]');
      await sendBox.pressSequentially(s.reply, { delay: 30 });
      await agent.getByTestId('typing').getByText(s.typing).waitFor({ timeout: 10_000 });
      await sendBox.press('Enter');
      await agent.getByTestId('transcript').getByText(s.reply).waitFor();
      expect(await agent.getByTestId('transcript').locator('b, i').count(), 'customer text is never HTML').to.equal(0);

      // The connection drops: the banner says so; what the customer wrote meanwhile arrives once, nothing twice.
      await agent.route('**/api/agent/events', (route) => route.abort());
      for (const socket of streams.splice(0)) socket.destroy();
      await agent.getByText(s.down).waitFor();
      await send(customer.page, s.meanwhile);
      await sees(customer.page, s.meanwhile);
      await agent.unroute('**/api/agent/events');
      await agent.getByText(s.down).waitFor({ state: 'detached' });
      await agent.getByTestId('transcript').getByText(s.meanwhile).waitFor();
      for (const text of [s.meanwhile, s.second, s.reply]) expect(await agent.getByTestId('transcript').getByText(text).count(), text).to.equal(1);

      // A private note shows in the summary panel and never reaches the customer.
      await agent.getByTestId('note').fill(s.note);
      await agent.getByTestId('note').press('Enter');
      await agent.getByTestId('summary').getByText(s.note).waitFor();

      // End with a wrap-up: the customer gets the resolution check, the agent's history shows the outcome.
      await agent.getByTestId('end').click();
      const wrapUp = agent.getByTestId('wrap-up');
      await wrapUp.getByTestId('outcome').selectOption('resolved');
      await wrapUp.getByTestId('dialog-note').fill(s.wrapNote);
      await wrapUp.getByRole('button', { name: s.endButton }).click();
      await sees(customer.page, s.check);
      await agent.getByTestId('session-tab').waitFor({ state: 'detached' });
      await agent.getByRole('tab', { name: s.history }).click();
      await agent.getByTestId('history-item').filter({ hasText: s.resolved }).filter({ hasText: s.wrapNote }).waitFor();
      // The customer answers the resolution check: the rating comes back to the agent's history.
      await send(customer.page, s.yes);
      await agent.getByTestId('history-item').filter({ hasText: s.rated }).waitFor();
      expect(await customer.page.getByText(s.note).count()).to.equal(0);
      expect(workspace.errors).to.deep.equal([]);
      expect(customer.errors).to.deep.equal([]);
    });
  }
});
