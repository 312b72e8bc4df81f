import { expect } from 'chai';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { sees, send, webChatSuite } from '../support/webChatDriver';

/**
 * The "done when", in a real browser: a customer in one tab asks, says it did not help and
 * asks for a person; an agent in a second tab (an agent user id) sees the summary, accepts with the
 * card's button, they chat, the agent ends, and the bot asks the customer whether the issue is solved.
 */
describe('warm handoff in two Web Chat tabs (Chromium)', function () {
  this.timeout(120_000);
  const driver = webChatSuite();
  const open = (locale: string, userId: string) => driver.open(locale, userId);

  const scripts = {
    'en-US': {
      agent: 'agent-ana',
      agentName: 'Ana Souza',
      signedIn: 'signed in as an agent',
      question: 'how many days is shipping',
      answer: 'Standard delivery takes',
      check: 'Did that solve your issue',
      notSolved: 'not really',
      tryAgain: 'Could you tell me a bit more',
      ask: 'I want to talk to a real person',
      queued: 'connecting you with a person',
      accept: 'Accept',
      joined: 'has joined the conversation',
      agentSays: 'Hello, I can see your order here.',
      customerSays: 'Great, thank you',
      afterAgent: 'now that you',
    },
    'zh-CN': {
      agent: 'agent-li',
      agentName: 'Li Wei',
      signedIn: '您已作为客服登录',
      question: '快递几天能到',
      answer: '3–5 个工作日',
      check: '这个回答解决您的问题了吗',
      notSolved: '还是不行',
      tryAgain: '能换个说法',
      ask: '转人工',
      queued: '正在为您转接',
      accept: '接待',
      joined: '已加入对话',
      agentSays: '您好，我已经看到您的订单了。',
      customerSays: '好的，谢谢',
      afterAgent: '沟通之后',
    },
  } as const;

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: customer asks, is not helped, asks for a person; the agent accepts, they chat, the agent ends, the bot checks resolution`, async () => {
      const s = scripts[locale];
      const agent = await open(locale, s.agent);
      await sees(agent.page, s.signedIn);
      const customer = await open(locale, `dl_demo_${locale.slice(0, 2)}`);

      await send(customer.page, s.question);
      await sees(customer.page, s.answer);
      await sees(customer.page, s.check);
      await send(customer.page, s.notSolved);
      await sees(customer.page, s.tryAgain);
      await send(customer.page, s.ask);
      await sees(customer.page, s.queued);

      // The agent sees the summary (the customer's own words) before accepting.
      await sees(agent.page, s.question);
      await agent.page.getByRole('button', { name: s.accept, exact: true }).last().click();
      await sees(customer.page, `${s.agentName}`);
      await sees(customer.page, s.joined);

      await send(agent.page, s.agentSays);
      await sees(customer.page, s.agentSays);
      await send(customer.page, s.customerSays);
      await sees(agent.page, s.customerSays);

      await send(agent.page, '/end');
      await sees(customer.page, s.afterAgent);
      await customer.page.screenshot({ path: path.join(tmpdir(), `warmline-handoff-customer-${locale}.png`) });
      await agent.page.screenshot({ path: path.join(tmpdir(), `warmline-handoff-agent-${locale}.png`) });
      expect(customer.errors).to.deep.equal([]);
      expect(agent.errors).to.deep.equal([]);
      await customer.page.close();
      await agent.page.close();
    });
  }
});
