/**
 * Answers a question from the knowledge base: the answer with its follow-up prompts, up to three
 * "Did you mean…?" choices plus "None of these" when the engine is unsure, or an honest no-match.
 * The outcome goes back to the caller, which counts no-matches for escalation (step 3).
 */
import { flowEntryPrefix, flowTopicKey } from '../flows/topicTriggers';
import type { TurnContext } from 'botbuilder';
import { Dialog, recognizeChoices } from 'botbuilder-dialogs';
import type { DialogContext, DialogState, DialogTurnResult } from 'botbuilder-dialogs';
import type { ActiveLearning } from '../knowledge/activeLearning';
import type { FaqService } from '../knowledge/faqService';
import type { KnowledgeEntry } from '../knowledge/knowledgeBase';
import { isSmallTalk } from '../knowledge/smallTalk';
import type { SupportedLocale } from '../locale/locale';
import { messageWithButtons, readButtonValue } from './faqRendering';
import { ownDialogState, savedWaterfallStep } from './ownDialogState';
import type { FaqButton, FaqButtonValue } from './faqRendering';
import { dialogResponses } from './responses';
import { faqTrace, traceTurn, turnTraceNames } from './turnTrace';

/** Dialog id of {@link FaqDialog}. */
export const faqDialogId = 'warmline.faq';

/** What starts the dialog. */
export interface FaqDialogOptions {
  readonly text: string;
  readonly locale: SupportedLocale;
  /** The entry answered last in this conversation (for context-only follow-ups). */
  readonly contextEntryId?: string;
  /** A button the customer pressed (a follow-up prompt), if any. */
  readonly button?: FaqButtonValue;
  /** Say nothing when nothing matches: the caller's OnUnknownIntent topic says it. */
  readonly quietNoMatch?: boolean;
  /** Entries left out: topics whose trigger does not apply now. */
  readonly exclude?: readonly string[];
}

/** How the question ended. */
export type FaqOutcome =
  | {
      readonly kind: 'answered';
      readonly entryId: string;
      /** The entry's main question, as the summary shows what was answered. */
      readonly question: string;
      readonly topic: string | undefined;
      readonly locale: SupportedLocale;
      readonly via: 'match' | 'choice' | 'prompt';
      /** Set when the entry's metadata asks for a person (`escalate = true`, `reason = …`). */
      readonly escalation: string | undefined;
    }
  | { readonly kind: 'no-match'; readonly locale: SupportedLocale; readonly via: 'no-match' | 'none-of-these'; readonly query: string }
  /** A small-talk entry answered (`editorial = chitchat`: hello, thanks, bye): no question was asked. */
  | { readonly kind: 'small-talk'; readonly entryId: string; readonly locale: SupportedLocale }
  /** The question matched a dialog-flow topic's trigger better than any answer: the topic runs. */
  | { readonly kind: 'topic'; readonly topicId: string; readonly locale: SupportedLocale; readonly query: string };

/** The "Did you mean…?" choices just offered, and the topic of the best one (knowledge `topic`, or a dialog-flow topic's id). */
export interface OfferedChoices {
  readonly entryIds: readonly string[];
  readonly topic?: string;
}

interface PendingChoice {
  readonly query: string;
  readonly locale: SupportedLocale;
  readonly entryIds: readonly string[];
  readonly titles: readonly string[];
}

/** What the dialog keeps on the stack while "Did you mean…?" waits for the customer. */
interface FaqDialogState {
  options?: FaqDialogOptions;
  pending?: PendingChoice;
  /** How earlier versions kept it: the state of a component dialog running a two-step waterfall. */
  dialogs?: DialogState;
}

/**
 * The FAQ dialog. A plain dialog rather than a component running a waterfall: it is begun and ended
 * on every question, and the component's inner dialog context and waterfall step cost a FAQ turn
 * more than the question's matching did.
 */
