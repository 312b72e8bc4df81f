/**
 * Which customer messages are button presses. Web Chat and Teams send a suggested action's or a
 * hero card button's label as an ordinary message (imBack), so the bot remembers the labels it has
 * shown since the customer's last message and compares; a card submit or messageBack carries a value
 * and is a press anyway. The summary for agents leaves presses out of what the customer said.
 */
import type { Activity, CardAction } from 'botbuilder';

/** Most labels remembered (a few messages' worth of buttons). */
const maxLabels = 30;

/** How a label and a message are compared: trimmed, lower case, inner spaces collapsed. */
export function buttonKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The labels a customer could send back by pressing the buttons of `activities`. */
export function buttonLabels(activities: readonly Partial<Activity>[]): string[] {
  const labels: string[] = [];
  const add = (action: Partial<CardAction> | undefined): void => {
    for (const text of [action?.title, typeof action?.value === 'string' ? action.value : undefined, action?.text, action?.displayText]) {
      if (typeof text === 'string' && text.trim()) labels.push(buttonKey(text));
    }
  };
  for (const activity of activities) {
    activity.suggestedActions?.actions?.forEach(add);
    for (const attachment of activity.attachments ?? []) {
      const buttons = (attachment.content as { buttons?: unknown } | undefined)?.buttons;
      if (Array.isArray(buttons)) buttons.forEach((b) => add(b as Partial<CardAction>));
    }
  }
  return labels;
}

/** `known` with `more` added, without repeats, keeping the newest {@link maxLabels}. */
export function rememberLabels(known: readonly string[] | undefined, more: readonly string[]): string[] {
  const all = [...(known ?? []), ...more];
  return all.filter((l, i) => all.lastIndexOf(l) === i).slice(-maxLabels);
}

/** True when a customer's message is a button press: it carries a value, or its text is a label shown. */
export function isButtonPress(text: string, hasValue: boolean, offered: readonly string[] | undefined): boolean {
  return hasValue || (text.length > 0 && (offered ?? []).includes(buttonKey(text)));
}
