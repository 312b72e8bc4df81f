/**
 * The customer's conversation with the bot, one message at a time. Step 1 acknowledges each
 * message; the FAQ engine, resolution check and handoff replace this step in later releases.
 */
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { SupportedLocale } from '../locale/locale';
import { dialogResponses } from './responses';

/** What the bot passes when it starts the main dialog for a message. */
export interface MainDialogOptions {
  readonly locale: SupportedLocale;
  readonly text: string;
}

/** Dialog id under which {@link MainDialog} is registered. */
export const mainDialogId = 'warmline.main';

/** Handles one customer message. */
export class MainDialog extends ComponentDialog {
  constructor() {
    super(mainDialogId);
    this.addDialog(new WaterfallDialog(`${mainDialogId}.flow`, [(step) => this.acknowledge(step)]));
    this.initialDialogId = `${mainDialogId}.flow`;
  }

  private async acknowledge(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as MainDialogOptions;
    await step.context.sendActivity(dialogResponses[options.locale].received(options.text));
    return step.endDialog();
  }
}
