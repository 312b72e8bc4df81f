/**
 * Asks whether the customer's issue is solved, after a knowledge-base answer or a session with a
 * person; on "yes" asks for a 1–5 rating (CSAT) and hands over to whatever may follow a solved issue
 * (offers, P5). Every answer is recorded for measurement (P11). The caller decides what a "no" leads
 * to, and treats a reply that is not an answer as a new question.
 */
import * as Recognizers from '@microsoft/recognizers-text-suite';
import type { TurnContext } from 'botbuilder';
import { Dialog } from 'botbuilder-dialogs';
import type { DialogContext, DialogState, DialogTurnResult } from 'botbuilder-dialogs';
import { detectTextLocale, supportedLocales } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import { messageWithButtons, readButtonValue } from './faqRendering';
import { ownDialogState, savedWaterfallStep } from './ownDialogState';
import type { FaqButton } from './faqRendering';
import { resolutionResponses } from './resolutionResponses';
import { findAnswerPhrases, normalizeAnswer, readYesNo, recognizeYesNo, recognizerCulture } from './yesNo';

/** Dialog id of {@link ResolutionDialog}. */
export const resolutionDialogId = 'warmline.resolution';

/** A customer-satisfaction rating. */
export type CsatScore = 1 | 2 | 3 | 4 | 5;

/** What was checked: a knowledge-base answer, or a session with a person. */
export type ResolutionSubject =
  | { readonly kind: 'answer'; readonly entryId: string; readonly topic?: string }
  | { readonly kind: 'agent'; readonly agentName: string; readonly handoffId: string; readonly topic?: string };

/** What starts the dialog. */
export interface ResolutionOptions {
  readonly locale: SupportedLocale;
  readonly subject: ResolutionSubject;
}

/**
 * How the check ended. `next`: the customer asked something new after their answer ("No, how do I
 * return it?") or instead of rating; the caller answers it. `unclear.text`: the reply was not a yes
 * or no; the caller treats it as a new question.
 */
export type ResolutionResult =
  | { readonly kind: 'resolved'; readonly csat?: CsatScore; readonly next?: string }
  | { readonly kind: 'not-resolved'; readonly next?: string }
  | { readonly kind: 'unclear'; readonly text: string };

/** One recorded answer: the yes/no (no `csat`), then the rating when one is given. */
export interface ResolutionEvent {
  readonly at: string;
  readonly conversationId: string;
  readonly channelId: string;
  readonly customerId: string;
  readonly locale: SupportedLocale;
  readonly resolved: boolean;
  readonly how: 'bot' | 'agent';
  readonly topic?: string;
  readonly entryId?: string;
  readonly handoffId?: string;
  readonly csat?: CsatScore;
}

/** Where resolution answers and ratings are kept (analytics, P11). */
export interface ResolutionRecorder {
  record(event: ResolutionEvent): Promise<void>;
}

/** What may follow a solved issue, such as an offer that fits (P5). Called once per solved issue. */
export interface PostResolutionHook {
  afterResolved(context: TurnContext, info: { readonly locale: SupportedLocale; readonly topic?: string; readonly how: 'bot' | 'agent'; readonly csat?: CsatScore }): Promise<void>;
}

/**
 * Whether the knowledge base answers a text with confidence. A reply with more in it than a yes, a
 * no or a rating ("no, the parcel is still missing") that the FAQ answers is a new question.
 */
export type AnswersQuestion = (question: { readonly text: string; readonly locale: SupportedLocale; readonly contextEntryId?: string }) => boolean;

/** A {@link PostResolutionHook} that does nothing. */
export const noPostResolution: PostResolutionHook = { afterResolved: async () => undefined };

/** What the dialog's buttons send. */
export type ResolutionButtonValue = { readonly warmline: 'resolution.yes' } | { readonly warmline: 'resolution.no' } | { readonly warmline: 'resolution.csat'; readonly score: CsatScore };

const isScore = (n: unknown): n is CsatScore => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;

/** Reads one of this dialog's button values from an activity's `value`; anything else is undefined. */
export function readResolutionButton(value: unknown): ResolutionButtonValue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { warmline?: unknown; score?: unknown };
  if (v.warmline === 'resolution.yes' || v.warmline === 'resolution.no') return { warmline: v.warmline };
  if (v.warmline === 'resolution.csat' && isScore(v.score)) return { warmline: 'resolution.csat', score: v.score };
  return undefined;
}

/** Phrases that decline to rate. */
const skipPhrases: Readonly<Record<SupportedLocale, { skip: readonly string[] }>> = {
  'en-US': { skip: ['skip', 'no thanks', 'no thank you', 'rather not', 'not now', 'pass', 'later', 'maybe later'] },
  'zh-CN': { skip: ['跳过', '不用了', '不用', '不评', '不打分', '不评价', '算了', '下次吧', '以后再说'] },
};

