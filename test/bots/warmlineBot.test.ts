import { expect } from 'chai';
import sinon from 'sinon';
import { ActivityTypes } from 'botbuilder';
import { WarmlineBot, joinEventName } from '../../bots/warmlineBot';
import { botResponses } from '../../bots/responses';
import { dialogResponses } from '../../dialogs/responses';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { FaqService } from '../../knowledge/faqService';
import { botHarness, mondayMorning } from '../support/botHarness';
import type { Party } from '../support/botHarness';

const party = (channelId = 'directline', locale?: string): Party => ({ userId: 'user1', conversationId: 'conv1', channelId, ...(locale ? { locale } : {}) });

describe('WarmlineBot', () => {
  describe('welcome', () => {
    it('greets a customer who joins on a channel such as Teams, once', async () => {
      const h = botHarness();
      const p = party('msteams');
      const first = await h.event(p, 'ignored', {});
      expect(first.texts('conv1')).to.deep.equal([]);
      const joined = async () => {
        h.adapter.activeQueue.splice(0);
        await h.adapter.processActivity({ type: ActivityTypes.ConversationUpdate, channelId: 'msteams', conversation: { id: 'conv1' } as never, from: { id: 'user1', name: 'user1' }, recipient: { id: 'bot', name: 'bot' }, membersAdded: [{ id: 'user1', name: 'user1' }] });
        return h.adapter.activeQueue.splice(0).map((a) => a.text);
      };
      expect(await joined()).to.deep.equal([botResponses['en-US'].welcome]);
      expect(await joined()).to.deep.equal([]);
    });

    it('does not greet when only the bot joins', async () => {
      const h = botHarness();
      await h.adapter.processActivity({ type: ActivityTypes.ConversationUpdate, channelId: 'msteams', membersAdded: [{ id: 'bot', name: 'bot' }], recipient: { id: 'bot', name: 'bot' }, from: { id: 'user1', name: 'user1' } });
      expect(h.adapter.activeQueue).to.have.length(0);
    });

    it('on Web Chat greets on the join event in the language the page picked, once', async () => {
      const h = botHarness();
      expect((await h.event(party(), joinEventName, { locale: 'zh-CN' })).texts('conv1')).to.deep.equal([botResponses['zh-CN'].welcome]);
      expect((await h.event(party(), joinEventName, { locale: 'zh-CN' })).texts('conv1')).to.deep.equal([]);
    });

    it('ignores a join event whose locale is not a string and greets in English', async () => {
      const h = botHarness();
      expect((await h.event(party(), joinEventName, { locale: 42 })).texts('conv1')).to.deep.equal([botResponses['en-US'].welcome]);
    });

    it('greets a roster agent as an agent, not as a customer', async () => {
      const h = botHarness({ now: () => mondayMorning });
      const sent = await h.event({ userId: 'agent-ana', conversationId: 'conv-ana' }, joinEventName, { locale: 'en-US' });
      expect(sent.texts('conv-ana')[0]).to.contain('signed in as an agent');
    });
  });

  describe('messages', () => {
    it('answers an English question in English and asks whether it solved the issue', async () => {
      const h = botHarness();
      const sent = await h.say(party(), 'How do I reset my password?');
      expect(sent.texts('conv1')[0]).to.contain('**Forgot password**');
      expect(sent.all('conv1')).to.contain(resolutionResponses['en-US'].askAfterAnswer);
    });

    it('answers a Chinese question in Chinese even on an English page, and keeps Chinese for what follows', async () => {
      const h = botHarness();
      const first = await h.say(party('directline', 'en-US'), '忘记密码了');
      expect(first.texts('conv1')[0]).to.contain('忘记密码');
      const next = await h.say(party('directline', 'en-US'), '12345');
      expect(next.texts('conv1')).to.deep.equal([dialogResponses['zh-CN'].noMatch]);
    });

    it('keeps the language for emoji-only messages and answers mixed scripts by the dominant one', async () => {
      const h = botHarness();
      expect((await h.say(party('directline', 'zh-CN'), '👍🙂')).texts('conv1')).to.deep.equal([dialogResponses['zh-CN'].noMatch]);
      expect((await h.say(party('directline', 'en-US'), 'iPhone 15 的退货政策是什么')).texts('conv1')[0]).to.match(/[\u4e00-\u9fff]/);
    });

    it('counts questions in a row it could not answer, and resets the count on an answer', async () => {
      const h = botHarness();
      const count = async (): Promise<number | undefined> => {
        const items = await h.storage.read(['directline/conversations/conv1/']);
        return (items['directline/conversations/conv1/'] as { conversationData?: { consecutiveNoMatches?: number } } | undefined)?.conversationData?.consecutiveNoMatches;
      };
      await h.say(party(), 'zzqx blorf');
      expect(await count()).to.equal(1);
      await h.say(party(), 'How do I reset my password?');
      expect(await count()).to.equal(0);
    });

    it('answers hello, thanks and bye as small talk: no resolution check, no miss counted, nothing for the summary', async () => {
      const h = botHarness({ knowledge: 'content' });
      const conversationData = async (): Promise<{ consecutiveNoMatches?: number; journal?: readonly { kind: string }[] } | undefined> => {
        const items = await h.storage.read(['directline/conversations/conv1/']);
        return (items['directline/conversations/conv1/'] as { conversationData?: { consecutiveNoMatches?: number; journal?: readonly { kind: string }[] } } | undefined)?.conversationData;
      };
      await h.say(party(), 'zzqx blorf');
      const hello = await h.say(party(), 'hi');
      expect(hello.texts('conv1')[0]).to.contain('What can I help you with today?');
      expect(hello.all('conv1')).not.to.contain(resolutionResponses['en-US'].askAfterAnswer);
      expect((await conversationData())?.consecutiveNoMatches, 'small talk is no miss, nor an answer').to.equal(1);
      expect((await conversationData())?.journal?.filter((j) => j.kind === 'answer')).to.deep.equal([]);
      const thanks = await h.say(party(), 'thanks!');
      expect(thanks.texts('conv1')).to.deep.equal(["You're welcome! Is there anything else I can help with?"]);
      const zh = await h.say(party('directline', 'zh-CN'), '在吗');
      expect(zh.texts('conv1')[0]).to.contain('请问有什么可以帮您');
      expect(zh.all('conv1')).not.to.contain(resolutionResponses['zh-CN'].askAfterAnswer);
    });

    it('answers the question a greeting comes with, and checks that one as usual', async () => {
      const h = botHarness({ knowledge: 'content' });
      const sent = await h.say(party(), 'Hi there! How do I reset my password?');
      expect(sent.texts('conv1')[0]).to.contain('Forgot password');
      expect(sent.all('conv1')).to.contain(resolutionResponses['en-US'].askAfterAnswer);
    });

    it('asks for text when a message has none', async () => {
      const h = botHarness();
      h.adapter.activeQueue.splice(0);
      await h.adapter.processActivity({ type: 'message', channelId: 'directline', conversation: { id: 'conv1' } as never, from: { id: 'user1', name: 'user1' }, recipient: { id: 'bot', name: 'bot' }, locale: 'zh-CN', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/a.png' }] });
      expect(h.adapter.activeQueue.splice(0).map((a) => a.text)).to.deep.equal([botResponses['zh-CN'].nonText]);
      expect((await h.say(party('directline', 'en-US'), '   ')).texts('conv1')).to.deep.equal([botResponses['zh-CN'].nonText]);
    });

    it("refuses a message over the limit politely, in the customer's language", async () => {
      const h = botHarness();
      expect((await h.say(party(), 'x'.repeat(2001))).texts('conv1')).to.deep.equal([botResponses['en-US'].tooLong(2000)]);
      expect((await h.say(party('directline', 'zh-CN'), '长'.repeat(2001))).texts('conv1')).to.deep.equal([botResponses['zh-CN'].tooLong(2000)]);
    });

    it('ignores activity types it does not know', async () => {
      const h = botHarness();
      await h.adapter.processActivity({ type: 'somethingNew', channelId: 'directline', conversation: { id: 'conv1' } as never, from: { id: 'user1', name: 'user1' }, recipient: { id: 'bot', name: 'bot' }, value: { x: 1 } });
      expect(h.adapter.activeQueue).to.have.length(0);
    });
  });

  describe('turn errors', () => {
    afterEach(() => sinon.restore());

    it("apologises in the customer's language, offers a person, and recovers on the next turn", async () => {
      const h = botHarness();
      const ask = sinon.stub(FaqService.prototype, 'ask').throws(new Error('boom'));
      const failed = await h.say(party('emulator', 'zh-CN'), '你好呀，请问');
      expect(failed.to('conv1').filter((a) => a.type === 'message').map((a) => a.text)).to.deep.equal([botResponses['zh-CN'].turnError]);
      ask.restore();
      const next = await h.say(party('emulator', 'en-US'), 'How do I reset my password?');
      expect(next.texts('conv1')[0]).to.contain('Forgot password');
      expect(botResponses['zh-CN'].turnError).to.contain('人工');
      expect(botResponses['en-US'].turnError).to.contain('agent');
    });
  });

  it("builds botbuilder-dialogs' memory configuration once and gives it to every later turn, which still answers", async () => {
    const h = botHarness();
    const seen: unknown[] = [];
    // After next(): the turn state once the bot has run.
    h.adapter.use({
      async onTurn(context, next) {
        await next();
        seen.push(context.turnState.get('DialogStateManagerConfiguration'));
      },
    });
    const first = await h.say(party('emulator', 'en-US'), 'How do I reset my password?');
    const second = await h.say({ ...party('emulator', 'en-US'), conversationId: 'conv2' }, 'How do I reset my password?');
    expect(first.texts('conv1')[0]).to.contain('Forgot password');
    expect(second.texts('conv2')[0]).to.contain('Forgot password');
    expect(seen).to.have.length(2);
    expect(seen[0]).to.have.property('memoryScopes').that.is.not.empty;
    expect(seen[1]).to.equal(seen[0]);
  });

  it('refuses to start without its dependencies', () => {
    expect(() => new WarmlineBot({} as never)).to.throw(/missing dependency "session"/);
  });
});
