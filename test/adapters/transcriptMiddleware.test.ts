import { expect } from 'chai';
import { TestAdapter } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import { TranscriptMiddleware } from '../../adapters/transcriptMiddleware';
import { MemoryTranscriptStore } from '../../storage/memoryTranscriptStore';
import type { TranscriptArchive } from '../../storage/transcriptArchive';
import { silentLogger } from '../../logger';

const conversationId = 'Convo1';

async function stored(archive: TranscriptArchive): Promise<Activity[]> {
  return (await archive.getTranscriptActivities('test', conversationId)).items;
}

describe('TranscriptMiddleware', () => {
  it('stores the customer message and the bot replies, in order, without typing indicators', async () => {
    const archive = new MemoryTranscriptStore();
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await context.sendActivity({ type: 'typing' });
      await context.sendActivity('first reply');
      await context.sendActivity('second reply');
    });
    adapter.use(new TranscriptMiddleware(archive, silentLogger()));
    await adapter.send('hello').assertReply((a) => expect(a.type).to.equal('typing')).assertReply('first reply').assertReply('second reply').startTest();
    const items = await stored(archive);
    expect(items.map((a) => a.text)).to.deep.equal(['hello', 'first reply', 'second reply']);
    expect(items[1]?.from.id).to.equal('bot');
    expect(items[1]?.recipient.id).to.equal(items[0]?.from.id);
  });

  it('keeps the customer message and the apology when the turn fails', async () => {
    const archive = new MemoryTranscriptStore();
    const adapter = new TestAdapter(async () => {
      throw new Error('boom');
    });
    adapter.use(new TranscriptMiddleware(archive, silentLogger()));
    adapter.onTurnError = async (context) => {
      await context.sendActivity('sorry');
    };
    await adapter.send('will fail').assertReply('sorry').startTest();
    expect((await stored(archive)).map((a) => a.text)).to.deep.equal(['will fail', 'sorry']);
  });

  it('never fails the turn when the transcript store is down', async () => {
    const broken = new MemoryTranscriptStore();
    broken.logActivity = async () => {
      throw new Error('store down');
    };
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await context.sendActivity('still answered');
    });
    adapter.use(new TranscriptMiddleware(broken, silentLogger()));
    await adapter.send('hi').assertReply('still answered').startTest();
  });
});
