/**
 * Web Chat in Chromium with the masked echo: the customer's message comes back from the local
 * Direct Line with the card number masked, Web Chat shows that copy as sent (not "Send failed"),
 * and the raw number is gone from the page.
 */
import { expect } from 'chai';
import { sees, send, webChatSuite } from '../../support/webChatDriver';

describe('local Direct Line echo in Web Chat (Chromium)', function () {
  this.timeout(60_000);
  const driver = webChatSuite();

  it('shows the customer their own message with the card number masked, marked as sent', async () => {
    const { page, errors } = await driver.open('en-US', 'dl_echo_card');
    await sees(page, 'Ask me anything about orders');
    await send(page, 'my card is 4111 1111 1111 1111 thanks');
    await sees(page, 'my card is •••• 1111 thanks');
    // The echo replaced the pending copy (one bubble, not two), and Web Chat counts it as sent.
    expect(await page.locator('.webchat__bubble__content', { hasText: 'my card is' }).count()).to.equal(1);
    expect(await page.locator('.webchat__bubble__content', { hasText: '4111 1111 1111 1111' }).count()).to.equal(0);
    await page.getByText(/Sending/).first().waitFor({ state: 'hidden', timeout: 20_000 });
    expect(await page.locator('body').innerText()).to.not.match(/send failed/i);
    expect(errors).to.deep.equal([]);
    await page.close();
  });
});
