import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { offerMessage, readOfferButton } from '../../dialogs/offerCard';
import type { OfferButtonValue } from '../../dialogs/offerCard';
import { supportedLocales } from '../../locale/locale';
import type { SupportedLocale } from '../../locale/locale';
import { offerResponses } from '../../offers/responses';
import { testOffer } from '../support/offerFixtures';

interface CardElement {
  readonly type: string;
  readonly text?: string;
  readonly url?: string;
  readonly altText?: string;
  readonly weight?: string;
}
interface CardAction {
  readonly type: string;
  readonly title: string;
  readonly data: unknown;
}
interface Card {
  readonly type: string;
  readonly version: string;
  readonly lang: string;
  readonly body: readonly CardElement[];
  readonly actions: readonly CardAction[];
}

const decisionId = '3f0c9a52-7d4e-4b1a-9c2f-6e8d1b0a4c77';
const offer = testOffer({
  title: { 'en-US': 'Lumen Club', 'zh-CN': 'Lumen 会员' },
  text: { 'en-US': 'Members get free next-day delivery, if that helps.', 'zh-CN': '会员享受免费次日达，需要的话可以开通。' },
});
const other: Record<SupportedLocale, SupportedLocale> = { 'en-US': 'zh-CN', 'zh-CN': 'en-US' };

/** The one Adaptive Card of an offer message. */
function cardOf(message: ReturnType<typeof offerMessage>): Card {
  expect(message.type).to.equal('message');
  expect(message.attachments).to.have.length(1);
  const [attachment] = message.attachments ?? [];
  expect(attachment?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
  return attachment?.content as Card;
}

describe('offer card', () => {
  describe('readOfferButton', () => {
    it('reads each of the three buttons', () => {
      for (const answer of ['accept', 'decline', 'opt-out'] as const) {
        expect(readOfferButton({ warmline: 'offer.reply', decisionId, answer })).to.deep.equal({ warmline: 'offer.reply', decisionId, answer });
      }
    });

    it('keeps only what it knows from a value that carries more', () => {
      const value = { warmline: 'offer.reply', decisionId, answer: 'accept', offerId: 'pay-in-3', discount: 100 };
      expect(readOfferButton(value)).to.deep.equal({ warmline: 'offer.reply', decisionId, answer: 'accept' });
    });

    it('reads a decision id of any freshly made decision', () => {
      const id = randomUUID();
      expect(readOfferButton({ warmline: 'offer.reply', decisionId: id, answer: 'decline' })?.decisionId).to.equal(id);
    });

    const good = { warmline: 'offer.reply', decisionId, answer: 'accept' };
    const notOurs: Record<string, unknown> = {
      'nothing': undefined,
      'null': null,
      'a string': JSON.stringify(good),
      'a number': 5,
      'a list': [good],
      'an empty object': {},
      'another card\'s value': { warmline: 'agent.command', command: 'accept', handoffId: decisionId },
      'no marker': { decisionId, answer: 'accept' },
      'a near-miss marker': { ...good, warmline: 'offer.replies' },
      'an unknown answer': { ...good, answer: 'maybe' },
      'an answer in capitals': { ...good, answer: 'ACCEPT' },
      'an answer that is not text': { ...good, answer: ['accept'] },
      'no answer': { warmline: 'offer.reply', decisionId },
      'no decision id': { warmline: 'offer.reply', answer: 'accept' },
      'a decision id that is a number': { ...good, decisionId: 12345 },
      'a short decision id': { ...good, decisionId: decisionId.slice(0, 35) },
      'a long decision id': { ...good, decisionId: `${decisionId}0` },
      'a decision id with other characters': { ...good, decisionId: `${decisionId.slice(0, 35)}g` },
      'a decision id with a path in it': { ...good, decisionId: '../../offers/history/customer:cust-1' },
      'a decision id with spaces around it': { ...good, decisionId: ` ${decisionId} ` },
    };
    for (const [name, value] of Object.entries(notOurs)) {
      it(`ignores ${name}`, () => {
        expect(readOfferButton(value)).to.equal(undefined);
      });
    }
  });

  describe('offerMessage', () => {
    for (const locale of supportedLocales) {
      describe(locale, () => {
        const words = offerResponses[locale];
        const card = cardOf(offerMessage(offer, decisionId, locale));

        it('is one Adaptive Card in the customer\'s language that Teams and Web Chat both render', () => {
          expect(card).to.include({ type: 'AdaptiveCard', lang: locale });
          expect(Number(card.version)).to.be.at.most(1.5);
        });

        it('leads in gently, then shows the offer\'s title (in bold) and its suggestion', () => {
          expect(card.body.map((e) => [e.type, e.text])).to.deep.equal([
            ['TextBlock', words.leadIn],
            ['TextBlock', offer.title[locale]],
            ['TextBlock', offer.text[locale]],
          ]);
          expect(card.body[1]?.weight).to.equal('Bolder');
        });

        it('has Accept, No thanks and Don\'t show me offers, each sending a value readOfferButton reads back', () => {
          expect(card.actions.map((a) => [a.type, a.title])).to.deep.equal([
            ['Action.Submit', words.accept],
            ['Action.Submit', words.decline],
            ['Action.Submit', words.optOut],
          ]);
          const read = card.actions.map((a) => readOfferButton(a.data));
          expect(read).to.deep.equal((['accept', 'decline', 'opt-out'] as const).map((answer): OfferButtonValue => ({ warmline: 'offer.reply', decisionId, answer })));
        });

        it('holds no text in the other language', () => {
          const text = JSON.stringify(card);
          const otherWords = offerResponses[other[locale]];
          for (const phrase of [offer.title[other[locale]], offer.text[other[locale]], otherWords.leadIn, otherWords.accept, otherWords.decline, otherWords.optOut]) {
            expect(text).to.not.contain(phrase);
          }
        });

        it('shows no image when the offer has none', () => {
          expect(card.body.filter((e) => e.type === 'Image')).to.deep.equal([]);
          expect(JSON.stringify(card)).to.not.contain('"url"');
        });

        it('shows the offer\'s image between the lead-in and the title, described in the customer\'s language', () => {
          const imageUrl = 'https://lumenco.example/images/club.png';
          const withImage = cardOf(offerMessage(testOffer({ ...offer, imageUrl }), decisionId, locale));
          expect(withImage.body.map((e) => e.type)).to.deep.equal(['TextBlock', 'Image', 'TextBlock', 'TextBlock']);
          expect(withImage.body[1]).to.include({ url: imageUrl, altText: offer.title[locale] });
        });
      });
    }

    it('carries the decision id it was made for, so a button on an older card is told apart', () => {
      const second = randomUUID();
      const ids = [decisionId, second].map((id) => cardOf(offerMessage(offer, id, 'en-US')).actions.map((a) => readOfferButton(a.data)?.decisionId));
      expect(ids).to.deep.equal([
        [decisionId, decisionId, decisionId],
        [second, second, second],
      ]);
    });
  });
});
