import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import type { Activity, CardAction, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogState } from 'botbuilder-dialogs';
import { ResolutionDialog, noPostResolution, resolutionDialogId } from '../../dialogs/resolutionDialog';
import type { AnswersQuestion, PostResolutionHook, ResolutionEvent, ResolutionOptions, ResolutionRecorder, ResolutionResult } from '../../dialogs/resolutionDialog';
import { resolutionResponses } from '../../dialogs/resolutionResponses';

const now = new Date('2026-11-23T10:30:00Z');
const en = resolutionResponses['en-US'];
const zh = resolutionResponses['zh-CN'];
/** What the post-resolution hook says, so tests see when (and whether) it ran. */
const offerText = '[offer]';

const afterAnswer = (locale: ResolutionOptions['locale']): ResolutionOptions => ({ locale, subject: { kind: 'answer', entryId: '1', topic: 'delivery' } });
const afterAgent = (locale: ResolutionOptions['locale']): ResolutionOptions => ({ locale, subject: { kind: 'agent', agentName: 'Ana', handoffId: 'h-7', topic: 'refunds' } });

function setup(channelId: string, options: ResolutionOptions, answersQuestion?: AnswersQuestion) {
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
  const events: ResolutionEvent[] = [];
  const recorder: ResolutionRecorder = { record: async (event) => void events.push(event) };
  const hookCalls: Parameters<PostResolutionHook['afterResolved']>[1][] = [];
  const hook: PostResolutionHook = {
    afterResolved: async (context, info) => {
      hookCalls.push(info);
      await context.sendActivity(offerText);
    },
  };
  dialogs.add(new ResolutionDialog(recorder, hook, () => now, answersQuestion));
  const results: ResolutionResult[] = [];
  const adapter = new TestAdapter(
    async (context: TurnContext) => {
      const dc = await dialogs.createContext(context);
      let result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) result = await dc.beginDialog(resolutionDialogId, options);
      if (result.status === DialogTurnStatus.complete) results.push(result.result as ResolutionResult);
      await state.saveChanges(context);
    },
    { channelId, conversation: { id: 'conv-1' }, from: { id: 'customer-1', name: 'Sam' } } as Partial<Activity> as never,
  );
  return { adapter, events, hookCalls, results, storage };
}

/** What the check made of a component and a three-step waterfall saved, waiting at `stepIndex` (0: yes/no asked, 1: rating asked). */
async function savedByComponentVersion(storage: MemoryStorage, options: ResolutionOptions, stepIndex: 0 | 1): Promise<void> {
  const waiting = { id: resolutionDialogId, state: { dialogs: { dialogStack: [{ id: `${resolutionDialogId}.flow`, state: { options, values: { instanceId: 'i-1' }, stepIndex } }] } } };
  await storage.write({ 'directline/conversations/conv-1/': { dialogState: { dialogStack: [waiting] }, eTag: '*' } });
}

const actions = (a: Partial<Activity>): CardAction[] => a.suggestedActions?.actions ?? [];
const heroButtons = (a: Partial<Activity>): CardAction[] => (a.attachments?.[0]?.content as { buttons?: CardAction[] } | undefined)?.buttons ?? [];
const heroText = (a: Partial<Activity>): string | undefined => (a.attachments?.[0]?.content as { text?: string } | undefined)?.text;

const answerEvent = { at: now.toISOString(), conversationId: 'conv-1', channelId: 'directline', customerId: 'customer-1', how: 'bot', topic: 'delivery', entryId: '1' } as const;
const agentEvent = { at: now.toISOString(), conversationId: 'conv-1', channelId: 'directline', customerId: 'customer-1', how: 'agent', topic: 'refunds', handoffId: 'h-7' } as const;

