import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { UserAccounts } from '../../../accounts/userAccounts';
import { sees, webChatSuite } from '../../support/webChatDriver';

const password = 'lantern-harbour-quiet-4';
const draftWords = 'Welcome to the store, I am Warmline in its draft.';

/**
 * Issue 12's first "done when" as one person's afternoon, screen after screen in Chromium: an editor
 * changes the greeting on the canvas, sees a problem inline when the YAML goes wrong, fixes it, tries
 * the draft in the test chat (customers still get the published greeting); an admin publishes it from
 * the Publish screen, the live bot greets with it, and a rollback from History brings the old one back.
 */
describe('Warmline Studio: edit, try, publish, roll back (Chromium)', function () {
  this.timeout(150_000);
  const suite = webChatSuite();
  let chats = 0;

  before(async () => {
    const accounts = new UserAccounts(suite.app().storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    await accounts.add('edda', 'editor', password);
    await accounts.add('adam', 'admin', password);
  });

  async function signIn(page: Page, user: string): Promise<void> {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Language').selectOption('en-US');
    await page.getByLabel('User name').fill(user);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Password').press('Enter');
    await page.getByText(`Signed in as ${user}`).waitFor();
  }

  /** What the live bot greets a new Web Chat customer with. */
  async function liveGreeting(): Promise<string> {
    chats += 1;
    const { page } = await suite.open('en-US', `story-customer-${chats}`);
    const bubble = page.locator('.webchat__bubble__content').first();
    await bubble.waitFor({ timeout: 20_000 });
    const text = await bubble.innerText();
    await page.close();
    return text;
  }

  /** Opens new chats until the greeting does (or does not) contain `fragment`, within the publish poll and some. */
  async function liveGreetingBecomes(fragment: string, present: boolean): Promise<void> {
    const until = Date.now() + 20_000;
    for (;;) {
      const text = await liveGreeting();
      if (text.includes(fragment) === present) return;
      if (Date.now() > until) throw new Error(`the live greeting is still "${text}"`);
    }
  }

  it('takes a greeting from the canvas through the test chat to customers and back', async () => {
    const published = await liveGreeting();
    expect(published).to.contain('Warmline');

    // The editor: the greeting on the canvas, its English text changed in the side form.
    const { page, errors } = await suite.visit('/studio/#/flows/greeting');
    await signIn(page, 'edda');
    const canvas = page.getByRole('region', { name: 'Flow of the topic' });
    const hello = canvas.getByRole('group', { name: /^SendActivity “hello”/ });
    await hello.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Edit texts' }).click();
    const form = page.getByRole('form', { name: 'Texts of SendActivity “hello”' });
    await form.getByLabel('English (en-US)').fill(draftWords);
    await form.getByRole('button', { name: 'Apply' }).click();
    const yaml = page.locator('.flow-editor .cm-content');
    await yaml.getByText(draftWords).waitFor();
    await page.getByRole('status').getByText('All changes saved').waitFor();

    // A slip in the YAML is shown on its line, then fixed.
    await canvas.getByRole('group', { name: /^SendActivity “hello”/ }).click();
    await yaml.getByText('- kind: SendActivity').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    const problems = page.getByRole('region', { name: /^Problems/ });
    await problems.getByText('"SendActivityx" is not an action kind').waitFor();
    expect(await page.locator('.flow-editor .cm-lintRange-error').count()).to.be.greaterThan(0);
    await page.keyboard.press('Backspace');
    await problems.getByText('No problems.').waitFor();
    await page.getByRole('status').getByText('All changes saved').waitFor();

    // The test chat runs the draft; customers still get the published greeting.
    await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'Test chat' }).click();
    await sees(page, draftWords);
    await page.getByRole('button', { name: /Turn 1/ }).waitFor();
    expect(await liveGreeting()).to.equal(published);
    await page.getByRole('button', { name: 'Sign out' }).click();

    // The admin publishes from the Publish screen; the live bot takes it up.
    await page.goto(`${suite.app().url}/studio/#/publish`);
    await signIn(page, 'adam');
    await page.getByText('No problems: the drafts can be published.').waitFor();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('dialog', { name: 'Publish to the live bot?' }).getByRole('button', { name: 'Publish now' }).click();
    await page.getByRole('status').filter({ hasText: 'Published. New versions:' }).waitFor();
    await liveGreetingBecomes(draftWords, true);

    // And rolls it back from History.
    await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'History' }).click();
    const versions = page.getByRole('region', { name: 'Versions' });
    const previous = versions.getByRole('row', { name: /Previous/ });
    await previous.getByRole('button', { name: /^Roll back to version/ }).click();
    await page.getByRole('dialog', { name: 'Roll back?' }).getByRole('button', { name: 'Roll back', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /Dialog flows is back at version/ }).waitFor();
    await liveGreetingBecomes(draftWords, false);
    expect(await liveGreeting()).to.equal(published);
    expect(errors).to.deep.equal([]);
  });
});
