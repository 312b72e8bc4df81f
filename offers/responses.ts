/**
 * Everything customers read about offers, in en-US and zh-CN: the card's lead-in and buttons, and the
 * replies to accept, decline, "don't show me offers" and opting back in. Worded as a suggestion, and
 * every reply after a "no" ends the subject (P6). A typed view over the message catalogue
 * (content/messages/, `offer.*`).
 */
import type { SupportedLocale } from '../locale/locale';
import { byLocale, messages, messageView } from '../messages/currentMessages';

/** Wording for one language. */
export interface OfferResponses {
  readonly leadIn: string;
  readonly accept: string;
  readonly decline: string;
  readonly optOut: string;
  readonly accepted: (title: string) => string;
  readonly declined: string;
  readonly optedOut: string;
  readonly optedIn: string;
  readonly notOptedOut: string;
  readonly stale: string;
  readonly notSaved: string;
}

/** Offer wording by language. */
export const offerResponses: Readonly<Record<SupportedLocale, OfferResponses>> = byLocale((locale) =>
  messageView<OfferResponses>(locale, {
    leadIn: 'offer.leadIn',
    accept: 'offer.accept',
    decline: 'offer.decline',
    optOut: 'offer.optOut',
    declined: 'offer.declined',
    optedOut: 'offer.optedOut',
    optedIn: 'offer.optedIn',
    notOptedOut: 'offer.notOptedOut',
    stale: 'offer.stale',
    notSaved: 'offer.notSaved',
    accepted: (title) => messages().format(locale, 'offer.accepted', { title }),
  }),
);
