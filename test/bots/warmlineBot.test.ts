import { expect } from 'chai';
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, UserState } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { WarmlineBot, joinEventName } from '../../bots/warmlineBot';
import { MainDialog, mainDialogId } from '../../dialogs/mainDialog';
import { FaqDialog } from '../../dialogs/faqDialog';
import { ActiveLearning } from '../../knowledge/activeLearning';
import { fixtureFaqService } from '../support/faqFixture';
import { installTurnErrorHandler } from '../../adapters/botAdapter';
import { botResponses } from '../../bots/responses';
import { dialogResponses } from '../../dialogs/responses';
import { silentLogger } from '../../logger';

/** A main dialog that fails, to exercise the turn error handler. */
class FailingDialog extends ComponentDialog {
  constructor() {
    super(mainDialogId);
    this.addDialog(
      new WaterfallDialog('fail', [
        async () => {
          throw new Error('boom');
        },
      ]),
    );
  }
}

function setup(options: { channelId?: string; failing?: boolean; maxMessageChars?: number } = {}) {
  const storage = new MemoryStorage();
  const bot = new WarmlineBot({
    conversationState: new ConversationState(storage),
    userState: new UserState(storage),
    mainDialog: options.failing ? new FailingDialog() : new MainDialog(new FaqDialog(fixtureFaqService(), new ActiveLearning(storage))),
    logger: silentLogger(),
    maxMessageChars: options.maxMessageChars ?? 4000,
  });
  const adapter = new TestAdapter((context: TurnContext) => bot.run(context), { channelId: options.channelId ?? 'test' } as never, true);
  installTurnErrorHandler(adapter, bot, silentLogger());
  return { adapter, bot, storage };
}

const joined = (userId: string, channelId: string): Partial<Activity> => ({
  type: ActivityTypes.ConversationUpdate,
  channelId,
  membersAdded: [{ id: userId, name: userId }],
});

const texts = (adapter: TestAdapter): string[] => adapter.activeQueue.map((a) => a.text ?? '');

