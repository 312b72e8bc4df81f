import { expect } from 'chai';
import { Writable } from 'node:stream';
import pino from 'pino';
import sinon from 'sinon';
import { TestAdapter, TurnContext } from 'botbuilder';
import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { ProactiveMessenger, cloudContinuation, toActivity } from '../../../adapters/handoff/proactiveMessenger';
import { cardForChannel } from '../../../adapters/teams/universalActions';
import type { ContinueConversation } from '../../../adapters/handoff/proactiveMessenger';
import { agentHelpCard } from '../../../handoff/agentCards';
import { agentCardText } from '../../../handoff/agentCardText';
import type { ConversationAddress } from '../../../handoff/conversationAddress';
import type { DeskEffect, OutgoingMessage } from '../../../handoff/deskEffect';
import { silentLogger } from '../../../logger';

const helpCard = agentHelpCard('en-US') as unknown as Readonly<Record<string, unknown>>;
const offer: OutgoingMessage = { text: 'New conversation waiting in General help: Jo (asked for a person).', card: helpCard };

function address(conversationId: string, channelId = 'directline'): ConversationAddress {
  return { channelId, serviceUrl: 'https://test.invalid/', conversation: { id: conversationId }, user: { id: `user-${conversationId}` }, bot: { id: 'warmline-bot' } };
}

const send = (conversationId: string, message: OutgoingMessage, channelId = 'directline'): DeskEffect => ({ kind: 'send', to: address(conversationId, channelId), message });

/** A messenger over a TestAdapter; conversations in `down` cannot be reached. */
function messenger(logger = silentLogger()) {
  const adapter = new TestAdapter(async () => undefined);
  const down = new Set<string>();
  const continueConversation: ContinueConversation = async (reference, logic) => {
    if (down.has(reference.conversation?.id ?? '')) throw new Error('connector unreachable');
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await logic(new TurnContext(adapter, activity));
  };
  return { sink: new ProactiveMessenger(continueConversation, logger), down, sent: (): Partial<Activity>[] => adapter.activeQueue.splice(0) };
}

