/**
 * The botbuilder host of the flow executor (flows/): runs an admin's topic inside a dialog turn.
 * The executor decides; this dialog carries out its effects (messages, remembered values, events)
 * and answers its requests: a Question waits for the customer's next message and recognises the
 * entity in it; the knowledge base, the resolution check, the handoff and message-taking run as the
 * existing child dialogs; HTTP calls go to backends named in settings. Thin on purpose.
 */
import { Dialog, DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogContext, DialogReason, DialogTurnResult } from 'botbuilder-dialogs';
import { ActivityTypes, CardFactory, MessageFactory } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AnalyticsInput } from '../analytics/analyticsEvent';
import type { AnalyticsRecorder } from '../analytics/analyticsRecorder';
import { turnFacts } from './analyticsFacts';
import type { SupportedLocale } from '../locale/locale';
import type { FlowSet } from '../flows/flowDefinition';
import type { FlowEffect, FlowMessage, FlowRequest, FlowResult } from '../flows/flowEffect';
import type { FlowContext, FlowExecutor, FlowStep } from '../flows/flowExecutor';
import { emptyFlowState, parseFlowState } from '../flows/flowState';
import type { FlowState } from '../flows/flowState';
import { recognizeEntity } from '../flows/entityRecognizer';
import type { PersonRequest } from './personRequester';
import type { ResolutionSubject } from './resolutionDialog';
import { flowStepTrace, traceTurn, turnTraceNames } from './turnTrace';

/** Id of the flow dialog. */
export const flowDialogId = 'warmline.flow';

/**
 * What the bot knew when it started a system topic, for the child dialogs the topic runs: what a
 * CheckResolution checks (the answer or the agent's chat), and the request for a person that started
 * the OnEscalate topic (its reason, detail and queue go on to the agent).
 */
export interface FlowHostContext {
  readonly resolutionSubject?: ResolutionSubject;
  readonly escalation?: PersonRequest;
  /** The `topic.*` inputs the bot passed (e.g. `reason`): what the bot knew, not what the customer said. */
  readonly givenInputs?: readonly string[];
}

/** How the flow dialog starts: a topic of the published flows, with inputs. */
export interface FlowDialogOptions {
  readonly topicId: string;
  readonly locale: SupportedLocale;
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly host?: FlowHostContext;
}

/** What the flow dialog ends with: the last resolution check's own result, for the main dialog to act on. */
export interface FlowDialogResult {
  readonly kind: 'flow-ended';
  readonly resolution?: unknown;
}

/** True when a child dialog's result came from the flow dialog. */
export function isFlowDialogResult(value: unknown): value is FlowDialogResult {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'flow-ended';
}

/** A request answered by running a child dialog (knowledge, resolution, handoff, message-taking). */
export interface ChildDialogHandler<R extends FlowRequest = FlowRequest> {
  readonly dialogId: string;
  /** The child dialog's options for this request (`host`: what the bot passed when it started the topic). */
  options(request: R, locale: SupportedLocale, host: FlowHostContext | undefined): object;
  /** The child's end result as the executor's result. */
  result(value: unknown): FlowResult;
}

