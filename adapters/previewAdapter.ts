/**
 * The Bot Framework adapter of the studio's test chat: runs a turn in-process (no connector, no
 * Direct Line) and hands back what the bot sent in it, its trace activities apart. Messages the bot
 * sends outside a turn (a proactive message from the handoff desk) go to `outside`, which keeps them
 * for the conversation's next answer. Every turn it runs asks for the trace (dialogs/turnTrace.ts).
 */
import { BotAdapter, TurnContext } from 'botbuilder';
import type { Activity, ConversationReference, ResourceResponse } from 'botbuilder';
import { traceThisTurn } from '../dialogs/turnTrace';

/** What a turn sent: the activities a person sees, and the trace activities. */
export interface PreviewTurnOutput {
  readonly replies: Partial<Activity>[];
  readonly traces: Partial<Activity>[];
}

const outputKey = Symbol('warmline.previewOutput');

/** Runs preview turns; see the module comment. */
export class PreviewAdapter extends BotAdapter {
  private sequence = 0;
  private lastAt = 0;

  /** `outside`: activities sent to a conversation outside one of its turns (proactive messages). */
  constructor(private readonly outside: (conversationId: string, activity: Partial<Activity>) => void) {
    super();
  }

  /** Runs `logic` on `activity` as one traced turn; resolves with what the bot sent in it. */
  async runTurn(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<PreviewTurnOutput> {
    const context = new TurnContext(this, activity);
    const output: PreviewTurnOutput = { replies: [], traces: [] };
    context.turnState.set(outputKey, output);
    traceThisTurn(context);
    await this.runMiddleware(context, logic);
    return output;
  }

  /** A unique id and a timestamp later than any given before, so the chat keeps the order they were sent in. */
  stamp(): { id: string; timestamp: Date } {
    this.sequence += 1;
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    return { id: `preview-${this.sequence}`, timestamp: new Date(this.lastAt) };
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const output = context.turnState.get(outputKey) as PreviewTurnOutput | undefined;
    return activities.map((activity) => {
      const stamped: Partial<Activity> = { ...activity, ...this.stamp() };
      if (activity.type === 'trace') output?.traces.push(stamped);
      else if (output) output.replies.push(stamped);
      else this.outside(activity.conversation?.id ?? '', stamped);
      return { id: stamped.id as string };
    });
  }

  override async updateActivity(): Promise<void> {
    // The test chat shows messages as sent; nothing the bot does edits them.
  }

  override async deleteActivity(): Promise<void> {
    // As above.
  }

  /** A turn outside the conversation's own (the handoff desk resuming it): what it sends goes to `outside`. */
  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
