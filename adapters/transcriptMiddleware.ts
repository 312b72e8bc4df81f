/**
 * Records every activity into and out of a conversation in the transcript archive, for agents'
 * transcripts and analytics. Unlike botbuilder's TranscriptLoggerMiddleware it stores the incoming
 * activity before the bot runs and awaits each write, so a failed turn or a shutdown loses nothing;
 * a storage failure is logged and never fails the customer's turn. What is stored is a masked,
 * bounded copy (`storedActivityCopy`): no card number or password is kept, whoever wrote it (P10).
 */
import { ActivityTypes } from 'botbuilder';
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { storedActivityCopy } from '../privacy/storedActivity';
import type { TranscriptArchive } from '../storage/transcriptArchive';

/** Activity types not worth keeping: they carry no content and arrive often. */
const skipped = new Set<string>([ActivityTypes.Typing]);

/** Middleware writing a conversation's activities to a {@link TranscriptArchive}. */
export class TranscriptMiddleware implements Middleware {
  private readonly log: Logger;

  constructor(
    private readonly archive: TranscriptArchive,
    logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.log = logger.child({ area: 'transcript' });
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const incoming = context.activity;
    await this.record({ ...incoming, timestamp: incoming.timestamp ?? this.now() } as Activity);

    context.onSendActivities(async (_ctx, activities, sendNext) => {
      const responses = await sendNext();
      for (const [i, activity] of activities.entries()) {
        const id = responses[i]?.id ?? activity.id;
        await this.record({
          ...activity,
          id,
          from: activity.from ?? incoming.recipient,
          recipient: activity.recipient ?? incoming.from,
          conversation: activity.conversation ?? incoming.conversation,
          channelId: activity.channelId ?? incoming.channelId,
          timestamp: this.now(),
        } as Activity);
      }
      return responses;
    });
    context.onUpdateActivity(async (_ctx, activity, updateNext) => {
      await updateNext();
      await this.record({ ...activity, type: ActivityTypes.MessageUpdate, timestamp: this.now() } as Activity);
    });
    context.onDeleteActivity(async (_ctx, reference, deleteNext) => {
      await deleteNext();
      await this.record({
        type: ActivityTypes.MessageDelete,
        id: reference.activityId,
        channelId: reference.channelId,
        conversation: reference.conversation,
        from: reference.bot,
        recipient: reference.user,
        timestamp: this.now(),
      } as Activity);
    });
    await next();
  }

  private async record(activity: Activity): Promise<void> {
    if (skipped.has(activity.type) || !activity.conversation?.id || !activity.channelId) return;
    try {
      await this.archive.logActivity(storedActivityCopy(activity as unknown as Record<string, unknown>) as unknown as Activity);
    } catch (err) {
      this.log.error({ err, conversationId: activity.conversation.id, type: activity.type }, 'could not record an activity');
    }
  }
}