/** What the flow dialog needs; checked at construction. */
export interface FlowDialogDeps {
  readonly executor: FlowExecutor;
  /** The published flow set, read when a topic starts (a running topic keeps its own version). */
  readonly published: () => FlowSet;
  /** Child dialogs for the requests that need a conversation of their own. */
  readonly children: Partial<Record<'answer-from-knowledge' | 'check-resolution' | 'transfer-to-agent' | 'take-message-or-callback', ChildDialogHandler>>;
  /** Calls a named backend; never throws (failures come back as a `failed` result). */
  readonly http?: (request: Extract<FlowRequest, { kind: 'http-request' }>) => Promise<FlowResult>;
  /** The scopes expressions read besides `topic.*`. */
  readonly scopes: (context: TurnContext, locale: SupportedLocale) => Promise<Omit<FlowContext, 'locale'>>;
  /**
   * Whether a reply that is not the answer a Question waits for is a question of its own: an
   * admin's topic to start on top (the Question is asked again when it ends), or a knowledge answer
   * (a child dialog; then the Question is asked again). Undefined: it is a wrong answer (retry).
   */
  readonly interruption?: (context: TurnContext, text: string, locale: SupportedLocale) => Promise<{ readonly kind: 'topic'; readonly topicId: string } | { readonly kind: 'answer'; readonly dialogId: string; readonly options: object } | undefined>;
  /** Makes the flow-set versions of topics in progress known to the executor (after a restart). */
  readonly loadVersions?: (versions: readonly string[]) => Promise<void>;
  /** Carries out writes to `conversation.*` and `user.*`. */
  readonly remember: (context: TurnContext, scope: 'conversation' | 'user', name: string, value: unknown) => Promise<void>;
  readonly logger: Logger;
  /** Told when topics start and end and what LogEvent actions say, for analytics (P11). */
  readonly analytics?: AnalyticsRecorder;
  readonly now?: () => Date;
}

interface FlowInstanceState {
  flow: FlowState;
  locale: SupportedLocale;
  host?: FlowHostContext;
  /** The last resolution check's result, handed to the caller when the topics end. */
  resolution?: unknown;
  /** A knowledge answer to a question asked instead of answering is running: then the Question is asked again. */
  interrupted?: boolean;
}

/** Runs topics of the published flows; see the module comment. */
export class FlowDialog extends Dialog<FlowDialogOptions> {
  private readonly log: Logger;
  private readonly now: () => Date;

  constructor(private readonly deps: FlowDialogDeps) {
    super(flowDialogId);
    for (const key of ['executor', 'published', 'children', 'scopes', 'remember', 'logger'] as const) {
      if (!deps[key]) throw new TypeError(`FlowDialog: missing dependency "${key}"`);
    }
    this.log = deps.logger.child({ area: 'flows' });
    this.now = deps.now ?? (() => new Date());
  }

  override async beginDialog(dc: DialogContext, options?: FlowDialogOptions): Promise<DialogTurnResult> {
    if (!options?.topicId) throw new TypeError('FlowDialog needs a topicId');
    const given = Object.keys(options.inputs ?? {});
    const host: FlowHostContext | undefined = options.host || given.length > 0 ? { ...options.host, ...(given.length > 0 ? { givenInputs: given } : {}) } : undefined;
    const state: FlowInstanceState = { flow: emptyFlowState(), locale: options.locale, ...(host ? { host } : {}) };
    dc.activeDialog!.state = state;
    const context = await this.flowContext(dc.context, state.locale);
    await traceTurn(dc.context, turnTraceNames.flow, () => ({ event: 'started', topicId: options.topicId, inputs: options.inputs ?? {} }));
    this.record(dc.context, state.locale, { kind: 'topic-started', topic: options.topicId });
    const step = this.deps.executor.start(state.flow, { flows: this.deps.published(), topicId: options.topicId, ...(options.inputs ? { inputs: options.inputs } : {}) }, context);
    return this.carryOut(dc, state, step);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = this.instance(dc);
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const pending = state.flow.frames.at(-1)?.pending;
    if (pending?.kind !== 'ask') return Dialog.EndOfTurn;
    const text = typeof dc.context.activity.text === 'string' ? dc.context.activity.text.trim() : '';
    const recognised = recognizeEntity(text, pending.entity, state.locale, this.now());
    // A question typed where a yes/no (or, when the topic allows it, any answer) was expected is a
    // question: it is answered, then the Question is asked again (the guardrail, whatever the flow says for yes/no).
    if (!recognised.ok && text && (pending.allowInterruptions || pending.entity.kind === 'boolean') && this.deps.interruption) {
      const found = await this.deps.interruption(dc.context, text, state.locale);
      await traceTurn(dc.context, turnTraceNames.interruption, () => ({ kind: found?.kind ?? 'none', waiting: { topicId: state.flow.frames.at(-1)?.topicId, actionId: pending.actionId }, ...(found?.kind === 'topic' ? { topicId: found.topicId } : {}) }));
      if (found?.kind === 'topic') {
        await this.deps.loadVersions?.(state.flow.frames.map((f) => f.version));
        this.record(dc.context, state.locale, { kind: 'topic-started', topic: found.topicId });
        const step = this.deps.executor.start(state.flow, { flows: this.deps.published(), topicId: found.topicId }, await this.flowContext(dc.context, state.locale));
        return this.carryOut(dc, state, step);
      }
      if (found?.kind === 'answer') {
        state.interrupted = true;
        const child = await dc.beginDialog(found.dialogId, found.options);
        return child.status === DialogTurnStatus.complete ? child : Dialog.EndOfTurn;
      }
    }
    const result: FlowResult = recognised.ok ? { kind: 'answer', value: recognised.value } : { kind: 'no-match' };
    return this.resume(dc, state, result);
  }

