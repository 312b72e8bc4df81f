/**
 * Carries out the handoff desk's effects over Bot Framework proactive messaging: a message to a
 * customer's or an agent's conversation on any channel (through its stored conversation reference),
 * or handing a customer's conversation back to the bot. One failure does not stop the rest; each is
 * logged without message text.
 */
import { CardFactory, MessageFactory } from 'botbuilder';
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { DeskEffect, EffectSink, OutgoingMessage } from '../../handoff/deskEffect';
import { cardForChannel } from '../teams/universalActions';
import { adaptiveCardText } from './cardText';

/** Channels that render Adaptive Cards. */
const adaptiveCardChannels = new Set(['msteams', 'webchat', 'directline', 'emulator', 'test']);

/** Turns a desk message into an activity the channel can show: the card where it can, text always. */
export function toActivity(channelId: string, message: OutgoingMessage): Partial<Activity> {
  // An agent's line says so (the transcript shows it as the agent's, the customer's page knows a person is there).
  const marked = message.byAgent ? { channelData: { warmline: { agent: { id: message.byAgent.id, name: message.byAgent.name }, lineId: message.byAgent.lineId } } } : {};
  if (message.card && adaptiveCardChannels.has(channelId)) {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(cardForChannel(channelId, message.card)));
    if (message.text) activity.text = message.text;
    return { ...activity, textFormat: 'markdown', ...marked };
  }
  const text = [message.text, message.card ? adaptiveCardText(message.card) : undefined].filter((t): t is string => !!t).join('\n\n');
  return { ...MessageFactory.text(text), textFormat: 'markdown', ...marked };
}

/** What the bot does when it takes a customer's conversation back. */
export type ResumeCustomer = (context: TurnContext, effect: Extract<DeskEffect, { kind: 'resume-customer' }>) => Promise<void>;

/** Runs logic in a stored conversation: the adapter's proactive entry point. */
export type ContinueConversation = (reference: ConversationReference, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/** The proactive entry point of a CloudAdapter for this bot's app id. */
export function cloudContinuation(adapter: CloudAdapter, appId: string): ContinueConversation {
  return (reference, logic) => adapter.continueConversationAsync(appId, reference, logic);
}

/** The desk's effect sink over an adapter's proactive messaging. */
export class ProactiveMessenger implements EffectSink {
  private readonly log: Logger;
  private resume: ResumeCustomer | undefined;

  constructor(
    private readonly continueConversation: ContinueConversation,
    logger: Logger,
  ) {
    if (typeof continueConversation !== 'function') throw new TypeError('ProactiveMessenger needs a way to continue conversations');
    this.log = logger.child({ area: 'proactive' });
  }

  /** Sets what runs when a customer's conversation goes back to the bot (the bot registers itself). */
  onResume(resume: ResumeCustomer): void {
    this.resume = resume;
  }

  async deliver(effects: readonly DeskEffect[]): Promise<number> {
    let failed = 0;
    for (const effect of effects) {
      try {
        await this.continueConversation(effect.to as ConversationReference, async (context) => {
          // A proactive message answers nothing; a replyToId naming the adapter's made-up
          // continuation activity makes Web Chat hold the message for 5 s waiting for it.
          context.onSendActivities(async (_context, activities, next) => {
            for (const activity of activities) delete activity.replyToId;
            return next();
          });
          if (effect.kind === 'send') {
            await context.sendActivity(toActivity(effect.to.channelId, effect.message));
          } else if (effect.kind === 'typing') {
            await context.sendActivity({ type: 'typing' });
          } else if (this.resume) {
            await this.resume(context, effect);
          }
        });
      } catch (err) {
        failed += 1;
        this.log.warn({ err, kind: effect.kind, channel: effect.to.channelId, conversationId: effect.to.conversation.id }, 'could not reach a conversation');
      }
    }
    return failed;
  }
}
