import { expect } from 'chai';
import { botHarness, mondayMorning } from '../support/botHarness';
import type { BotHarness, Party } from '../support/botHarness';
import { joinEventName } from '../../bots/warmlineBot';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { dialogResponses } from '../../dialogs/responses';
import type { SupportedLocale } from '../../locale/locale';

const customer = (n: number, locale: SupportedLocale): Party => ({ userId: `guard-customer-${n}`, conversationId: `guard-conv-${n}`, locale });
const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' };
const li: Party = { userId: 'agent-li', conversationId: 'conv-li' };

/** "Not resolved" answers counted for the fixture's delivery topic. */
async function notResolved(h: BotHarness): Promise<number> {
  const [delivery] = await h.resolutions.topics(['delivery']);
  return delivery?.notResolvedByBot ?? 0;
}

/** The delivery answer with its resolution check, in the customer's language. */
const deliveryQuestion: Readonly<Record<SupportedLocale, string>> = { 'en-US': 'How long does delivery take?', 'zh-CN': '配送要多久？' };

describe('guardrails: what the customer types at a prompt (whole bot)', () => {
  describe('a new question typed where the bot expects yes or no', () => {
    for (const [locale, question, answer] of [
      ['en-US', 'no idea where my parcel is', 'Standard delivery takes'],
      // A follow-up of the delivery answer: the customer's words match it in that context.
      ['zh-CN', '我的包裹还没到', '抱歉让您久等了'],
    ] as const) {
      it(`${locale}: "${question}" at "did that solve it?" is answered, and nothing is recorded as not resolved`, async () => {
        const h = botHarness({ now: () => mondayMorning });
        const c = customer(1, locale);
        let sent = await h.say(c, deliveryQuestion[locale]);
        expect(sent.all(c.conversationId)).to.contain(resolutionResponses[locale].askAfterAnswer);
        sent = await h.say(c, question);
        const texts = sent.texts(c.conversationId);
        expect(texts[0]).to.contain(answer);
        expect(texts).to.not.include(dialogResponses[locale].tryAgain);
        expect(sent.all(c.conversationId)).to.contain(resolutionResponses[locale].askAfterAnswer);
        expect(await notResolved(h)).to.equal(0);
      });
    }

    it('still takes a short no as no, in both languages ("no", "not really", "没有", "还没")', async () => {
      for (const [n, locale, no] of [
        [2, 'en-US', 'no'],
        [3, 'en-US', 'not really'],
        [4, 'zh-CN', '没有'],
        [5, 'zh-CN', '还没'],
      ] as const) {
        const h = botHarness({ now: () => mondayMorning });
        const c = customer(n, locale);
        await h.say(c, deliveryQuestion[locale]);
        const sent = await h.say(c, no);
        expect(sent.texts(c.conversationId), no).to.deep.equal([dialogResponses[locale].tryAgain]);
        expect(await notResolved(h), no).to.equal(1);
      }
    });

    it('answers the question typed after the answer ("No, how do I return an item?", "是的，怎么退货？"), and records the answer', async () => {
      for (const [n, locale, reply, answer, resolved] of [
        [12, 'en-US', 'No, how do I return an item?', 'You can return any item within 30 days', false],
        [13, 'zh-CN', '是的，怎么退货？', '30 天内可以在', true],
      ] as const) {
        const h = botHarness({ now: () => mondayMorning });
        const c = customer(n, locale);
        await h.say(c, deliveryQuestion[locale]);
        const sent = await h.say(c, reply);
        const texts = sent.texts(c.conversationId);
        expect(texts[0], locale).to.contain(answer);
        expect(texts, locale).to.not.include(dialogResponses[locale].tryAgain);
        expect(sent.all(c.conversationId), locale).to.not.contain(resolutionResponses[locale].askCsat);
        const [delivery] = await h.resolutions.topics(['delivery']);
        expect(delivery, locale).to.include(resolved ? { resolvedByBot: 1, notResolvedByBot: 0 } : { resolvedByBot: 0, notResolvedByBot: 1 });
      }
    });

    for (const [n, locale, followUp] of [
      [14, 'en-US', 'Sorry about the wait'],
      [15, 'zh-CN', '抱歉让您久等了'],
    ] as const) {
      it(`${locale}: the answer's follow-up button still shows after "did that solve it?" and, pressed, answers the follow-up`, async () => {
        const h = botHarness({ now: () => mondayMorning });
        const c = customer(n, locale);
        const sent = await h.say(c, deliveryQuestion[locale]);
        // The check comes last; the prompt rides on a card of the answer, which Web Chat keeps.
        const [answer, check] = sent.to(c.conversationId);
        expect(check?.text).to.equal(resolutionResponses[locale].askAfterAnswer);
        expect(answer?.suggestedActions).to.equal(undefined);
        const button = (answer?.attachments?.[0]?.content as { buttons?: Array<{ text: string; value: unknown }> } | undefined)?.buttons?.[0];
        expect(button?.value).to.have.property('warmline', 'faq.prompt');
        const pressed = await h.send(c, { type: 'message', text: button?.text ?? '', value: button?.value });
        expect(pressed.texts(c.conversationId)[0]).to.contain(followUp);
        expect(pressed.all(c.conversationId)).to.contain(resolutionResponses[locale].askAfterAnswer);
        expect(await notResolved(h)).to.equal(0);
      });
    }

    it('treats a new question at "would you like a person?" as a question, not as "no thanks"', async () => {
      const h = botHarness({ now: () => mondayMorning });
      const c = customer(6, 'en-US');
      await h.say(c, 'blue elephants');
      const sent = await h.say(c, 'purple giraffes');
      expect(sent.texts(c.conversationId).join('\n')).to.contain(dialogResponses['en-US'].offerPerson);
      const reply = await h.say(c, 'no idea where my parcel is');
      expect(reply.texts(c.conversationId)).to.not.include(dialogResponses['en-US'].personDeclined);
      expect(reply.texts(c.conversationId)[0]).to.contain('Standard delivery takes');
    });
  });

  describe('a new question typed where the bot expects a rating', () => {
    for (const [n, locale, yes, question, answer] of [
      [7, 'en-US', 'yes', 'no idea where my parcel is', 'Standard delivery takes'],
      [8, 'zh-CN', '解决了', '我的包裹还没到', '抱歉让您久等了'],
    ] as const) {
      it(`${locale}: "${question}" instead of a rating is answered, and no rating is recorded`, async () => {
        const h = botHarness({ now: () => mondayMorning });
        const c = customer(n, locale);
        await h.say(c, deliveryQuestion[locale]);
        let sent = await h.say(c, yes);
        expect(sent.all(c.conversationId)).to.contain(resolutionResponses[locale].askCsat);
        sent = await h.say(c, question);
        expect(sent.texts(c.conversationId)[0]).to.contain(answer);
        expect(sent.texts(c.conversationId)).to.not.include(resolutionResponses[locale].thanksSkipped);
        const [delivery] = await h.resolutions.topics(['delivery']);
        expect(delivery).to.include({ resolvedByBot: 1, notResolvedByBot: 0, csatCount: 0 });
      });
    }
  });

  describe('a request for a person with more words in it', () => {
    for (const [n, locale, agent, message] of [
      [9, 'en-US', ana, 'agent please about order LM-200300'],
      [10, 'zh-CN', li, '我要人工，订单 LM-200300'],
    ] as const) {
      it(`${locale}: "${message}" reaches a person in that turn, with the order number in the summary (P1, P2)`, async () => {
        const h = botHarness({ now: () => mondayMorning });
        const c = customer(n, locale);
        await h.event(agent, joinEventName, { locale });
        const sent = await h.say(c, message);
        expect(sent.texts(c.conversationId)).to.not.include(dialogResponses[locale].noMatch);
        expect(sent.all(agent.conversationId)).to.contain('LM-200300');
        const [record] = await h.desk.deps.handoffs.open();
        expect(record?.reason).to.equal('requested');
        expect(record?.summary.entities).to.deep.include({ type: 'order-number', text: 'LM-200300', value: 'LM-200300' });
      });
    }

    it('does not hand over an ordinary question that only mentions an agent', async () => {
      const h = botHarness({ now: () => mondayMorning });
      const c = customer(11, 'en-US');
      await h.event(ana, joinEventName, { locale: 'en-US' });
      const sent = await h.say(c, 'my travel agent about order LM-200300');
      expect(sent.texts(c.conversationId)).to.deep.equal([dialogResponses['en-US'].noMatch]);
      expect(await h.desk.deps.handoffs.open()).to.deep.equal([]);
    });
  });
});