  override async resumeDialog(dc: DialogContext, _reason: DialogReason, value?: unknown): Promise<DialogTurnResult> {
    const state = this.instance(dc);
    if (state.interrupted) {
      // The interruption was answered: back to the Question that was waiting.
      delete state.interrupted;
      await this.deps.loadVersions?.(state.flow.frames.map((f) => f.version));
      return this.carryOut(dc, state, this.deps.executor.reprompt(state.flow, await this.flowContext(dc.context, state.locale)));
    }
    const pending = state.flow.frames.at(-1)?.pending;
    const handler = pending && pending.kind !== 'ask' && pending.kind !== 'http-request' ? this.deps.children[pending.kind] : undefined;
    const result: FlowResult = handler ? handler.result(value) : { kind: 'failed', code: 'no-handler' };
    if (pending?.kind === 'check-resolution') state.resolution = value;
    return this.resume(dc, state, result);
  }

  private async resume(dc: DialogContext, state: FlowInstanceState, result: FlowResult): Promise<DialogTurnResult> {
    await this.deps.loadVersions?.(state.flow.frames.map((f) => f.version));
    const context = await this.flowContext(dc.context, state.locale);
    return this.carryOut(dc, state, this.deps.executor.resume(state.flow, result, context));
  }

  /** Carries out a step's effects, then its request, looping while requests can be answered at once. */
  private async carryOut(dc: DialogContext, state: FlowInstanceState, first: FlowStep): Promise<DialogTurnResult> {
    let step = first;
    for (;;) {
      state.flow = step.state;
      for (const effect of step.effects) await this.apply(dc.context, state.locale, effect);
      await traceTurn(dc.context, turnTraceNames.flow, () => flowStepTrace(step));
      const request = step.request;
      const onError = request ? undefined : this.errorTopicAfter(step);
      if (onError) {
        // A topic failed (a backend without onError, a request that could not be carried out): the
        // OnError topic tells the customer what happens next (P7).
        step = this.deps.executor.start(state.flow, { flows: onError.flows, topicId: onError.topicId }, await this.flowContext(dc.context, state.locale));
        continue;
      }
      if (!request) return dc.endDialog({ kind: 'flow-ended', ...(state.resolution !== undefined ? { resolution: state.resolution } : {}) } satisfies FlowDialogResult);
      if (request.kind === 'ask') return Dialog.EndOfTurn;
      if (request.kind === 'http-request') {
        const answer = this.deps.http ? await this.deps.http(request) : ({ kind: 'failed', code: 'no-backends' } as const);
        step = this.deps.executor.resume(state.flow, answer, await this.flowContext(dc.context, state.locale));
        continue;
      }
      const handler = this.deps.children[request.kind];
      if (!handler) {
        this.log.warn({ request: request.kind, topicId: request.topicId }, 'no handler for a flow request');
        step = this.deps.executor.resume(state.flow, { kind: 'failed', code: 'no-handler' }, await this.flowContext(dc.context, state.locale));
        continue;
      }
      const child = await dc.beginDialog(handler.dialogId, handler.options(request, state.locale, state.host));
      if (child.status !== DialogTurnStatus.complete) return Dialog.EndOfTurn;
      // The child finished within this turn: its result was handed to resumeDialog already.
      return child;
    }
  }

