import { expect } from 'chai';
import { TestAdapter } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import { TranscriptMiddleware } from '../../adapters/transcriptMiddleware';
import { MemoryTranscriptStore } from '../../storage/memoryTranscriptStore';
import type { TranscriptArchive } from '../../storage/transcriptArchive';
import { silentLogger } from '../../logger';
import { storedActivityLimits } from '../../privacy/storedActivity';

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

  it('stores what the customer and the bot wrote with card numbers and passwords masked, e-mail and phone kept', async () => {
    const archive = new MemoryTranscriptStore();
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await context.sendActivity(`You wrote: ${context.activity.text ?? ''}`);
    });
    adapter.use(new TranscriptMiddleware(archive, silentLogger()));
    const said = 'card 4111 1111 1111 1111, password is Hunter2!, mail bo@example.com, phone 13800138000';
    await adapter.send(said).assertReply(`You wrote: ${said}`).startTest();
    const texts = (await stored(archive)).map((a) => a.text);
    // The comma goes with the password: punctuation may be part of one.
    const masked = 'card •••• 1111, password is •••••• mail bo@example.com, phone 13800138000';
    expect(texts).to.deep.equal([masked, `You wrote: ${masked}`]);
  });

  it('stores a bounded copy: no large channel data, no inline attachment, and a capped size', async () => {
    const archive = new MemoryTranscriptStore();
    const adapter = new TestAdapter(async () => undefined);
    adapter.use(new TranscriptMiddleware(archive, silentLogger()));
    const huge = 'x'.repeat(300_000);
    await adapter
      .send({
        type: 'message',
        text: huge,
        channelData: { blob: huge },
        attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${huge}` }, { contentType: 'application/json', content: { note: 'card 4111 1111 1111 1111' } }],
      } as Partial<Activity>)
      .startTest();
    const [kept] = await stored(archive);
    expect(Buffer.byteLength(JSON.stringify(kept))).to.be.at.most(storedActivityLimits.activityBytes + 200);
    expect(kept?.text).to.match(/^x+…$/);
    expect(kept?.channelData).to.deep.include({ omitted: true });
    expect(kept?.attachments?.[0]).to.deep.equal({ contentType: 'image/png', contentUrl: { omitted: true, bytes: huge.length + 24 } });
    expect(kept?.attachments?.[1]?.content).to.deep.equal({ note: 'card •••• 1111' });
  });
});
