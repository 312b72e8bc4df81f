/**
 * The offer as customers see it: one Adaptive Card with the suggestion and three buttons (Accept,
 * No thanks, Don't show me offers), and the values those buttons send back. A value is checked before
 * use: anything that is not exactly one of ours is ignored.
 */
import { CardFactory, MessageFactory } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { SupportedLocale } from '../locale/locale';
import type { Offer } from '../offers/offerCatalogue';
import { offerResponses } from '../offers/responses';

/** What a button on the offer card sends. */
export interface OfferButtonValue {
  readonly warmline: 'offer.reply';
  readonly decisionId: string;
  readonly answer: 'accept' | 'decline' | 'opt-out';
}

const answers = new Set(['accept', 'decline', 'opt-out']);

/** Reads an offer button's value from an activity's `value`, or undefined when it is not one. */
export function readOfferButton(value: unknown): OfferButtonValue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { warmline?: unknown; decisionId?: unknown; answer?: unknown };
  if (v.warmline !== 'offer.reply' || typeof v.answer !== 'string' || !answers.has(v.answer)) return undefined;
  if (typeof v.decisionId !== 'string' || !/^[0-9a-f-]{36}$/.test(v.decisionId)) return undefined;
  return { warmline: 'offer.reply', decisionId: v.decisionId, answer: v.answer as OfferButtonValue['answer'] };
}

/** The message carrying the offer card (only sent to channels that render Adaptive Cards). */
export function offerMessage(offer: Offer, decisionId: string, locale: SupportedLocale): Partial<Activity> {
  const words = offerResponses[locale];
  const button = (title: string, answer: OfferButtonValue['answer']) => ({ type: 'Action.Submit', title, data: { warmline: 'offer.reply', decisionId, answer } satisfies OfferButtonValue });
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    lang: locale,
    body: [
      { type: 'TextBlock', text: words.leadIn, wrap: true, isSubtle: true },
      ...(offer.imageUrl ? [{ type: 'Image', url: offer.imageUrl, altText: offer.title[locale], size: 'Medium' }] : []),
      { type: 'TextBlock', text: offer.title[locale], weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: offer.text[locale], wrap: true },
    ],
    actions: [button(words.accept, 'accept'), button(words.decline, 'decline'), button(words.optOut, 'opt-out')],
  };
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}
