import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { MemoryStorage, TestAdapter } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { openAdminContent } from '../../app/adminContent';
import type { AdminContent } from '../../app/adminContent';
import { createWarmlineBot } from '../../app/createWarmlineBot';
import type { WarmlineBot } from '../../bots/warmlineBot';
import { loadCustomerProfiles } from '../../customers/yamlCustomerProfiles';
import { loadAgentRoster } from '../../handoff/agentRosterLoader';
import { loadRouting } from '../../handoff/routingLoader';
import { ActiveLearning } from '../../knowledge/activeLearning';
import { openFaqService } from '../../knowledge/openFaqService';
import { silentLogger } from '../../logger';
import { defaultMessagesDir } from '../../messages/currentMessages';
import { adminContentProblems } from '../../publishing/adminKinds';
import { ContentVersions } from '../../publishing/contentVersions';
import { MemoryTranscriptStore } from '../../storage/memoryTranscriptStore';

const content = path.resolve(__dirname, '..', '..', 'content');
const fixtures = path.resolve(__dirname, '..', 'fixtures');
/** Monday 23 November 2026, 10:00 in London. */
const monday = new Date('2026-11-23T10:00:00Z');
const seeds = {
  knowledge: path.join(fixtures, 'store'),
  routing: path.join(content, 'routing.yaml'),
  agents: path.join(content, 'agents.yaml'),
  offers: path.join(fixtures, 'offers', 'offers.yaml'),
  messages: defaultMessagesDir,
};

describe('createWarmlineBot over the routing in force: a published routing applies from the next turn', () => {
  let running: AdminContent;
  let bot: WarmlineBot;
  let storage: MemoryStorage;

  beforeEach(async () => {
    storage = new MemoryStorage();
    const logger = silentLogger();
    const faq = openFaqService(seeds.knowledge);
    const routing = loadRouting(seeds.routing);
    const roster = loadAgentRoster(seeds.agents, routing.queues.map((q) => q.id));
    running = await openAdminContent({ storage, seeds, faq, routing, roster, offers: { use: () => undefined }, logger, pollMs: 20 });
    bot = createWarmlineBot({
      storage,
      transcripts: new MemoryTranscriptStore(),
      faq,
      learning: new ActiveLearning(storage),
      // Getters, as startWarmline passes them: every turn reads the routing and roster in force.
      routing: running.routing,
      roster: running.roster,
      profiles: loadCustomerProfiles(path.join(content, 'customers.yaml'), { tiers: routing.tiers.map((t) => t.id) }),
      sink: { deliver: () => Promise.resolve(0), onResume: () => undefined },
      hub: 'builtin',
      maxMessageChars: 2000,
      logger,
      now: () => monday,
    }).bot;
  });
  afterEach(() => running.stop());

  /** The bot's replies to one message in a conversation. */
  async function say(conversationId: string, text: string): Promise<string> {
    const adapter = new TestAdapter((context) => bot.run(context), { conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' }, channelId: 'directline', from: { id: `customer-${conversationId}`, name: 'Customer' }, recipient: { id: 'warmline-bot', name: 'Warmline' }, locale: 'en-US', serviceUrl: 'https://test.invalid/' });
    await adapter.send(text);
    return adapter.activeQueue.map((a: Partial<Activity>) => a.text ?? '').join('\n');
  }

  it('renames the queue, closes it and understands a new phrase on the next turn, without a restart', async () => {
    expect(await say('c1', 'I want to talk to a person')).to.contain('Nobody from our General help team is available right now');
    const before = await say('c2', 'summon a carbon-based lifeform');
    expect(before).to.not.contain('General help');

    const text = readFileSync(seeds.routing, 'utf8')
      .replace('en-US: General help', 'en-US: Help desk')
      .replace(/(- id: general[\s\S]*?)hours: always/, '$1hours: { time_zone: Europe/London, weekly: { sun: ["09:00-17:00"] } }')
      .replace('      - speak to a manager\n', '      - speak to a manager\n      - summon a carbon-based lifeform\n');
    const published = await new ContentVersions(storage).publish('routing', [{ path: 'routing.yaml', text }], 'admin-ana', (files) => adminContentProblems('routing', files, { roster: running.roster() }));
    expect(published.status).to.equal('published');
    const version = published.status === 'published' ? published.version : '';
    await running.check();
    expect(running.version('routing')).to.equal(version);

    expect(await say('c3', 'I want to talk to a person')).to.contain('Our Help desk team is closed right now');
    // The conversation that asked in words the old routing did not know is handed over now.
    expect(await say('c2', 'summon a carbon-based lifeform')).to.contain('Our Help desk team is closed right now');
  });
});
