/**
 * The customer-facing bot: greets once per conversation in the customer's language, routes each
 * message to the main dialog, and saves state at the end of every turn. Thin on purpose: what to
 * say lives in responses modules and dialogs, what to decide lives in the domain folders.
 */
import { ActivityHandler } from 'botbuilder';
import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import type { Dialog, DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import { chooseLocale, toSupportedLocale } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import type { MainDialogOptions } from '../dialogs/mainDialog';
import type { FaqOutcome } from '../dialogs/faqDialog';
import { readButtonValue } from '../dialogs/faqRendering';
import { botResponses } from './responses';
import type { ConversationData, UserProfile } from './turnState';

/** What {@link WarmlineBot} needs; checked at construction. */
export interface WarmlineBotDeps {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly mainDialog: Dialog;
  readonly logger: Logger;
  /** Longest customer message the bot reads (characters). */
  readonly maxMessageChars: number;
  /** Clock, injectable for tests. */
  readonly now?: () => Date;
}

/** Name of the event the bundled Web Chat page sends once connected, carrying `{ locale }`. */
export const joinEventName = 'webchat/join';

/** Channels whose greeting waits for the page's join event, which carries the chosen language. */
const greetOnJoinChannels = new Set(['directline', 'webchat']);

/** Warmline's ActivityHandler. */
export class WarmlineBot extends ActivityHandler {
  private readonly conversationData: StatePropertyAccessor<ConversationData>;
  private readonly userProfile: StatePropertyAccessor<UserProfile>;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private readonly log: Logger;
  private readonly now: () => Date;

  constructor(private readonly deps: WarmlineBotDeps) {
    super();
    for (const key of ['conversationState', 'userState', 'mainDialog', 'logger'] as const) {
      if (!deps[key]) throw new TypeError(`WarmlineBot: missing dependency "${key}"`);
    }
    if (!(deps.maxMessageChars > 0)) throw new TypeError('WarmlineBot: maxMessageChars must be positive');
    this.log = deps.logger.child({ area: 'bot' });
    this.now = deps.now ?? (() => new Date());
    this.conversationData = deps.conversationState.createProperty<ConversationData>('conversationData');
    this.userProfile = deps.userState.createProperty<UserProfile>('userProfile');
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(deps.mainDialog);

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined && !greetOnJoinChannels.has(context.activity.channelId)) {
        await this.greet(context, toSupportedLocale(context.activity.locale), false);
      }
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === joinEventName) {
        const value = context.activity.value as { locale?: unknown } | undefined;
        const picked = typeof value?.locale === 'string' ? value.locale : context.activity.locale;
        await this.greet(context, toSupportedLocale(picked), true);
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** Runs a turn and always saves state, even when the turn's logic threw. */
  override async run(context: TurnContext): Promise<void> {
    try {
      await super.run(context);
    } finally {
      await this.deps.conversationState.saveChanges(context, false);
      await this.deps.userState.saveChanges(context, false);
    }
  }

  /** The conversation's remembered locale, for callers outside a normal turn (errors). */
  async localeOf(context: TurnContext): Promise<SupportedLocale> {
    const conversation = await this.conversationData.get(context, {});
    const profile = await this.userProfile.get(context, {});
    return chooseLocale({
      text: typeof context.activity.text === 'string' ? context.activity.text : undefined,
      conversation: conversation.locale,
      activityLocale: context.activity.locale,
      profile: profile.locale,
    });
  }

  /** Clears the dialog stack so a conversation that failed mid-dialog starts clean next turn. */
  async resetDialogs(context: TurnContext): Promise<void> {
    await this.dialogState.delete(context);
    await this.deps.conversationState.saveChanges(context, true);
  }

  /**
   * Greets once per conversation. `explicit` is true when the customer picked the language (the
   * page's selector); a channel's locale hint never overrides the language they have been using.
   */
  private async greet(context: TurnContext, picked: SupportedLocale | undefined, explicit: boolean): Promise<void> {
    const conversation = await this.conversationData.get(context, {});
    const profile = await this.touchProfile(context, explicit ? picked : undefined);
    conversation.startedAt ??= this.now().toISOString();
    if (picked && (explicit || !conversation.locale)) conversation.locale = picked;
    if (conversation.welcomed) return;
    conversation.welcomed = true;
    const locale = conversation.locale ?? profile.locale ?? 'en-US';
    await context.sendActivity(botResponses[locale].welcome);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const conversation = await this.conversationData.get(context, {});
    const profile = await this.userProfile.get(context, {});
    const raw = typeof context.activity.text === 'string' ? context.activity.text : '';
    const text = raw.trim();
    const locale = chooseLocale({ text, conversation: conversation.locale, activityLocale: context.activity.locale, profile: profile.locale });
    conversation.locale = locale;
    conversation.startedAt ??= this.now().toISOString();
    conversation.welcomed = true;
    conversation.messageCount = (conversation.messageCount ?? 0) + 1;
    await this.touchProfile(context, locale);
    this.log.info({ conversationId: context.activity.conversation.id, channel: context.activity.channelId, locale, chars: raw.length }, 'message');

    const button = readButtonValue(context.activity.value);
    if (text.length === 0 && !button) {
      // Attachments only, or an empty message: say what we can read instead of ignoring it.
      await context.sendActivity(botResponses[locale].nonText);
      return;
    }
    if (raw.length > this.deps.maxMessageChars) {
      await context.sendActivity(botResponses[locale].tooLong(this.deps.maxMessageChars));
      return;
    }
    const dc = await this.dialogs.createContext(context);
    let result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      const options: MainDialogOptions = { locale, text, contextEntryId: conversation.lastEntryId, button };
      result = await dc.beginDialog(this.deps.mainDialog.id, options);
    }
    if (result.status === DialogTurnStatus.complete && result.result) this.remember(conversation, result.result as FaqOutcome);
  }

  /** Keeps what the next turns need from a finished question: context for follow-ups, no-match count. */
  private remember(conversation: ConversationData, outcome: FaqOutcome): void {
    if (outcome.kind === 'answered') {
      conversation.lastEntryId = outcome.entryId;
      conversation.lastTopic = outcome.topic;
      conversation.consecutiveNoMatches = 0;
    } else {
      conversation.consecutiveNoMatches = (conversation.consecutiveNoMatches ?? 0) + 1;
    }
    this.log.info({ outcome: outcome.kind, via: outcome.via, entryId: outcome.kind === 'answered' ? outcome.entryId : undefined }, 'faq outcome');
  }

  private async touchProfile(context: TurnContext, locale: SupportedLocale | undefined): Promise<UserProfile> {
    const profile = await this.userProfile.get(context, {});
    const now = this.now().toISOString();
    profile.firstSeen ??= now;
    profile.lastSeen = now;
    if (locale) profile.locale = locale;
    return profile;
  }
}