/** Words that say a number is a rating ("5 stars", "4分", "五星", "4 out of 5"). */
const ratingWords = /stars?|out of|\/\s*5|rate|rating|score|give|分|星|打/u;

/**
 * A rating read from what the customer typed ("4", "four", "四", "4分", "五星", "5 stars"), 'skip'
 * when they would rather not rate (a yes or no counts as that), or undefined when the reply is
 * something else, such as a new question.
 */
export function readRating(text: string, locale: SupportedLocale): CsatScore | 'skip' | undefined {
  const cleaned = normalizeAnswer(text);
  if (!cleaned) return 'skip';
  if (/[?？]/.test(cleaned)) return undefined;
  const language = detectTextLocale(cleaned) ?? locale;
  const short = cleaned.split(/\s+/).length <= 3 && [...cleaned].length <= 12;
  if (short || ratingWords.test(cleaned)) {
    // "4/5" and "4 out of 5" read as fractions; the rating is the first part.
    const outOfFive = /(?<![\d.])([1-5])\s*(?:\/|out of)\s*5(?![\d.])/.exec(cleaned)?.[1];
    if (outOfFive) return Number(outOfFive) as CsatScore;
    for (const l of [language, ...supportedLocales.filter((other) => other !== language)]) {
      const numbers = Recognizers.recognizeNumber(cleaned, recognizerCulture[l]).map((r) => Number((r.resolution as { value?: unknown } | undefined)?.value));
      const first = numbers.find((n) => Number.isFinite(n));
      if (first !== undefined) return isScore(first) ? first : undefined;
    }
  }
  if (findAnswerPhrases(cleaned, language, skipPhrases[language]).length > 0) return 'skip';
  return recognizeYesNo(cleaned, language) !== undefined ? 'skip' : undefined;
}

/** Typed buttons of this dialog, for messageWithButtons. */
const asButtons = (buttons: readonly FaqButton<ResolutionButtonValue>[]): readonly FaqButton<ResolutionButtonValue>[] => buttons;

/** What the check keeps on the stack between the customer's replies. */
interface ResolutionState {
  options?: ResolutionOptions;
  /** What the next reply answers: the yes/no question, or the rating. */
  waitingFor?: 'answer' | 'rating';
  /** How earlier versions kept it: the state of a component dialog running a three-step waterfall. */
  dialogs?: DialogState;
}

/**
 * The resolution check; see the file header. A plain dialog rather than a component running a
 * waterfall: it is begun after every answer, and the component's inner dialog context and step
 * contexts were a noticeable part of a FAQ turn.
 */
export class ResolutionDialog extends Dialog<ResolutionOptions> {
  constructor(
    private readonly recorder: ResolutionRecorder,
    private readonly hook: PostResolutionHook,
    private readonly now: () => Date = () => new Date(),
    /** Without it, only the wording of a reply tells a new question from an answer. */
    private readonly answersQuestion: AnswersQuestion = () => false,
  ) {
    super(resolutionDialogId);
    if (!recorder || !hook) throw new TypeError('ResolutionDialog needs a ResolutionRecorder and a PostResolutionHook');
  }

  override async beginDialog(dc: DialogContext, options?: ResolutionOptions): Promise<DialogTurnResult> {
    if (!options?.subject || !options.locale) throw new TypeError('ResolutionDialog: begun without a locale and subject');
    const state = stateOf(dc);
    state.options = options;
    state.waitingFor = 'answer';
    return this.ask(dc, options);
  }

