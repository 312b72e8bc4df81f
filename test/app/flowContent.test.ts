import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { silentLogger } from '../../logger';
import { openStorageBackend } from '../../storage/storageBackend';
import { ContentVersions } from '../../publishing/contentVersions';
import { readContentFolder, isFlowFile } from '../../publishing/contentFolder';
import { flowSetProblems } from '../../flows/topicLoader';
import { startTestApp } from '../support/testApp';
import { openFlowContent } from '../../app/flowContent';
import { loadRouting } from '../../handoff/routingLoader';
import { MemoryStorage } from '../../storage/memoryStorage';
import type { WarmlineApp } from '../../index';

const goodFlows = path.resolve(__dirname, '..', 'fixtures', 'flows', 'good');

/** Resolves once `check` holds, polling every 25 ms, or rejects after `ms`. */
async function within(ms: number, check: () => boolean): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

describe('the running flows: seeded from the folder, taken up within seconds of a publish or rollback', () => {
  let dir: string;
  const apps: WarmlineApp[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-flows-'));
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs no flows when nothing is published and the folder has no topics', async () => {
    const app = await startTestApp({ FLOWS_DIR: dir });
    apps.push(app);
    expect(app.flows.current()).to.equal(undefined);
  });

  it('seeds an empty store from the folder, then follows what an admin publishes and rolls back on another handle', async () => {
    const env = { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'w.db'), FLOWS_DIR: goodFlows };
    const app = await startTestApp(env);
    apps.push(app);
    const seeded = app.flows.current();
    expect(seeded?.topics.map((t) => t.id)).to.include('where-is-my-order');

    // The admin's CLI is another process with its own connection to the same store.
    const admin = await openStorageBackend(loadConfig({ ...env, NODE_ENV: 'test' }).storage, silentLogger());
    try {
      const versions = new ContentVersions(admin.storage);
      const files = readContentFolder(goodFlows, isFlowFile).map((f) => (f.path === 'greeting.yaml' ? { ...f, text: f.text.replace('Ask me anything', 'Ask us anything') } : f));
      const published = await versions.publish('flows', files, 'admin-ana', (fs) => flowSetProblems(fs));
      expect(published.status).to.equal('published');
      const tookMs = await within(5000, () => app.flows.current()?.version !== seeded?.version);
      expect(tookMs).to.be.below(5000);
      const greeting = app.flows.current()?.topics.find((t) => t.id === 'greeting');
      expect(JSON.stringify(greeting?.trigger.actions)).to.contain('Ask us anything');

      await versions.rollback('flows', 'admin-ana');
      await within(5000, () => app.flows.current()?.version === seeded?.version);
      const audit = await versions.audit('flows');
      expect(audit.map((a) => `${a.action} by ${a.who}`)).to.include.members(['publish by content/ seed', 'publish by admin-ana', 'rollback by admin-ana']);
    } finally {
      await admin.close();
    }
  });

  it('never lets a deploy of the folder overwrite what an admin published', async () => {
    const env = { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'w.db'), FLOWS_DIR: goodFlows };
    const first = await startTestApp(env);
    const admin = new ContentVersions(first.storage.storage);
    const files = readContentFolder(goodFlows, isFlowFile).map((f) => (f.path === 'greeting.yaml' ? { ...f, text: f.text.replace('Ask me anything', 'Ask us anything') } : f));
    const mine = await admin.publish('flows', files, 'admin-ana', (fs) => flowSetProblems(fs));
    await first.stop();
    const second = await startTestApp(env);
    apps.push(second);
    expect(mine.status).to.equal('published');
    expect(second.flows.current()?.version).to.equal(mine.status === 'published' ? mine.version : '');
  });

  it('checks a flows version taken up against the escalation phrases of the routing in force, not those at start-up', async () => {
    const storage = new MemoryStorage();
    const shipped = loadRouting(path.resolve(__dirname, '..', '..', 'content', 'routing.yaml'));
    let routing = shipped;
    const flows = await openFlowContent({ storage, flowsDir: goodFlows, routing: () => routing, logger: silentLogger(), pollMs: 20 });
    try {
      const seeded = flows.current()?.version;
      expect(seeded).to.be.a('string');
      // An admin makes "track my parcel" a request for a person; a topic may no longer claim it.
      routing = { ...shipped, escalation: { ...shipped.escalation, agentPhrases: { ...shipped.escalation.agentPhrases, 'en-US': [...shipped.escalation.agentPhrases['en-US'], 'track my parcel'] } } };
      const files = readContentFolder(goodFlows, isFlowFile).map((f) => (f.path === 'greeting.yaml' ? { ...f, text: f.text.replace('Ask me anything', 'Ask us anything') } : f));
      await new ContentVersions(storage).publish('flows', files, 'admin-ana', (fs) => flowSetProblems(fs));
      await flows.check();
      expect(flows.current()?.version, 'the version claiming the phrase is not taken up').to.equal(seeded);
    } finally {
      await flows.stop();
    }
  });
});
