/**
 * The customer's conversation with the bot: a question goes to the FAQ; an answer is followed by the
 * resolution check; the escalation policy decides when a person is better (P4) and whether to hand
 * over at once or offer one; when nobody can take it, the customer can leave a message or book a
 * callback (P8). After an agent session the bot comes back here and checks resolution again.
 *
 * Each of those moments (the greeting, after an answer, no answer, a request for a person, yes or
 * no at the check, back from an agent) runs the admin's system topic when one is published (step 6,
 * `SystemTopics`), and the built-in step otherwise. What no flow may change stays here: the policy's
 * decision, the counters it reads, the journal the agent's summary is made of.
 */
import { ComponentDialog, Dialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogContext, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { appendJournal } from '../handoff/conversationJournal';
import type { EscalationDecision, EscalationPolicy, EscalationReason } from '../handoff/escalation';
import type { SupportedLocale } from '../locale/locale';
import { contactRequestDialogId } from './contactRequestDialog';
import type { ContactRequestOptions, ContactRequestResult } from './contactRequestDialog';
import { faqDialogId } from './faqDialog';
import type { FaqDialogOptions, FaqOutcome } from './faqDialog';
import { messageWithButtons, readButtonValue } from './faqRendering';
import type { FaqButtonValue } from './faqRendering';
import type { PersonRequest, PersonRequester, PersonRequestResult } from './personRequester';
import { resolutionDialogId } from './resolutionDialog';
import type { ResolutionOptions, ResolutionResult } from './resolutionDialog';
import { dialogResponses } from './responses';
import type { ConversationSession } from './turnState';
import { recognizeYesNo } from './yesNo';
import { flowDialogId, isFlowDialogResult } from './flowDialog';
import type { FlowDialogOptions } from './flowDialog';
import type { SystemMoment, SystemTopics } from './systemTopics';
import { traceTurn, turnTraceNames } from './turnTrace';
import type { AnalyticsRecorder } from '../analytics/analyticsRecorder';
import { noAnalytics } from '../analytics/analyticsRecorder';
import { turnFacts } from './analyticsFacts';

/** How the bot starts the main dialog. */
export type MainDialogOptions =
  /** A new conversation: the greeting. Ends with `{ greeted: false }` when no topic greets, for the bot's own greeting. */
  | { readonly mode: 'greeting'; readonly locale: SupportedLocale }
  /** A customer message with no dialog waiting for it. */
  | { readonly mode: 'question'; readonly locale: SupportedLocale; readonly text: string; readonly contextEntryId?: string; readonly button?: FaqButtonValue }
  /** The customer needs a person now (asked for one, or the bot decided). */
  | ({ readonly mode: 'person'; readonly locale: SupportedLocale; /** Straight to the handoff, not through the OnEscalate topic (the topic's own transfer). */ readonly direct?: boolean } & PersonRequest)
  /** An agent ended the session: check whether the issue is solved. */
  | { readonly mode: 'after-agent'; readonly locale: SupportedLocale; readonly agentName: string; readonly handoffId: string; readonly topic?: string }
  /** The wait ran out, the external hub failed, or a flow takes a message: offer a message or callback. */
  | { readonly mode: 'no-person'; readonly locale: SupportedLocale; readonly why: 'timeout' | 'hub-failed' | 'no-agent'; readonly reason: EscalationReason; readonly queueId: string; readonly queueName: string; readonly timeZone: string; readonly detail?: string };

/** Dialog id under which {@link MainDialog} is registered. */
export const mainDialogId = 'warmline.main';
/** The step that puts a customer in touch with a person (or takes a message); flows hand over through it. */
export const personDialogId = `${mainDialogId}.person`;
/** The step that offers a message or a callback when nobody can take the customer; flows take messages through it. */
export const noPersonDialogId = `${mainDialogId}.noPerson`;

const ids = {
  question: `${mainDialogId}.question`,
  offer: `${mainDialogId}.offer`,
  person: personDialogId,
  afterAgent: `${mainDialogId}.afterAgent`,
  noPerson: noPersonDialogId,
  route: `${mainDialogId}.route`,
  greeting: `${mainDialogId}.greeting`,
} as const;

/** The dialog that handles each mode of {@link MainDialogOptions}. */
const modeDialogs: Record<MainDialogOptions['mode'], string> = {
  greeting: ids.greeting,
  question: ids.question,
  person: ids.person,
  'after-agent': ids.afterAgent,
  'no-person': ids.noPerson,
};

function dialogOfMode(options: MainDialogOptions | undefined): string {
  const dialog = options ? modeDialogs[options.mode] : undefined;
  if (!dialog) throw new TypeError(`MainDialog: no dialog for mode ${JSON.stringify(options?.mode)}`);
  return dialog;
}

/** What the offer buttons send. */
type OfferValue = { readonly warmline: 'handoff.offer'; readonly accept: boolean };

/** What {@link MainDialog} needs; checked at construction. */
export interface MainDialogDeps {
  readonly faqDialog: Dialog;
  readonly resolutionDialog: Dialog;
  readonly contactDialog: Dialog;
  readonly policy: EscalationPolicy;
  readonly people: PersonRequester;
  readonly session: ConversationSession;
  /** The customer's priority tier, for the policy (from the customer profile). */
  readonly tierOf: (context: WaterfallStepContext['context']) => Promise<string | undefined>;
  /** Runs dialog-flow topics (step 6); without it, questions are answered from knowledge only. */
  readonly flowDialog?: Dialog;
  /** The published system topics that take over the built-in steps (needs `flowDialog`). */
  readonly systemTopics?: SystemTopics;
  /** Told what happened (answers, no answers, escalations) for analytics (P11). */
  readonly analytics?: AnalyticsRecorder;
  readonly now?: () => Date;
}

/** Handles one customer conversation step; see the file header. */
export class MainDialog extends ComponentDialog {
  private readonly now: () => Date;
  private readonly analytics: AnalyticsRecorder;

  constructor(private readonly deps: MainDialogDeps) {
    super(mainDialogId);
    for (const key of ['faqDialog', 'resolutionDialog', 'contactDialog', 'policy', 'people', 'session', 'tierOf'] as const) {
      if (!deps[key]) throw new TypeError(`MainDialog: missing dependency "${key}"`);
    }
    if (deps.faqDialog.id !== faqDialogId) throw new TypeError('MainDialog needs the FAQ dialog');
    this.now = deps.now ?? (() => new Date());
    this.analytics = deps.analytics ?? noAnalytics;
    this.addDialog(deps.faqDialog);
    this.addDialog(deps.resolutionDialog);
    this.addDialog(deps.contactDialog);
    if (deps.flowDialog) this.addDialog(deps.flowDialog);
    // Not begun any more (onBeginDialog starts the mode's dialog itself); kept so a stack an earlier version saved still resolves.
    this.addDialog(new WaterfallDialog(ids.route, [(s) => this.route(s)]));
    this.addDialog(new WaterfallDialog(ids.greeting, [(s) => this.greet(s)]));
    this.addDialog(new WaterfallDialog(ids.question, [(s) => this.ask(s), (s) => this.afterFaq(s), (s) => this.afterResolution(s)]));
    this.addDialog(new WaterfallDialog(ids.offer, [(s) => this.offer(s), (s) => this.afterOffer(s)]));
    this.addDialog(new WaterfallDialog(ids.person, [(s) => this.requestPerson(s), (s) => this.afterContact(s)]));
    this.addDialog(new WaterfallDialog(ids.afterAgent, [(s) => this.checkAfterAgent(s), (s) => this.afterResolution(s)]));
    this.addDialog(new WaterfallDialog(ids.noPerson, [(s) => this.offerContact(s), (s) => this.afterContact(s)]));
    this.initialDialogId = ids.question;
  }

  /**
   * Begins the dialog of the mode asked for. It used to be a routing waterfall that replaced itself
   * with that dialog: one dialog begun and ended more on every turn, for nothing.
   */
  protected override onBeginDialog(innerDc: DialogContext, options?: MainDialogOptions): Promise<DialogTurnResult> {
    return innerDc.beginDialog(dialogOfMode(options), options);
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(dialogOfMode(step.options as MainDialogOptions), step.options);
  }

  /** The OnConversationStart topic, or `{ greeted: false }` so the bot sends its own greeting. */
  private async greet(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as Extract<MainDialogOptions, { mode: 'greeting' }>;
    const topicId = await this.systemTopic(step, 'OnConversationStart', options.locale);
    if (!topicId) return step.endDialog({ greeted: false });
    return this.runTopic(step, 'replace', { topicId, locale: options.locale });
  }

  // ── A question ────────────────────────────────────────────────────────────

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as Extract<MainDialogOptions, { mode: 'question' }>;
    // A new question leaves any OnEscalate topic the customer walked away from.
    (await this.deps.session.conversation(step.context)).escalating = false;
    // With an OnUnknownIntent topic, that topic says "no answer" instead of the FAQ dialog.
    const unknownTopic = await this.systemTopic(step, 'OnUnknownIntent', options.locale);
    if (unknownTopic) (step.values as QuestionValues).unknownTopic = unknownTopic;
    const faqOptions: FaqDialogOptions = { text: options.text, locale: options.locale, contextEntryId: options.contextEntryId, button: options.button, ...(unknownTopic ? { quietNoMatch: true } : {}) };
    return step.beginDialog(faqDialogId, faqOptions);
  }

  private async afterFaq(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = step.result as FaqOutcome | undefined;
    const options = step.options as Extract<MainDialogOptions, { mode: 'question' }>;
    if (!outcome) return step.endDialog();
    const conversation = await this.deps.session.conversation(step.context);
    const at = this.now().toISOString();
    if (outcome.kind === 'topic') {
      // An admin's topic fits the question better than any answer: it takes over from here. Its id is
      // the conversation's topic now, so a person asked for during it is found by routing's topic_queues.
      conversation.consecutiveNoMatches = 0;
      conversation.lastTopic = outcome.topicId;
      if (!this.deps.flowDialog) return step.endDialog();
      // Its resolution check, if it has one, comes back to the next step like the one after an answer.
      return this.runTopic(step, 'begin', { topicId: outcome.topicId, locale: outcome.locale });
    }
    if (outcome.kind === 'small-talk') {
      // Hello, thanks, bye: nothing was asked, so nothing to check, count or escalate; the last answer stays the context.
      return step.endDialog(outcome);
    }
    if (outcome.kind === 'answered') {
      conversation.lastEntryId = outcome.entryId;
      conversation.lastTopic = outcome.topic;
      conversation.consecutiveNoMatches = 0;
      conversation.journal = appendJournal(conversation.journal, {
        kind: 'answer',
        at,
        entryId: outcome.entryId,
        question: outcome.question,
        ...(outcome.topic !== undefined ? { topic: outcome.topic } : {}),
      });
      this.analytics.record({ ...turnFacts(step.context, this.now()), kind: 'answered', locale: outcome.locale, entryId: outcome.entryId, ...(outcome.topic !== undefined ? { topic: outcome.topic } : {}) });
    } else {
      conversation.consecutiveNoMatches = (conversation.consecutiveNoMatches ?? 0) + 1;
      conversation.journal = appendJournal(conversation.journal, { kind: 'no-match', at, query: outcome.query, via: outcome.via });
      this.analytics.record({ ...turnFacts(step.context, this.now()), kind: 'unanswered', locale: outcome.locale, text: outcome.query, detail: outcome.via });
      const values = step.values as QuestionValues;
      if (values.unknownTopic && outcome.via === 'no-match') {
        // The OnUnknownIntent topic says "no answer" (the FAQ dialog kept quiet); the next step then lets the policy decide.
        values.noMatch = outcome;
        return this.runTopic(step, 'begin', { topicId: values.unknownTopic, locale: outcome.locale });
      }
    }
    const decision = await this.decide(step, outcome.locale, options.text, outcome.kind === 'answered' ? outcome : undefined);
    if (decision.escalate) return this.escalate(step, outcome.locale, decision, outcome.kind === 'answered' ? outcome.topic : conversation.lastTopic);
    if (outcome.kind === 'no-match') return step.endDialog(outcome);
    const resolution: ResolutionOptions = {
      locale: outcome.locale,
      subject: { kind: 'answer', entryId: outcome.entryId, ...(outcome.topic !== undefined ? { topic: outcome.topic } : {}) },
    };
    // The OnAnswered topic (normally just the resolution check) follows the answer; its check's result comes back here.
    const answeredTopic = await this.systemTopic(step, 'OnAnswered', outcome.locale);
    if (answeredTopic) {
      const inputs = { entryId: outcome.entryId, knowledgeTopic: outcome.topic ?? null };
      return this.runTopic(step, 'begin', { topicId: answeredTopic, locale: outcome.locale, inputs, host: { resolutionSubject: resolution.subject } });
    }
    return step.beginDialog(resolutionDialogId, resolution);
  }

  /** After the OnUnknownIntent topic: the policy decides, as after any no-match. */
  private async afterUnknownIntent(step: WaterfallStepContext, noMatch: Extract<FaqOutcome, { kind: 'no-match' }>): Promise<DialogTurnResult> {
    const options = step.options as Extract<MainDialogOptions, { mode: 'question' }>;
    const conversation = await this.deps.session.conversation(step.context);
    const decision = await this.decide(step, noMatch.locale, options.text, undefined);
    if (decision.escalate) return this.escalate(step, noMatch.locale, decision, conversation.lastTopic);
    return step.endDialog(noMatch);
  }

  private async afterResolution(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const noMatch = (step.values as QuestionValues).noMatch;
    if (noMatch) return this.afterUnknownIntent(step, noMatch);
    // The check ran by itself, or inside the OnAnswered / OnAgentEnded topic.
    const result = (isFlowDialogResult(step.result) ? step.result.resolution : step.result) as ResolutionResult | undefined;
    const options = step.options as Extract<MainDialogOptions, { mode: 'question' | 'after-agent' }>;
    const conversation = await this.deps.session.conversation(step.context);
    const locale = conversation.locale ?? options.locale;
    const at = this.now().toISOString();
    const topic = options.mode === 'after-agent' ? options.topic : conversation.lastTopic;
    if (!result) return step.endDialog();
    if (result.kind === 'unclear') return this.newQuestion(step, locale, result.text);
    conversation.journal = appendJournal(conversation.journal, {
      kind: 'resolution',
      at,
      resolved: result.kind === 'resolved',
      ...(options.mode === 'question' && conversation.lastEntryId ? { entryId: conversation.lastEntryId } : {}),
      ...(topic !== undefined ? { topic } : {}),
    });
    if (result.kind === 'resolved') {
      conversation.consecutiveNoMatches = 0;
      if (result.next) return this.newQuestion(step, locale, result.next);
      const resolvedTopic = await this.systemTopic(step, 'OnResolved', locale);
      if (resolvedTopic) return this.runTopic(step, 'replace', { topicId: resolvedTopic, locale, inputs: { csat: result.csat ?? null } });
      return step.endDialog();
    }
    conversation.notResolvedCount = (conversation.notResolvedCount ?? 0) + 1;
    if (options.mode === 'after-agent') {
      return step.replaceDialog(ids.offer, { locale, reason: 'not-resolved', topic, intro: 'not-resolved' });
    }
    const decision = await this.decide(step, locale, '', undefined);
    if (decision.escalate) return this.escalate(step, locale, decision, topic);
    // "No, how do I return it?": the question that came with the answer is answered, not lost.
    if (result.next) return this.newQuestion(step, locale, result.next);
    const notResolvedTopic = await this.systemTopic(step, 'OnNotResolved', locale);
    if (notResolvedTopic) return this.runTopic(step, 'replace', { topicId: notResolvedTopic, locale });
    await step.context.sendActivity(dialogResponses[locale].tryAgain);
    return step.endDialog();
  }

  // ── Offering a person ─────────────────────────────────────────────────────

  private async offer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as OfferOptions;
    const words = dialogResponses[options.locale];
    const intro = words.offerIntro[options.intro];
    await step.context.sendActivity(
      messageWithButtons(step.context.activity.channelId, `${intro} ${words.offerPerson}`, [
        { title: words.offerYes, value: { warmline: 'handoff.offer', accept: true } },
        { title: words.offerNo, value: { warmline: 'handoff.offer', accept: false } },
      ]),
    );
    return Dialog.EndOfTurn;
  }

  private async afterOffer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as OfferOptions;
    const activity = step.context.activity;
    const text = typeof activity.text === 'string' ? activity.text.trim() : '';
    const value = activity.value as Partial<OfferValue> | undefined;
    const answer = value?.warmline === 'handoff.offer' && typeof value.accept === 'boolean' ? value.accept : recognizeYesNo(text, options.locale);
    if (answer === true) return step.replaceDialog(ids.person, { mode: 'person', locale: options.locale, reason: options.reason, detail: options.detail, topic: options.topic });
    if (answer === false) {
      const conversation = await this.deps.session.conversation(step.context);
      conversation.journal = appendJournal(conversation.journal, { kind: 'declined-agent', at: this.now().toISOString() });
      conversation.consecutiveNoMatches = 0;
      conversation.notResolvedCount = 0;
      await step.context.sendActivity(dialogResponses[options.locale].personDeclined);
      return step.endDialog();
    }
    return this.newQuestion(step, options.locale, text);
  }

  // ── Reaching a person ─────────────────────────────────────────────────────

  private async requestPerson(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as Extract<MainDialogOptions, { mode: 'person' }>;
    const request: PersonRequest = { reason: options.reason, ...(options.detail ? { detail: options.detail } : {}), ...(options.topic ? { topic: options.topic } : {}), ...(options.queue ? { queue: options.queue } : {}) };
    await this.noteEscalation(step, options.reason);
    const conversation = await this.deps.session.conversation(step.context);
    // The OnEscalate topic runs first (an admin may ask something before the transfer), once: asking
    // for a person again while it runs goes straight to the handoff (P1).
    if (!options.direct && !conversation.escalating) {
      const topicId = await this.systemTopic(step, 'OnEscalate', options.locale);
      if (topicId) {
        conversation.escalating = true;
        return this.runTopic(step, 'replace', { topicId, locale: options.locale, inputs: { reason: options.reason }, host: { escalation: request } });
      }
    }
    conversation.escalating = false;
    const result: PersonRequestResult = await this.deps.people.request(step.context, request);
    if (result.kind === 'connected') return step.endDialog();
    (step.values as PendingContact).pending = { ...request, queueId: result.queueId };
    const contact: ContactRequestOptions = {
      locale: options.locale,
      why: result.why,
      queueName: result.queueName,
      timeZone: result.timeZone,
      ...(result.nextOpening ? { nextOpening: result.nextOpening } : {}),
      ...(await this.knownPhone(step)),
    };
    return this.takeContact(step, contact);
  }

  private async offerContact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as Extract<MainDialogOptions, { mode: 'no-person' }>;
    (await this.deps.session.conversation(step.context)).escalating = false;
    (step.values as PendingContact).pending = { reason: options.reason, queueId: options.queueId, ...(options.detail ? { detail: options.detail } : {}) };
    const contact: ContactRequestOptions = {
      locale: options.locale,
      why: options.why,
      queueName: options.queueName,
      timeZone: options.timeZone,
      ...(await this.knownPhone(step)),
    };
    return this.takeContact(step, contact);
  }

  private async takeContact(step: WaterfallStepContext, contact: ContactRequestOptions): Promise<DialogTurnResult> {
    (await this.deps.session.conversation(step.context)).takingContact = true;
    return step.beginDialog(contactRequestDialogId, contact);
  }

  private async afterContact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (await this.deps.session.conversation(step.context)).takingContact = false;
    const result = step.result as ContactRequestResult | undefined;
    const pending = (step.values as PendingContact).pending;
    const options = step.options as { locale: SupportedLocale };
    if (!result || !pending) return step.endDialog();
    if (result.kind === 'message') await this.deps.people.leaveContact(step.context, pending, { kind: 'message', text: result.text });
    else if (result.kind === 'callback') await this.deps.people.leaveContact(step.context, pending, { kind: 'callback', at: result.at, phone: result.phone });
    else if (result.text) {
      // P1: asking for a person here is asking again, not a question for the FAQ.
      // They have been through the OnEscalate topic already (or a flow's own transfer): straight to the handoff.
      if (this.deps.policy.isAgentRequest(result.text, options.locale)) return step.replaceDialog(ids.person, { mode: 'person', locale: options.locale, reason: 'requested', direct: true });
      return this.newQuestion(step, options.locale, result.text);
    }
    return step.endDialog();
  }

  private async checkAfterAgent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as Extract<MainDialogOptions, { mode: 'after-agent' }>;
    const conversation = await this.deps.session.conversation(step.context);
    conversation.journal = appendJournal(conversation.journal, { kind: 'agent-session', at: this.now().toISOString(), agentName: options.agentName, handoffId: options.handoffId });
    conversation.consecutiveNoMatches = 0;
    conversation.notResolvedCount = 0;
    const resolution: ResolutionOptions = {
      locale: options.locale,
      subject: { kind: 'agent', agentName: options.agentName, handoffId: options.handoffId, ...(options.topic !== undefined ? { topic: options.topic } : {}) },
    };
    const agentEndedTopic = await this.systemTopic(step, 'OnAgentEnded', options.locale);
    if (agentEndedTopic) return this.runTopic(step, 'begin', { topicId: agentEndedTopic, locale: options.locale, inputs: { agentName: options.agentName }, host: { resolutionSubject: resolution.subject } });
    return step.beginDialog(resolutionDialogId, resolution);
  }

  // ── Shared ────────────────────────────────────────────────────────────────

  /** The admin's topic for a moment, when flows are published and it applies now. */
  private async systemTopic(step: WaterfallStepContext, moment: SystemMoment, locale: SupportedLocale): Promise<string | undefined> {
    if (!this.deps.flowDialog || !this.deps.systemTopics) return undefined;
    return this.deps.systemTopics.find(step.context, moment, locale);
  }

  /** Runs a topic: `begin` comes back to the next step with its result, `replace` hands the turn over to it. */
  private async runTopic(step: WaterfallStepContext, how: 'begin' | 'replace', options: FlowDialogOptions): Promise<DialogTurnResult> {
    return how === 'begin' ? step.beginDialog(flowDialogId, options) : step.replaceDialog(flowDialogId, options);
  }

  private async decide(step: WaterfallStepContext, locale: SupportedLocale, text: string, answered: Extract<FaqOutcome, { kind: 'answered' }> | undefined): Promise<EscalationDecision> {
    const conversation = await this.deps.session.conversation(step.context);
    const sentiments = (conversation.journal ?? []).flatMap((item) => (item.kind === 'customer' ? [item.sentiment] : [])).slice(-10);
    const tier = await this.deps.tierOf(step.context);
    const signals = {
      locale,
      text,
      consecutiveNoMatches: conversation.consecutiveNoMatches ?? 0,
      notResolvedCount: conversation.notResolvedCount ?? 0,
      sentiments,
      ...(answered?.topic !== undefined ? { topic: answered.topic } : {}),
      ...(answered?.escalation !== undefined ? { entryReason: answered.escalation } : {}),
      ...(tier !== undefined ? { tier } : {}),
    };
    const decision = this.deps.policy.decide(signals);
    await traceTurn(step.context, turnTraceNames.escalation, () => ({ decision, consecutiveNoMatches: signals.consecutiveNoMatches, notResolvedCount: signals.notResolvedCount, ...(tier !== undefined ? { tier } : {}) }));
    return decision;
  }

  private async escalate(step: WaterfallStepContext, locale: SupportedLocale, decision: Extract<EscalationDecision, { escalate: true }>, topic: string | undefined): Promise<DialogTurnResult> {
    const request = { locale, reason: decision.reason, ...(decision.detail ? { detail: decision.detail } : {}), ...(topic !== undefined ? { topic } : {}) };
    await this.noteEscalation(step, decision.reason);
    if (decision.mode === 'transfer') return step.replaceDialog(ids.person, { mode: 'person', ...request });
    const intro: OfferOptions['intro'] =
      decision.reason === 'frustration' || decision.reason === 'not-resolved' || decision.reason === 'repeated-no-match' || decision.reason === 'priority-tier' ? decision.reason : 'other';
    return step.replaceDialog(ids.offer, { ...request, intro });
  }

  /** Remembers why the conversation went (or was offered) to a person: offers are not shown after some reasons. */
  private async noteEscalation(step: WaterfallStepContext, reason: EscalationReason): Promise<void> {
    const conversation = await this.deps.session.conversation(step.context);
    if ((conversation.escalations ?? []).includes(reason)) return;
    conversation.escalations = [...(conversation.escalations ?? []), reason];
    // Counted once per conversation and reason, as the offers' gate reads it.
    this.analytics.record({ ...turnFacts(step.context, this.now()), kind: 'escalation', detail: reason, ...(conversation.locale ? { locale: conversation.locale } : {}) });
  }

  /** A reply that was not what a prompt waited for, asked as a question (a follow-up of the last answer, as any message is). */
  private async newQuestion(step: WaterfallStepContext, locale: SupportedLocale, text: string): Promise<DialogTurnResult> {
    const button = readButtonValue(step.context.activity.value);
    const { lastEntryId } = await this.deps.session.conversation(step.context);
    const options: MainDialogOptions = { mode: 'question', locale, text, ...(lastEntryId ? { contextEntryId: lastEntryId } : {}), ...(button ? { button } : {}) };
    return step.replaceDialog(ids.question, options);
  }

  private async knownPhone(step: WaterfallStepContext): Promise<{ knownPhone?: string }> {
    const phone = await this.deps.people.knownPhone(step.context);
    return phone ? { knownPhone: phone } : {};
  }
}

/** Options of the offer waterfall. */
interface OfferOptions extends PersonRequest {
  readonly locale: SupportedLocale;
  readonly intro: 'frustration' | 'not-resolved' | 'repeated-no-match' | 'priority-tier' | 'other';
}

/** What the question waterfall remembers between its steps. */
interface QuestionValues {
  /** The OnUnknownIntent topic, when one is published. */
  unknownTopic?: string;
  /** Set while that topic runs after a no-match: the step after it decides on escalation. */
  noMatch?: Extract<FaqOutcome, { kind: 'no-match' }>;
}

/** What the person waterfall remembers while the contact dialog runs. */
interface PendingContact {
  pending?: PersonRequest & { queueId: string };
}