  override continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = stateOf(dc);
    // A stack saved by the component version: its waterfall's options, and step 0 (asked) or 1 (rating asked).
    const legacy = savedWaterfallStep<ResolutionOptions>(state);
    const options = state.options ?? legacy?.options;
    const waitingFor = state.waitingFor ?? (legacy?.stepIndex === 1 ? 'rating' : 'answer');
    if (!options) return dc.endDialog();
    return waitingFor === 'rating' ? this.rated(dc, options) : this.answered(dc, options);
  }

  private async ask(step: DialogContext, { locale, subject }: ResolutionOptions): Promise<DialogTurnResult> {
    const words = resolutionResponses[locale];
    const question = subject.kind === 'agent' ? words.askAfterAgent(subject.agentName) : words.askAfterAnswer;
    const buttons = asButtons([
      { title: words.yes, value: { warmline: 'resolution.yes' } },
      { title: words.no, value: { warmline: 'resolution.no' } },
    ]);
    await step.context.sendActivity(messageWithButtons(step.context.activity.channelId, question, buttons));
    return Dialog.EndOfTurn;
  }

  private async answered(step: DialogContext, options: ResolutionOptions): Promise<DialogTurnResult> {
    const { locale } = options;
    const text = typeof step.context.activity.text === 'string' ? step.context.activity.text.trim() : '';
    const button = readResolutionButton(step.context.activity.value);
    let resolved: boolean | undefined;
    let asked: string | undefined;
    // A follow-up prompt of the answer, pressed instead of yes or no, is a new question (its label is no answer).
    if (readButtonValue(step.context.activity.value)?.warmline === 'faq.prompt') return step.endDialog({ kind: 'unclear', text } satisfies ResolutionResult);
    if (button?.warmline === 'resolution.yes' || button?.warmline === 'resolution.no') resolved = button.warmline === 'resolution.yes';
    // A numbered list (channels without buttons): "1" is Yes, "2" is No.
    else if (/^[12]\.?$/.test(text)) resolved = text.startsWith('1');
    else if (!this.isNewQuestion(options, text)) ({ answer: resolved, question: asked } = readYesNo(text, locale));
    if (resolved === undefined) return step.endDialog({ kind: 'unclear', text } satisfies ResolutionResult);
    await this.recorder.record(this.event(step, options, resolved));
    const next = asked !== undefined ? { next: asked } : {};
    if (!resolved) return step.endDialog({ kind: 'not-resolved', ...next } satisfies ResolutionResult);
    // "Yes, how do I return it?": solved, and on to the new question without a rating.
    if (asked !== undefined) return step.endDialog({ kind: 'resolved', ...next } satisfies ResolutionResult);
    const words = resolutionResponses[locale];
    const buttons = asButtons(([1, 2, 3, 4, 5] as const).map((score) => ({ title: String(score), value: { warmline: 'resolution.csat', score } as const })));
    await step.context.sendActivity(messageWithButtons(step.context.activity.channelId, words.askCsat, buttons));
    const state = stateOf(step);
    state.options = options;
    state.waitingFor = 'rating';
    delete state.dialogs;
    return Dialog.EndOfTurn;
  }

  private async rated(step: DialogContext, options: ResolutionOptions): Promise<DialogTurnResult> {
    const { locale, subject } = options;
    const text = typeof step.context.activity.text === 'string' ? step.context.activity.text.trim() : '';
    const button = readResolutionButton(step.context.activity.value);
    const typed = button?.warmline === 'resolution.csat' ? button.score : readRating(text, locale);
    const rating = typed === 'skip' && this.isNewQuestion(options, text) ? undefined : typed;
    if (rating === undefined) return step.endDialog({ kind: 'resolved', next: text } satisfies ResolutionResult);
    const words = resolutionResponses[locale];
    if (rating === 'skip') {
      await step.context.sendActivity(words.thanksSkipped);
    } else {
      await this.recorder.record({ ...this.event(step, options, true), csat: rating });
      await step.context.sendActivity(rating >= 3 ? words.thanksHigh : words.thanksLow);
    }
    const how = subject.kind === 'agent' ? 'agent' : 'bot';
    await this.hook.afterResolved(step.context, {
      locale,
      how,
      ...(subject.topic !== undefined ? { topic: subject.topic } : {}),
      ...(rating !== 'skip' ? { csat: rating } : {}),
    });
    return step.endDialog({ kind: 'resolved', ...(rating !== 'skip' ? { csat: rating } : {}) } satisfies ResolutionResult);
  }

  /** A reply that says more than an answer and that the FAQ answers: a new question (the subject's entry is its context). */
  private isNewQuestion({ locale, subject }: ResolutionOptions, text: string): boolean {
    if (!text || readYesNo(text, locale).bare) return false;
    return this.answersQuestion({ text, locale, ...(subject.kind === 'answer' ? { contextEntryId: subject.entryId } : {}) });
  }

  private event(step: DialogContext, { locale, subject }: ResolutionOptions, resolved: boolean): ResolutionEvent {
    const activity = step.context.activity;
    return {
      at: this.now().toISOString(),
      conversationId: activity.conversation?.id ?? '',
      channelId: activity.channelId ?? '',
      customerId: activity.from?.id ?? '',
      locale,
      resolved,
      how: subject.kind === 'agent' ? 'agent' : 'bot',
      ...(subject.topic !== undefined ? { topic: subject.topic } : {}),
      ...(subject.kind === 'answer' ? { entryId: subject.entryId } : { handoffId: subject.handoffId }),
    };
  }
}

/** The check's own state on the stack. */
const stateOf = (dc: DialogContext): ResolutionState => ownDialogState<ResolutionState>(dc, 'ResolutionDialog');