  /** The OnError topic to start when this step ended every topic with an error (never for the OnError topic itself). */
  private errorTopicAfter(step: FlowStep): { flows: FlowSet; topicId: string } | undefined {
    if (step.state.frames.length > 0) return undefined;
    const failed = step.effects.filter((e): e is Extract<FlowEffect, { kind: 'topic-ended' }> => e.kind === 'topic-ended' && e.outcome.kind === 'error');
    if (failed.length === 0) return undefined;
    const flows = this.deps.published();
    const errorTopic = flows.topics.find((t) => t.trigger.kind === 'OnError');
    if (!errorTopic || failed.some((e) => e.topicId === errorTopic.id)) return undefined;
    return { flows, topicId: errorTopic.id };
  }

  private async apply(context: TurnContext, locale: SupportedLocale, effect: FlowEffect): Promise<void> {
    switch (effect.kind) {
      case 'send':
        await context.sendActivity(toActivity(effect.message));
        return;
      case 'set-conversation':
        await this.deps.remember(context, 'conversation', effect.name, effect.value);
        return;
      case 'set-user':
        await this.deps.remember(context, 'user', effect.name, effect.value);
        return;
      case 'log-event':
        this.log.info({ event: effect.name, topicId: effect.topicId, properties: effect.properties, locale }, 'flow event');
        this.record(context, locale, { kind: 'flow-event', topic: effect.topicId, detail: effect.name });
        return;
      case 'topic-ended':
        this.log.debug({ topicId: effect.topicId, outcome: effect.outcome.kind }, 'topic ended');
        this.record(context, locale, { kind: 'topic-ended', topic: effect.topicId, detail: effect.outcome.kind });
        if (effect.outcome.kind === 'error') this.log.warn({ topicId: effect.topicId, code: effect.outcome.code, detail: effect.outcome.detail }, 'topic ended with an error');
        return;
      case 'diagnostic':
        this.log.warn({ topicId: effect.topicId, actionId: effect.actionId, code: effect.code, detail: effect.detail }, 'flow problem');
        return;
    }
  }

  /** Records an analytics event of this turn (never fails the turn: the recorder returns at once). */
  private record(context: TurnContext, locale: SupportedLocale, event: Pick<AnalyticsInput, 'kind' | 'topic' | 'detail'>): void {
    this.deps.analytics?.record({ ...turnFacts(context, this.now()), locale, ...event });
  }

  private async flowContext(context: TurnContext, locale: SupportedLocale): Promise<FlowContext> {
    return { locale, ...(await this.deps.scopes(context, locale)) };
  }

  private instance(dc: DialogContext): FlowInstanceState {
    const saved = dc.activeDialog?.state as Partial<FlowInstanceState> | undefined;
    const state: FlowInstanceState = {
      flow: parseFlowState(saved?.flow),
      locale: saved?.locale ?? 'en-US',
      ...(saved?.host ? { host: saved.host } : {}),
      ...(saved?.resolution !== undefined ? { resolution: saved.resolution } : {}),
      ...(saved?.interrupted === true ? { interrupted: true } : {}),
    };
    dc.activeDialog!.state = state;
    return state;
  }
}

/** A flow message as a Bot Framework activity: text, buttons as suggested actions, a card. */
export function toActivity(message: FlowMessage): Partial<Activity> {
  const card = message.card ? CardFactory.adaptiveCard(message.card) : undefined;
  const activity = card ? MessageFactory.attachment(card, message.text) : MessageFactory.text(message.text ?? '');
  if (message.buttons && message.buttons.length > 0) {
    activity.suggestedActions = { to: [], actions: message.buttons.map((b) => ({ type: 'imBack', title: b.title, value: b.value })) };
  }
  return activity;
}
