import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import type { Activity, CardAction, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogState } from 'botbuilder-dialogs';
import { ContactRequestDialog, contactRequestDialogId, readPhoneNumber } from '../../dialogs/contactRequestDialog';
import type { ContactRequestOptions, ContactRequestResult } from '../../dialogs/contactRequestDialog';
import { contactResponses } from '../../dialogs/contactResponses';

/** Monday 23 November 2026, 10:30 in London, 18:30 in Shanghai. */
const now = new Date('2026-11-23T10:30:00Z');
const en = contactResponses['en-US'];
const zh = contactResponses['zh-CN'];

const base = (locale: ContactRequestOptions['locale'], extra: Partial<ContactRequestOptions> = {}): ContactRequestOptions => ({
  locale,
  why: 'no-agent',
  queueName: locale === 'en-US' ? 'Orders' : '订单客服',
  timeZone: 'Europe/London',
  ...extra,
});

function setup(channelId: string, options: ContactRequestOptions) {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
  dialogs.add(new ContactRequestDialog(() => now));
  const results: ContactRequestResult[] = [];
  const adapter = new TestAdapter(
    async (context: TurnContext) => {
      const dc = await dialogs.createContext(context);
      let result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) result = await dc.beginDialog(contactRequestDialogId, options);
      if (result.status === DialogTurnStatus.complete) results.push(result.result as ContactRequestResult);
      await state.saveChanges(context);
    },
    { channelId } as Partial<Activity> as never,
  );
  return { adapter, results };
}

const actions = (a: Partial<Activity>): CardAction[] => a.suggestedActions?.actions ?? [];
const heroText = (a: Partial<Activity>): string | undefined => (a.attachments?.[0]?.content as { text?: string } | undefined)?.text;
const heroButtons = (a: Partial<Activity>): CardAction[] => (a.attachments?.[0]?.content as { buttons?: CardAction[] } | undefined)?.buttons ?? [];
const press = (text: string, value: object, extra: Partial<Activity> = {}): Partial<Activity> => ({ type: 'message', text, value, ...extra });
const say = (text: string, extra: Partial<Activity> = {}): Partial<Activity> => ({ type: 'message', text, ...extra });

