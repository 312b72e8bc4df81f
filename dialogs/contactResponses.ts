/**
 * What the bot says when no person can take the conversation now (P8): why, honestly, and the offer
 * to take a message or book a callback, in every supported locale. A typed view over the message
 * catalogue (content/messages/, `contact.*`).
 */
import type { CallbackTimeProblem } from '../handoff/callbackTime';
import type { SupportedLocale } from '../locale/locale';
import { byLocale, messages, messageView } from '../messages/currentMessages';

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
export const contactResponses: Readonly<Record<SupportedLocale, ContactResponses>> = byLocale((locale) =>
  messageView<ContactResponses>(locale, {
    leaveMessage: 'contact.leaveMessage',
    bookCallback: 'contact.bookCallback',
    noThanks: 'contact.noThanks',
    declined: 'contact.declined',
    askMessage: 'contact.askMessage',
    whenGaveUp: 'contact.whenGaveUp',
    yes: 'contact.yes',
    no: 'contact.no',
    askPhone: 'contact.askPhone',
    phoneAgain: 'contact.phoneAgain',
    phoneGaveUp: 'contact.phoneGaveUp',
    closed: (queue, reopens) =>
      reopens ? messages().format(locale, 'contact.closed.withReopening', { queue, reopens }) : messages().format(locale, 'contact.closed.noReopening', { queue }),
    noAgent: (queue) => messages().format(locale, 'contact.noAgent', { queue }),
    timeout: (queue) => messages().format(locale, 'contact.timeout', { queue }),
    hubFailed: (queue) => messages().format(locale, 'contact.hubFailed', { queue }),
    offer: (reason) => messages().format(locale, 'contact.offer', { reason }),
    messageTaken: (message) => messages().format(locale, 'contact.messageTaken', { message }),
    askWhen: (zone) => messages().format(locale, 'contact.askWhen', { zone }),
    whenAgain: { 'not-understood': 'contact.whenAgain.not-understood', past: 'contact.whenAgain.past', 'too-far': 'contact.whenAgain.too-far' },
    useKnownPhone: (phone) => messages().format(locale, 'contact.useKnownPhone', { phone }),
    callbackBooked: (when, phone) => messages().format(locale, 'contact.callbackBooked', { when, phone }),
  }),
);
