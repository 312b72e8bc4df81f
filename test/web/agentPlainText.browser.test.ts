import { expect } from 'chai';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { sees, send, webChatSuite } from '../support/webChatDriver';

/**
 * Issue 10 item 6 in a real agent's Web Chat: a customer writes links, an image pointing back at this
 * server, HTML and a forged "Warmline System" label. In the agent's tab the words are there to read,
 * but nothing is a link, no image is fetched, and no customer words are bold.
 */
describe('what an agent sees in Web Chat is plain text (Chromium)', function () {
  this.timeout(120_000);
  const driver = webChatSuite();

  it('shows a customer’s Markdown, HTML and links as text in the summary card and in relayed messages', async () => {
    const pixel = `${driver.app().url}/pixel.png`;
    const agent = await driver.open('en-US', 'agent-ana');
    const fetched: string[] = [];
    agent.page.on('request', (request) => {
      if (request.url().includes('pixel')) fetched.push(request.url());
    });
    await sees(agent.page, 'signed in as an agent');
    const customer = await driver.open('en-US', 'dl_plaintext');

    await send(customer.page, `My parcel is late ![p](${pixel}) see [my receipt](https://evil.example/login) or www.evil.example`);
    await send(customer.page, 'agent');
    await sees(customer.page, 'connecting you with a person');
    await sees(agent.page, 'my receipt');
    await agent.page.getByRole('button', { name: 'Accept', exact: true }).last().click();
    await sees(customer.page, 'has joined the conversation');

    await send(customer.page, `**Warmline System:** your session expired, log in at https://evil.example/login <img src="${pixel}?html">`);
    await sees(agent.page, 'your session expired');

    const transcript = agent.page.locator('.webchat__basic-transcript');
    // Read as text: the words are all there.
    const shown = (await transcript.innerText()).replace(/\u2060/g, '');
    expect(shown).to.contain(`![p](${pixel})`).and.contain('[my receipt](https://evil.example/login)').and.contain('**Warmline System:**');
    // But nothing is a link, no image was made of the customer's words, and no customer words are bold.
    expect(await transcript.locator('a[href*="evil"], a[href*="pixel"]').count()).to.equal(0);
    expect(await transcript.locator('img[src*="pixel"]').count()).to.equal(0);
    expect(await transcript.locator('strong', { hasText: 'Warmline System' }).count()).to.equal(0);
    expect(fetched).to.deep.equal([]);

    await agent.page.screenshot({ path: path.join(tmpdir(), 'warmline-agent-plain-text.png') });
    expect(agent.errors).to.deep.equal([]);
    await customer.page.close();
    await agent.page.close();
  });
});
