/**
 * The customer's conversation with the bot, one message at a time: questions go to the FAQ dialog,
 * and its outcome goes back to the bot. Step 3 adds the resolution check and the way to a person here.
 */
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { SupportedLocale } from '../locale/locale';
import { faqDialogId } from './faqDialog';
import type { FaqDialogOptions } from './faqDialog';
import type { FaqButtonValue } from './faqRendering';

/** What the bot passes when it starts the main dialog for a message. */
export interface MainDialogOptions {
  readonly locale: SupportedLocale;
  readonly text: string;
  readonly contextEntryId?: string;
  readonly button?: FaqButtonValue;
}

/** Dialog id under which {@link MainDialog} is registered. */
export const mainDialogId = 'warmline.main';

/** Handles one customer message; ends with the FAQ outcome as its result. */
export class MainDialog extends ComponentDialog {
  constructor(faqDialog: Dialog) {
    super(mainDialogId);
    if (faqDialog?.id !== faqDialogId) throw new TypeError('MainDialog needs the FAQ dialog');
    this.addDialog(faqDialog);
    this.addDialog(
      new WaterfallDialog(`${mainDialogId}.flow`, [(step) => this.ask(step), (step) => step.endDialog(step.result)]),
    );
    this.initialDialogId = `${mainDialogId}.flow`;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as MainDialogOptions;
    const faqOptions: FaqDialogOptions = { text: options.text, locale: options.locale, contextEntryId: options.contextEntryId, button: options.button };
    return step.beginDialog(faqDialogId, faqOptions);
  }
}
