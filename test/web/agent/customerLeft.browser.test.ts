import { expect } from 'chai';
import { openWorkspace, presenceShows } from '../../support/agentWorkspace';
import { send, sees, webChatSuite } from '../../support/webChatDriver';

/** The agent sees a customer leave: the tab is marked and the conversation says so (the agent then ends it). */
describe('agent workspace: the customer leaves (Chromium)', function () {
  this.timeout(60_000);
  const driver = webChatSuite({ CUSTOMER_GRACE_SECONDS: '1' });

  it('zh: a customer who closes the page past the grace period is marked as left on the tab and in the conversation', async () => {
    const li = await openWorkspace(driver.app(), 'li', 'agent', 'zh-CN');
    try {
      const agent = li.page;
      await presenceShows(agent, 'available');
      const customer = await driver.open('zh-CN', 'dl_leaves_ws');
      await send(customer.page, '转人工');
      await sees(customer.page, '正在为您转接');
      await agent.getByTestId('accept').click();
      await agent.getByTestId('session-tab').waitFor();
      expect(await agent.getByTestId('customer-left').count()).to.equal(0);

      await customer.page.close();
      await agent.getByTestId('session-tab').getByTestId('customer-left').getByText('客户已离开').waitFor();
      await agent.getByRole('status').getByText('客户已离开对话。').waitFor();
      expect(li.errors).to.deep.equal([]);
    } finally {
      await li.close();
    }
  });
});
