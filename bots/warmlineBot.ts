/**
 * The one bot customers and agents talk to. Customers: greeted once in their language; every message
 * goes to the main dialog, except that a request for a person is honoured at once in any state (P1)
 * and, while a person is on the way or with them, messages go to the handoff. Agents (roster members
 * whose identity the transport proved, see `TurnOrigin`): commands and relayed chat go to the
 * agent desk. State is saved at the end of every turn.
 * Thin on purpose: wording lives in responses modules, decisions in dialogs and domain folders.
 */
import { ActivityHandler, TurnContext as BotTurnContext } from 'botbuilder';
import type { InvokeResponse, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import type { Dialog, DialogState, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import { chooseLocale, defaultLocale, toSupportedLocale } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import { textLength } from '../locale/textLength';
import type { MainDialogOptions } from '../dialogs/mainDialog';
import { readButtonValue } from '../dialogs/faqRendering';
import { appendJournal } from '../handoff/conversationJournal';
import type { EscalationPolicy } from '../handoff/escalation';
import type { AgentDesk } from '../handoff/agentDesk';
import { looksLikeAgentCommand, readAgentInput } from '../handoff/agentCommands';
import type { AgentInput } from '../handoff/agentCommands';
import type { DeskEffect, EffectSink } from '../handoff/deskEffect';
import { agentHandoffResponses, customerHandoffResponses } from '../handoff/responses';
import type { AgentProfile } from '../handoff/routing';
import { maskForAgents } from '../privacy/sensitiveData';
import { addressOf } from '../adapters/handoff/customerHandoff';
import type { CustomerHandoff } from '../adapters/handoff/customerHandoff';
import { toActivity } from '../adapters/handoff/proactiveMessenger';
import { adaptiveCardActionName, agentCommandOfInvoke, cardActionRefused, cardActionResponse, splitForCardAction } from '../adapters/teams/universalActions';
import type { CardActionAnswer } from '../adapters/teams/universalActions';
import { botResponses } from './responses';
import { buttonLabels, isButtonPress, rememberLabels } from './offeredButtons';
import { SerialQueue } from '../storage/serialQueue';
import { TurnLock } from './turnLock';
import type { KeyedLock } from '../storage/keyedLock';
import type { BotStateSession } from './botStateSession';
import type { UserProfile } from '../dialogs/turnState';
import type { OfferReplies } from '../dialogs/offerReplies';
import { turnOrigin } from './turnOrigin';
import { flowDialogId } from '../dialogs/flowDialog';
import type { DialogInstance } from 'botbuilder-dialogs';
import { orderedGuards, runGuards } from './messageGuards';
import type { MessageGuard } from './messageGuards';
import type { ConversationData } from '../dialogs/turnState';
import { traceTurn, turnTraceNames } from '../dialogs/turnTrace';
import type { AnalyticsRecorder } from '../analytics/analyticsRecorder';
import { turnFacts } from '../dialogs/analyticsFacts';

/** What {@link WarmlineBot} needs; checked at construction. */
export interface WarmlineBotDeps {
  readonly session: BotStateSession;
  readonly mainDialog: Dialog;
  readonly logger: Logger;
  /** Longest customer message the bot reads (characters). */
  readonly maxMessageChars: number;
  readonly policy: EscalationPolicy;
  readonly handoff: CustomerHandoff;
  readonly agentDesk: AgentDesk;
  readonly sink: EffectSink;
  /**
   * Serialises each conversation's turns; across instances when they share Redis. Default: this
   * process only. A {@link TurnLock} is used as it is (the replay guard shares it, and the bot's turn
   * enters the conversation the guard holds on the same `TurnContext`).
   */
  readonly turnLock?: KeyedLock | TurnLock;
  /** Replies about offers; without it the bot shows no offers. */
  readonly offerReplies?: OfferReplies;
  /** Told when a customer's conversation starts (their first message), for analytics (P11). */
  readonly analytics?: AnalyticsRecorder;
  /** Clock, injectable for tests. */
  readonly now?: () => Date;
}

/** What every message guard reads about the message in hand. */
interface MessageTurn {
  readonly context: TurnContext;
  /** The text as sent (masked for customers), and trimmed. */
  readonly raw: string;
  readonly text: string;
  /** A card or button value came with it. */
  readonly hasValue: boolean;
  readonly locale: SupportedLocale;
  readonly conversation: ConversationData;
  /** The proven agent who sent it, if any. */
  readonly agent?: AgentProfile;
}

/** Name of the event the bundled Web Chat page sends once connected, carrying `{ locale }`. */
export const joinEventName = 'webchat/join';
/** Name of the event an external contact-centre hub sends about a handoff. */
export const handoffStatusEventName = 'handoff.status';

/** Turns are serialised per channel and conversation. */
export function turnKey(context: TurnContext): string {
  return `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
}

/** Where botbuilder-dialogs looks for (and caches) a turn's dialog memory configuration (`DialogStateManager`). */
const dialogMemoryConfigurationKey = 'DialogStateManagerConfiguration';

/** Channels whose greeting waits for the page's join event, which carries the chosen language. */
const greetOnJoinChannels = new Set(['directline', 'webchat']);

/** Warmline's ActivityHandler. */
export class WarmlineBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly turns: TurnLock;
  private readonly dialogState;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly guards: readonly MessageGuard<MessageTurn>[];
  private dialogMemoryConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(private readonly deps: WarmlineBotDeps) {
    super();
    for (const key of ['session', 'mainDialog', 'logger', 'policy', 'handoff', 'agentDesk', 'sink'] as const) {
      if (!deps[key]) throw new TypeError(`WarmlineBot: missing dependency "${key}"`);
    }
    if (!(deps.maxMessageChars > 0)) throw new TypeError('WarmlineBot: maxMessageChars must be positive');
    this.log = deps.logger.child({ area: 'bot' });
    this.now = deps.now ?? (() => new Date());
    this.turns = deps.turnLock instanceof TurnLock ? deps.turnLock : new TurnLock(deps.turnLock ?? new SerialQueue());
    this.dialogState = deps.session.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(deps.mainDialog);
    this.guards = this.buildGuards();

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined && !greetOnJoinChannels.has(context.activity.channelId)) {
        await this.greet(context, toSupportedLocale(context.activity.locale), false);
      }
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === joinEventName) {
        const value = context.activity.value as { locale?: unknown; continues?: unknown } | undefined;
        const picked = typeof value?.locale === 'string' ? value.locale : context.activity.locale;
        // "Start a new chat" on the page names the conversation it replaces, so an open handoff follows.
        const continues = typeof value?.continues === 'string' && value.continues.length <= 128 ? value.continues : undefined;
        await this.greet(context, toSupportedLocale(picked), true, continues);
      } else if (context.activity.name === handoffStatusEventName) {
        // Only the hub's own identity may move a handoff; a customer's copy of the event is ignored.
        if (turnOrigin(context).fromHub) await this.hubStatus(context);
        else this.log.warn({ conversationId: context.activity.conversation?.id, channel: context.activity.channelId }, 'ignored a handoff.status event that did not come from the hub');
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onTyping(async (context, next) => {
      // A customer typing to their agent: the agent's workspace shows it.
      if (!turnOrigin(context).agent) await this.deps.handoff.customerTyping(context);
      await next();
    });
    this.onEndOfConversation(async (context, next) => {
      if (!turnOrigin(context).agent) await this.deps.handoff.customerLeft(context);
      await next();
    });
  }

  /**
   * Runs a turn and always saves state, even when the turn's logic threw. Turns of one conversation
   * run one after another (on whichever instance they arrive), so two quick messages never race on
   * the conversation's state.
   */
  override async run(context: TurnContext): Promise<void> {
    await this.exclusive(context, async () => {
      this.reuseDialogMemoryConfiguration(context);
      try {
        if (!turnOrigin(context).agent) this.rememberButtons(context);
        await super.run(context);
      } finally {
        this.keepDialogMemoryConfiguration(context);
        await this.deps.session.save(context);
      }
    });
  }

  /**
   * Gives the turn the dialog memory scopes and path resolvers built by an earlier turn. Without it
   * botbuilder-dialogs builds them again on every turn (its service collection, schemas and scope
   * objects); they hold nothing of a turn, and DialogManager shares one set across turns the same way.
   */
  private reuseDialogMemoryConfiguration(context: TurnContext): void {
    if (this.dialogMemoryConfiguration && !context.turnState.has(dialogMemoryConfigurationKey)) context.turnState.set(dialogMemoryConfigurationKey, this.dialogMemoryConfiguration);
  }

  /** After a turn: keeps the dialog memory configuration it built, for the next turns. */
  private keepDialogMemoryConfiguration(context: TurnContext): void {
    this.dialogMemoryConfiguration ??= context.turnState.get(dialogMemoryConfigurationKey) as DialogStateManagerConfiguration | undefined;
  }

  /** Keeps the labels of the buttons this turn shows the customer, so pressing one is known next turn. */
  private rememberButtons(context: TurnContext): void {
    context.onSendActivities(async (ctx, activities, next) => {
      const labels = buttonLabels(activities);
      if (labels.length > 0) {
        const conversation = await this.deps.session.conversation(ctx);
        conversation.offeredButtons = rememberLabels(conversation.offeredButtons, labels);
      }
      return next();
    });
  }

  /** Runs `task` after the conversation's earlier turns; directly when this turn (the replay guard) already holds it. */
  private exclusive(context: TurnContext, task: () => Promise<void>): Promise<void> {
    return this.turns.run(context, turnKey(context), task);
  }

  /**
   * A Teams `Action.Execute` (Universal Actions) on an agent's card: run as the same command a card
   * button sends elsewhere, answered with the updated card (Accept) or a short message.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== adaptiveCardActionName) return super.onInvokeActivity(context);
    const agent = turnOrigin(context).agent;
    const value = agentCommandOfInvoke(context.activity.value);
    if (!agent || !value) {
      this.log.warn({ conversationId: context.activity.conversation?.id, channel: context.activity.channelId, agent: agent?.id }, 'refused a card action that is not an agent command');
      return cardActionRefused(agent ? 'Not an Action.Execute with a verb.' : 'Card actions are for agents.');
    }
    const input = readAgentInput('', value);
    const accept = input.kind === 'command' && input.command.name === 'accept';
    const answer = await this.handleAgent(context, agent, input, accept);
    return cardActionResponse(context.activity.channelId, answer);
  }

  /** The conversation's remembered locale, for callers outside a normal turn (errors). */
  async localeOf(context: TurnContext): Promise<SupportedLocale> {
    const conversation = await this.deps.session.conversation(context);
    const profile = await this.deps.session.profile(context);
    return chooseLocale({
      text: typeof context.activity.text === 'string' ? context.activity.text : undefined,
      conversation: conversation.locale,
      activityLocale: context.activity.locale,
      profile: profile.locale,
    });
  }

  /** Clears the dialog stack so a conversation that failed mid-dialog starts clean next turn. */
  async resetDialogs(context: TurnContext): Promise<void> {
    (await this.deps.session.conversation(context)).takingContact = false;
    await this.dialogState.delete(context);
    await this.deps.session.conversationState.saveChanges(context, true);
  }

  /**
   * Takes a customer's conversation back from the handoff (proactively, in that conversation): after
   * an agent ended, the resolution check; after a timeout, the apology and a message or callback.
   */
  async resume(context: TurnContext, effect: Extract<DeskEffect, { kind: 'resume-customer' }>): Promise<void> {
    await this.exclusive(context, () => this.resumeNow(context, effect));
  }

  private async resumeNow(context: TurnContext, effect: Extract<DeskEffect, { kind: 'resume-customer' }>): Promise<void> {
    this.reuseDialogMemoryConfiguration(context);
    this.rememberButtons(context);
    try {
      const conversation = await this.deps.session.conversation(context);
      const locale = conversation.locale ?? toSupportedLocale(effect.to.locale) ?? defaultLocale;
      const options = await this.deps.handoff.resumeOptions(effect, locale);
      if (!options) return;
      await this.restartMain(context, options);
    } finally {
      await this.deps.session.save(context);
    }
  }

  /**
   * Greets once per conversation. `explicit` is true when the customer picked the language (the
   * page's selector); a channel's locale hint never overrides the language they have been using.
   * Agents get the agent greeting and are signed in. A new chat that `continues` one with an open
   * handoff is linked to it instead of greeted.
   */
  private async greet(context: TurnContext, picked: SupportedLocale | undefined, explicit: boolean, continues?: string): Promise<void> {
    const agent = turnOrigin(context).agent;
    if (agent) {
      const turn = await this.deps.agentDesk.welcome(agent, addressOf(context.activity));
      for (const message of turn.replies) await context.sendActivity(toActivity(context.activity.channelId, message));
      return;
    }
    const conversation = await this.deps.session.conversation(context);
    const profile = await this.touchProfile(context, explicit ? picked : undefined);
    conversation.startedAt ??= this.now().toISOString();
    if (picked && (explicit || !conversation.locale)) conversation.locale = picked;
    if (conversation.welcomed) return;
    conversation.welcomed = true;
    if (continues !== undefined && (await this.deps.handoff.followHere(context, continues))) return;
    const locale = conversation.locale ?? profile.locale ?? defaultLocale;
    // The OnConversationStart topic greets when one is published; otherwise the catalogue's welcome.
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) {
      const started = await dc.beginDialog(this.deps.mainDialog.id, { mode: 'greeting', locale } satisfies MainDialogOptions);
      if (!(started.status === DialogTurnStatus.complete && (started.result as { greeted?: unknown } | undefined)?.greeted === false)) return;
    }
    await context.sendActivity(botResponses[locale].welcome);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // In a Teams team or group chat the bot is @mentioned; the mention is not part of what was said.
    if (context.activity.channelId === 'msteams' && typeof context.activity.text === 'string' && context.activity.recipient?.id) BotTurnContext.removeRecipientMention(context.activity);
    // P10: a customer's card numbers, passwords and ID numbers are masked before any part of the bot
    // reads the message, so none can reach conversation state, dialogs, handoffs, tickets or learning.
    if (!turnOrigin(context).agent && typeof context.activity.text === 'string') context.activity.text = maskForAgents(context.activity.text);
    const raw = typeof context.activity.text === 'string' ? context.activity.text : '';
    const text = raw.trim();
    const hasValue = typeof context.activity.value === 'object' && context.activity.value !== null;
    const agent = turnOrigin(context).agent;
    const conversation = await this.deps.session.conversation(context);
    const profile = await this.deps.session.profile(context);
    // A command such as "/end" says nothing about the customer's language.
    const languageHint = looksLikeAgentCommand(text) ? undefined : text;
    const locale = agent ? agent.locale : chooseLocale({ text: languageHint, conversation: conversation.locale, activityLocale: context.activity.locale, profile: profile.locale });
    this.log.info({ conversationId: context.activity.conversation.id, channel: context.activity.channelId, locale, chars: raw.length, agent: agent?.id }, 'message');
    conversation.lastSeenAt = this.now().toISOString();
    if (!agent) {
      // Who the conversation is with, so a privacy request (export, erase) finds it.
      if (context.activity.from?.id) conversation.customerId ??= context.activity.from.id;
      conversation.locale = locale;
      conversation.startedAt ??= this.now().toISOString();
      conversation.welcomed = true;
      conversation.messageCount = (conversation.messageCount ?? 0) + 1;
      if (conversation.messageCount === 1) this.deps.analytics?.record({ ...turnFacts(context, this.now()), kind: 'conversation-started', locale });
      await this.touchProfile(context, locale);
    }
    // The buttons shown before this message: pressing one says nothing about the problem.
    const offered = conversation.offeredButtons;
    if (!agent) delete conversation.offeredButtons;
    if (!agent && text && textLength(raw) <= this.deps.maxMessageChars) {
      const control = isButtonPress(text, hasValue, offered) ? 'button' : this.deps.policy.isCancelRequest(text, locale) ? 'cancel' : undefined;
      conversation.journal = appendJournal(conversation.journal, {
        kind: 'customer',
        at: this.now().toISOString(),
        text,
        sentiment: this.deps.policy.sentiment(text, locale),
        ...(control ? { control } : {}),
      });
    }
    const taken = await runGuards(this.guards, { context, raw, text, hasValue, locale, conversation, ...(agent ? { agent } : {}) });
    this.log.debug({ conversationId: context.activity.conversation.id, guard: taken }, 'message taken');
    await traceTurn(context, turnTraceNames.guard, () => ({ guard: taken ?? null, locale }));
  }

  /** The message guards, in the order of `messageGuardOrder` (bots/messageGuards.ts). */
  private buildGuards(): readonly MessageGuard<MessageTurn>[] {
    return orderedGuards<MessageTurn>([
      {
        name: 'unreadable',
        take: async ({ context, text, hasValue, agent, locale }) => {
          if (text.length > 0 || hasValue) return false;
          // Attachments only, or an empty message: say what we can read instead of ignoring it.
          await context.sendActivity(agent ? agentHandoffResponses[locale].textOnly : botResponses[locale].nonText);
          return true;
        },
      },
      {
        name: 'too-long',
        take: async ({ context, raw, locale }) => {
          if (textLength(raw) <= this.deps.maxMessageChars) return false;
          await context.sendActivity(botResponses[locale].tooLong(this.deps.maxMessageChars));
          return true;
        },
      },
      {
        name: 'agent',
        take: async ({ context, agent, text }) => {
          if (!agent) return false;
          await this.handleAgent(context, agent, readAgentInput(text, context.activity.value), false);
          return true;
        },
      },
      {
        name: 'agent-command',
        take: async ({ context, text, locale }) => {
          if (!looksLikeAgentCommand(text)) return false;
          await context.sendActivity(customerHandoffResponses[locale].commandsAreForAgents);
          return true;
        },
      },
      {
        name: 'with-a-person',
        take: async ({ context, text, locale }) => {
          const open = await this.deps.handoff.openFor(context);
          if (!open) return false;
          await this.deps.offerReplies?.noteWhileWithPerson(context, text);
          await this.deps.handoff.whileOpen(context, open, text, locale);
          return true;
        },
      },
      {
        name: 'asks-for-a-person',
        take: async ({ context, text, locale, conversation }) => {
          // While a message is being left, its words are the message ("have a real person call me").
          if (!text || conversation.takingContact || !this.deps.policy.isAgentRequest(text, locale)) return false;
          // P1: a request for a person wins over whatever the bot was in the middle of.
          this.log.info({ conversationId: context.activity.conversation.id }, 'customer asked for a person');
          await this.restartMain(context, { mode: 'person', locale, reason: 'requested', ...(conversation.lastTopic ? { topic: conversation.lastTopic } : {}) });
          return true;
        },
      },
      {
        name: 'offer-reply',
        take: async ({ context, text, locale }) => (this.deps.offerReplies ? this.deps.offerReplies.handle(context, text, locale) : false),
      },
      {
        name: 'cancel-topic',
        take: async ({ context, text, locale, conversation }) => {
          if (!text || conversation.takingContact || !this.deps.policy.isCancelRequest(text, locale)) return false;
          const dc = await this.dialogs.createContext(context);
          // Only a topic's own Question: a check or prompt a topic runs (the resolution check) reads its own answers.
          if (innermostDialogId(dc.stack) !== flowDialogId) return false;
          await dc.cancelAllDialogs();
          conversation.escalating = false;
          await context.sendActivity(botResponses[locale].topicCancelled);
          return true;
        },
      },
      {
        name: 'dialog',
        take: async ({ context, text, locale, conversation }) => {
          const dc = await this.dialogs.createContext(context);
          const result = await dc.continueDialog();
          if (result.status !== DialogTurnStatus.empty) return true;
          const button = readButtonValue(context.activity.value);
          // A button from an earlier card that nothing is waiting for: not a question.
          if (!text && !button) return true;
          const options: MainDialogOptions = { mode: 'question', locale, text, ...(conversation.lastEntryId ? { contextEntryId: conversation.lastEntryId } : {}), ...(button ? { button } : {}) };
          await dc.beginDialog(this.deps.mainDialog.id, options);
          return true;
        },
      },
    ]);
  }

  /**
   * Runs an agent's input on the desk and sends the replies. With `updateCard` (a Teams card action),
   * the first card is kept back for the invoke answer, which replaces the pressed card with it.
   */
  private async handleAgent(context: TurnContext, agent: AgentProfile, input: AgentInput, updateCard: boolean): Promise<CardActionAnswer> {
    const turn = await this.deps.agentDesk.handle(agent, addressOf(context.activity), input);
    const answer = splitForCardAction(turn.replies, updateCard);
    for (const message of answer.send) await context.sendActivity(toActivity(context.activity.channelId, message));
    // Handing this very conversation back to the bot (an agent and their customer in one group chat)
    // needs the conversation this turn holds: it is delivered once the turn ends, not awaited here.
    const conversationId = context.activity.conversation?.id;
    const isHere = (e: DeskEffect): boolean => e.kind === 'resume-customer' && e.to.channelId === context.activity.channelId && e.to.conversation.id === conversationId;
    const here = turn.effects.filter(isHere);
    const failed = await this.deps.sink.deliver(here.length === 0 ? turn.effects : turn.effects.filter((e) => !isHere(e)));
    if (here.length > 0) {
      const handBackFailed = (err?: unknown): void => this.log.warn({ err, conversationId }, 'could not hand the conversation back to the bot after the agent left');
      void this.deps.sink.deliver(here).then((missed) => {
        if (missed > 0) handBackFailed();
      }, handBackFailed);
    }
    if (failed > 0) await context.sendActivity(input.kind === 'text' ? agentHandoffResponses[agent.locale].undelivered : agentHandoffResponses[agent.locale].notAllDelivered);
    return answer;
  }

  private async hubStatus(context: TurnContext): Promise<void> {
    const locale = await this.localeOf(context);
    const options = await this.deps.handoff.hubStatus(context, locale);
    if (options) await this.restartMain(context, options);
  }

  private async restartMain(context: TurnContext, options: MainDialogOptions): Promise<void> {
    (await this.deps.session.conversation(context)).takingContact = false;
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(this.deps.mainDialog.id, options);
  }

  private async touchProfile(context: TurnContext, locale: SupportedLocale | undefined): Promise<UserProfile> {
    const profile = await this.deps.session.profile(context);
    const now = this.now().toISOString();
    profile.firstSeen ??= now;
    profile.lastSeen = now;
    if (locale) profile.locale = locale;
    return profile;
  }
}

/** The dialog that reads the next message: the top of the stack, inside component dialogs (MainDialog runs the flow dialog). */
function innermostDialogId(stack: readonly DialogInstance[]): string | undefined {
  // botbuilder keeps the active dialog last (DialogContext.activeDialog is the stack's last item).
  const top = stack.at(-1);
  if (!top) return undefined;
  const inner = (top.state as { dialogs?: { dialogStack?: DialogInstance[] } } | undefined)?.dialogs?.dialogStack ?? [];
  return inner.length > 0 ? innermostDialogId(inner) : top.id;
}
