import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { openWorkspace, presenceShows, until } from '../../support/agentWorkspace';
import { send, webChatSuite } from '../../support/webChatDriver';

/**
 * What reaches an agent who is looking elsewhere: desktop notifications are asked for only from the
 * button, then a new waiting customer and a customer message in a tab that is not shown each bring a
 * notification and a tone. The browser's Notification and AudioContext are watched, not replaced in
 * what they do for the page.
 */
const watch = `
  window.__shown = [];
  window.__asked = 0;
  window.__tones = 0;
  class WatchedNotification {
    static permission = 'default';
    static requestPermission() { window.__asked += 1; WatchedNotification.permission = 'granted'; return Promise.resolve('granted'); }
    constructor(title, options) { window.__shown.push(title + ' | ' + (options && options.body)); }
    close() {}
  }
  window.Notification = WatchedNotification;
  const RealAudio = window.AudioContext;
  window.AudioContext = class extends RealAudio { createOscillator() { window.__tones += 1; return super.createOscillator(); } };
`;

/** Waits until `expression` is true in the page (evaluated by the test, not by the page's own scripts). */
const pageShows = (page: Page, expression: string) => until(async () => (await page.evaluate(expression)) === true, () => expression);

describe('agent workspace notifications (Chromium)', function () {
  this.timeout(60_000);
  const driver = webChatSuite();

  it('en: asks only from the button, then notifies a new waiting customer and a message in a tab not shown', async () => {
    const ana = await openWorkspace(driver.app(), 'ana', 'agent', 'en-US', watch);
    try {
      const agent = ana.page;
      await presenceShows(agent, 'available');
      expect(await agent.evaluate('window.__asked'), 'never asked on load').to.equal(0);
      await agent.getByRole('button', { name: 'Turn on notifications' }).click();
      await agent.getByRole('button', { name: 'Turn on notifications' }).waitFor({ state: 'detached' });
      expect(await agent.evaluate('window.__asked')).to.equal(1);

      const first = await driver.open('en-US', 'customer-regular');
      await send(first.page, 'I want to talk to a real person');
      await agent.getByTestId('queue-item').filter({ hasText: 'Priya Nair' }).waitFor();
      await pageShows(agent, "window.__shown.some((n) => n.includes('Priya Nair is waiting in'))");
      expect(await agent.evaluate('window.__tones')).to.be.greaterThan(0);

      const second = await driver.open('en-US', 'customer-contact');
      await send(second.page, 'agent please');
      await agent.getByTestId('queue-item').filter({ hasText: 'Daniel Brooks' }).getByTestId('accept').click();
      await agent.getByTestId('queue-item').filter({ hasText: 'Priya Nair' }).getByTestId('accept').click();
      await agent.getByTestId('session-tab').filter({ hasText: 'Priya Nair' }).click();
      await send(second.page, 'Hello, anyone there?');
      await pageShows(agent, "window.__shown.some((n) => n.includes('Daniel Brooks wrote'))");
      // The visible tab's customer writing while the page is shown is no interruption.
      await send(first.page, 'I am here');
      await agent.getByTestId('transcript').getByText('I am here').waitFor();
      expect(await agent.evaluate("window.__shown.filter((n) => n.includes('Priya Nair wrote')).length")).to.equal(0);
      expect(ana.errors).to.deep.equal([]);
    } finally {
      await ana.close();
    }
  });
});
