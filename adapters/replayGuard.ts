/**
 * Makes turns idempotent by activity id. Channels retry a delivery they think failed (a reset
 * connection at shutdown, a slow answer), and the same activity must not be answered twice.
 *
 * The guard takes the conversation's turn lock (the one the bot's turns take, shared by every instance
 * on Redis) and, holding it, looks the activity id up in the conversation's state, where each turn
 * that finished left its id (`handledActivityIds`, saved with the rest of the turn's state when the
 * bot saves it at the end of the turn). Holding the lock settles every case with that one read:
 * - the id is there: the activity was handled; the replay is acknowledged and skipped;
 * - it is not: the activity is new, or its first attempt died before its state was saved (a process
 *   killed mid-turn, whose lock has lapsed); either way it runs, so nothing is lost.
 * A retry that arrives while the first attempt is still running waits for it and then finds its id.
 * The mark costs no read or write of its own: it rides in the state read and write every turn makes.
 *
 * Conversations answered before this guard kept their claims in `replay-guard/…` documents; they are
 * no longer read and the retention sweep removes them.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { TurnLock } from '../bots/turnLock';
import { turnKey } from '../bots/warmlineBot';

/** Key prefix of the claim documents earlier versions kept (still known to privacy export and retention). */
export const replayGuardPrefix = 'replay-guard/';

/** Activity ids a conversation remembers by default: channels retry within seconds, a few messages back at most. */
export const defaultHandledIdsKept = 16;

/** Where the guard reads and marks the conversation's handled ids (the bot's conversation state). */
export interface HandledActivities {
  conversation(context: TurnContext): Promise<{ handledActivityIds?: string[] }>;
}

/** Options for {@link ReplayGuard}. */
export interface ReplayGuardOptions {
  readonly logger: Logger;
  /** Activity ids remembered per conversation (default {@link defaultHandledIdsKept}). */
  readonly keep?: number;
}

/**
 * Middleware that skips replayed activities; put it before anything that records or answers. `turns`
 * must be the lock the bot runs its turns on, so the bot's turn (same `TurnContext`) enters it without waiting.
 */
export class ReplayGuard implements Middleware {
  private readonly log: Logger;
  private readonly keep: number;

  constructor(
    private readonly turns: TurnLock,
    private readonly state: HandledActivities,
    options: ReplayGuardOptions,
  ) {
    if (!(turns instanceof TurnLock)) throw new TypeError('ReplayGuard needs the turn lock');
    if (!state || typeof state.conversation !== 'function') throw new TypeError('ReplayGuard needs the conversation state');
    this.log = options.logger.child({ area: 'replay-guard' });
    this.keep = options.keep ?? defaultHandledIdsKept;
    if (!Number.isInteger(this.keep) || this.keep < 1) throw new TypeError('ReplayGuard: keep must be a positive whole number');
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const id = activity.id;
    const conversationId = activity.conversation?.id;
    // Proactive turns are this process's own and carry made-up ids.
    if (!id || !conversationId || /^continueconversation$/i.test(activity.name ?? '')) return next();
    await this.turns.run(context, turnKey(context), async () => {
      const conversation = await this.state.conversation(context);
      const handled = Array.isArray(conversation.handledActivityIds) ? conversation.handledActivityIds : [];
      if (handled.includes(id)) {
        this.log.info({ conversationId, activityId: id, channel: activity.channelId }, 'replayed activity acknowledged without running it again');
        return;
      }
      // Saved with the turn's state: only a turn whose state was saved counts as handled.
      conversation.handledActivityIds = [...handled, id].slice(-this.keep);
      await next();
    });
  }
}
