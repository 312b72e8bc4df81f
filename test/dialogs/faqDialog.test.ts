import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import type { Activity, CardAction, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogState } from 'botbuilder-dialogs';
import { FaqDialog, faqDialogId } from '../../dialogs/faqDialog';
import type { FaqDialogOptions, FaqOutcome, OfferedChoices } from '../../dialogs/faqDialog';
import { readButtonValue } from '../../dialogs/faqRendering';
import { dialogResponses } from '../../dialogs/responses';
import { ActiveLearning } from '../../knowledge/activeLearning';
import type { AnswerThresholds } from '../../knowledge/answerPolicy';
import { chooseLocale } from '../../locale/locale';
import { fixtureFaqService } from '../support/faqFixture';

/** Never answers outright: every question becomes "Did you mean…?" with three choices. */
const alwaysSuggest: AnswerThresholds = { answer: 1, margin: 1.01, suggest: 0, maxSuggestions: 3 };

function setup(channelId: string, thresholds?: AnswerThresholds) {
  const storage = new MemoryStorage();
  const learning = new ActiveLearning(storage);
  const state = new ConversationState(storage);
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
  const choicesOffered: OfferedChoices[] = [];
  dialogs.add(new FaqDialog(fixtureFaqService(thresholds), learning, undefined, async (_context, offered) => void choicesOffered.push(offered)));
  const outcomes: FaqOutcome[] = [];
  let lastEntryId: string | undefined;
  const adapter = new TestAdapter(async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    let result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      const text = context.activity.text ?? '';
      const options: FaqDialogOptions = { text, locale: chooseLocale({ text, activityLocale: context.activity.locale }), contextEntryId: lastEntryId, button: readButtonValue(context.activity.value) };
      result = await dc.beginDialog(faqDialogId, options);
    }
    if (result.status === DialogTurnStatus.complete) {
      const outcome = result.result as FaqOutcome;
      outcomes.push(outcome);
      if (outcome.kind === 'answered') lastEntryId = outcome.entryId;
    }
    await state.saveChanges(context);
  }, { channelId } as Partial<Activity> as never);
  return { adapter, learning, outcomes, choicesOffered, storage };
}

const actions = (a: Partial<Activity>): CardAction[] => a.suggestedActions?.actions ?? [];