export class FaqDialog extends Dialog<FaqDialogOptions> {
  /**
   * `topicApplies`: whether a dialog-flow topic may start now (published, and its trigger's
   * condition holds). An entry whose metadata names a topic (`flowtopic = where-is-my-order`, and
   * the entries made of topics' trigger queries) starts it when it applies; otherwise a knowledge
   * entry is answered with its own text, and a trigger-query entry is left out and the question
   * asked again. `onChoices` is told when "Did you mean…?" is offered.
   */
  constructor(
    private readonly faq: FaqService,
    private readonly learning: ActiveLearning,
    private readonly topicApplies: (context: TurnContext, topicId: string, locale: SupportedLocale) => Promise<boolean> = async () => false,
    private readonly onChoices: (context: TurnContext, offered: OfferedChoices) => Promise<void> = async () => {},
  ) {
    super(faqDialogId);
    if (!faq || !learning) throw new TypeError('FaqDialog needs a FaqService and an ActiveLearning');
  }

  override beginDialog(dc: DialogContext, options?: FaqDialogOptions): Promise<DialogTurnResult> {
    if (!options || typeof options.text !== 'string') throw new TypeError('FaqDialog: begun without a question');
    stateOf(dc).options = options;
    return this.decide(dc, options);
  }

  /** The customer's answer to "Did you mean…?". */
  override continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = stateOf(dc);
    // A stack saved by the component version holds the waterfall's step state instead.
    const legacy = savedWaterfallStep<FaqDialogOptions>(state);
    const options = state.options ?? legacy?.options;
    const pending = state.pending ?? (legacy?.values?.pending as PendingChoice | undefined);
    if (!options || !pending) return dc.endDialog();
    return this.choose(dc, options, pending);
  }

  private async decide(step: DialogContext, options: FaqDialogOptions): Promise<DialogTurnResult> {
    if (options.button?.warmline === 'faq.prompt') {
      const entry = this.faq.entry(options.locale, options.button.entryId);
      if (entry) {
        await traceTurn(step.context, turnTraceNames.faq, () => ({ query: options.text, locale: options.locale, decision: 'prompt', entryId: entry.id, candidates: [] }));
        return this.answer(step, options, entry, options.locale, 'prompt', options.text);
      }
    }
    const asked = this.faq.ask({ text: options.text, locale: options.locale, contextEntryId: options.contextEntryId, ...(options.exclude ? { exclude: options.exclude } : {}) });
    const { decision, locale } = asked;
    await traceTurn(step.context, turnTraceNames.faq, () => faqTrace(options.text, asked, this.faq.thresholdsFor(locale), options.exclude));
    if (decision.kind === 'answer') return this.answer(step, options, decision.candidate.entry, locale, 'match', options.text);
    if (decision.kind === 'none') {
      await this.learning.record({ kind: 'unanswered', locale, query: options.text, candidateIds: decision.candidates.map((c) => c.entry.id), ...asker(step) });
      if (!options.quietNoMatch) await step.context.sendActivity(dialogResponses[locale].noMatch);
      return step.endDialog({ kind: 'no-match', locale, via: 'no-match', query: options.text } satisfies FaqOutcome);
    }
    const words = dialogResponses[locale];
    const pending: PendingChoice = {
      query: options.text,
      locale,
      entryIds: decision.suggestions.map((s) => s.entry.id),
      titles: decision.suggestions.map((s) => s.entry.questions[0] ?? s.matchedQuestion),
    };
    stateOf(step).pending = pending;
    const best = decision.suggestions[0]?.entry;
    const topic = best ? (best.metadata[flowTopicKey] ?? best.metadata.topic) : undefined;
    await this.onChoices(step.context, { entryIds: pending.entryIds, ...(topic ? { topic } : {}) });
    const buttons: FaqButton[] = [
      ...pending.entryIds.map((entryId, i) => ({ title: pending.titles[i] ?? entryId, value: { warmline: 'faq.choose', entryId } as const })),
      { title: words.noneOfThese, value: { warmline: 'faq.none' } },
    ];
    await step.context.sendActivity(messageWithButtons(step.context.activity.channelId, words.didYouMean, buttons));
    return Dialog.EndOfTurn;
  }

  private async choose(step: DialogContext, options: FaqDialogOptions, pending: PendingChoice): Promise<DialogTurnResult> {
    const activity = step.context.activity;
    const text = typeof activity.text === 'string' ? activity.text.trim() : '';
    const button = readButtonValue(activity.value);
    let picked: string | 'none' | undefined;
    if (button?.warmline === 'faq.none') picked = 'none';
    else if (button?.warmline === 'faq.choose' && pending.entryIds.includes(button.entryId)) picked = button.entryId;
    else if (!button && text) {
      const titles = [...pending.titles, dialogResponses[pending.locale].noneOfThese];
      const [found] = recognizeChoices(text, titles, { locale: pending.locale.toLowerCase(), allowPartialMatches: false });
      if (found) picked = found.resolution.index < pending.entryIds.length ? pending.entryIds[found.resolution.index] : 'none';
    }
    if (picked === 'none') {
      await this.learning.record({ kind: 'unanswered', locale: pending.locale, query: pending.query, candidateIds: pending.entryIds, ...asker(step) });
      await step.context.sendActivity(dialogResponses[pending.locale].noneChosen);
      return step.endDialog({ kind: 'no-match', locale: pending.locale, via: 'none-of-these', query: pending.query } satisfies FaqOutcome);
    }
    const entry = picked ? this.faq.entry(pending.locale, picked) : undefined;
    if (entry) {
      await this.learning.record({ kind: 'chosen', locale: pending.locale, query: pending.query, entryId: entry.id, ...asker(step) });
      return this.answer(step, options, entry, pending.locale, 'choice', pending.query);
    }
    // Not a choice: the customer asked something else, so treat it as a new question.
    const quiet = options.quietNoMatch;
    const next: FaqDialogOptions = { text, locale: pending.locale, button: button?.warmline === 'faq.prompt' ? button : undefined, ...(quiet ? { quietNoMatch: true } : {}) };
    return step.replaceDialog(this.id, next);
  }

  private async answer(step: DialogContext, options: FaqDialogOptions, entry: KnowledgeEntry, locale: SupportedLocale, via: 'match' | 'choice' | 'prompt', asked: string): Promise<DialogTurnResult> {
    const topicId = entry.metadata[flowTopicKey];
    if (topicId) {
      if (await this.topicApplies(step.context, topicId, locale)) {
        const query = typeof step.context.activity.text === 'string' ? step.context.activity.text.trim() : '';
        return step.endDialog({ kind: 'topic', topicId, locale, query } satisfies FaqOutcome);
      }
      if (entry.id === `${flowEntryPrefix}${topicId}`) {
        // A topic's trigger queries, but the topic does not apply now: the question is asked again without them.
        const again: FaqDialogOptions = { text: asked, locale, exclude: [...(options.exclude ?? []), entry.id], ...(options.contextEntryId ? { contextEntryId: options.contextEntryId } : {}), ...(options.quietNoMatch ? { quietNoMatch: true } : {}) };
        return step.replaceDialog(this.id, again);
      }
    }
    const buttons: FaqButton[] = [...entry.prompts]
      .sort((a, b) => a.displayOrder - b.displayOrder)
      .map((p) => ({ title: p.displayText, value: { warmline: 'faq.prompt', entryId: p.entryId } as const }));
    // Kept: the resolution check that follows would otherwise replace the prompts on Web Chat.
    await step.context.sendActivity(messageWithButtons(step.context.activity.channelId, entry.answer, buttons, { keep: true }));
    if (isSmallTalk(entry)) return step.endDialog({ kind: 'small-talk', entryId: entry.id, locale } satisfies FaqOutcome);
    const escalation = entry.metadata.escalate === 'true' ? (entry.metadata.reason ?? 'expert') : undefined;
    const outcome: FaqOutcome = { kind: 'answered', entryId: entry.id, question: entry.questions[0] ?? entry.id, topic: entry.metadata.topic, locale, via, escalation };
    return step.endDialog(outcome);
  }
}

/** The dialog's own state on the stack. */
const stateOf = (dc: DialogContext): FaqDialogState => ownDialogState<FaqDialogState>(dc, 'FaqDialog');

/** Who asked, for active learning (kept there only as a one-way reference, so a privacy request can erase it). */
function asker(step: DialogContext): { customerId?: string } {
  const id = step.context.activity.from?.id;
  return typeof id === 'string' && id !== '' ? { customerId: id } : {};
}
