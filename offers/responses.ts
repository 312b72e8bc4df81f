/**
 * Everything customers read about offers, in en-US and zh-CN: the card's lead-in and buttons, and the
 * replies to accept, decline, "don't show me offers" and opting back in. Worded as a suggestion, and
 * every reply after a "no" ends the subject (P6). A typed view over the message catalogue
 * (content/messages/, `offer.*`).
 */
import type { SupportedLocale } from '../locale/locale';
import { byLocale, messages } from '../messages/currentMessages';

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
export const offerResponses: Readonly<Record<SupportedLocale, OfferResponses>> = byLocale((locale) => ({
  get leadIn() {
    return messages().format(locale, 'offer.leadIn');
  },
  get accept() {
    return messages().format(locale, 'offer.accept');
  },
  get decline() {
    return messages().format(locale, 'offer.decline');
  },
  get optOut() {
    return messages().format(locale, 'offer.optOut');
  },
  accepted: (title) => messages().format(locale, 'offer.accepted', { title }),
  get declined() {
    return messages().format(locale, 'offer.declined');
  },
  get optedOut() {
    return messages().format(locale, 'offer.optedOut');
  },
  get optedIn() {
    return messages().format(locale, 'offer.optedIn');
  },
  get notOptedOut() {
    return messages().format(locale, 'offer.notOptedOut');
  },
  get stale() {
    return messages().format(locale, 'offer.stale');
  },
  get notSaved() {
    return messages().format(locale, 'offer.notSaved');
  },
}));