describe('ProactiveMessenger', () => {
  describe('rendering per channel', () => {
    for (const channelId of ['directline', 'msteams', 'webchat']) {
      it(`sends a card as an Adaptive Card with its text on ${channelId}`, async () => {
        const { sink, sent } = messenger();
        expect(await sink.deliver([send('conv-1', offer, channelId)])).to.equal(0);
        const [activity] = sent();
        expect(activity?.conversation?.id).to.equal('conv-1');
        expect(activity?.text).to.equal(offer.text);
        // On Teams the buttons are Universal Actions (test/adapters/teams/universalActions.test.ts).
        expect(activity?.attachments).to.deep.equal([{ contentType: 'application/vnd.microsoft.card.adaptive', content: cardForChannel(channelId, helpCard) }]);
      });
    }

    for (const channelId of ['slack', 'telegram', 'facebook', 'sms']) {
      it(`sends the text followed by the card's content as text on ${channelId}, which cannot show Adaptive Cards`, async () => {
        const { sink, sent } = messenger();
        await sink.deliver([send('conv-1', offer, channelId)]);
        const [activity] = sent();
        expect(activity?.attachments ?? []).to.deep.equal([]);
        expect(activity?.text?.startsWith(`${offer.text}\n\n`)).to.equal(true);
        expect(activity?.text).to.contain(agentCardText['en-US'].helpTitle).and.contain('/transfer <queue|agent> [note]').and.contain(`${agentCardText['en-US'].buttons.queue}: /queue`);
      });
    }

    it('sends a card-only message as the card’s text on a channel without cards, never as an empty message', () => {
      const activity = toActivity('slack', { card: helpCard });
      expect(activity.text).to.contain('/accept [id]');
      expect(activity.attachments ?? []).to.deep.equal([]);
    });

    it('sends plain text as Markdown text on every channel', () => {
      for (const channelId of ['msteams', 'slack']) {
        const activity = toActivity(channelId, { text: '**Ana Souza:** hello' });
        expect(activity).to.deep.include({ type: 'message', text: '**Ana Souza:** hello', textFormat: 'markdown' });
        expect(activity.attachments ?? []).to.deep.equal([]);
      }
    });
  });

  describe('delivery', () => {
    it('delivers the rest when one conversation cannot be reached, and counts the failures', async () => {
      const { sink, down, sent } = messenger();
      down.add('conv-down');
      down.add('conv-gone');
      const failed = await sink.deliver([
        send('conv-a', { text: 'first' }),
        send('conv-down', { text: 'lost' }),
        send('conv-b', { text: 'second' }, 'msteams'),
        { kind: 'resume-customer', to: address('conv-gone'), handoffId: 'h1', why: 'timeout' },
        send('conv-c', { text: 'third' }),
      ]);
      expect(failed).to.equal(2);
      expect(sent().map((a) => `${a.conversation?.id}: ${a.text}`)).to.deep.equal(['conv-a: first', 'conv-b: second', 'conv-c: third']);
    });

    it('hands a customer’s conversation back to the bot in that conversation', async () => {
      const { sink, sent } = messenger();
      const resumed: { conversationId: string; handoffId: string; agentName?: string }[] = [];
      sink.onResume(async (context, effect) => {
        resumed.push({ conversationId: context.activity.conversation.id, handoffId: effect.handoffId, ...(effect.agentName ? { agentName: effect.agentName } : {}) });
        await context.sendActivity('Is your issue resolved now?');
      });
      const failed = await sink.deliver([{ kind: 'resume-customer', to: address('conv-7'), handoffId: 'h7', why: 'agent-ended', agentName: 'Ana Souza' }]);
      expect(failed).to.equal(0);
      expect(resumed).to.deep.equal([{ conversationId: 'conv-7', handoffId: 'h7', agentName: 'Ana Souza' }]);
      expect(sent().map((a) => `${a.conversation?.id}: ${a.text}`)).to.deep.equal(['conv-7: Is your issue resolved now?']);
    });

    it('counts a hand-back that fails, and still delivers what follows', async () => {
      const { sink, sent } = messenger();
      sink.onResume(async () => {
        throw new Error('dialog state unreadable');
      });
      const failed = await sink.deliver([{ kind: 'resume-customer', to: address('conv-7'), handoffId: 'h7', why: 'timeout' }, send('conv-8', { text: 'still sent' })]);
      expect(failed).to.equal(1);
      expect(sent().map((a) => a.text)).to.deep.equal(['still sent']);
    });

    it('logs an unreachable conversation without the message text', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      });
      const { sink, down } = messenger(pino({ level: 'trace' }, stream));
      down.add('conv-down');
      await sink.deliver([send('conv-down', { text: 'my card is 4111 1111 1111 1111' })]);
      const logged = lines.join('');
      expect(logged).to.contain('conv-down').and.contain('could not reach a conversation');
      expect(logged).to.not.contain('4111');
    });

    it('refuses to start without a way to continue conversations', () => {
      expect(() => new ProactiveMessenger(undefined as unknown as ContinueConversation, silentLogger())).to.throw(TypeError);
    });
  });

  describe('cloudContinuation', () => {
    it('continues conversations as this bot (its app id), as Bot Framework authentication requires', async () => {
      const continueConversationAsync = sinon.fake.resolves(undefined);
      const adapter = { continueConversationAsync } as unknown as CloudAdapter;
      const logic = async (): Promise<void> => undefined;
      const reference = address('conv-1') as ConversationReference;
      await cloudContinuation(adapter, 'app-123')(reference, logic);
      expect(continueConversationAsync.calledOnceWithExactly('app-123', reference, logic)).to.equal(true);
    });
  });
});
