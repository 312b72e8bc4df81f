/**
 * When no person can take the conversation now (closed, everyone busy, or the wait ran out), says
 * so honestly and offers to take a message or book a callback at a time the customer names, in
 * their own time zone (P7, P8). The caller stores what was left; this dialog only asks and confirms.
 */
import * as Recognizers from '@microsoft/recognizers-text-suite';
import { ComponentDialog, Dialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { callbackTimeZone, formatCallbackTime, parseCallbackTime } from '../handoff/callbackTime';
import type { CallbackTimeProblem } from '../handoff/callbackTime';
import { detectTextLocale } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import { maskSensitive } from '../privacy/sensitiveData';
import { contactResponses } from './contactResponses';
import { messageWithButtons } from './faqRendering';
import type { FaqButton } from './faqRendering';
import { findAnswerPhrases, recognizeYesNo, recognizerCulture } from './yesNo';

/** Dialog id of {@link ContactRequestDialog}. */
export const contactRequestDialogId = 'warmline.contactRequest';

/** What starts the dialog. `nextOpening` is an ISO instant; `timeZone` is the queue's zone. */
export interface ContactRequestOptions {
  readonly locale: SupportedLocale;
  readonly why: 'closed' | 'no-agent' | 'timeout' | 'hub-failed';
  readonly queueName: string;
  readonly timeZone: string;
  readonly nextOpening?: string;
  /** The customer's number on file, offered (masked) for the callback. */
  readonly knownPhone?: string;
}

/** What the customer left. `declined.text`: they wrote something else, which the caller treats as a new question. */
export type ContactRequestResult =
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'callback'; readonly at: string; readonly phone: string }
  | { readonly kind: 'declined'; readonly text?: string };

type Choice = 'message' | 'callback' | 'decline';

/** What the dialog's buttons send. */
export type ContactButtonValue = { readonly warmline: `contact.${Choice}` } | { readonly warmline: 'contact.knownPhone'; readonly use: boolean };

/** Reads one of this dialog's button values from an activity's `value`; anything else is undefined. */
export function readContactButton(value: unknown): ContactButtonValue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { warmline?: unknown; use?: unknown };
  if (v.warmline === 'contact.message' || v.warmline === 'contact.callback' || v.warmline === 'contact.decline') return { warmline: v.warmline };
  if (v.warmline === 'contact.knownPhone' && typeof v.use === 'boolean') return { warmline: v.warmline, use: v.use };
  return undefined;
}

/** A phone number read from what the customer typed, as `+` and digits, or undefined. */
export function readPhoneNumber(text: string, locale: SupportedLocale): string | undefined {
  const [found] = Recognizers.recognizePhoneNumber(text.slice(0, 200), recognizerCulture[locale]);
  const trimmed = text.trim();
  // Formats the recognizer does not know, such as "(555) 123-4567", when the reply is only a number.
  const raw = found?.text ?? (/^\+?[\d\s().-]+$/.test(trimmed) ? trimmed : undefined);
  if (raw === undefined) return undefined;
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  return `${raw.trimStart().startsWith('+') ? '+' : ''}${digits}`;
}

/** A phone number as shown back to the customer: its last three digits only (P10). */
export function maskPhone(phone: string): string {
  return `•••${phone.replace(/\D/g, '').slice(-3)}`;
}

/** Phrases that pick an option by words ("call me", "留言", "不用了"). */
const choicePhrases: Readonly<Record<SupportedLocale, Readonly<Record<Choice, readonly string[]>>>> = {
  'en-US': {
    message: ['message', 'leave a message', 'a message', 'write', 'note', 'email'],
    callback: ['callback', 'call back', 'call me', 'phone me', 'ring me', 'a call', 'call', 'phone'],
    decline: ['no thanks', 'no thank you', 'never mind', 'nevermind', 'not now', 'neither', 'none'],
  },
  'zh-CN': {
    message: ['留言', '留个言', '留话', '留个话'],
    callback: ['回电', '回拨', '打电话', '来电', '电话', '预约'],
    decline: ['不用了', '不用', '不需要', '算了', '不必了', '都不要'],
  },
};

/** The option a typed reply picks: by number, by words, or "no" for no thanks. */
export function readContactChoice(text: string, locale: SupportedLocale): Choice | undefined {
  const numbered = /^([123])\.?$/.exec(text.trim())?.[1];
  if (numbered) return (['message', 'callback', 'decline'] as const)[Number(numbered) - 1];
  const language = detectTextLocale(text) ?? locale;
  const [first] = findAnswerPhrases(text, language, choicePhrases[language]);
  if (first) return first.value;
  return recognizeYesNo(text, language) === false ? 'decline' : undefined;
}

