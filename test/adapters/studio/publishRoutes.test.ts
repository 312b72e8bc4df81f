import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Role } from '../../../accounts/roles';
import type { WarmlineApp } from '../../../index';
import { startTestApp } from '../../support/testApp';
import { signedInAsEachRole } from '../../support/studioAccounts';

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

/** Drafts, publish, rollback, versions and audit through the studio's API, with each role. */
describe('adapters/studio/publishRoutes: drafts, one publish, rollback, versions and audit', function () {
  this.timeout(20_000);
  let dir: string;
  let app: WarmlineApp;
  const as: Partial<Record<Role, Session>> = {};

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wl-publish-api-'));
    app = await startTestApp({ STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db') });
    Object.assign(as, await signedInAsEachRole(app));
  });
  after(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (role: Role | undefined, method: string, urlPath: string, body?: string, headers: Record<string, string> = {}): Promise<Response> => {
    const s = role ? as[role] : undefined;
    return fetch(`${app.url}${urlPath}`, { method, headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers }, ...(body !== undefined ? { body } : {}) });
  };
  const yaml = { 'content-type': 'application/yaml' };
  const greetingYaml = async (): Promise<string> => ((await (await call('viewer', 'GET', '/api/flows/greeting')).json()) as { yaml: string }).yaml;

  it('lets an editor save a topic draft, shows it to a viewer, and refuses the viewer an edit (403) and a stranger (401)', async () => {
    const text = (await greetingYaml()).replace(/Hi, /g, 'Hello there, ');
    expect((await call(undefined, 'PUT', '/api/flows/greeting/draft', text, yaml)).status).to.equal(401);
    const refused = await call('viewer', 'PUT', '/api/flows/greeting/draft', text, yaml);
    expect(refused.status).to.equal(403);
    const saved = await call('editor', 'PUT', '/api/flows/greeting/draft', text, yaml);
    expect(saved.status).to.equal(200);
    const body = (await saved.json()) as { changes: { path: string; updatedBy: string }[]; problems: unknown[]; eTag: string };
    expect(body.changes).to.deep.include({ path: 'greeting.yaml', deleted: false, updatedAt: body.changes[0]?.['updatedAt' as never], updatedBy: 'ed' });
    expect(body.problems).to.deep.equal([]);
    const read = (await (await call('viewer', 'GET', '/api/flows/greeting/draft')).json()) as { yaml: string; published: string; changed: boolean };
    expect(read.changed).to.equal(true);
    expect(read.yaml).to.equal(text);
    expect(read.published).to.not.equal(text);
    await call('editor', 'DELETE', '/api/flows/greeting/draft');
    expect(((await (await call('viewer', 'GET', '/api/flows/greeting/draft')).json()) as { changed: boolean }).changed).to.equal(false);
  });

  it('answers a broken topic with its problems and lines, and a publish of it with 422 and nothing published', async () => {
    const broken = (await greetingYaml()).replace('kind: SendActivity', 'kind: SendActivty');
    const saved = (await (await call('editor', 'PUT', '/api/flows/greeting/draft', broken, yaml)).json()) as { problems: { file: string; line?: number; message: string }[] };
    expect(saved.problems.length).to.be.greaterThan(0);
    expect(saved.problems[0]).to.include({ file: 'greeting.yaml' });
    expect(saved.problems[0]?.line).to.be.a('number');
    const before = app.flows.current()?.version;
    expect((await call('editor', 'POST', '/api/publish')).status).to.equal(403);
    const blocked = await call('admin', 'POST', '/api/publish');
    expect(blocked.status).to.equal(422);
    const body = (await blocked.json()) as { code: string; problems: { kind: string }[] };
    expect(body.code).to.equal('PublishBlocked');
    expect(body.problems[0]).to.include({ kind: 'flows' });
    expect(app.flows.current()?.version).to.equal(before);
    expect((await call('editor', 'DELETE', '/api/content/flows/draft')).status).to.equal(204);
  });

  it('refuses a stale If-Match with 409 and keeps the other editor’s change', async () => {
    const text = (await greetingYaml()).replace(/Hi, /g, 'Hey! ');
    const first = await call('editor', 'PUT', '/api/flows/greeting/draft', text, yaml);
    const eTag = first.headers.get('etag') ?? '';
    await call('editor', 'PUT', '/api/flows/greeting/draft', text.replace('Hey!', 'Hey hey!'), yaml);
    const stale = await call('editor', 'PUT', '/api/flows/greeting/draft', text, { ...yaml, 'if-match': eTag });
    expect(stale.status).to.equal(409);
    expect(await stale.json()).to.have.property('code', 'DraftChanged');
    expect((await call('editor', 'DELETE', '/api/content/flows/draft')).status).to.equal(204);
  });

  it('publishes every draft at once (an admin), the bot takes it up, and a rollback restores the earlier version; both audited', async () => {
    const original = await greetingYaml();
    await call('editor', 'PUT', '/api/flows/greeting/draft', original.replace(/Hi, /g, 'Welcome back, '), yaml);
    const before = app.flows.current()?.version;
    const published = await call('admin', 'POST', '/api/publish');
    expect(published.status).to.equal(200);
    const { versions } = (await published.json()) as { versions: Record<string, string> };
    expect(versions.flows).to.be.a('string').and.not.equal(before);
    await app.flows.check();
    expect(app.flows.current()?.version).to.equal(versions.flows);
    expect((await call('admin', 'POST', '/api/publish')).status).to.equal(409);
    expect((await call('viewer', 'POST', '/api/rollback', JSON.stringify({ kind: 'flows' }), { 'content-type': 'application/json' })).status).to.equal(403);
    const bad = await call('admin', 'POST', '/api/rollback', JSON.stringify({ kind: 'nope' }), { 'content-type': 'application/json' });
    expect(bad.status).to.equal(400);
    const rolled = await call('admin', 'POST', '/api/rollback', JSON.stringify({ kind: 'flows', version: before }), { 'content-type': 'application/json' });
    expect(rolled.status).to.equal(200);
    expect(await rolled.json()).to.deep.equal({ kind: 'flows', version: before, changed: true });
    const list = (await (await call('viewer', 'GET', '/api/versions?kind=flows')).json()) as { kinds: { versions: { id: string; published: boolean }[] }[] };
    expect(list.kinds[0]?.versions.find((v) => v.published)?.id).to.equal(before);
    const audit = (await (await call('viewer', 'GET', '/api/audit?who=ada')).json()) as { entries: { action: string; who: string; kind: string; from: string; to: string; diff: { changed: { path: string }[] } }[] };
    expect(audit.entries.slice(0, 2).map((e) => [e.action, e.who, e.kind, e.from, e.to])).to.deep.equal([
      ['rollback', 'ada', 'flows', versions.flows, before],
      ['publish', 'ada', 'flows', before, versions.flows],
    ]);
    // Each entry says what changed: here greeting.yaml, both ways.
    expect(audit.entries.slice(0, 2).map((e) => e.diff.changed.map((f) => f.path))).to.deep.equal([['greeting.yaml'], ['greeting.yaml']]);
    expect((await call('viewer', 'GET', '/api/audit?from=not-a-date')).status).to.equal(400);
  });

  it('edits another kind through the generic draft API and refuses an unknown kind, a JSON body and a missing path', async () => {
    const draft = (await (await call('viewer', 'GET', '/api/content/routing/draft')).json()) as { files: { path: string; text: string }[] };
    const routing = draft.files[0]!;
    expect((await call('editor', 'PUT', '/api/content/nope/draft/file?path=x.yaml', 'a: 1', yaml)).status).to.equal(404);
    expect((await call('editor', 'PUT', `/api/content/routing/draft/file?path=${routing.path}`, '{}', { 'content-type': 'application/json' })).status).to.equal(415);
    expect((await call('editor', 'PUT', '/api/content/routing/draft/file', 'a: 1', yaml)).status).to.equal(400);
    const broken = await call('editor', 'PUT', `/api/content/routing/draft/file?path=${encodeURIComponent(routing.path)}`, `${routing.text}\nnot_a_setting: true\n`, yaml);
    expect(broken.status).to.equal(200);
    expect(((await broken.json()) as { problems: unknown[] }).problems.length).to.be.greaterThan(0);
    const plan = (await (await call('viewer', 'GET', '/api/drafts')).json()) as { kinds: { kind: string; changed: string[]; changes: { updatedAt: string }[] }[]; problems: { kind: string }[] };
    expect(plan.kinds).to.deep.equal([
      {
        kind: 'routing',
        basedOn: plan.kinds[0]?.['basedOn' as never],
        changed: [routing.path],
        deleted: [],
        // Who changed which file when, and the lines against the published version (never the text itself).
        changes: [{ path: routing.path, deleted: false, updatedAt: plan.kinds[0]?.changes[0]?.updatedAt, updatedBy: 'ed' }],
        diff: { added: [], removed: [], changed: [{ path: routing.path, linesAdded: 2, linesRemoved: 0 }], linesAdded: 2, linesRemoved: 0 },
      },
    ]);
    expect(plan.problems.every((p) => p.kind === 'routing')).to.equal(true);
    expect((await call('editor', 'DELETE', '/api/content/routing/draft')).status).to.equal(204);
  });
});
