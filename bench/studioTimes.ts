/**
 * `npm run bench:studio`: the two times an admin feels in Warmline Studio.
 * - Page load: `/studio/` in Chromium until the sign-in form is there, with an empty cache and then
 *   a warm one; after signing in, until the first screen (the topics) is listed; and a topic opened
 *   until its canvas and YAML editor show (the editor's own chunk, loaded then).
 * - Publish to live: an editor's draft of the greeting, published by an admin through the API on one
 *   instance, until a new conversation on the *other* instance (same store, as two servers behind a
 *   load balancer) is greeted with the new words.
 * Two servers in this process on one SQLite file; the Bot Connector is a local stand-in.
 * Prints a table; writes JSON to bench/results/.
 *
 *   npm run build:studio && npm run bench:studio -- --rounds 10
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { UserAccounts } from '../accounts/userAccounts';
import { loadConfig } from '../config';
import { startWarmline } from '../index';
import type { WarmlineApp } from '../index';
import { silentLogger } from '../logger';
import { ConnectorStandIn } from '../test/support/connectorStandIn';
import { launchChromium } from '../test/support/chromium';
import { post } from '../test/support/testApp';
import { gitInfo, machineInfo } from './faq/machineInfo';
import { latencyStats as stats } from './latencyStats';

const repoRoot = path.resolve(__dirname, '..');
const password = 'bench-harbour-lantern-7';

function roundsOption(argv: readonly string[]): number {
  const at = argv.indexOf('--rounds');
  if (at < 0) return 10;
  const n = Number(argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${JSON.stringify(argv[at + 1])}`);
  return n;
}


async function signIn(app: WarmlineApp, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: HTTP ${res.status}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** The greeting a new conversation gets on `app`. */
async function greetingOn(app: WarmlineApp, connector: ConnectorStandIn, conversationId: string): Promise<string> {
  const res = await post(`${app.url}/api/messages`, {
    type: 'conversationUpdate',
    id: `join-${conversationId}`,
    channelId: 'emulator',
    serviceUrl: connector.serviceUrl,
    from: { id: 'bench-customer' },
    recipient: { id: 'bot' },
    conversation: { id: conversationId },
    membersAdded: [{ id: 'bench-customer' }],
    locale: 'en-US',
  });
  if (res.status !== 200) throw new Error(`conversationUpdate: HTTP ${res.status}`);
  return connector.messagesIn(conversationId)[0]?.text ?? '';
}

async function main(): Promise<void> {
  const rounds = roundsOption(process.argv.slice(2));
  const dir = mkdtempSync(path.join(tmpdir(), 'warmline-bench-studio-'));
  const connector = await new ConnectorStandIn().start();
  const settings = { PORT: '0', HOST: '127.0.0.1', STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db'), LOG_LEVEL: 'silent', NODE_ENV: 'test' };
  const a = await startWarmline(loadConfig(settings), { logger: silentLogger() });
  const b = await startWarmline(loadConfig(settings), { logger: silentLogger() });
  const browser = await launchChromium();
  const pageLoad = { cold: [] as number[], warm: [] as number[], signedIn: [] as number[], topic: [] as number[] };
  const publishToLive: number[] = [];
  let conversations = 0;
  try {
    const accounts = new UserAccounts(a.storage.storage);
    await accounts.add('bench-admin', 'admin', password);
    await accounts.add('bench-editor', 'editor', password);

    // Page load: a fresh page (cold: its cache cleared through the DevTools protocol), then the same again (warm).
    for (let i = 0; i < rounds; i += 1) {
      for (const kind of ['cold', 'warm'] as const) {
        const page = await browser.context.newPage();
        if (kind === 'cold') await (await browser.context.newCDPSession(page)).send('Network.clearBrowserCache');
        const started = performance.now();
        await page.goto(`${a.url}/studio/`);
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
        pageLoad[kind].push(performance.now() - started);
        await page.close();
      }
      const page = await browser.context.newPage();
      await page.goto(`${a.url}/studio/`);
      await page.getByLabel('User name').fill('bench-editor');
      await page.getByLabel('Password').fill(password);
      const started = performance.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('cell', { name: 'Greeting' }).first().waitFor();
      pageLoad.signedIn.push(performance.now() - started);
      // A topic: the editor's own chunk (React Flow, CodeMirror) loaded, the canvas drawn beside the YAML.
      const opening = performance.now();
      await page.getByRole('link', { name: 'Where is my order' }).click();
      await page.locator('.react-flow__node').first().waitFor();
      await page.locator('.cm-content').first().waitFor();
      pageLoad.topic.push(performance.now() - opening);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.close();
    }

    // Publish to live: the draft through the editor, the publish through the admin, seen on the other instance.
    const editor = await signIn(a, 'bench-editor');
    const admin = await signIn(a, 'bench-admin');
    const published = await (await fetch(`${a.url}/api/flows/greeting`, { headers: { cookie: editor.cookie } })).json() as { yaml: string };
    for (let i = 0; i < rounds; i += 1) {
      const words = `Hello from round ${i} of the studio bench.`;
      const yaml = published.yaml.replace(/en-US: Hi, [^\n]*/, `en-US: ${words}`);
      if (yaml === published.yaml) throw new Error('the greeting topic does not have the text this bench replaces');
      const draft = await fetch(`${a.url}/api/flows/greeting/draft`, { method: 'PUT', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/yaml' }, body: yaml });
      if (draft.status !== 200) throw new Error(`draft: HTTP ${draft.status}`);
      const started = performance.now();
      const res = await fetch(`${a.url}/api/publish`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
      if (res.status !== 200) throw new Error(`publish: HTTP ${res.status} ${await res.text()}`);
      for (;;) {
        const greeting = await greetingOn(b, connector, `bench-live-${(conversations += 1)}`);
        if (greeting === words) break;
        if (performance.now() - started > 30_000) throw new Error(`round ${i}: the other instance still greets with "${greeting}" after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      publishToLive.push(performance.now() - started);
    }
  } finally {
    await browser.close();
    await Promise.all([a.stop(), b.stop()]);
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const rows = [
    { what: '/studio/ to the sign-in form, empty cache', ...stats(pageLoad.cold) },
    { what: '/studio/ to the sign-in form, warm cache', ...stats(pageLoad.warm) },
    { what: 'sign in to the topics listed', ...stats(pageLoad.signedIn) },
    { what: 'a topic opened to its canvas and YAML editor', ...stats(pageLoad.topic) },
    { what: 'publish (admin, instance A) to a new conversation greeted with it on instance B', ...stats(publishToLive) },
  ];
  console.log(`\n${rounds} rounds (ms; Chromium headless; two servers on one SQLite file; publishes taken up by polling, 2 s by default)\n`);
  console.log('| what | median | p95 | max |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.what} | ${r.median.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.max.toFixed(0)} |`);
  const out = path.join(repoRoot, 'bench', 'results', `studio-${new Date().toISOString().slice(0, 10)}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machineInfo(), git: gitInfo(repoRoot), rounds, rows }, null, 2)}\n`);
  console.log(`\nwritten: ${path.relative(repoRoot, out)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