/** What the waterfalls pass along. */
interface Flow extends ContactRequestOptions {
  /** The zone callback times are read and said in. */
  readonly zone: string;
  readonly attempt: number;
  readonly problem?: CallbackTimeProblem;
  readonly at?: string;
}

const ids = {
  choose: `${contactRequestDialogId}.choose`,
  message: `${contactRequestDialogId}.message`,
  when: `${contactRequestDialogId}.when`,
  knownPhone: `${contactRequestDialogId}.knownPhone`,
  phone: `${contactRequestDialogId}.phone`,
} as const;

/** Typed buttons of this dialog, for messageWithButtons. */
const asButtons = (buttons: readonly FaqButton<ContactButtonValue>[]): readonly FaqButton<ContactButtonValue>[] => buttons;

const textOf = (step: WaterfallStepContext): string => (typeof step.context.activity.text === 'string' ? step.context.activity.text.trim() : '');

/** The contact request; see the file header. */
export class ContactRequestDialog extends ComponentDialog {
  constructor(private readonly now: () => Date = () => new Date()) {
    super(contactRequestDialogId);
    this.addDialog(new WaterfallDialog(ids.choose, [(s) => this.offer(s), (s) => this.chosen(s)]));
    this.addDialog(new WaterfallDialog(ids.message, [(s) => this.askMessage(s), (s) => this.tookMessage(s)]));
    this.addDialog(new WaterfallDialog(ids.when, [(s) => this.askWhen(s), (s) => this.readWhen(s)]));
    this.addDialog(new WaterfallDialog(ids.knownPhone, [(s) => this.offerKnownPhone(s), (s) => this.readKnownPhone(s)]));
    this.addDialog(new WaterfallDialog(ids.phone, [(s) => this.askPhone(s), (s) => this.readPhone(s)]));
    this.initialDialogId = ids.choose;
  }

