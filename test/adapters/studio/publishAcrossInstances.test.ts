import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import type { WarmlineApp } from '../../../index';
import { startTestApp } from '../../support/testApp';
import { signedIn } from '../../support/studioAccounts';
import { requireRedis } from '../../support/services';

/** A publish on one instance is taken up by the others at once (pub/sub), not at their next poll. */
describe('publishing across instances (Redis pub/sub)', function () {
  this.timeout(30_000);
  const apps: WarmlineApp[] = [];

  before(async function () {
    const url = await requireRedis(this);
    const env = { STORAGE: 'redis', REDIS_URL: url, REDIS_KEY_PREFIX: `wltest:${randomBytes(6).toString('hex')}:` };
    // Polls a minute apart: only the announcement can bring the new version within the test.
    apps.push(await startTestApp(env, { contentPollMs: 60_000 }), await startTestApp(env, { contentPollMs: 60_000 }));
  });
  after(async () => {
    await Promise.all(apps.map((a) => a.stop()));
  });

  const until = async (check: () => boolean, ms: number): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('runs a topic published on one instance on the other within a second, and a rollback too', async () => {
    const [a, b] = apps as [WarmlineApp, WarmlineApp];
    const before = b.flows.current()?.version;
    const ada = await signedIn(a, 'ada', 'admin');
    const headers = { cookie: ada.cookie, 'x-csrf-token': ada.csrf };
    const greeting = ((await (await fetch(`${a.url}/api/flows/greeting`, { headers })).json()) as { yaml: string }).yaml;
    const saved = await fetch(`${a.url}/api/flows/greeting/draft`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/yaml' }, body: greeting.replace(/Hi, /g, 'Hello there, ') });
    expect(saved.status).to.equal(200);
    const published = await fetch(`${a.url}/api/publish`, { method: 'POST', headers });
    expect(published.status).to.equal(200);
    const { versions } = (await published.json()) as { versions: Record<string, string> };
    // Both instances take the new version up from the announcement, in either order.
    await until(() => a.flows.current()?.version !== before && b.flows.current()?.version !== before, 1000);
    expect(b.flows.current()?.version).to.equal(a.flows.current()?.version);
    expect(versions.flows).to.be.a('string');
    const rolledBack = await fetch(`${a.url}/api/rollback`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'flows' }) });
    expect(rolledBack.status).to.equal(200);
    await until(() => b.flows.current()?.version === before, 1000);
  });
});
