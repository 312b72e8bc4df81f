/**
 * What the resolution check says to a customer, in every supported locale: whether the issue is
 * solved, a rating of the help (CSAT), and thanks. A typed view over the message catalogue
 * (content/messages/, `resolution.*`).
 */
import type { SupportedLocale } from '../locale/locale';
import { byLocale, messages, messageView } from '../messages/currentMessages';

/** Resolution-check wording in one language. */
export interface ResolutionResponses {
  /** After a knowledge-base answer. */
  readonly askAfterAnswer: string;
  /** After a session with a person, named so the customer knows who is meant. */
  readonly askAfterAgent: (agentName: string) => string;
  readonly yes: string;
  readonly no: string;
  /** The rating question; buttons 1–5 follow it. */
  readonly askCsat: string;
  /** After a rating of 3 or more. */
  readonly thanksHigh: string;
  /** After a rating of 1 or 2 (P7: say sorry, say what happens with it). */
  readonly thanksLow: string;
  /** When the customer would rather not rate. */
  readonly thanksSkipped: string;
}

/** Resolution-check wording by locale. */
export const resolutionResponses: Readonly<Record<SupportedLocale, ResolutionResponses>> = byLocale((locale) =>
  messageView<ResolutionResponses>(locale, {
    askAfterAnswer: 'resolution.askAfterAnswer',
    yes: 'resolution.yes',
    no: 'resolution.no',
    askCsat: 'resolution.askCsat',
    thanksHigh: 'resolution.thanksHigh',
    thanksLow: 'resolution.thanksLow',
    thanksSkipped: 'resolution.thanksSkipped',
    askAfterAgent: (agent) => messages().format(locale, 'resolution.askAfterAgent', { agent }),
  }),
);
