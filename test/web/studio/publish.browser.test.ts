import { expect } from 'chai';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { UserAccounts } from '../../../accounts/userAccounts';
import type { Role } from '../../../accounts/roles';
import { webChatSuite } from '../../support/webChatDriver';

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

const password = 'harbour-lantern-quiet-9';
const newGreeting = 'Hello from the studio';

/**
 * The studio's Publish and History screens in Chromium, against a whole Warmline server: an editor's
 * draft is published by an admin from the page and the live bot greets with it; History shows the
 * version and the audit entry, and a rollback brings the old greeting back; a broken draft blocks the
 * publish with every problem shown; a viewer reads but may not publish.
 */
describe('Warmline Studio: publish and history (Chromium)', function () {
  this.timeout(120_000);
  const suite = webChatSuite();
  const api: Partial<Record<Role, Session>> = {};
  const names = { editor: 'ed', admin: 'ada', viewer: 'vera' } as const;
  let chats = 0;

  before(async () => {
    const accounts = new UserAccounts(suite.app().storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    for (const role of ['editor', 'admin', 'viewer'] as const) {
      await accounts.add(names[role], role, password);
      const login = await fetch(`${suite.app().url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: names[role], password }) });
      const body = (await login.json()) as { csrfToken: string };
      api[role] = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: body.csrfToken };
    }
  });

  const call = (role: Role, method: string, urlPath: string, body?: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${suite.app().url}${urlPath}`, { method, headers: { cookie: api[role]!.cookie, 'x-csrf-token': api[role]!.csrf, ...headers }, ...(body !== undefined ? { body } : {}) });
  const greetingYaml = async (): Promise<string> => ((await (await call('viewer', 'GET', '/api/flows/greeting')).json()) as { yaml: string }).yaml;
  const putGreeting = async (text: string): Promise<void> => {
    expect((await call('editor', 'PUT', '/api/flows/greeting/draft', text, { 'content-type': 'application/yaml' })).status).to.equal(200);
  };

  /** Opens the studio signed in as `role` (through the page's form) at `#/<screen>`, at 1280×800. */
  async function studioAs(role: keyof typeof names, screen: string): Promise<{ page: Page; errors: string[] }> {
    const opened = await suite.visit('/studio/');
    const { page } = opened;
    await page.context().clearCookies();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await page.getByLabel('User name').fill(names[role]);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Password').press('Enter');
    await page.getByText(`Signed in as ${names[role]} (${role})`).waitFor();
    await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: screen === 'publish' ? 'Publish' : 'History' }).click();
    return opened;
  }

  /** The first thing the live bot says to a new customer on Web Chat (the greeting). */
  async function liveGreeting(): Promise<string> {
    chats += 1;
    const { page } = await suite.open('en-US', `customer-${chats}`);
    const bubble = page.locator('.webchat__bubble__content').first();
    await bubble.waitFor({ timeout: 20_000 });
    const text = await bubble.innerText();
    await page.close();
    return text;
  }

  /**
   * Opens new chats until the greeting contains (or, with `present` false, no longer contains)
   * `fragment`; the milliseconds since `since` at which that chat was opened and at which it greeted.
   */
  async function untilGreeting(fragment: string, present: boolean, since: number): Promise<{ opened: number; greeted: number }> {
    for (;;) {
      const opened = Date.now() - since;
      if ((await liveGreeting()).includes(fragment) === present) return { opened, greeted: Date.now() - since };
      if (Date.now() - since > 30_000) throw new Error(`the live greeting did not ${present ? 'take up' : 'drop'} "${fragment}" within 30 s`);
    }
  }

  it('publishes an editor’s greeting from the page, the live bot greets with it, History shows and rolls it back', async () => {
    const original = await greetingYaml();
    expect(await liveGreeting()).to.not.contain(newGreeting);
    await putGreeting(original.replace("Hi, I'm Warmline,", `${newGreeting}, I am Warmline,`));
    const { page, errors } = await studioAs('admin', 'publish');

    // The draft: the kind, the file, who changed it, no problems.
    const flows = page.getByRole('region', { name: 'Dialog flows' });
    await flows.getByRole('rowheader', { name: 'greeting.yaml' }).waitFor();
    expect(await flows.getByRole('row', { name: /greeting\.yaml/ }).innerText()).to.match(/changed\s+\+1 −1 lines\s+ed/);
    await page.getByText('No problems: the drafts can be published.').waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-publish-en.png') });

    // Publish, confirm, and time it until a new customer is greeted with the new words.
    const before = suite.app().flows.current()?.version;
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish to the live bot?' });
    expect(await dialog.innerText()).to.contain('Dialog flows');
    const clicked = Date.now();
    await dialog.getByRole('button', { name: 'Publish now' }).click();
    await page.getByRole('status').filter({ hasText: 'Published. New versions:' }).waitFor();
    const shown = Date.now() - clicked;
    const taken = await untilVersionChanges(before, clicked);
    const greeted = await untilGreeting(newGreeting, true, clicked);
    console.log(
      `      publish-to-live, from the click on "Publish now": the page confirms at ${shown} ms, the bot runs the new version at ${taken} ms; ` +
        `the first Web Chat greeted with it was opened at ${greeted.opened} ms and greeted at ${greeted.greeted} ms`,
    );
    const published = suite.app().flows.current()?.version ?? '';
    expect(published).to.not.equal(before);
    await page.getByText('Nothing to publish: no draft has changes.').waitFor();

    // History: the new version published, the old one previous, and the audit entry with its diff.
    await page.getByRole('link', { name: 'History' }).click();
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.getByRole('row', { name: new RegExp(`^${published.slice(0, 8)}\\s+Published`) }).waitFor();
    await versions.getByRole('row', { name: new RegExp(`^${before!.slice(0, 8)}\\s+Previous`) }).waitFor();
    const audit = page.getByRole('region', { name: 'Audit log' });
    const entry = audit.getByRole('row').filter({ hasText: 'ada' }).first();
    expect(await entry.innerText()).to.match(new RegExp(`Dialog flows\\s+Publish\\s+ada\\s+${before!.slice(0, 8)} → ${published.slice(0, 8)}`)).and.contain('1 file changed (+1 −1 lines)').and.contain('greeting.yaml');
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-history-en.png'), fullPage: true });

    // Roll back to the old version: confirmed, audited, and the live bot greets as before.
    await versions.getByRole('button', { name: `Roll back to version ${before!.slice(0, 8)}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Roll back?' });
    // Escape cancels: nothing rolled back.
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(suite.app().flows.current()?.version).to.equal(published);
    await versions.getByRole('button', { name: `Roll back to version ${before!.slice(0, 8)}` }).click();
    const rolledAt = Date.now();
    await confirm.getByRole('button', { name: 'Roll back', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `Dialog flows is back at version ${before!.slice(0, 8)}.` }).waitFor();
    await audit.getByRole('row').filter({ hasText: 'Roll back' }).filter({ hasText: 'ada' }).waitFor();
    await versions.getByRole('row', { name: new RegExp(`^${before!.slice(0, 8)}\\s+Published`) }).waitFor();
    await untilGreeting(newGreeting, false, rolledAt);

    // The audit log filtered: by person, by kind, by dates.
    await audit.getByLabel('Person').fill('ada');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await audit.getByText('2 entries').waitFor();
    await audit.getByLabel('Content').selectOption('routing');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await audit.getByText('No entries match.').waitFor();
    await audit.getByRole('button', { name: 'Clear' }).click();
    await audit.getByLabel('To').fill('2000-01-01');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await audit.getByText('No entries match.').waitFor();
    await audit.getByLabel('To').fill('');
    await audit.getByLabel('From').fill(new Date().toLocaleDateString('sv'));
    await audit.getByLabel('Person').fill('ada');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await audit.getByText('2 entries').waitFor();

    // The same screens in Chinese.
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '历史记录' }).waitFor();
    await page.getByRole('region', { name: '审计日志' }).getByRole('cell', { name: '回滚' }).waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-history-zh.png'), fullPage: true });
    await page.getByLabel('语言').selectOption('en-US');
    expect(errors).to.deep.equal([]);
    await page.close();
  });

  it('shows every problem of a draft broken meanwhile when the admin publishes, publishes nothing, and discards the draft', async () => {
    const original = await greetingYaml();
    await putGreeting(original.replace("Hi, I'm Warmline,", 'Good day, I am Warmline,'));
    const { page, errors } = await studioAs('admin', 'publish');
    await page.getByText('No problems: the drafts can be published.').waitFor();
    // The editor breaks the draft after the admin read it: the page does not know yet.
    await putGreeting(original.replace('kind: SendActivity', 'kind: SendActivty'));
    const before = suite.app().flows.current()?.version;
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish now' }).click();
    await page.getByRole('status').filter({ hasText: /Nothing was published: \d+ problems? block/ }).waitFor();
    const problems = page.getByRole('region', { name: /blocks? the publish/ });
    await problems.getByRole('heading', { name: 'Dialog flows' }).waitFor();
    // The file links to its topic on the Flows screen, each problem with its line.
    expect(await problems.getByRole('link', { name: 'greeting.yaml, open in Flows' }).getAttribute('href')).to.equal('#/flows/greeting');
    expect(await problems.innerText()).to.match(/line \d+: .*SendActivty/);
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).to.equal(true);
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-publish-blocked-en.png'), fullPage: true });
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('region', { name: /导致无法发布/ }).getByRole('heading', { name: '对话流程' }).waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-publish-blocked-zh.png'), fullPage: true });
    await page.getByLabel('语言').selectOption('en-US');
    // Nothing was published, and nothing changes on the server either.
    await suite.app().flows.check();
    expect(suite.app().flows.current()?.version).to.equal(before);
    expect((await call('admin', 'POST', '/api/publish')).status).to.equal(422);

    // Discard, from the keyboard.
    await page.getByRole('button', { name: 'Discard Dialog flows draft' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Discard this draft?' });
    await dialog.waitFor();
    // The safe choice has the focus; Shift+Tab reaches the dialog's other button.
    expect(await page.evaluate('document.activeElement.textContent')).to.equal('Cancel');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'The Dialog flows draft was discarded.' }).waitFor();
    await page.getByText('Nothing to publish: no draft has changes.').waitFor();
    expect(((await (await call('viewer', 'GET', '/api/drafts')).json()) as { kinds: unknown[] }).kinds).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    await page.close();
  });

  it('lets a viewer read the drafts and history without publish, discard or rollback, and the server refuses the viewer’s publish (403)', async () => {
    await putGreeting((await greetingYaml()).replace("Hi, I'm Warmline,", 'Greetings, I am Warmline,'));
    const { page, errors } = await studioAs('viewer', 'publish');
    await page.getByRole('region', { name: 'Dialog flows' }).getByRole('rowheader', { name: 'greeting.yaml' }).waitFor();
    await page.getByText('Only an administrator can publish.').waitFor();
    await page.screenshot({ path: path.join(tmpdir(), 'warmline-studio-publish-viewer-en.png'), fullPage: true });
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).count()).to.equal(0);
    expect(await page.getByRole('button', { name: /Discard/ }).count()).to.equal(0);
    const me = (await (await page.request.get(`${suite.app().url}/api/auth/me`)).json()) as { csrfToken: string };
    const refused = await page.request.post(`${suite.app().url}/api/publish`, { headers: { 'X-CSRF-Token': me.csrfToken } });
    expect(refused.status()).to.equal(403);
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('region', { name: 'Versions' }).getByRole('row').nth(1).waitFor();
    expect(await page.getByRole('button', { name: /Roll back/ }).count()).to.equal(0);
    expect(await page.getByRole('region', { name: 'Versions' }).getByRole('columnheader', { name: 'Action' }).count()).to.equal(0);
    expect((await call('editor', 'DELETE', '/api/content/flows/draft')).status).to.equal(204);
    expect(errors).to.deep.equal([]);
    await page.close();
  });

  /** Polls this instance until it runs another flows version than `before`; the milliseconds since `since`. */
  async function untilVersionChanges(before: string | undefined, since: number): Promise<number> {
    while (suite.app().flows.current()?.version === before) {
      if (Date.now() - since > 30_000) throw new Error('the bot did not take up the published flows within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return Date.now() - since;
  }
});
