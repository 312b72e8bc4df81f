import { expect } from 'chai';
import { openWorkspace } from '../../support/agentWorkspace';
import type { WorkspacePage } from '../../support/agentWorkspace';
import { sees, send, webChatSuite } from '../../support/webChatDriver';

/**
 * An account that is no roster agent is told so. Two agents side by side, each in their own browser: Li works in Chinese with two customers in
 * parallel tabs (a message in the tab not shown gets an unread badge), then transfers one to Ana with a
 * note; Ana, a supervisor working in English, sees the live queue, accepts the transfer, reads
 * Li's note in the summary, raises Li's capacity, and joins Li's other conversation silently when Li asks for help.
 */
describe('agent workspace, two agents and a transfer (Chromium)', function () {
  this.timeout(60_000);
  const driver = webChatSuite();
  const agents: WorkspacePage[] = [];
  after(async () => {
    for (const a of agents) await a.close();
  });

  it('tells an account that is no roster agent (403 NotAnAgent), or has another role, that it cannot take conversations', async () => {
    for (const [name, role] of [['zoe', 'agent'], ['vera', 'viewer']] as const) {
      const stranger = await openWorkspace(driver.app(), name, role, 'en-US');
      try {
        await stranger.page.getByRole('alert').filter({ hasText: `The account “${name}” is not an agent of the roster` }).waitFor();
        expect(await stranger.page.getByTestId('presence').count()).to.equal(0);
        expect(stranger.errors).to.deep.equal([]);
      } finally {
        await stranger.close();
      }
    }
  });

  it('zh: Li takes two customers in tabs, transfers one to Ana with a note; Ana (supervisor) sees the queue and the note', async () => {
    const li = await openWorkspace(driver.app(), 'li', 'agent', 'zh-CN');
    agents.push(li);
    const ana = await openWorkspace(driver.app(), 'ana', 'supervisor', 'en-US');
    agents.push(ana);
    await li.page.getByTestId('presence').waitFor();
    await ana.page.getByTestId('presence').waitFor();

    const wang = await driver.open('zh-CN', 'customer-influencer');
    await send(wang.page, '转人工');
    await sees(wang.page, '正在为您转接');
    const other = await driver.open('zh-CN', 'dl_zh_second');
    await send(other.page, '我要人工客服');
    await sees(other.page, '正在为您转接');

    // The supervisor sees the live queue.
    await ana.page.getByRole('button', { name: 'Supervisor', exact: true }).click();
    await ana.page.getByTestId('overview-queue').first().waitFor();

    // Li accepts both: two tabs; the second customer writes while the first tab is shown.
    const waitingWang = li.page.getByTestId('queue-item').filter({ hasText: '王芳' });
    await waitingWang.getByTestId('accept').click();
    await li.page.getByTestId('session-tab').filter({ hasText: '王芳' }).waitFor();
    await li.page.getByTestId('queue-item').getByTestId('accept').first().click();
    await expectCount(li, 'session-tab', 2);
    await li.page.getByTestId('session-tab').filter({ hasText: '王芳' }).click();
    await send(other.page, '还在吗？');
    await li.page.getByTestId('session-tab').filter({ hasNotText: '王芳' }).getByTestId('unread').filter({ hasText: '1' }).waitFor();

    // Transfer 王芳 to Ana with a note; Li's tab closes.
    await li.page.getByTestId('transfer').click();
    const dialog = li.page.getByTestId('transfer-dialog');
    await dialog.getByTestId('transfer-target').selectOption('agent:ana');
    await dialog.getByTestId('dialog-note').fill('客户要退款，订单已核实');
    await dialog.getByRole('button', { name: '转接', exact: true }).click();
    await li.page.getByTestId('session-tab').filter({ hasText: '王芳' }).waitFor({ state: 'detached' });

    // Ana takes the transfer and reads the note in the summary, with the history before it.
    await ana.page.getByRole('button', { name: 'Conversations', exact: true }).click();
    const transferred = ana.page.getByTestId('queue-item').filter({ hasText: 'Transferred to you' });
    await transferred.getByTestId('accept').click();
    await ana.page.getByTestId('summary').getByText('Note from Li Wei').waitFor();
    await ana.page.getByTestId('summary').getByText('客户要退款，订单已核实').first().waitFor();
    await ana.page.getByTestId('transcript').getByText('转人工').waitFor();
    // The supervisor gives Li more room (Li's header follows) and joins Li's other conversation silently.
    await ana.page.getByRole('button', { name: 'Supervisor', exact: true }).click();
    const liRow = ana.page.getByTestId('overview-agent').filter({ has: ana.page.getByRole('rowheader', { name: 'Li Wei' }) });
    await liRow.getByLabel('Capacity of Li Wei').fill('4');
    await liRow.getByRole('button', { name: 'Save' }).click();
    await li.page.getByTestId('load').getByText('1 / 4 个会话').waitFor();
    // Li asks for help on the other conversation; Ana sees the request and joins from it, silently.
    await li.page.getByTestId('session-tab').first().click();
    await li.page.getByTestId('consult').click();
    await li.page.getByTestId('consult-dialog').getByTestId('dialog-note').fill('客户要求赔偿，怎么处理？');
    await li.page.getByTestId('consult-dialog').getByRole('button', { name: '发送', exact: true }).click();
    const request = ana.page.getByTestId('consult-item').filter({ hasText: '客户要求赔偿，怎么处理？' });
    await request.getByRole('button', { name: 'Join silently' }).click();
    await ana.page.getByRole('button', { name: 'Conversations', exact: true }).click();
    await ana.page.getByTestId('session-tab').filter({ hasText: 'Watching' }).click();
    await ana.page.getByTestId('transcript').getByText('还在吗？').waitFor();
    expect(await ana.page.getByTestId('composer').count(), 'a silent join does not write').to.equal(0);
    expect(li.errors).to.deep.equal([]);
    expect(ana.errors).to.deep.equal([]);
  });
});

async function expectCount(agent: WorkspacePage, testId: string, count: number): Promise<void> {
  await agent.page.getByTestId(testId).nth(count - 1).waitFor();
  expect(await agent.page.getByTestId(testId).count()).to.equal(count);
}