  private async offer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as ContactRequestOptions;
    const zone = callbackTimeZone(step.context.activity.localTimezone, options.timeZone);
    const words = contactResponses[options.locale];
    const opening = options.nextOpening ? new Date(options.nextOpening) : undefined;
    const reopens = opening && !Number.isNaN(opening.getTime()) ? formatCallbackTime(opening, options.locale, zone) : undefined;
    const why = { closed: words.closed(options.queueName, reopens), 'no-agent': words.noAgent(options.queueName), timeout: words.timeout(options.queueName), 'hub-failed': words.hubFailed(options.queueName) }[options.why];
    const buttons = asButtons([
      { title: words.leaveMessage, value: { warmline: 'contact.message' } },
      { title: words.bookCallback, value: { warmline: 'contact.callback' } },
      { title: words.noThanks, value: { warmline: 'contact.decline' } },
    ]);
    await step.context.sendActivity(messageWithButtons(step.context.activity.channelId, words.offer(why), buttons));
    (step.values as { flow?: Flow }).flow = { ...options, zone, attempt: 0 };
    return Dialog.EndOfTurn;
  }

  private async chosen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const flow = (step.values as { flow: Flow }).flow;
    const text = textOf(step);
    const choice = this.buttonChoice(step) ?? readContactChoice(text, flow.locale);
    if (choice === 'callback') {
      // "Call me tomorrow at 3pm" already says when.
      const zone = callbackTimeZone(step.context.activity.localTimezone, flow.zone);
      const parsed = parseCallbackTime(text, flow.locale, this.now(), zone);
      if (parsed.ok) return this.toPhone(step, { ...flow, zone, attempt: 0, at: parsed.at.toISOString() });
    }
    if (choice) return this.go(step, choice, flow);
    return step.endDialog({ kind: 'declined', text } satisfies ContactRequestResult);
  }

  private async askMessage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const flow = step.options as Flow;
    await step.context.sendActivity(contactResponses[flow.locale].askMessage);
    return Dialog.EndOfTurn;
  }

  private async tookMessage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const flow = step.options as Flow;
    const switched = this.buttonChoice(step);
    if (switched) return this.go(step, switched, flow);
    const text = textOf(step);
    if (!text) return step.replaceDialog(ids.message, flow);
    await step.context.sendActivity(contactResponses[flow.locale].messageTaken(shorten(maskSensitive(text).text)));
    return step.endDialog({ kind: 'message', text } satisfies ContactRequestResult);
  }

  private async askWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const flow = step.options as Flow;
    const words = contactResponses[flow.locale];
    await step.context.sendActivity(flow.problem ? words.whenAgain[flow.problem] : words.askWhen(flow.zone));
    return Dialog.EndOfTurn;
  }

  private async readWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const flow = step.options as Flow;
    const switched = this.buttonChoice(step);
    if (switched) return this.go(step, switched, flow);
    const zone = callbackTimeZone(step.context.activity.localTimezone, flow.zone);
    const parsed = parseCallbackTime(textOf(step), flow.locale, this.now(), zone);
    if (parsed.ok) return this.toPhone(step, { ...flow, zone, attempt: 0, at: parsed.at.toISOString() });
    if (flow.attempt === 0) return step.replaceDialog(ids.when, { ...flow, zone, attempt: 1, problem: parsed.why } satisfies Flow);
    await step.context.sendActivity(contactResponses[flow.locale].whenGaveUp);
    return step.endDialog({ kind: 'declined' } satisfies ContactRequestResult);
  }

  private async offerKnownPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const flow = step.options as Flow;
    const words = contactResponses[flow.locale];
    const buttons = asButtons([
      { title: words.yes, value: { warmline: 'contact.knownPhone', use: true } },
      { title: words.no, value: { warmline: 'contact.knownPhone', use: false } },
    ]);
    await step.context.sendActivity(messageWithButtons(step.context.activity.channelId, words.useKnownPhone(maskPhone(flow.knownPhone ?? '')), buttons));
    return Dialog.EndOfTurn;
  }

  private async readKnownPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const flow = step.options as Flow;
    const text = textOf(step);
    const switched = this.buttonChoice(step);
    if (switched) return this.go(step, switched, flow);
    const button = readContactButton(step.context.activity.value);
    // "No, call 07700 900123 instead" gives the number straight away.
    const typed = button ? undefined : readPhoneNumber(text, flow.locale);
    if (typed) return this.book(step, flow, typed);
    const use = button?.warmline === 'contact.knownPhone' ? button.use : /^[12]\.?$/.test(text) ? text.startsWith('1') : recognizeYesNo(text, flow.locale);
    if (use === true && flow.knownPhone) return this.book(step, flow, flow.knownPhone);
    return step.replaceDialog(ids.phone, { ...flow, attempt: 0, problem: undefined } satisfies Flow);
  }

  private async askPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const flow = step.options as Flow;
    const words = contactResponses[flow.locale];
    await step.context.sendActivity(flow.attempt > 0 ? words.phoneAgain : words.askPhone);
    return Dialog.EndOfTurn;
  }

  private async readPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const flow = step.options as Flow;
    const switched = this.buttonChoice(step);
    if (switched) return this.go(step, switched, flow);
    const phone = readPhoneNumber(textOf(step), flow.locale);
    if (phone) return this.book(step, flow, phone);
    if (flow.attempt === 0) return step.replaceDialog(ids.phone, { ...flow, attempt: 1 } satisfies Flow);
    await step.context.sendActivity(contactResponses[flow.locale].phoneGaveUp);
    return step.endDialog({ kind: 'declined' } satisfies ContactRequestResult);
  }

  // ── Shared ────────────────────────────────────────────────────────────────

  /** A press of one of the three option buttons, even a later press of an earlier message's button. */
  private buttonChoice(step: WaterfallStepContext): Choice | undefined {
    const button = readContactButton(step.context.activity.value);
    if (!button || button.warmline === 'contact.knownPhone') return undefined;
    return button.warmline === 'contact.message' ? 'message' : button.warmline === 'contact.callback' ? 'callback' : 'decline';
  }

  private async go(step: WaterfallStepContext, choice: Choice, flow: Flow): Promise<DialogTurnResult> {
    const fresh: Flow = { ...flow, attempt: 0, problem: undefined, at: undefined };
    if (choice === 'message') return step.replaceDialog(ids.message, fresh);
    if (choice === 'callback') return step.replaceDialog(ids.when, fresh);
    await step.context.sendActivity(contactResponses[flow.locale].declined);
    return step.endDialog({ kind: 'declined' } satisfies ContactRequestResult);
  }

  private toPhone(step: WaterfallStepContext, flow: Flow): Promise<DialogTurnResult> {
    return step.replaceDialog(flow.knownPhone ? ids.knownPhone : ids.phone, flow);
  }

  private async book(step: WaterfallStepContext, flow: Flow, phone: string): Promise<DialogTurnResult> {
    const at = flow.at;
    if (!at) throw new Error('ContactRequestDialog: a callback was booked without a time');
    const when = formatCallbackTime(new Date(at), flow.locale, flow.zone);
    await step.context.sendActivity(contactResponses[flow.locale].callbackBooked(when, maskPhone(phone)));
    return step.endDialog({ kind: 'callback', at, phone } satisfies ContactRequestResult);
  }
}

/** Longest message quoted back in full. */
const maxQuoted = 300;

function shorten(text: string): string {
  const chars = [...text];
  return chars.length <= maxQuoted ? text : `${chars.slice(0, maxQuoted - 1).join('')}…`;
}
