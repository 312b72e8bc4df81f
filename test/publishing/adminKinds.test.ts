import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { adminContentProblems, publishedInForce, readAdminSeed, topicsOf, writeAdminExport } from '../../publishing/adminKinds';
import type { ContentInForce } from '../../publishing/adminKinds';
import type { ContentFile } from '../../publishing/contentBundle';
import { ContentVersions } from '../../publishing/contentVersions';
import { MemoryStorage } from '../../storage/memoryStorage';
import { routingOfBundle } from '../../handoff/routingBundle';

const content = path.resolve(__dirname, '..', '..', 'content');
const fixtureStore = path.resolve(__dirname, '..', 'fixtures', 'store');
const seed = {
  knowledge: path.join(content, 'knowledge'),
  routing: path.join(content, 'routing.yaml'),
  agents: path.join(content, 'agents.yaml'),
  offers: path.join(content, 'offers.yaml'),
  messages: path.join(content, 'messages'),
};
const edit = (files: readonly ContentFile[], name: string, change: (text: string) => string): ContentFile[] =>
  files.map((f) => {
    if (f.path !== name) return f;
    const text = change(f.text);
    expect(text, `the edit of ${name} changed something`).to.not.equal(f.text);
    return { ...f, text };
  });

describe('admin content kinds: what makes a version of each, and what keeps one from being published', () => {
  const routing = routingOfBundle(readAdminSeed('routing', seed.routing));
  const inForce: ContentInForce = { routing, topics: topicsOf(readAdminSeed('knowledge', seed.knowledge)) };

  it('takes the shipped content as it is: no problems in any kind', () => {
    for (const kind of ['knowledge', 'routing', 'agents', 'offers', 'messages'] as const) {
      expect(adminContentProblems(kind, readAdminSeed(kind, seed[kind]), inForce), kind).to.deep.equal([]);
    }
  });

  it('reads the knowledge and settings files of a knowledge folder (not its README), and routing as its one file', () => {
    const knowledge = readAdminSeed('knowledge', seed.knowledge).map((f) => f.path);
    expect(knowledge).to.include.members(['settings.yaml', 'store.en-us.qna', 'store.zh-cn.qna']);
    expect(knowledge).to.not.include('README.md');
    expect(readAdminSeed('routing', seed.routing).map((f) => f.path)).to.deep.equal(['routing.yaml']);
    expect(() => readAdminSeed('routing', seed.knowledge)).to.throw('is a folder; routing is one YAML file');
    expect(() => readAdminSeed('offers', path.join(content, 'nothing.yaml'))).to.throw('does not exist');
  });

  it('refuses broken knowledge with file and line, and broken settings with their file', () => {
    const files = edit(readAdminSeed('knowledge', fixtureStore), 'store.en-us.qna', (t) => `${t}\n[missing](not-here.qna)\n`);
    const problems = adminContentProblems('knowledge', [...files, { path: 'settings.yaml', text: 'thresholds:\n  en-us: { answer: 7 }\n' }], inForce);
    expect(problems.map((p) => p.file)).to.include.members(['settings.yaml', 'store.en-us.qna']);
    expect(problems.find((p) => p.file === 'settings.yaml')?.message).to.contain('thresholds.en-us.answer');
    const missing = problems.find((p) => p.message.includes('not-here.qna'));
    expect(missing?.message).to.contain('imported at store.en-us.qna:');
    const importLine = (files.find((f) => f.path === 'store.en-us.qna')?.text.split('\n').indexOf('[missing](not-here.qna)') ?? -1) + 1;
    expect(missing).to.include({ file: 'store.en-us.qna', line: importLine });
  });

  it('refuses a routing with every problem at its path and line', () => {
    const files = edit(readAdminSeed('routing', seed.routing), 'routing.yaml', (t) => t.replace('default_queue: general', 'default_queue: nowhere').replace(/time_zone: Europe\/London/, 'time_zone: Mars/Olympus'));
    const problems = adminContentProblems('routing', files, inForce);
    const text = files[0]?.text.split('\n') ?? [];
    const defaultQueue = problems.find((p) => p.path === 'default_queue');
    expect(defaultQueue).to.include({ file: 'routing.yaml', code: 'WL_ROUTING_INVALID' });
    expect(text[(defaultQueue?.line ?? 0) - 1]).to.contain('default_queue: nowhere');
    const zone = problems.find((p) => p.path?.endsWith('hours.time_zone'));
    expect(text[(zone?.line ?? 0) - 1]).to.contain('Mars/Olympus');
  });

  it('refuses a roster naming a queue the routing in force lacks, and any roster when no routing is in force', () => {
    const files = edit(readAdminSeed('agents', seed.agents), 'agents.yaml', (t) => t.replace('queues: [specialists]', 'queues: [specialist]'));
    const [problem, ...more] = adminContentProblems('agents', files, inForce);
    expect(more).to.deep.equal([]);
    expect(problem).to.include({ file: 'agents.yaml', path: 'agents[2].queues[0]' });
    expect(problem?.message).to.contain('no queue "specialist"');
    expect(files[0]?.text.split('\n')[(problem?.line ?? 0) - 1]).to.contain('queues: [specialist]');
    expect(adminContentProblems('agents', readAdminSeed('agents', seed.agents), {})[0]?.message).to.contain('publish routing first');
  });

  it('refuses offers naming a topic the knowledge in force lacks or a tier the routing lacks, with lines', () => {
    const files = edit(readAdminSeed('offers', seed.offers), 'offers.yaml', (t) => t.replace('tiers: [vip]', 'tiers: [gold]'));
    const problems = adminContentProblems('offers', files, { routing, topics: ['delivery'] });
    expect(problems.some((p) => p.path === 'offers[0].topics.warranty' && p.message.includes('no topic "warranty"'))).to.equal(true);
    const tier = problems.find((p) => p.message.includes('no tier "gold"'));
    expect(files[0]?.text.split('\n')[(tier?.line ?? 0) - 1]).to.contain('tiers: [gold]');
  });

  it('refuses a message catalogue missing a key or with a stray locale, naming file, key and line', () => {
    const files = edit(readAdminSeed('messages', seed.messages), 'zh-CN.yaml', (t) => t.replace(/^ {2}nonText: .*\n/m, ''));
    const problems = adminContentProblems('messages', [...files, { path: 'fr-FR.yaml', text: 'bot: {}\n' }], inForce);
    expect(problems.find((p) => p.file === 'fr-FR.yaml')?.message).to.contain('not a supported locale');
    const missing = problems.find((p) => p.path === 'bot.nonText');
    expect(missing).to.include({ file: 'zh-CN.yaml', code: 'missing-key' });
    expect(missing?.line).to.be.a('number');
  });

  it('exports a one-file kind as that file, and finds the content in force from what is published', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warmline-admin-kinds-'));
    try {
      const versions = new ContentVersions(new MemoryStorage());
      expect(await publishedInForce(versions)).to.deep.equal({});
      const files = readAdminSeed('routing', seed.routing);
      await versions.publish('routing', files, 'ana', () => []);
      const found = await publishedInForce(versions);
      expect(found.routing?.queues.map((q) => q.id)).to.deep.equal(routing.queues.map((q) => q.id));
      writeAdminExport('routing', files, path.join(dir, 'my-routing.yaml'), false);
      expect(readFileSync(path.join(dir, 'my-routing.yaml'), 'utf8')).to.equal(files[0]?.text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
