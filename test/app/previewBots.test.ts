import { expect } from 'chai';
import path from 'node:path';
import { PreviewBots, PreviewConversationMissing, PreviewTurnLimit } from '../../app/previewBots';
import { PreviewContentLoader } from '../../app/previewContent';
import { loadConfig } from '../../config';
import { loadCustomerProfiles } from '../../customers/yamlCustomerProfiles';
import { botResponses } from '../../bots/responses';
import { silentLogger } from '../../logger';
import { readAdminSeed, seedPaths } from '../../publishing/adminKinds';
import type { ContentFile, ContentKind } from '../../publishing/contentBundle';
import { isFlowFile, readContentFolder } from '../../publishing/contentFolder';
import { fixtureKnowledgeDir } from '../support/faqFixture';
import { fixtureOffersFile } from '../support/testApp';

const contentDir = path.resolve(__dirname, '..', '..', 'content');
const seeds = seedPaths(loadConfig({ KNOWLEDGE_DIR: fixtureKnowledgeDir, OFFERS_FILE: fixtureOffersFile }));
const published: Record<ContentKind, ContentFile[]> = {
  flows: readContentFolder(path.join(contentDir, 'flows'), isFlowFile),
  knowledge: readAdminSeed('knowledge', seeds.knowledge),
  routing: readAdminSeed('routing', seeds.routing),
  agents: readAdminSeed('agents', seeds.agents),
  offers: readAdminSeed('offers', seeds.offers),
  messages: readAdminSeed('messages', seeds.messages),
};

/** Drafts in memory: a kind's files with some changed, as ContentDrafts.compose answers. */
class FakeDrafts {
  readonly changed: Partial<Record<ContentKind, ContentFile[]>> = {};
  async compose(kind: ContentKind) {
    const files = this.changed[kind] ?? published[kind];
    return { kind, basedOn: null, files, changes: this.changed[kind] ? [{ path: 'x', text: '', updatedAt: '', updatedBy: 'ed' }] : [] };
  }
  edit(kind: ContentKind, file: string, change: (text: string) => string): void {
    this.changed[kind] = (this.changed[kind] ?? published[kind]).map((f) => (f.path === file ? { path: f.path, text: change(f.text) } : f));
  }
}

function setup(options: { maxConversations?: number; maxTurns?: number } = {}) {
  const drafts = new FakeDrafts();
  const bots = new PreviewBots({ content: new PreviewContentLoader(drafts), profiles: loadCustomerProfiles(path.join(contentDir, 'customers.yaml')), maxMessageChars: 2000, logger: silentLogger(), ...options });
  return { drafts, bots };
}

/** The error `work` rejects with (it must reject). */
async function refusal(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

const texts = (turn: { replies: readonly { text?: string }[] }): string => turn.replies.map((r) => r.text ?? '').join('\n');

describe('app/previewBots: test conversations on the drafts', function () {
  this.timeout(20_000);

  it('speaks the draft message catalogue in the test chat only', async () => {
    const { drafts, bots } = setup();
    drafts.edit('messages', 'en-US.yaml', (t) => t.replace('I can only read text messages for now.', 'Draft wording, text only please.'));
    const { conversationId, drafted } = await bots.start('ed', 'en-US');
    expect(drafted).to.deep.equal(['messages']);
    const turn = await bots.send('ed', conversationId, { type: 'message' });
    expect(texts(turn)).to.contain('Draft wording, text only please.');
    expect(turn.trace.guard).to.equal('unreadable');
    // Everyone else still reads the catalogue in force.
    expect(botResponses['en-US'].nonText).to.contain('I can only read text messages for now.');
  });

  it('keeps a conversation and its topic in progress when the drafts change between turns', async () => {
    const { drafts, bots } = setup();
    const { conversationId } = await bots.start('ed', 'en-US');
    const asked = await bots.send('ed', conversationId, { type: 'message', text: 'where is my order' });
    expect(asked.trace.variables.topics.map((t) => t.topicId)).to.deep.equal(['where-is-my-order']);
    drafts.edit('flows', 'greeting.yaml', (t) => t.replace("Hi, I'm Warmline", 'Hello again'));
    const answered = await bots.send('ed', conversationId, { type: 'message', text: 'LM-200300' });
    expect(answered.drafted).to.deep.equal(['flows']);
    expect(answered.trace.topics).to.include('where-is-my-order');
    expect(answered.trace.actions.map((a) => a.kind)).to.include('HttpRequest');
    // The new draft applies to the next conversation's greeting.
    expect(texts(await bots.start('ed', 'en-US'))).to.contain('Hello again');
  });

  it('keeps conversations apart per studio user, drops the oldest past the limit, and limits turns', async () => {
    const { bots } = setup({ maxConversations: 2, maxTurns: 2 });
    const first = await bots.start('ed', 'en-US');
    await bots.start('ed', 'zh-CN');
    const hi = { type: 'message', text: 'hi' } as const;
    expect(await refusal(bots.send('ada', first.conversationId, hi)), 'another user reached the conversation').to.be.instanceOf(PreviewConversationMissing);
    await bots.start('ada', 'en-US');
    expect(await refusal(bots.send('ed', first.conversationId, hi)), 'the oldest conversation was kept past the limit').to.be.instanceOf(PreviewConversationMissing);
    const third = await bots.start('ed', 'en-US');
    await bots.send('ed', third.conversationId, hi);
    expect(await refusal(bots.send('ed', third.conversationId, hi)), 'a third turn was taken').to.be.instanceOf(PreviewTurnLimit);
  });

  it('greets in Chinese when the test chat starts in Chinese', async () => {
    const { bots } = setup();
    const turn = await bots.start('ed', 'zh-CN');
    expect(texts(turn)).to.contain('您好');
    expect(turn.trace.topics).to.deep.equal(['greeting']);
  });
});