describe('WarmlineBot', () => {
  describe('welcome', () => {
    it('greets a customer who joins on a channel such as Teams, once', async () => {
      const { adapter } = setup({ channelId: 'msteams' });
      await adapter
        .send(joined('user1', 'msteams'))
        .assertReply(botResponses['en-US'].welcome)
        .send(joined('user1', 'msteams'))
        .send('How do I reset my password?')
        .assertReply((a) => expect(a.text).to.contain('Forgot password'))
        .startTest();
    });

    it('does not greet when only the bot joins', async () => {
      const { adapter } = setup({ channelId: 'msteams' });
      await adapter.send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'bot', name: 'bot' }], recipient: { id: 'bot', name: 'bot' } } as Partial<Activity>).startTest();
      expect(texts(adapter)).to.deep.equal([]);
    });

    it('on Web Chat waits for the join event and greets in the language the page picked', async () => {
      const { adapter } = setup({ channelId: 'directline' });
      await adapter
        .send(joined('dl_1', 'directline'))
        .send({ type: ActivityTypes.Event, name: joinEventName, value: { locale: 'zh-CN' } })
        .assertReply(botResponses['zh-CN'].welcome)
        .send({ type: ActivityTypes.Event, name: joinEventName, value: { locale: 'zh-CN' } })
        .startTest();
      expect(adapter.activeQueue).to.have.length(0);
    });

    it('ignores a join event whose locale is not a string and greets in English', async () => {
      const { adapter } = setup({ channelId: 'directline' });
      await adapter.send({ type: ActivityTypes.Event, name: joinEventName, value: { locale: 42 }, locale: undefined }).assertReply(botResponses['en-US'].welcome).startTest();
    });
  });

  describe('messages', () => {
    it('answers an English question in English from the knowledge base', async () => {
      const { adapter } = setup();
      await adapter.send('How do I reset my password?').assertReply((a) => expect(a.text).to.contain('**Forgot password**')).startTest();
    });

    it('answers a Chinese question in Chinese even on an English page, and keeps Chinese for what follows', async () => {
      const { adapter } = setup();
      await adapter
        .send({ type: 'message', text: '忘记密码了', locale: 'en-US' })
        .assertReply((a) => expect(a.text).to.contain('忘记密码'))
        .send({ type: 'message', text: '12345', locale: 'en-US' })
        .assertReply(dialogResponses['zh-CN'].noMatch)
        .startTest();
    });

    it('keeps the language for emoji-only messages and answers mixed scripts by the dominant one', async () => {
      const { adapter } = setup();
      await adapter
        .send({ type: 'message', text: '👍🙂', locale: 'zh-CN' })
        .assertReply(dialogResponses['zh-CN'].noMatch)
        .send({ type: 'message', text: 'iPhone 15 的退货政策是什么', locale: 'en-US' })
        .assertReply((a) => expect(a.text).to.match(/[\u4e00-\u9fff]/))
        .send({ type: 'message', text: 'return policy for my 手机 please', locale: 'zh-CN' })
        .assertReply((a) => expect(a.text).to.not.match(/[\u4e00-\u9fff]/))
        .startTest();
    });

    it('counts questions in a row it could not answer, and resets the count on an answer', async () => {
      const { adapter, storage } = setup();
      const count = async (): Promise<number | undefined> => {
        const items = await storage.read(['test/conversations/Convo1/']);
        return (items['test/conversations/Convo1/'] as { conversationData?: { consecutiveNoMatches?: number } } | undefined)?.conversationData?.consecutiveNoMatches;
      };
      await adapter.send('zzqx blorf').assertReply(dialogResponses['en-US'].noMatch).send('wibble wobble').assertReply(dialogResponses['en-US'].noMatch).startTest();
      expect(await count()).to.equal(2);
      await adapter.send('How do I reset my password?').assertReply(() => undefined).startTest();
      expect(await count()).to.equal(0);
    });

    it('asks for text when a message has none', async () => {
      const { adapter } = setup();
      await adapter
        .send({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/a.png' }], locale: 'zh-CN' })
        .assertReply(botResponses['zh-CN'].nonText)
        .send({ type: 'message', text: '   ', locale: 'en-US' })
        .assertReply(botResponses['zh-CN'].nonText)
        .startTest();
    });

    it('refuses a message over the limit politely, in the customer\'s language', async () => {
      const { adapter } = setup({ maxMessageChars: 50 });
      await adapter
        .send('x'.repeat(51))
        .assertReply(botResponses['en-US'].tooLong(50))
        .send({ type: 'message', text: '长'.repeat(51), locale: 'zh-CN' })
        .assertReply(botResponses['zh-CN'].tooLong(50))
        .startTest();
    });

    it('ignores activity types it does not know', async () => {
      const { adapter } = setup();
      await adapter.send({ type: 'somethingNew', value: { x: 1 } } as Partial<Activity>).startTest();
      expect(adapter.activeQueue).to.have.length(0);
    });
  });

  describe('turn errors', () => {
    it('apologises in the customer\'s language, offers a person, and recovers on the next turn', async () => {
      const { adapter } = setup({ failing: true, channelId: 'emulator' });
      await adapter
        .send({ type: 'message', text: '你好', locale: 'zh-CN' })
        .assertReply((a) => expect(a.type).to.equal('trace'))
        .assertReply(botResponses['zh-CN'].turnError)
        .send({ type: 'message', text: 'hello again', locale: 'en-US' })
        .assertReply((a) => expect(a.type).to.equal('trace'))
        .assertReply(botResponses['en-US'].turnError)
        .startTest();
      expect(botResponses['zh-CN'].turnError).to.contain('人工');
      expect(botResponses['en-US'].turnError).to.contain('agent');
    });
  });

  it('refuses to start without its dependencies', () => {
    expect(() => new WarmlineBot({} as never)).to.throw(/missing dependency "conversationState"/);
  });
});
