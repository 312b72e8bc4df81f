/**
 * The turn state behind {@link ConversationSession}: the conversation's and the customer's typed
 * state in botbuilder's ConversationState and UserState. The bot and the dialogs share one instance.
 */
import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { ConversationData, ConversationSession, UserProfile } from '../dialogs/turnState';

/** Typed accessors over the bot's state. */
export class BotStateSession implements ConversationSession {
  private readonly conversationData: StatePropertyAccessor<ConversationData>;
  private readonly userProfile: StatePropertyAccessor<UserProfile>;

  constructor(
    readonly conversationState: ConversationState,
    readonly userState: UserState,
  ) {
    if (!conversationState || !userState) throw new TypeError('BotStateSession needs ConversationState and UserState');
    this.conversationData = conversationState.createProperty<ConversationData>('conversationData');
    this.userProfile = userState.createProperty<UserProfile>('userProfile');
  }

  conversation(context: TurnContext): Promise<ConversationData> {
    return this.conversationData.get(context, {});
  }

  profile(context: TurnContext): Promise<UserProfile> {
    return this.userProfile.get(context, {});
  }

  /**
   * Writes both states if they changed (or always, with `force`). The two writes go out together, so
   * a store that groups writes (SQLite's group commit, one Redis round trip each) takes them at once;
   * if either fails the save fails, after both were tried.
   */
  async save(context: TurnContext, force = false): Promise<void> {
    const [conversation, user] = await Promise.allSettled([this.conversationState.saveChanges(context, force), this.userState.saveChanges(context, force)]);
    if (conversation.status === 'rejected') throw conversation.reason;
    if (user.status === 'rejected') throw user.reason;
  }
}
