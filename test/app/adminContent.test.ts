import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openAdminContent } from '../../app/adminContent';
import type { AdminContent } from '../../app/adminContent';
import { loadAgentRoster } from '../../handoff/agentRosterLoader';
import { loadRouting } from '../../handoff/routingLoader';
import type { FaqService } from '../../knowledge/faqService';
import { openFaqService } from '../../knowledge/openFaqService';
import { defaultMessagesDir, messages, useMessageCatalogue } from '../../messages/currentMessages';
import { loadMessageCatalogue } from '../../messages/loadMessageCatalogue';
import { OfferCatalogueReloader } from '../../offers/offerCatalogueReloader';
import { adminContentProblems, readAdminSeed } from '../../publishing/adminKinds';
import type { AdminKind, SeedPaths } from '../../publishing/adminKinds';
import type { ContentFile } from '../../publishing/contentBundle';
import { ContentVersions } from '../../publishing/contentVersions';
import { MemoryStorage } from '../../storage/memoryStorage';
import { LogCapture } from '../storage/logCapture';

const pollMs = 30;
const content = path.resolve(__dirname, '..', '..', 'content');
const fixtures = path.resolve(__dirname, '..', 'fixtures');

/** Resolves once `check` holds, looking every 10 ms; fails after a few poll intervals. */
async function takenUp(check: () => boolean): Promise<void> {
  const deadline = Date.now() + pollMs * 40;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('not taken up within the poll');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One running instance: the parts start-up loads from the seeds, then the published content over `storage`. */
async function instance(storage: MemoryStorage, seeds: SeedPaths, logs = new LogCapture()): Promise<{ faq: FaqService; offers: OfferCatalogueReloader; content: AdminContent; logs: LogCapture }> {
  const faq = openFaqService(seeds.knowledge);
  const routing = loadRouting(seeds.routing);
  const roster = loadAgentRoster(seeds.agents, routing.queues.map((q) => q.id));
  const offers = new OfferCatalogueReloader(seeds.offers, () => ({ knownTopics: faq.topics() }), logs.logger);
  const admin = await openAdminContent({ storage, seeds, faq, routing, roster, offers, logger: logs.logger, pollMs });
  return { faq, offers, content: admin, logs };
}

/** True when the FAQ answers the kayak question with the kayak answer that the tests add. */
function answered(faq: FaqService): boolean {
  const { decision } = faq.ask({ text: 'Can I rent a kayak from you?', locale: 'en-US' });
  return decision.kind === 'answer' && decision.candidate.entry.answer.includes('kayaks from 20 pounds');
}

function edited(files: readonly ContentFile[], change: (text: string) => string): ContentFile[] {
  return files.map((f, i) => {
    if (i > 0) return f;
    const text = change(f.text);
    expect(text, 'the edit changed the file').to.not.equal(f.text);
    return { ...f, text };
  });
}

describe('admin content: seeded from content/, taken up on every instance within the poll', () => {
  let dir: string;
  let seeds: SeedPaths;
  const running: AdminContent[] = [];
  const open = async (storage: MemoryStorage, logs?: LogCapture) => {
    const opened = await instance(storage, seeds, logs);
    running.push(opened.content);
    return opened;
  };
  const admin = (storage: MemoryStorage) => new ContentVersions(storage);
  const validator = (kind: AdminKind) => (files: readonly ContentFile[]) => adminContentProblems(kind, files, {});

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-admin-content-'));
    cpSync(path.join(fixtures, 'store'), path.join(dir, 'knowledge'), { recursive: true });
    cpSync(defaultMessagesDir, path.join(dir, 'messages'), { recursive: true });
    for (const file of ['routing.yaml', 'agents.yaml']) cpSync(path.join(content, file), path.join(dir, file));
    cpSync(path.join(fixtures, 'offers', 'offers.yaml'), path.join(dir, 'offers.yaml'));
    seeds = { knowledge: path.join(dir, 'knowledge'), routing: path.join(dir, 'routing.yaml'), agents: path.join(dir, 'agents.yaml'), offers: path.join(dir, 'offers.yaml'), messages: path.join(dir, 'messages') };
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
    useMessageCatalogue(loadMessageCatalogue(defaultMessagesDir));
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes each seed as the first version when nothing is published, and never over what is', async () => {
    const storage = new MemoryStorage();
    const first = await open(storage);
    const versions = admin(storage);
    for (const kind of ['knowledge', 'routing', 'agents', 'offers', 'messages'] as const) {
      const audit = await versions.audit(kind);
      expect(audit.map((a) => `${a.action} by ${a.who}`), kind).to.deep.equal(['publish by content/ seed']);
      expect(first.content.version(kind), kind).to.equal(audit[0]?.to);
    }
    const renamed = edited(readAdminSeed('routing', seeds.routing), (t) => t.replace('en-US: General help', 'en-US: Help desk'));
    await versions.publish('routing', renamed, 'admin-ana', validator('routing'));
    // A deploy (a new instance on the same store) runs what the admin published, not the seed.
    const second = await open(storage);
    expect(second.content.routing().queues[0]?.names['en-US']).to.equal('Help desk');
    expect(await versions.audit('routing')).to.have.length(2);
  });

  it('takes a routing published on one instance up on another within the poll, and a rollback too; both are in the audit', async () => {
    const storage = new MemoryStorage();
    const one = await open(storage);
    const other = await open(storage);
    const seeded = other.content.version('routing');
    const renamed = edited(readAdminSeed('routing', seeds.routing), (t) => t.replace('en-US: General help', 'en-US: Help desk'));
    const published = await admin(storage).publish('routing', renamed, 'admin-ana', (files) => adminContentProblems('routing', files, { roster: one.content.roster() }));
    expect(published.status).to.equal('published');
    await takenUp(() => other.content.routing().queues[0]?.names['en-US'] === 'Help desk');
    await takenUp(() => one.content.routing().queues[0]?.names['en-US'] === 'Help desk');

    await admin(storage).rollback('routing', 'admin-li');
    await takenUp(() => other.content.version('routing') === seeded);
    expect(other.content.routing().queues[0]?.names['en-US']).to.equal('General help');
    const audit = await admin(storage).audit('routing');
    expect(audit.map((a) => `${a.action} by ${a.who}`)).to.deep.equal(['rollback by admin-li', 'publish by admin-ana', 'publish by content/ seed']);
    expect(audit[1]?.diff.changed.map((f) => f.path)).to.deep.equal(['routing.yaml']);
  });

  it('swaps published knowledge into the FAQ engine, keeping the flow topics matched with it', async () => {
    const storage = new MemoryStorage();
    const { faq, content: running } = await open(storage);
    expect(answered(faq), 'not answered before the publish').to.equal(false);
    faq.publishTopics({ 'en-US': [{ id: 'flow:track', questions: ['track my parcel'], answer: 'Track', metadata: {}, prompts: [], contextOnly: false }] });
    const files = readAdminSeed('knowledge', seeds.knowledge).map((f) => (f.path === 'store.en-us.qna' ? { ...f, text: `${f.text}\n# ? Can I rent a kayak from you?\n\`\`\`\nYes: kayaks from 20 pounds a day.\n\`\`\`\n` } : f));
    await admin(storage).publish('knowledge', files, 'admin-ana', validator('knowledge'));
    await takenUp(() => running.version('knowledge') !== undefined && answered(faq));
    expect(faq.entry('en-US', 'flow:track')?.answer, 'the topic trigger entry is still there').to.equal('Track');
  });

  it('speaks from a published message catalogue, offers from a published catalogue, and a roster from the routing in force', async () => {
    const storage = new MemoryStorage();
    const { offers, content: running } = await open(storage);
    const versions = admin(storage);
    const wording = readAdminSeed('messages', seeds.messages).map((f) => (f.path === 'en-US.yaml' ? { ...f, text: f.text.replace(/^( {2}noAgent: ).*$/m, '$1Nobody from our {queue} team is free just now.') } : f));
    await versions.publish('messages', wording, 'admin-ana', validator('messages'));
    const shipped = readFileSync(seeds.offers, 'utf8');
    await versions.publish('offers', [{ path: 'offers.yaml', text: shipped.replace(/^offers:[\s\S]*$/m, 'offers: []\n') }], 'admin-ana', validator('offers'));
    const roster = edited(readAdminSeed('agents', seeds.agents), (t) => t.replace('display_name: Ana Souza', 'display_name: Ana S.'));
    await versions.publish('agents', roster, 'admin-ana', (files) => adminContentProblems('agents', files, { routing: running.routing() }));

    await takenUp(() => offers.current().offers.length === 0 && running.roster().agents[0]?.displayName === 'Ana S.');
    await takenUp(() => messages().format('en-US', 'contact.noAgent', { queue: 'General help' }) === 'Nobody from our General help team is free just now.');
  });

  it('keeps the running version when a published one does not load, says so once, and takes up the next good one', async () => {
    const storage = new MemoryStorage();
    const logs = new LogCapture();
    const { content: running } = await open(storage, logs);
    const good = running.version('messages');
    const missingKey = readAdminSeed('messages', seeds.messages).map((f) => (f.path === 'zh-CN.yaml' ? { ...f, text: f.text.replace(/^ {2}nonText: .*\n/m, '') } : f));
    // Stored without the validator, as an older build or a hand edit might have: the instance must survive it.
    await admin(storage).publish('messages', missingKey, 'someone', () => []);
    const refused = await logs.waitFor('the published version does not load; the running one stays in force');
    expect(String((refused.err as { message?: string }).message)).to.contain('zh-CN.yaml: bot.nonText: is missing');
    expect(running.version('messages')).to.equal(good);
    expect(messages().format('zh-CN', 'bot.nonText')).to.be.a('string').and.not.equal('');

    await admin(storage).rollback('messages', 'admin-li');
    await takenUp(() => running.version('messages') === good);
    expect(logs.entries.filter((e) => e.msg === 'the published version does not load; the running one stays in force')).to.have.length(1);
  });

  it('on SIGHUP publishes the knowledge folder or offer file only when edited since last read', async () => {
    const storage = new MemoryStorage();
    const { content: running, faq } = await open(storage);
    const versions = admin(storage);
    const mine = edited(readAdminSeed('offers', seeds.offers), (t) => t.replace(/^offers:[\s\S]*$/m, 'offers: []\n'));
    await versions.publish('offers', mine, 'admin-ana', validator('offers'));
    await running.publishEditedSeeds();
    expect((await versions.audit('offers'))[0]?.who, 'an unchanged file does not overwrite the admin').to.equal('admin-ana');

    expect(answered(faq)).to.equal(false);
    const file = path.join(seeds.knowledge, 'store.en-us.qna');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# ? Can I rent a kayak from you?\n\`\`\`\nYes: kayaks from 20 pounds a day.\n\`\`\`\n`);
    await running.publishEditedSeeds();
    expect((await versions.audit('knowledge'))[0]?.who).to.equal('SIGHUP (edited files in content/)');
    await takenUp(() => answered(faq));
  });
});