describe('ResolutionDialog', () => {
  it('refuses to start without a recorder or a hook', () => {
    expect(() => new ResolutionDialog(undefined as never, noPostResolution)).to.throw(TypeError);
  });

  describe('a check the earlier component version left waiting', () => {
    it('takes the yes, then asks for the rating', async () => {
      const { adapter, events, storage } = setup('directline', afterAnswer('en-US'));
      await savedByComponentVersion(storage, afterAgent('en-US'), 0);
      await adapter
        .send({ type: 'message', text: 'Yes', value: { warmline: 'resolution.yes' } })
        .assertReply((a) => expect(a.text).to.equal(en.askCsat))
        .send('5')
        .assertReply(en.thanksHigh)
        .assertReply(offerText)
        .startTest();
      expect(events).to.deep.equal([
        { ...agentEvent, locale: 'en-US', resolved: true },
        { ...agentEvent, locale: 'en-US', resolved: true, csat: 5 },
      ]);
    });

    it('takes the rating it was waiting for', async () => {
      const { adapter, events, hookCalls, results, storage } = setup('directline', afterAnswer('en-US'));
      await savedByComponentVersion(storage, afterAnswer('zh-CN'), 1);
      await adapter.send('4').assertReply(zh.thanksHigh).assertReply(offerText).startTest();
      expect(events).to.deep.equal([{ ...answerEvent, locale: 'zh-CN', resolved: true, csat: 4 }]);
      expect(hookCalls).to.deep.equal([{ locale: 'zh-CN', how: 'bot', topic: 'delivery', csat: 4 }]);
      expect(results).to.deep.equal([{ kind: 'resolved', csat: 4 }]);
    });
  });

  describe('resolved', () => {
    it('asks with Yes/No buttons, then a 1–5 rating, thanks, and only then runs what follows a solved issue (Web Chat)', async () => {
      const { adapter, events, hookCalls, results } = setup('directline', afterAnswer('en-US'));
      await adapter
        .send('thanks')
        .assertReply((a) => {
          expect(a.text).to.equal('Did that solve your issue?');
          expect(actions(a).map((x) => [x.type, x.title, x.value])).to.deep.equal([
            ['messageBack', 'Yes', { warmline: 'resolution.yes' }],
            ['messageBack', 'No', { warmline: 'resolution.no' }],
          ]);
        })
        .send({ type: 'message', text: 'Yes', value: { warmline: 'resolution.yes' } })
        .assertReply((a) => {
          expect(a.text).to.equal('How would you rate this help, from 1 (poor) to 5 (great)?');
          expect(actions(a).map((x) => x.title)).to.deep.equal(['1', '2', '3', '4', '5']);
          expect(actions(a)[4]?.value).to.deep.equal({ warmline: 'resolution.csat', score: 5 });
        })
        .send({ type: 'message', text: '5', value: { warmline: 'resolution.csat', score: 5 } })
        .assertReply(en.thanksHigh)
        .assertReply(offerText)
        .startTest();
      expect(events).to.deep.equal([
        { ...answerEvent, locale: 'en-US', resolved: true },
        { ...answerEvent, locale: 'en-US', resolved: true, csat: 5 },
      ]);
      expect(hookCalls).to.deep.equal([{ locale: 'en-US', how: 'bot', topic: 'delivery', csat: 5 }]);
      expect(results).to.deep.equal([{ kind: 'resolved', csat: 5 }]);
    });

    it('understands "解决了" and a rating typed as "四", in Chinese on a Teams card', async () => {
      const { adapter, events, hookCalls, results } = setup('msteams', afterAnswer('zh-CN'));
      await adapter
        .send('谢谢')
        .assertReply((a) => {
          expect(heroText(a)).to.equal('这个回答解决您的问题了吗？');
          expect(heroButtons(a).map((b) => [b.title, b.value])).to.deep.equal([
            ['解决了', { warmline: 'resolution.yes' }],
            ['没解决', { warmline: 'resolution.no' }],
          ]);
        })
        .send('解决了')
        .assertReply((a) => {
          expect(heroText(a)).to.equal(zh.askCsat);
          expect(heroButtons(a)).to.have.length(5);
        })
        .send('四')
        .assertReply(zh.thanksHigh)
        .assertReply(offerText)
        .startTest();
      expect(events.map((e) => [e.locale, e.resolved, e.csat])).to.deep.equal([
        ['zh-CN', true, undefined],
        ['zh-CN', true, 4],
      ]);
      expect(hookCalls).to.deep.equal([{ locale: 'zh-CN', how: 'bot', topic: 'delivery', csat: 4 }]);
      expect(results).to.deep.equal([{ kind: 'resolved', csat: 4 }]);
    });

    it('names the agent after a session with a person, and a skipped rating records no score (en)', async () => {
      const { adapter, events, hookCalls, results } = setup('directline', afterAgent('en-US'));
      await adapter
        .send('bye')
        .assertReply((a) => expect(a.text).to.equal("Is your issue resolved now that you've spoken to Ana?"))
        .send('yes it did')
        .assertReply(en.askCsat)
        .send('skip')
        .assertReply(en.thanksSkipped)
        .assertReply(offerText)
        .startTest();
      expect(events).to.deep.equal([{ ...agentEvent, locale: 'en-US', resolved: true }]);
      expect(hookCalls).to.deep.equal([{ locale: 'en-US', how: 'agent', topic: 'refunds' }]);
      expect(results).to.deep.equal([{ kind: 'resolved' }]);
    });

    it('names the agent and lets the customer skip the rating, in Chinese', async () => {
      const { adapter, events, hookCalls, results } = setup('directline', afterAgent('zh-CN'));
      await adapter
        .send('好')
        .assertReply((a) => expect(a.text).to.equal('和Ana沟通之后，您的问题解决了吗？'))
        .send('是的')
        .assertReply(zh.askCsat)
        .send('跳过')
        .assertReply(zh.thanksSkipped)
        .assertReply(offerText)
        .startTest();
      expect(events).to.deep.equal([{ ...agentEvent, locale: 'zh-CN', resolved: true }]);
      expect(hookCalls).to.deep.equal([{ locale: 'zh-CN', how: 'agent', topic: 'refunds' }]);
      expect(results).to.deep.equal([{ kind: 'resolved' }]);
    });

    it('says sorry for a low rating, in both languages', async () => {
      const english = setup('directline', afterAnswer('en-US'));
      await english.adapter.send('hi').assertReply(en.askAfterAnswer).send('sorted, thank you').assertReply(en.askCsat).send('2 stars').assertReply(en.thanksLow).assertReply(offerText).startTest();
      const chinese = setup('directline', afterAnswer('zh-CN'));
      await chinese.adapter.send('你好').assertReply(zh.askAfterAnswer).send('搞定了').assertReply(zh.askCsat).send('1分').assertReply(zh.thanksLow).assertReply(offerText).startTest();
      expect([english.results, chinese.results]).to.deep.equal([[{ kind: 'resolved', csat: 2 }], [{ kind: 'resolved', csat: 1 }]]);
    });

    it('hands a new question asked instead of a rating back to the caller, recording no score and offering nothing', async () => {
      for (const [locale, yes, question] of [
        ['en-US', 'perfect', 'how do I return a lamp?'],
        ['zh-CN', '可以了', '怎么退货'],
      ] as const) {
        const { adapter, events, hookCalls, results } = setup('directline', afterAnswer(locale));
        await adapter.send('hi').assertReply(resolutionResponses[locale].askAfterAnswer).send(yes).assertReply(resolutionResponses[locale].askCsat).send(question).startTest();
        expect(adapter.activeQueue, locale).to.deep.equal([]);
        expect(events.map((e) => e.csat), locale).to.deep.equal([undefined]);
        expect(hookCalls, locale).to.deep.equal([]);
        expect(results, locale).to.deep.equal([{ kind: 'resolved', next: question }]);
      }
    });
  });

  describe('not resolved', () => {
    it('records the "no" and ends without a word, leaving the apology to the caller', async () => {
      for (const [locale, no] of [
        ['en-US', 'still broken'],
        ['zh-CN', '还是不行'],
      ] as const) {
        const { adapter, events, hookCalls, results } = setup('directline', afterAnswer(locale));
        await adapter.send('hi').assertReply(resolutionResponses[locale].askAfterAnswer).send(no).startTest();
        expect(adapter.activeQueue, locale).to.deep.equal([]);
        expect(events, locale).to.deep.equal([{ ...answerEvent, locale, resolved: false }]);
        expect(hookCalls, locale).to.deep.equal([]);
        expect(results, locale).to.deep.equal([{ kind: 'not-resolved' }]);
      }
    });

    it('records the answer and hands back the question asked after it, without a rating ("No, how do I…?", "是的，怎么退货？")', async () => {
      for (const [locale, reply, resolved, result] of [
        ['en-US', 'No, how do I return it?', false, { kind: 'not-resolved', next: 'how do I return it?' }],
        ['zh-CN', '是的，怎么退货？', true, { kind: 'resolved', next: '怎么退货？' }],
      ] as const) {
        const { adapter, events, hookCalls, results } = setup('directline', afterAnswer(locale));
        await adapter.send('hi').assertReply(resolutionResponses[locale].askAfterAnswer).send(reply).startTest();
        expect(adapter.activeQueue, locale).to.deep.equal([]);
        expect(events, locale).to.deep.equal([{ ...answerEvent, locale, resolved }]);
        expect(hookCalls, locale).to.deep.equal([]);
        expect(results, locale).to.deep.equal([result]);
      }
    });

    it('takes the No button after a person, and "2" from a numbered list on a channel without buttons', async () => {
      const agent = setup('directline', afterAgent('en-US'));
      await agent.adapter.send('hi').assertReply(() => undefined).send({ type: 'message', text: 'No', value: { warmline: 'resolution.no' } }).startTest();
      expect(agent.events).to.deep.equal([{ ...agentEvent, locale: 'en-US', resolved: false }]);
      const sms = setup('sms', afterAnswer('zh-CN'));
      await sms.adapter
        .send('hi')
        .assertReply((a) => expect(a.text).to.equal(`${zh.askAfterAnswer}\n\n1. 解决了\n2. 没解决`))
        .send('2')
        .startTest();
      expect(sms.results).to.deep.equal([{ kind: 'not-resolved' }]);
    });
  });

  describe('unclear', () => {
    it('hands a reply that is neither yes nor no back as a new question, recording nothing', async () => {
      for (const [locale, question] of [
        ['en-US', 'how do I return a lamp?'],
        ['zh-CN', '怎么退货'],
      ] as const) {
        const { adapter, events, results } = setup('directline', afterAnswer(locale));
        await adapter.send('hi').assertReply(resolutionResponses[locale].askAfterAnswer).send(question).startTest();
        expect(adapter.activeQueue, locale).to.deep.equal([]);
        expect(events, locale).to.deep.equal([]);
        expect(results, locale).to.deep.equal([{ kind: 'unclear', text: question }]);
      }
    });
  });

  describe('a reply the FAQ answers', () => {
    /** The FAQ stand-in: answers these texts, and records every question it was asked. */
    function faq(answered: readonly string[]) {
      const asked: Parameters<AnswersQuestion>[0][] = [];
      const answers: AnswersQuestion = (question) => {
        asked.push(question);
        return answered.includes(question.text);
      };
      return { asked, answers };
    }

    it('is a new question when it says more than yes or no, asked in the context of the answer just given; nothing is recorded', async () => {
      for (const [locale, reply] of [
        ['en-US', 'no the parcel is still missing'],
        ['zh-CN', '我试了还是没用'],
      ] as const) {
        const stub = faq([reply]);
        const { adapter, events, results } = setup('directline', afterAnswer(locale), stub.answers);
        await adapter.send('hi').assertReply(resolutionResponses[locale].askAfterAnswer).send(reply).startTest();
        expect(events, locale).to.deep.equal([]);
        expect(results, locale).to.deep.equal([{ kind: 'unclear', text: reply }]);
        expect(stub.asked, locale).to.deep.equal([{ text: reply, locale, contextEntryId: '1' }]);
      }
    });

    it('is still an answer when it is a bare yes or no, whatever the FAQ would say ("not really", "还没")', async () => {
      for (const [locale, reply] of [
        ['en-US', 'not really'],
        ['zh-CN', '还没'],
      ] as const) {
        const stub = faq([reply]);
        const { events, results, adapter } = setup('directline', afterAnswer(locale), stub.answers);
        await adapter.send('hi').assertReply(resolutionResponses[locale].askAfterAnswer).send(reply).startTest();
        expect(events.map((e) => e.resolved), locale).to.deep.equal([false]);
        expect(results, locale).to.deep.equal([{ kind: 'not-resolved' }]);
        expect(stub.asked, locale).to.deep.equal([]);
      }
    });

    it('is still a "no" when the FAQ has no confident answer for it', async () => {
      const { adapter, results } = setup('directline', afterAnswer('en-US'), faq([]).answers);
      await adapter.send('hi').assertReply(en.askAfterAnswer).send('no the parcel is still missing').startTest();
      expect(results).to.deep.equal([{ kind: 'not-resolved' }]);
    });

    it('is a new question at the rating prompt too, with no rating recorded and nothing offered', async () => {
      const reply = 'thanks but it still says pending';
      const { adapter, events, hookCalls, results } = setup('directline', afterAnswer('en-US'), faq([reply]).answers);
      await adapter.send('hi').assertReply(en.askAfterAnswer).send('yes').assertReply(en.askCsat).send(reply).startTest();
      expect(events.map((e) => e.csat)).to.deep.equal([undefined]);
      expect(hookCalls).to.deep.equal([]);
      expect(results).to.deep.equal([{ kind: 'resolved', next: reply }]);
    });
  });

  describe('button values', () => {
    it('ignores values that are not its own, or not valid, and reads the text instead', async () => {
      const first = setup('directline', afterAnswer('en-US'));
      await first.adapter.send('hi').assertReply(en.askAfterAnswer).send({ type: 'message', text: 'not really', value: { warmline: 'resolution.maybe' } }).startTest();
      expect(first.results).to.deep.equal([{ kind: 'not-resolved' }]);

      const second = setup('directline', afterAnswer('en-US'));
      await second.adapter
        .send('hi')
        .assertReply(en.askAfterAnswer)
        .send({ type: 'message', text: 'yes', value: { warmline: 'faq.none' } })
        .assertReply(en.askCsat)
        .send({ type: 'message', text: '4', value: { warmline: 'resolution.csat', score: 7 } })
        .assertReply(en.thanksHigh)
        .assertReply(offerText)
        .startTest();
      expect(second.events.map((e) => e.csat)).to.deep.equal([undefined, 4]);
    });

    it('takes a follow-up prompt of the answer, pressed instead of yes or no, as a new question (even one whose label reads as "no")', async () => {
      const { adapter, events, results } = setup('directline', afterAnswer('en-US'));
      const text = "No, I didn't get the code";
      await adapter.send('hi').assertReply(en.askAfterAnswer).send({ type: 'message', text, value: { warmline: 'faq.prompt', entryId: '40' } }).startTest();
      expect(results).to.deep.equal([{ kind: 'unclear', text }]);
      expect(events).to.deep.equal([]);
    });

    it('takes a rating only as a whole number from 1 to 5', async () => {
      const { adapter, events, results } = setup('directline', afterAnswer('en-US'));
      await adapter
        .send('hi')
        .assertReply(en.askAfterAnswer)
        .send({ type: 'message', text: 'Yes', value: { warmline: 'resolution.yes' } })
        .assertReply(en.askCsat)
        .send({ type: 'message', text: '10', value: { warmline: 'resolution.csat', score: '5' } })
        .startTest();
      expect(events.map((e) => e.csat)).to.deep.equal([undefined]);
      expect(results).to.deep.equal([{ kind: 'resolved', next: '10' }]);
    });
  });
});
