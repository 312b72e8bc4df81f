/**
 * What every analytics event recorded during a turn says about where it happened: the conversation,
 * its channel and the customer (as a channel user id, which the recorder turns into a reference).
 */
import type { TurnContext } from 'botbuilder';
import type { AnalyticsInput } from '../analytics/analyticsEvent';

/** The conversation, channel and customer of a turn, at `at`. */
export function turnFacts(context: TurnContext, at: Date): Pick<AnalyticsInput, 'at' | 'conversationId' | 'channel' | 'customerId'> {
  const activity = context.activity;
  return {
    at: at.toISOString(),
    conversationId: activity.conversation?.id ?? '',
    channel: activity.channelId ?? '',
    ...(activity.from?.id ? { customerId: activity.from.id } : {}),
  };
}
