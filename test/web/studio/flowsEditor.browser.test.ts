import { expect } from 'chai';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { UserAccounts } from '../../../accounts/userAccounts';
import { webChatSuite } from '../../support/webChatDriver';

const shot = (name: string): string => path.join(tmpdir(), `warmline-flows-${name}.png`);

async function signIn(page: Page, user: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await page.getByText(`Signed in as ${user}`).waitFor();
}

/** The studio's Flows screen in Chromium: a topic as a canvas and its YAML, edited both ways, autosaved as a draft. */
describe('Warmline Studio Flows screen (Chromium)', function () {
  this.timeout(90_000);
  const suite = webChatSuite();
  const password = 'lantern-harbour-7-quiet';

  before(async function () {
    if (!suite.app()) return;
    const accounts = new UserAccounts(suite.app().storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    await accounts.add('ed', 'editor', password);
    await accounts.add('vera', 'viewer', password);
  });

  it('lets an editor change a topic on the canvas and in the YAML, shows problems inline, autosaves the draft and diffs it', async () => {
    const { page, errors } = await suite.visit('/studio/#/flows');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Language').selectOption('en-US');
    await signIn(page, 'ed', password);
    await page.getByRole('heading', { name: 'Dialog flows (published)' }).waitFor();
    await page.screenshot({ path: shot('list-en') });
    await page.getByRole('link', { name: 'Return an item' }).click();

    // The canvas: one node per action, reachable with the keyboard.
    const canvas = page.getByRole('region', { name: 'Flow of the topic' });
    await canvas.getByRole('group', { name: /^Question “askOrder”: Which order is the item from\?/ }).waitFor();
    expect(await canvas.locator('.react-flow__node').count()).to.equal(15, 'the trigger, 13 actions and the end');
    await page.screenshot({ path: shot('topic-en') });

    // Select a message from the keyboard and change its English text in the side form.
    const goingBack = canvas.getByRole('group', { name: /^SendActivity “goingBack”/ });
    await goingBack.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Selected: SendActivity “goingBack”').waitFor();
    await page.getByRole('button', { name: 'Edit texts' }).click();
    const form = page.getByRole('form', { name: 'Texts of SendActivity “goingBack”' });
    await form.getByLabel('English (en-US)').fill('Fine, pick the reason again.');
    await form.getByLabel('Chinese (zh-CN)').fill('好的，请重新选择原因。');
    await page.screenshot({ path: shot('texts-en') });
    await form.getByRole('button', { name: 'Apply' }).click();
    const yaml = page.locator('.flow-editor .cm-content');
    // Written in the style the text had (quoted), every other line as it was.
    await yaml.getByText('en-US: "Fine, pick the reason again."').waitFor();
    await canvas.getByRole('group', { name: 'SendActivity “goingBack”: Fine, pick the reason again.' }).waitFor();
    await page.getByRole('status').getByText('All changes saved').waitFor();

    // Add an action after it, move it up before it, and delete it again: all with buttons.
    await page.getByLabel('Action to add').selectOption('EndDialog');
    await page.getByRole('button', { name: 'Add after' }).click();
    await page.getByText('Selected: EndDialog “endDialog1”').waitFor();
    await yaml.getByText('id: endDialog1').waitFor();
    await page.getByRole('button', { name: 'Move up' }).click();
    await canvas.getByRole('group', { name: 'EndDialog “endDialog1”' }).waitFor();
    expect(await page.getByRole('button', { name: 'Move up' }).isDisabled()).to.equal(true, 'first in its branch now');
    await page.getByRole('button', { name: 'Delete' }).click();
    await canvas.getByRole('group', { name: 'EndDialog “endDialog1”' }).waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('All changes saved').waitFor();

    // A wrong action kind typed in the YAML: the validator's problem shows on its line and in the list.
    await canvas.getByRole('group', { name: /^Question “askItem”/ }).click();
    await yaml.focus();
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    await yaml.getByText('- kind: Questionx').waitFor();
    const problems = page.getByRole('region', { name: /^Problems/ });
    await problems.getByRole('button', { name: 'Line 48' }).waitFor();
    await problems.getByText('"Questionx" is not an action kind').waitFor();
    expect(await page.locator('.flow-editor .cm-lintRange-error').count()).to.be.greaterThan(0);
    expect(await page.locator('.flow-editor .cm-lint-marker-error').count()).to.be.greaterThan(0);
    await page.screenshot({ path: shot('problem-en') });
    await page.keyboard.press('Backspace');
    await problems.getByText('No problems.').waitFor();
    await page.getByRole('status').getByText('All changes saved').waitFor();

    // The draft on the server has the change, and only that one.
    const draft = (await (await page.request.get(`${suite.app().url}/api/flows/return-item/draft`)).json()) as { yaml: string; published: string; changed: boolean; problems: unknown[] };
    expect(draft.changed).to.equal(true);
    expect(draft.problems).to.deep.equal([]);
    expect(draft.yaml).to.equal(draft.published.replace("No problem, let's change the reason.", 'Fine, pick the reason again.').replace('好的，我们重新选择退货原因。', '好的，请重新选择原因。'));

    // The diff against the published version.
    await page.getByRole('button', { name: 'Compare with published' }).click();
    const diff = page.getByRole('region', { name: 'Compare with published' });
    await diff.locator('.cm-changedLine').first().waitFor();
    await diff.getByText('Fine, pick the reason again.').waitFor();
    await page.screenshot({ path: shot('diff-en') });
    await page.getByRole('button', { name: 'Back to editing' }).click();

    // Someone else changes the flows draft meanwhile: the next save is refused and a reload is offered.
    const url = suite.app().url;
    const { csrfToken } = (await (await page.request.get(`${url}/api/auth/me`)).json()) as { csrfToken: string };
    const greeting = ((await (await page.request.get(`${url}/api/flows/greeting`)).json()) as { yaml: string }).yaml;
    const other = await page.request.put(`${url}/api/flows/greeting/draft`, { data: greeting.replace('Hi, ', 'Hello, '), headers: { 'content-type': 'application/yaml', 'x-csrf-token': csrfToken } });
    expect(other.status()).to.equal(200);
    await yaml.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n# a note');
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed the flows draft' });
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Reload the draft' }).click();
    await conflict.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('All changes saved').waitFor();
    expect(await yaml.innerText()).to.not.contain('# a note');

    // In Chinese.
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('button', { name: '与已发布版本比较' }).waitFor();
    await page.screenshot({ path: shot('topic-zh') });
    await page.getByRole('link', { name: '全部主题' }).click();
    await page.getByRole('row', { name: /退货.*已修改/ }).waitFor();
    await page.screenshot({ path: shot('list-zh') });
    expect(errors).to.deep.equal([]);
  });

  it('creates a new topic in the draft from the list, and discards it again', async () => {
    const { page, errors } = await suite.visit('/studio/#/flows');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel(/^(Language|语言)/).selectOption('en-US');
    await page.getByRole('button', { name: 'New topic' }).click();
    const form = page.getByRole('form', { name: 'A new topic' });
    await form.getByLabel('Id (also the file name)').fill('greeting');
    await form.getByLabel('Name in English').fill('Opening hours');
    await form.getByLabel('Name in Chinese').fill('营业时间');
    await form.getByRole('button', { name: 'Create' }).click();
    await form.getByRole('alert').getByText('A topic with this id exists already.').waitFor();
    await form.getByLabel('Id (also the file name)').fill('opening-hours');
    await page.screenshot({ path: shot('new-en') });
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Opening hours' }).waitFor();
    await page.getByRole('region', { name: 'Flow of the topic' }).getByRole('group', { name: 'SendActivity “sendActivity1”: New message' }).waitFor();
    await page.getByRole('region', { name: /^Problems/ }).getByText('No problems.').waitFor();
    const draft = (await (await page.request.get(`${suite.app().url}/api/flows/opening-hours/draft`)).json()) as { file: string; published: string | null; problems: unknown[] };
    expect(draft).to.include({ file: 'opening-hours.yaml', published: null });
    expect(draft.problems).to.deep.equal([]);
    await page.getByRole('button', { name: 'Discard draft of this topic' }).click();
    await page.getByRole('group', { name: 'Discard draft of this topic' }).getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('heading', { name: 'Dialog flows (published)' }).waitFor();
    expect(await page.getByRole('link', { name: 'opening-hours' }).count()).to.equal(0);
    expect((await page.request.get(`${suite.app().url}/api/flows/opening-hours/draft`)).status()).to.equal(404);
    expect(errors).to.deep.equal([]);
  });

  it('shows a viewer the same topic read only, without edit controls', async () => {
    const { page, errors } = await suite.visit('/studio/#/flows/return-item');
    await page.context().clearCookies();
    await page.reload();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel(/^(Language|语言)/).selectOption('en-US');
    await signIn(page, 'vera', password);
    const canvas = page.getByRole('region', { name: 'Flow of the topic' });
    await canvas.getByRole('group', { name: /^Question “askOrder”/ }).waitFor();
    await page.getByText('Read only: your role can look at the flows').waitFor();
    for (const name of ['Edit texts', 'Move up', 'Delete', 'Discard draft of this topic']) expect(await page.getByRole('button', { name }).count()).to.equal(0, name);
    await page.locator('.flow-editor .cm-content').focus();
    await page.keyboard.type('nothing');
    expect(await page.locator('.flow-editor .cm-content').innerText()).to.not.contain('nothing');
    await page.screenshot({ path: shot('viewer-en') });
    await page.getByRole('link', { name: 'All topics' }).click();
    await page.getByRole('heading', { name: 'Dialog flows (published)' }).waitFor();
    expect(await page.getByRole('button', { name: 'New topic' }).count()).to.equal(0);
    expect(errors).to.deep.equal([]);
  });
});
