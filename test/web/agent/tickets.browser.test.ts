import { expect } from 'chai';
import { openWorkspace, presenceShows } from '../../support/agentWorkspace';
import { sees, send, webChatSuite } from '../../support/webChatDriver';

/**
 * A message left when nobody could take the chat reaches a person (P8): the customer leaves it on the
 * Web Chat page, Ana finds it under Tickets, claims it, answers (the reply reaches the customer's
 * conversation) and closes it with an outcome.
 */
describe('agent workspace tickets (Chromium)', function () {
  this.timeout(60_000);
  const driver = webChatSuite();

  it('en: a message left is claimed, answered into the customer’s conversation and closed with an outcome', async () => {
    const customer = await driver.open('en-US', 'dl_ticket_en');
    await send(customer.page, 'agent');
    await sees(customer.page, 'Nobody from our');
    await send(customer.page, 'Leave a message');
    await sees(customer.page, 'What would you like us to know?');
    await send(customer.page, 'Please tell me when order 77788899 ships');
    await sees(customer.page, 'passed this on to the team');

    const ana = await openWorkspace(driver.app(), 'ana', 'agent', 'en-US');
    try {
      const agent = ana.page;
      await presenceShows(agent, 'available');
      await agent.getByRole('tab', { name: 'Tickets (1)' }).click();
      const ticket = agent.getByTestId('ticket-item').filter({ hasText: 'order 77788899' });
      await ticket.getByText('Message left').waitFor();
      await ticket.getByRole('button', { name: 'Claim' }).click();
      await ticket.getByText('Claimed by ana').waitFor();

      await ticket.getByLabel('Your reply to the customer').fill('It ships today, you will get the tracking link by email.');
      await ticket.getByRole('button', { name: 'Send reply' }).click();
      await ticket.getByRole('status').getByText('Sent to the customer’s conversation.').waitFor();
      await sees(customer.page, 'It ships today');

      await ticket.getByLabel('Outcome').selectOption('resolved');
      await ticket.getByLabel('Note (optional)').fill('Told the ship date');
      await ticket.getByRole('button', { name: 'Close' }).click();
      // Done: it leaves the list of open and claimed tickets.
      await ticket.waitFor({ state: 'detached' });
      await agent.getByRole('tab', { name: 'Tickets (0)' }).waitFor();
      expect(ana.errors).to.deep.equal([]);
      expect(customer.errors).to.deep.equal([]);
    } finally {
      await ana.close();
    }
  });
});
