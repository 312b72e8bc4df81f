/**
 * Where a plain dialog keeps what it waits for between turns: its own entry on the dialog stack.
 * FaqDialog and ResolutionDialog were components running a waterfall; a stack saved then holds the
 * waterfall's step state instead, which {@link savedWaterfallStep} reads back.
 */
import type { DialogContext, DialogState } from 'botbuilder-dialogs';

/** The active dialog's own state (`dialog` names it in the error when nothing is active). */
export function ownDialogState<T extends object>(dc: DialogContext, dialog: string): T {
  const active = dc.activeDialog;
  if (!active) throw new Error(`${dialog}: no active dialog`);
  return active.state as T;
}

/** What a component dialog's waterfall kept of its current step. */
export interface SavedWaterfallStep<O> {
  readonly options?: O;
  readonly values?: Readonly<Record<string, unknown>>;
  readonly stepIndex?: number;
}

/** The waterfall step a component version of the dialog saved in `state`, if it did. */
export function savedWaterfallStep<O>(state: { readonly dialogs?: DialogState }): SavedWaterfallStep<O> | undefined {
  return state.dialogs?.dialogStack[0]?.state as SavedWaterfallStep<O> | undefined;
}
