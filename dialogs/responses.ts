/**
 * What the dialogs say to a customer, in every supported locale: a typed view over the message
 * catalogue (content/messages/, `dialog.*`).
 */
import type { SupportedLocale } from '../locale/locale';
import { byLocale, messageView } from '../messages/currentMessages';

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
export const dialogResponses: Readonly<Record<SupportedLocale, DialogResponses>> = byLocale((locale) =>
  messageView<DialogResponses>(locale, {
    didYouMean: 'dialog.didYouMean',
    noneOfThese: 'dialog.noneOfThese',
    noMatch: 'dialog.noMatch',
    noneChosen: 'dialog.noneChosen',
    offerPerson: 'dialog.offerPerson',
    offerYes: 'dialog.offerYes',
    offerNo: 'dialog.offerNo',
    personDeclined: 'dialog.personDeclined',
    tryAgain: 'dialog.tryAgain',
    offerIntro: { frustration: 'dialog.offerIntro.frustration', 'not-resolved': 'dialog.offerIntro.not-resolved', 'repeated-no-match': 'dialog.offerIntro.repeated-no-match', 'priority-tier': 'dialog.offerIntro.priority-tier', other: 'dialog.offerIntro.other' },
  }),
);
