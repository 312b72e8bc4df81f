/**
 * Delivers activities to the bot the way the Bot Framework Emulator does in local anonymous mode:
 * an HTTP POST of the activity JSON to the bot's messages endpoint, no Authorization header.
 */
import type { Logger } from 'pino';
import { DirectLineError } from './directLineErrors';
import type { WireActivity } from './wireActivity';
import { deliverySealHeader } from './deliverySeal';
import type { DeliverySeal } from './deliverySeal';

/** Options for {@link BotClient}. */
export interface BotClientOptions {
  /** The bot's messages endpoint, e.g. `http://127.0.0.1:3978/api/messages`; read on every call. */
  readonly endpoint: () => string;
  /** How long the bot may take to answer one activity. */
  readonly timeoutMs: number;
  readonly log: Logger;
  /** Seals each delivery so the messages route knows it came from this local Direct Line. */
  readonly seal?: DeliverySeal;
}

/** Posts activities to the bot and keeps count of calls in flight so shutdown can wait for them. */
export class BotClient {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: BotClientOptions) {}

  /** Resolves once the bot answered 2xx; otherwise throws a 502 {@link DirectLineError}. */
  deliver(activity: WireActivity): Promise<void> {
    const call = this.post(activity);
    const tracked = call.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(tracked);
    void tracked.then(() => this.pending.delete(tracked));
    return call;
  }

  /** Resolves when every delivery started so far has finished (successfully or not). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /** Number of deliveries in flight. */
  inFlight(): number {
    return this.pending.size;
  }

  private async post(activity: WireActivity): Promise<void> {
    const log = this.options.log;
    const where = { conversationId: activity.conversation?.id, activityId: activity.id, type: activity.type };
    let response: Response;
    try {
      response = await fetch(this.options.endpoint(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.options.seal ? { [deliverySealHeader]: this.options.seal.seal(activity) } : {}) },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      log.warn({ ...where, reason: timedOut ? 'timeout' : 'unreachable', err: errorSummary(err) }, 'bot did not answer');
      throw new DirectLineError(
        'WL_DL_BOT_UNAVAILABLE',
        timedOut
          ? `The bot did not answer within ${this.options.timeoutMs} ms. The activity was kept in the conversation.`
          : 'The bot could not be reached. The activity was kept in the conversation.',
        { cause: err },
      );
    }
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      log.warn({ ...where, status: response.status }, 'bot rejected activity');
      throw new DirectLineError(
        'WL_DL_BOT_UNAVAILABLE',
        `The bot answered HTTP ${response.status}. The activity was kept in the conversation.`,
      );
    }
  }
}

function errorSummary(err: unknown): { name: string; code?: string } {
  if (!(err instanceof Error)) return { name: typeof err };
  const cause = err.cause as { code?: unknown } | undefined;
  return { name: err.name, ...(typeof cause?.code === 'string' ? { code: cause.code } : {}) };
}