describe('FaqDialog', () => {
  describe('answers', () => {
    it('answers in English with follow-up prompts on a card beside the text on Web Chat (they outlive the next message)', async () => {
      const { adapter, outcomes } = setup('directline');
      await adapter
        .send('How long does delivery take?')
        .assertReply((a) => {
          expect(a.text).to.equal('Standard delivery takes **3–5 working days**.');
          // Not suggested actions: the resolution check that follows would replace them.
          expect(a.suggestedActions).to.equal(undefined);
          const card = a.attachments?.[0];
          expect(card?.contentType).to.equal('application/vnd.microsoft.card.hero');
          const buttons = (card?.content as { buttons: CardAction[] }).buttons;
          expect(buttons.map((x) => [x.type, x.title])).to.deep.equal([['messageBack', 'It has been longer than that']]);
          expect(buttons[0]?.value).to.deep.equal({ warmline: 'faq.prompt', entryId: '2' });
        })
        .startTest();
      expect(outcomes).to.deep.equal([{ kind: 'answered', entryId: '1', question: 'How long does delivery take?', topic: 'delivery', locale: 'en-US', via: 'match', escalation: undefined }]);
    });

    it('answers in Chinese and renders prompts as card buttons on Teams, the answer as the message text', async () => {
      const { adapter } = setup('msteams');
      await adapter
        .send({ type: 'message', text: '配送要多久？', locale: 'zh-CN' })
        .assertReply((a) => {
          expect(a.text).to.equal('标准配送需要 **3–5 个工作日**。');
          const card = a.attachments?.[0];
          expect(card?.contentType).to.equal('application/vnd.microsoft.card.hero');
          const content = card?.content as { text?: string; buttons: CardAction[] };
          expect(content.text).to.equal(undefined);
          expect(content.buttons.map((b) => b.title)).to.deep.equal(['已经超过这个时间了']);
        })
        .startTest();
    });

    it('routes a question written in the other language to that language\'s base', async () => {
      const { adapter, outcomes } = setup('directline');
      await adapter.send({ type: 'message', text: '忘记密码', locale: 'en-US' }).assertReply((a) => expect(a.text).to.contain('忘记密码')).startTest();
      expect(outcomes[0]).to.include({ kind: 'answered', entryId: '5', locale: 'zh-CN' });
    });
  });

  describe('multi-turn prompts', () => {
    it('answers the prompt\'s entry when its button is pressed', async () => {
      const { adapter, outcomes } = setup('directline');
      await adapter
        .send('How long does delivery take?')
        .assertReply(() => undefined)
        .send({ type: 'message', text: 'It has been longer than that', value: { warmline: 'faq.prompt', entryId: '2' } })
        .assertReply((a) => expect(a.text).to.match(/^Sorry about the wait/))
        .startTest();
      expect(outcomes.map((o) => o.kind === 'answered' && o.via)).to.deep.equal(['match', 'prompt']);
    });

    it('matches a context-only follow-up typed by hand only right after its parent', async () => {
      const { adapter, outcomes } = setup('directline');
      await adapter
        .send('it has been longer than that')
        .assertReply((a) => expect(a.text).to.not.match(/^Sorry about the wait/))
        .send('How long does delivery take?')
        .assertReply(() => undefined)
        .send('it has been longer than that')
        .assertReply((a) => expect(a.text).to.match(/^Sorry about the wait/))
        .startTest();
      expect(outcomes[0]).to.not.include({ entryId: '2' });
      expect(outcomes[2]).to.include({ kind: 'answered', entryId: '2' });
    });
  });

  describe('did you mean', () => {
    it('offers up to three choices plus "None of these" and answers the one pressed, learning the phrasing', async () => {
      const { adapter, learning, outcomes, choicesOffered } = setup('directline', alwaysSuggest);
      let offered: CardAction[] = [];
      await adapter
        .send('money back please')
        .assertReply((a) => {
          expect(a.text).to.equal(dialogResponses['en-US'].didYouMean);
          offered = actions(a);
          expect(offered).to.have.length(4);
          expect(offered[3]).to.deep.include({ title: 'None of these', value: { warmline: 'faq.none' } });
        })
        .send({ type: 'message', text: 'When will I get my refund?', value: { warmline: 'faq.choose', entryId: '4' } })
        .assertReply((a) => expect(a.text).to.match(/^Refunds reach your card/))
        .startTest();
      expect(offered.slice(0, 3).some((x) => (x.value as { entryId?: string }).entryId === '4')).to.equal(true);
      // The host is told what was offered and the best choice's topic (routing reads it until a pick).
      const bestId = (offered[0]?.value as { entryId: string }).entryId;
      expect(choicesOffered).to.have.length(1);
      expect(choicesOffered[0]?.entryIds).to.deep.equal(offered.slice(0, 3).map((x) => (x.value as { entryId: string }).entryId));
      expect(choicesOffered[0]?.topic).to.equal(fixtureFaqService().entry('en-US', bestId)?.metadata.topic);
      expect(choicesOffered[0]?.topic).to.be.a('string');
      expect(outcomes[0]).to.include({ kind: 'answered', entryId: '4', via: 'choice' });
      const [learned] = await learning.suggestedAlternates('en-US');
      expect(learned).to.deep.include({ entryId: '4' });
      expect(learned?.alternates[0]).to.include({ text: 'money back please', count: 1 });
    });

    it('understands a choice typed as a number, in Chinese too', async () => {
      const { adapter, outcomes } = setup('directline', alwaysSuggest);
      let second = '';
      await adapter
        .send({ type: 'message', text: '钱退了吗', locale: 'zh-CN' })
        .assertReply((a) => {
          expect(a.text).to.equal(dialogResponses['zh-CN'].didYouMean);
          second = (actions(a)[1]?.value as { entryId: string }).entryId;
        })
        .send({ type: 'message', text: '第二个', locale: 'zh-CN' })
        .assertReply(() => undefined)
        .startTest();
      expect(outcomes[0]).to.include({ kind: 'answered', entryId: second, via: 'choice', locale: 'zh-CN' });
    });

    it('records "None of these" as unanswered, apologises, and reports a no-match', async () => {
      const { adapter, learning, outcomes } = setup('directline', alwaysSuggest);
      await adapter
        .send({ type: 'message', text: '能寄到火星吗', locale: 'zh-CN' })
        .assertReply(() => undefined)
        .send({ type: 'message', text: '都不是', locale: 'zh-CN' })
        .assertReply(dialogResponses['zh-CN'].noneChosen)
        .startTest();
      expect(outcomes).to.deep.equal([{ kind: 'no-match', locale: 'zh-CN', via: 'none-of-these', query: '能寄到火星吗' }]);
      expect((await learning.unanswered('zh-CN'))[0]).to.include({ text: '能寄到火星吗', count: 1 });
    });

    it('treats a new question typed instead of a choice as a new question', async () => {
      const { adapter } = setup('directline', alwaysSuggest);
      await adapter
        .send('money back please')
        .assertReply(() => undefined)
        .send('How long does delivery take?')
        .assertReply((a) => expect(a.text).to.equal(dialogResponses['en-US'].didYouMean))
        .startTest();
    });

    it('ignores a forged button value and treats the text as a question', async () => {
      const { adapter, outcomes } = setup('directline', alwaysSuggest);
      await adapter
        .send('money back please')
        .assertReply(() => undefined)
        .send({ type: 'message', text: 'refund status', value: { warmline: 'faq.choose', entryId: '../../etc' } })
        .assertReply((a) => expect(a.text).to.equal(dialogResponses['en-US'].didYouMean))
        .startTest();
      expect(outcomes).to.deep.equal([]);
    });

    it('takes the answer to a "Did you mean…?" that the earlier component version left waiting', async () => {
      const { adapter, learning, outcomes, storage } = setup('directline', alwaysSuggest);
      const options: FaqDialogOptions = { text: 'money back please', locale: 'en-US' };
      const pending = { query: 'money back please', locale: 'en-US', entryIds: ['4', '1'], titles: ['When will I get my refund?', 'How long does delivery take?'] };
      // What a FaqDialog made of a component and a two-step waterfall saved, waiting at its first step.
      const waiting = { id: faqDialogId, state: { dialogs: { dialogStack: [{ id: `${faqDialogId}.flow`, state: { options, values: { instanceId: 'i-1', pending }, stepIndex: 0 } }] } } };
      await storage.write({ 'directline/conversations/Convo1/': { dialogState: { dialogStack: [waiting] }, eTag: '*' } });
      await adapter
        .send({ type: 'message', text: 'When will I get my refund?', value: { warmline: 'faq.choose', entryId: '4' } })
        .assertReply((a) => expect(a.text).to.match(/^Refunds reach your card/))
        .startTest();
      expect(outcomes).to.deep.equal([{ kind: 'answered', entryId: '4', question: 'When will I get my refund?', topic: 'refunds', locale: 'en-US', via: 'choice', escalation: undefined }]);
      expect((await learning.suggestedAlternates('en-US'))[0]?.alternates[0]).to.include({ text: 'money back please' });
    });

    it('lists the choices as numbered text on a channel without buttons', async () => {
      const { adapter } = setup('sms', alwaysSuggest);
      await adapter
        .send('money back please')
        .assertReply((a) => {
          expect(a.suggestedActions).to.equal(undefined);
          expect(a.text).to.match(/\n1\. .+\n2\. .+\n3\. .+\n4\. None of these$/);
        })
        .send('4')
        .assertReply(dialogResponses['en-US'].noneChosen)
        .startTest();
    });
  });

  describe('no match', () => {
    it('says so plainly, apologises and records the question, in both languages', async () => {
      const { adapter, learning, outcomes } = setup('directline');
      await adapter
        .send('zzqx blorf wibble')
        .assertReply(dialogResponses['en-US'].noMatch)
        .send({ type: 'message', text: '今天天气怎么样', locale: 'zh-CN' })
        .assertReply(dialogResponses['zh-CN'].noMatch)
        .startTest();
      expect(outcomes.map((o) => [o.kind, o.locale])).to.deep.equal([
        ['no-match', 'en-US'],
        ['no-match', 'zh-CN'],
      ]);
      expect((await learning.unanswered('en-US')).map((u) => u.text)).to.deep.equal(['zzqx blorf wibble']);
    });

    it('survives huge, emoji-only and mixed-script messages', async () => {
      const { adapter, outcomes } = setup('directline');
      await adapter
        .send('refund '.repeat(3000))
        .assertReply(() => undefined)
        .send('🙂🙂🙂')
        .assertReply(() => undefined)
        .send({ type: 'message', text: 'iPhone 退货 refund 怎么办', locale: 'zh-CN' })
        .assertReply(() => undefined)
        .startTest();
      expect(outcomes).to.have.length(3);
    });
  });
});