describe('ContactRequestDialog', () => {
  describe('why no person can take it', () => {
    it('says when a closed team opens again, in the customer\'s language, and offers three buttons (Web Chat)', async () => {
      const { adapter } = setup('directline', base('en-US', { why: 'closed', nextOpening: '2026-11-24T09:00:00Z' }));
      await adapter
        .send('agent')
        .assertReply((a) => {
          expect(a.text).to.equal("Our Orders team is closed right now. They're back on Tuesday 24 November, 09:00 (Europe/London time). Rather than wait, I can take a message for the team or book a call back at a time that suits you. Which would you prefer?");
          expect(actions(a).map((x) => [x.title, x.value])).to.deep.equal([
            ['Leave a message', { warmline: 'contact.message' }],
            ['Book a callback', { warmline: 'contact.callback' }],
            ['No thanks', { warmline: 'contact.decline' }],
          ]);
        })
        .startTest();
    });

    it('says it in Chinese on a Teams card, with the opening time on the customer\'s own clock', async () => {
      const { adapter } = setup('msteams', base('zh-CN', { why: 'closed', nextOpening: '2026-11-24T09:00:00Z' }));
      await adapter
        .send(say('人工', { localTimezone: 'Asia/Shanghai' }))
        .assertReply((a) => {
          expect(heroText(a)).to.equal('订单客服目前不在服务时间，将于11月24日 星期二 17:00（Asia/Shanghai 时间）恢复服务。您不必一直等待：我可以帮您给客服留言，或者按您方便的时间预约电话回拨。您想选哪一种？');
          expect(heroButtons(a).map((b) => b.title)).to.deep.equal(['留言', '预约回电', '不用了']);
        })
        .startTest();
    });

    it('says every person is busy, or apologises for a long wait (P7), in both languages', async () => {
      const cases = [
        [base('en-US', { why: 'no-agent' }), en.noAgent('Orders')],
        [base('zh-CN', { why: 'no-agent' }), zh.noAgent('订单客服')],
        [base('en-US', { why: 'timeout' }), "I'm sorry you've waited so long. Nobody from our Orders team has been able to pick up your chat yet."],
        [base('zh-CN', { why: 'timeout' }), '非常抱歉让您久等了。订单客服的客服人员还没能接入您的对话。'],
      ] as const;
      for (const [options, reason] of cases) {
        const { adapter } = setup('directline', options);
        await adapter
          .send('hi')
          .assertReply((a) => expect(a.text).to.equal(contactResponses[options.locale].offer(reason)))
          .startTest();
      }
    });
  });

  describe('callback', () => {
    it('books "tomorrow at 3pm" in the queue\'s zone and confirms the time and the masked number (en)', async () => {
      const { adapter, results } = setup('directline', base('en-US'));
      await adapter
        .send('agent')
        .assertReply(() => undefined)
        .send(press('Book a callback', { warmline: 'contact.callback' }))
        .assertReply('When would you like us to call you? For example, "tomorrow at 3pm" or "Friday 10am" (Europe/London time).')
        .send('tomorrow at 3pm')
        .assertReply(en.askPhone)
        .send('07700 900123')
        .assertReply("Booked: we'll call •••123 on Tuesday 24 November, 15:00 (Europe/London time). If you need anything before then, just ask.")
        .startTest();
      expect(results).to.deep.equal([{ kind: 'callback', at: '2026-11-24T15:00:00.000Z', phone: '07700900123' }]);
    });

    it('reads the time on the customer\'s own clock when Web Chat sends localTimezone, and offers the number on file (en)', async () => {
      const { adapter, results } = setup('directline', base('en-US', { knownPhone: '+86 138 0013 8000' }));
      const shanghai = { localTimezone: 'Asia/Shanghai' };
      await adapter
        .send(say('agent', shanghai))
        .assertReply(() => undefined)
        .send(press('Book a callback', { warmline: 'contact.callback' }, shanghai))
        .assertReply((a) => expect(a.text).to.contain('(Asia/Shanghai time)'))
        .send(say('tomorrow at 3pm', shanghai))
        .assertReply((a) => {
          expect(a.text).to.equal('Shall we call you on •••000?');
          expect(actions(a).map((x) => [x.title, x.value])).to.deep.equal([
            ['Yes', { warmline: 'contact.knownPhone', use: true }],
            ['No, another number', { warmline: 'contact.knownPhone', use: false }],
          ]);
        })
        .send(press('Yes', { warmline: 'contact.knownPhone', use: true }, shanghai))
        .assertReply("Booked: we'll call •••000 on Tuesday 24 November, 15:00 (Asia/Shanghai time). If you need anything before then, just ask.")
        .startTest();
      expect(results).to.deep.equal([{ kind: 'callback', at: '2026-11-24T07:00:00.000Z', phone: '+86 138 0013 8000' }]);
    });

    it('books "明天下午三点" in Shanghai time with the number on file, in Chinese', async () => {
      const { adapter, results } = setup('directline', base('zh-CN', { knownPhone: '13800138000' }));
      const shanghai = { localTimezone: 'Asia/Shanghai' };
      await adapter
        .send(say('转人工', shanghai))
        .assertReply(() => undefined)
        .send(say('预约回电', shanghai))
        .assertReply('您希望我们什么时候给您回电？例如“明天下午三点”或“周五上午10点”（按 Asia/Shanghai 时间）。')
        .send(say('明天下午三点', shanghai))
        .assertReply('我们拨打您的号码 •••000 可以吗？')
        .send(say('可以', shanghai))
        .assertReply('已预约：我们将在11月24日 星期二 15:00（Asia/Shanghai 时间）拨打 •••000。在此之前有任何需要，随时问我。')
        .startTest();
      expect(results).to.deep.equal([{ kind: 'callback', at: '2026-11-24T07:00:00.000Z', phone: '13800138000' }]);
    });

    it('takes the time from "call me tomorrow at 3pm" at once, and another number when the one on file is refused', async () => {
      const { adapter, results } = setup('directline', base('en-US', { knownPhone: '07700900123' }));
      await adapter
        .send('agent')
        .assertReply(() => undefined)
        .send('call me tomorrow at 3pm')
        .assertReply('Shall we call you on •••123?')
        .send(press('No, another number', { warmline: 'contact.knownPhone', use: false }))
        .assertReply(en.askPhone)
        .send('+44 20 7946 0958')
        .assertReply((a) => expect(a.text).to.match(/^Booked: we'll call •••958 on Tuesday 24 November, 15:00/))
        .startTest();
      expect(results).to.deep.equal([{ kind: 'callback', at: '2026-11-24T15:00:00.000Z', phone: '+442079460958' }]);
    });

    it('asks once more when the time is not understood, then books it', async () => {
      const { adapter, results } = setup('directline', base('en-US'));
      await adapter
        .send('agent')
        .assertReply(() => undefined)
        .send(press('Book a callback', { warmline: 'contact.callback' }))
        .assertReply(() => undefined)
        .send('whenever suits you')
        .assertReply(en.whenAgain['not-understood'])
        .send('Friday 10am')
        .assertReply(en.askPhone)
        .send('07700 900123')
        .assertReply((a) => expect(a.text).to.contain('Friday 27 November, 10:00 (Europe/London time)'))
        .startTest();
      expect(results[0]).to.include({ kind: 'callback', at: '2026-11-27T10:00:00.000Z' });
    });

    it('says a past time has passed, a far one is too far, and gives up kindly after the second try (en)', async () => {
      const { adapter, results } = setup('directline', base('en-US'));
      await adapter
        .send('agent')
        .assertReply(() => undefined)
        .send('2')
        .assertReply((a) => expect(a.text).to.match(/^When would you like us to call you\?/))
        .send('yesterday at 3pm')
        .assertReply('That time has already passed. When else would suit you?')
        .send('Dec 25 at 3pm')
        .assertReply(en.whenGaveUp)
        .startTest();
      expect(results).to.deep.equal([{ kind: 'declined' }]);
    });

    it('says a far time is too far, and gives up kindly after the second try (zh)', async () => {
      const { adapter, results } = setup('directline', base('zh-CN'));
      await adapter
        .send('人工')
        .assertReply(() => undefined)
        .send('回电')
        .assertReply(() => undefined)
        .send('12月25日下午3点')
        .assertReply('回电最多只能预约 14 天以内的时间。可以选一个更近的时间吗？')
        .send('昨天下午三点')
        .assertReply(zh.whenGaveUp)
        .startTest();
      expect(results).to.deep.equal([{ kind: 'declined' }]);
    });

    it('asks once more for a number it cannot read, then gives up kindly', async () => {
      const english = setup('directline', base('en-US'));
      await english.adapter
        .send('agent')
        .assertReply(() => undefined)
        .send('callback')
        .assertReply(() => undefined)
        .send('tomorrow at 3pm')
        .assertReply(en.askPhone)
        .send('my number is 12')
        .assertReply(en.phoneAgain)
        .send('(555) 123-4567')
        .assertReply((a) => expect(a.text).to.match(/^Booked: we'll call •••567 on/))
        .startTest();
      expect(english.results[0]).to.include({ kind: 'callback', phone: '5551234567' });

      const chinese = setup('directline', base('zh-CN'));
      await chinese.adapter
        .send('人工')
        .assertReply(() => undefined)
        .send('打电话')
        .assertReply(() => undefined)
        .send('明天下午三点')
        .assertReply(zh.askPhone)
        .send('不知道')
        .assertReply(zh.phoneAgain)
        .send('还是不告诉你')
        .assertReply(zh.phoneGaveUp)
        .startTest();
      expect(chinese.results).to.deep.equal([{ kind: 'declined' }]);
    });
  });

  describe('message', () => {
    it('takes a message and confirms it back, masked (en)', async () => {
      const { adapter, results } = setup('directline', base('en-US'));
      const message = 'The lamp arrived broken. Card 4111 1111 1111 1111 was charged twice.';
      await adapter
        .send('agent')
        .assertReply(() => undefined)
        .send(press('Leave a message', { warmline: 'contact.message' }))
        .assertReply('What would you like us to know? A person will reply here as soon as they can.')
        .send(message)
        .assertReply('Thank you, I\'ve passed this on to the team: "The lamp arrived broken. Card •••• 1111 was charged twice.". A person will reply here as soon as they can.')
        .startTest();
      expect(results).to.deep.equal([{ kind: 'message', text: message }]);
    });

    it('takes a message typed as "留言" (zh)', async () => {
      const { adapter, results } = setup('directline', base('zh-CN'));
      await adapter
        .send('人工')
        .assertReply(() => undefined)
        .send('我要留言')
        .assertReply(zh.askMessage)
        .send('台灯坏了，请联系我')
        .assertReply('谢谢，您的留言已转交客服：“台灯坏了，请联系我”。客服人员会尽快在这里回复您。')
        .startTest();
      expect(results).to.deep.equal([{ kind: 'message', text: '台灯坏了，请联系我' }]);
    });

    it('lets the customer change their mind with an earlier button', async () => {
      const { adapter, results } = setup('directline', base('en-US'));
      await adapter
        .send('agent')
        .assertReply(() => undefined)
        .send(press('Book a callback', { warmline: 'contact.callback' }))
        .assertReply(() => undefined)
        .send(press('Leave a message', { warmline: 'contact.message' }))
        .assertReply(en.askMessage)
        .send('Please email me instead')
        .assertReply(() => undefined)
        .startTest();
      expect(results).to.deep.equal([{ kind: 'message', text: 'Please email me instead' }]);
    });
  });

  describe('declined', () => {
    it('says it is still here to help after "No thanks", in both languages', async () => {
      const english = setup('directline', base('en-US'));
      await english.adapter.send('agent').assertReply(() => undefined).send(press('No thanks', { warmline: 'contact.decline' })).assertReply("All right. I'm still here to help with anything else.").startTest();
      const chinese = setup('directline', base('zh-CN'));
      await chinese.adapter.send('人工').assertReply(() => undefined).send('不用了').assertReply('好的。还有其他问题，随时问我。').startTest();
      expect([english.results, chinese.results]).to.deep.equal([[{ kind: 'declined' }], [{ kind: 'declined' }]]);
    });

    it('hands anything else at the first step back as a new question, saying nothing', async () => {
      for (const [locale, question] of [
        ['en-US', 'how do I return a lamp?'],
        ['zh-CN', '怎么退货'],
      ] as const) {
        const { adapter, results } = setup('directline', base(locale));
        await adapter.send('hi').assertReply(() => undefined).send(question).startTest();
        expect(adapter.activeQueue, locale).to.deep.equal([]);
        expect(results, locale).to.deep.equal([{ kind: 'declined', text: question }]);
      }
    });
  });

  describe('button values', () => {
    it('ignores values that are not its own, or not valid', async () => {
      const first = setup('directline', base('en-US'));
      await first.adapter.send('agent').assertReply(() => undefined).send(press('hello there', { warmline: 'contact.transfer' })).startTest();
      expect(first.results).to.deep.equal([{ kind: 'declined', text: 'hello there' }]);

      const second = setup('directline', base('en-US', { knownPhone: '07700900123' }));
      await second.adapter
        .send('agent')
        .assertReply(() => undefined)
        .send('call me tomorrow at 3pm')
        .assertReply('Shall we call you on •••123?')
        .send(press('', { warmline: 'contact.knownPhone', use: 'yes' }))
        .assertReply(en.askPhone)
        .startTest();
      expect(second.results).to.deep.equal([]);
    });
  });

  it('reads phone numbers as + and digits only', () => {
    expect(readPhoneNumber('my number is +86 138-0013-8000', 'en-US')).to.equal('+8613800138000');
    expect(readPhoneNumber('我的电话是13800138000', 'zh-CN')).to.equal('13800138000');
    expect(readPhoneNumber('12345', 'en-US')).to.equal(undefined);
    expect(readPhoneNumber('tomorrow', 'en-US')).to.equal(undefined);
  });
});
