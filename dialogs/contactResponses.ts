/**
 * What the bot says when no person can take the conversation now (P8): why, honestly, and the offer
 * to take a message or book a callback, in every supported locale. A typed view over the message
 * catalogue (content/messages/, `contact.*`).
 */
import type { CallbackTimeProblem } from '../handoff/callbackTime';
import type { SupportedLocale } from '../locale/locale';
import { byLocale, messages } from '../messages/currentMessages';

/** Contact-request wording in one language. */
export interface ContactResponses {
  /** The queue is closed; `reopens` is the formatted next opening, when known. */
  readonly closed: (queueName: string, reopens: string | undefined) => string;
  /** Open, but no person is signed in and available. */
  readonly noAgent: (queueName: string) => string;
  /** The customer waited too long (P7: apologise). */
  readonly timeout: (queueName: string) => string;
  /** The contact centre could not take the conversation (P7: apologise). */
  readonly hubFailed: (queueName: string) => string;
  /** The reason followed by the offer of a message or a callback. */
  readonly offer: (reason: string) => string;
  readonly leaveMessage: string;
  readonly bookCallback: string;
  readonly noThanks: string;
  /** After "No thanks". */
  readonly declined: string;
  readonly askMessage: string;
  /** The message confirmed back (as it is kept: masked). */
  readonly messageTaken: (message: string) => string;
  /** Asks when to call, with an example in the customer's language and the zone the time is read in. */
  readonly askWhen: (timeZone: string) => string;
  /** Asks again, saying what was wrong with the time. */
  readonly whenAgain: Readonly<Record<CallbackTimeProblem, string>>;
  /** A second time could not be used either. */
  readonly whenGaveUp: string;
  /** Offers the number on file, masked to its last digits ("•••123"). */
  readonly useKnownPhone: (maskedPhone: string) => string;
  readonly yes: string;
  readonly no: string;
  readonly askPhone: string;
  readonly phoneAgain: string;
  readonly phoneGaveUp: string;
  /** The callback confirmed back: when and the masked number. */
  readonly callbackBooked: (when: string, maskedPhone: string) => string;
}

/** Contact-request wording by locale. */
export const contactResponses: Readonly<Record<SupportedLocale, ContactResponses>> = byLocale((locale) => ({
  closed: (queue, reopens) =>
    reopens ? messages().format(locale, 'contact.closed.withReopening', { queue, reopens }) : messages().format(locale, 'contact.closed.noReopening', { queue }),
  noAgent: (queue) => messages().format(locale, 'contact.noAgent', { queue }),
  timeout: (queue) => messages().format(locale, 'contact.timeout', { queue }),
  hubFailed: (queue) => messages().format(locale, 'contact.hubFailed', { queue }),
  offer: (reason) => messages().format(locale, 'contact.offer', { reason }),
  get leaveMessage() {
    return messages().format(locale, 'contact.leaveMessage');
  },
  get bookCallback() {
    return messages().format(locale, 'contact.bookCallback');
  },
  get noThanks() {
    return messages().format(locale, 'contact.noThanks');
  },
  get declined() {
    return messages().format(locale, 'contact.declined');
  },
  get askMessage() {
    return messages().format(locale, 'contact.askMessage');
  },
  messageTaken: (message) => messages().format(locale, 'contact.messageTaken', { message }),
  askWhen: (zone) => messages().format(locale, 'contact.askWhen', { zone }),
  whenAgain: {
    get 'not-understood'() {
      return messages().format(locale, 'contact.whenAgain.not-understood');
    },
    get past() {
      return messages().format(locale, 'contact.whenAgain.past');
    },
    get 'too-far'() {
      return messages().format(locale, 'contact.whenAgain.too-far');
    },
  },
  get whenGaveUp() {
    return messages().format(locale, 'contact.whenGaveUp');
  },
  useKnownPhone: (phone) => messages().format(locale, 'contact.useKnownPhone', { phone }),
  get yes() {
    return messages().format(locale, 'contact.yes');
  },
  get no() {
    return messages().format(locale, 'contact.no');
  },
  get askPhone() {
    return messages().format(locale, 'contact.askPhone');
  },
  get phoneAgain() {
    return messages().format(locale, 'contact.phoneAgain');
  },
  get phoneGaveUp() {
    return messages().format(locale, 'contact.phoneGaveUp');
  },
  callbackBooked: (when, phone) => messages().format(locale, 'contact.callbackBooked', { when, phone }),
}));
