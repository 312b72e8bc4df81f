/**
 * How FAQ answers, follow-up prompts and "Did you mean…?" choices look on each channel (P12): the
 * same content as suggested actions where the channel has them (Web Chat, Emulator), as buttons on a
 * hero card where it has cards (Teams), and as a numbered list elsewhere. Buttons are messageBack
 * actions: the customer sees their own words, the bot receives a typed value.
 */
import { ActionTypes, CardFactory, MessageFactory } from 'botbuilder';
import type { Activity, CardAction } from 'botbuilder';
import { supportsCardActions, supportsSuggestedActions } from 'botbuilder-dialogs';

/** What a button tells the bot when pressed. */
export type FaqButtonValue =
  | { readonly warmline: 'faq.prompt'; readonly entryId: string }
  | { readonly warmline: 'faq.choose'; readonly entryId: string }
  | { readonly warmline: 'faq.none' };

/** A button: its label and what it sends (an FAQ value, or another dialog's typed value). */
export interface FaqButton<V extends object = FaqButtonValue> {
  readonly title: string;
  readonly value: V;
}

/** Longest button label; longer questions are shortened with an ellipsis. */
const maxTitle = 60;

function shorten(title: string): string {
  const chars = [...title];
  return chars.length <= maxTitle ? title : `${chars.slice(0, maxTitle - 1).join('')}…`;
}

function action(button: FaqButton<object>): CardAction {
  const title = shorten(button.title);
  return { type: ActionTypes.MessageBack, title, text: button.title, displayText: button.title, value: button.value };
}

/** How buttons are shown. */
export interface ButtonRendering {
  /**
   * The buttons must stay usable after the bot's next message: a channel shows only the latest
   * message's suggested actions, so an answer's follow-up prompts, followed at once by "Did that
   * solve your issue?", would vanish. Kept buttons go on a hero card of their own, beside the text,
   * where the channel has cards.
   */
  readonly keep?: boolean;
}

/**
 * A message with buttons, in the richest form the channel supports. With no buttons it is a plain
 * markdown message.
 */
export function messageWithButtons(channelId: string, text: string, buttons: readonly FaqButton<object>[], rendering: ButtonRendering = {}): Partial<Activity> {
  if (buttons.length === 0) return { ...MessageFactory.text(text), textFormat: 'markdown' };
  if (rendering.keep && supportsCardActions(channelId, buttons.length)) {
    // The text stays the message's text (transcripts, analytics and screen readers read it); the
    // buttons ride on a card of their own beside it.
    return { ...MessageFactory.attachment(CardFactory.heroCard('', undefined, buttons.map(action)), text), textFormat: 'markdown' };
  }
  if (supportsSuggestedActions(channelId, buttons.length)) {
    return { ...MessageFactory.suggestedActions(buttons.map(action), text), textFormat: 'markdown' };
  }
  if (supportsCardActions(channelId, buttons.length)) {
    return { ...MessageFactory.attachment(CardFactory.heroCard('', text, undefined, buttons.map(action))) };
  }
  const list = buttons.map((b, i) => `${i + 1}. ${b.title}`).join('\n');
  return { ...MessageFactory.text(`${text}\n\n${list}`), textFormat: 'markdown' };
}

/** Reads a button value from an activity's `value`, or undefined when it is not one of ours. */
export function readButtonValue(value: unknown): FaqButtonValue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { warmline?: unknown; entryId?: unknown };
  if (v.warmline === 'faq.none') return { warmline: 'faq.none' };
  if ((v.warmline === 'faq.prompt' || v.warmline === 'faq.choose') && typeof v.entryId === 'string' && /^[\w.-]{1,64}$/.test(v.entryId)) {
    return { warmline: v.warmline, entryId: v.entryId };
  }
  return undefined;
}
