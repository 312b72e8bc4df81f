/**
 * What the dialogs say to a customer, in every supported locale: a typed view over the message
 * catalogue (content/messages/, `dialog.*`).
 */
import type { SupportedLocale } from '../locale/locale';
import { byLocale, messages } from '../messages/currentMessages';

/** Dialog wording in one language. */
export interface DialogResponses {
  /** Introduces the "Did you mean…?" choices. */
  didYouMean: string;
  /** The choice that says none of the suggestions fits. */
  noneOfThese: string;
  /** When the knowledge base has no answer (P7: say so plainly, apologise, say what happens next). */
  noMatch: string;
  /** After "None of these". */
  noneChosen: string;
  /** Before offering a person, by why (P7: say plainly that the bot failed, apologise). */
  offerIntro: Readonly<Record<'frustration' | 'not-resolved' | 'repeated-no-match' | 'priority-tier' | 'other', string>>;
  /** The offer itself. */
  offerPerson: string;
  offerYes: string;
  offerNo: string;
  /** The customer declined a person. */
  personDeclined: string;
  /** The answer did not solve it: try once more. */
  tryAgain: string;
}

/** Dialog wording by locale. */
export const dialogResponses: Readonly<Record<SupportedLocale, DialogResponses>> = byLocale((locale) => ({
  get didYouMean() {
    return messages().format(locale, 'dialog.didYouMean');
  },
  get noneOfThese() {
    return messages().format(locale, 'dialog.noneOfThese');
  },
  get noMatch() {
    return messages().format(locale, 'dialog.noMatch');
  },
  get noneChosen() {
    return messages().format(locale, 'dialog.noneChosen');
  },
  offerIntro: {
    get frustration() {
      return messages().format(locale, 'dialog.offerIntro.frustration');
    },
    get 'not-resolved'() {
      return messages().format(locale, 'dialog.offerIntro.not-resolved');
    },
    get 'repeated-no-match'() {
      return messages().format(locale, 'dialog.offerIntro.repeated-no-match');
    },
    get 'priority-tier'() {
      return messages().format(locale, 'dialog.offerIntro.priority-tier');
    },
    get other() {
      return messages().format(locale, 'dialog.offerIntro.other');
    },
  },
  get offerPerson() {
    return messages().format(locale, 'dialog.offerPerson');
  },
  get offerYes() {
    return messages().format(locale, 'dialog.offerYes');
  },
  get offerNo() {
    return messages().format(locale, 'dialog.offerNo');
  },
  get personDeclined() {
    return messages().format(locale, 'dialog.personDeclined');
  },
  get tryAgain() {
    return messages().format(locale, 'dialog.tryAgain');
  },
}));
