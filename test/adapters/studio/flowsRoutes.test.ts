import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserAccounts } from '../../../accounts/userAccounts';
import type { WarmlineApp } from '../../../index';
import { startTestApp } from '../../support/testApp';

/** `GET /api/flows` and `GET /api/flows/:topicId`: the published topics, for any signed-in role. */
describe('adapters/studio/flowsRoutes: the published topics for the studio', () => {
  let dir: string;
  let app: WarmlineApp;
  let cookie: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wl-flows-api-'));
    app = await startTestApp({ STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db') });
    await new UserAccounts(app.storage.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } }).add('vera', 'viewer', 'quiet-harbour-lantern-3');
    const login = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'vera', password: 'quiet-harbour-lantern-3' }) });
    expect(login.status).to.equal(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });
  after(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (urlPath: string, withCookie = true): Promise<Response> => fetch(`${app.url}${urlPath}`, { headers: withCookie ? { cookie } : {} });

  it('refuses a caller without a session', async () => {
    const res = await get('/api/flows', false);
    expect(res.status).to.equal(401);
    expect(await res.json()).to.have.property('code', 'NotSignedIn');
  });

  it('lists the published topics with their names in both languages, trigger and file, for a viewer', async () => {
    const res = await get('/api/flows');
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { version: string; topics: { id: string; displayName: Record<string, string>; trigger: string; file: string }[] };
    expect(body.version).to.equal(app.flows.current()?.version);
    expect(body.topics.find((t) => t.id === 'greeting')).to.deep.equal({ id: 'greeting', displayName: { 'en-US': 'Greeting', 'zh-CN': '问候' }, trigger: 'OnConversationStart', file: 'greeting.yaml' });
    expect(body.topics.map((t) => t.id)).to.include.members(['escalate', 'where-is-my-order', 'return-item']);
  });

  it("gives one topic's YAML as published, and 404 for an id no topic has", async () => {
    const res = await get('/api/flows/escalate');
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { trigger: string; yaml: string };
    expect(body.trigger).to.equal('OnEscalate');
    expect(body.yaml).to.contain('kind: AdaptiveDialog').and.contain('kind: TransferToAgent');
    const missing = await get('/api/flows/no-such-topic');
    expect(missing.status).to.equal(404);
    expect(await missing.json()).to.have.property('code', 'TopicNotFound');
  });
});
