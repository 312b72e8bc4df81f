/**
 * Makes turns idempotent by activity id. Channels retry a delivery they think failed (a reset
 * connection at shutdown, a slow answer), and the same activity must not be answered twice. Before a
 * turn runs, its activity id is claimed in `replay-guard/<channel>/<conversation>` (the last ids of
 * each conversation, compare-and-set, so every instance sees the claim); when the turn ends the claim
 * is marked done. A replay of a done or running activity is acknowledged and skipped; one whose first
 * attempt died with its process (claimed long ago, never done) runs again, so nothing is lost.
 */
import type { Middleware, Storage, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { absentETag, retryOnConflict } from '../storage/compareAndSet';

/** Key prefix of the claims, one document per conversation. */
export const replayGuardPrefix = 'replay-guard/';

interface Claim {
  readonly id: string;
  readonly at: string;
  done: boolean;
}

interface ClaimsDocument {
  eTag?: string;
  claims: Claim[];
  /** Last change (ISO 8601), for the retention sweep. */
  updatedAt: string;
}

/** Options for {@link ReplayGuard}. */
export interface ReplayGuardOptions {
  readonly logger: Logger;
  readonly now?: () => Date;
  /** After this long an unfinished claim is taken as a dead attempt and the activity runs again (default 5 min). */
  readonly staleAfterMs?: number;
  /** Activity ids remembered per conversation (default 100). */
  readonly keep?: number;
}

/** Middleware that skips replayed activities; put it before anything that records or answers. */
export class ReplayGuard implements Middleware {
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly staleAfterMs: number;
  private readonly keep: number;

  constructor(
    private readonly storage: Storage,
    options: ReplayGuardOptions,
  ) {
    if (!storage || typeof storage.read !== 'function' || typeof storage.write !== 'function') throw new TypeError('ReplayGuard needs a botbuilder Storage');
    this.log = options.logger.child({ area: 'replay-guard' });
    this.now = options.now ?? (() => new Date());
    this.staleAfterMs = options.staleAfterMs ?? 5 * 60_000;
    this.keep = options.keep ?? 100;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const id = activity.id;
    const conversationId = activity.conversation?.id;
    // Proactive turns are this process's own and carry made-up ids.
    if (!id || !conversationId || /^continueconversation$/i.test(activity.name ?? '')) return next();
    const key = `${replayGuardPrefix}${activity.channelId}/${conversationId}`;
    const claimed = await this.claim(key, id);
    if (!claimed) {
      this.log.info({ conversationId, activityId: id, channel: activity.channelId }, 'replayed activity acknowledged without running it again');
      return;
    }
    try {
      await next();
    } finally {
      await this.markDone(key, id).catch((err: unknown) => this.log.warn({ err, conversationId }, 'could not mark a turn done'));
    }
  }

  /** True when this attempt owns the activity (first time, or the earlier attempt died). */
  private async claim(key: string, id: string): Promise<boolean> {
    const outcome = await retryOnConflict<boolean>(
      (changes) => this.storage.write(changes),
      8,
      async () => {
        const doc = await this.read(key);
        const now = this.now();
        const earlier = doc.claims.find((c) => c.id === id);
        if (earlier && (earlier.done || now.getTime() - Date.parse(earlier.at) < this.staleAfterMs)) return { done: false };
        const claims = [...doc.claims.filter((c) => c.id !== id), { id, at: now.toISOString(), done: false }].slice(-this.keep);
        return { write: { [key]: { ...doc, claims, updatedAt: now.toISOString() } }, result: true };
      },
    );
    // Several instances kept racing on this conversation: run the turn rather than drop it.
    return outcome.settled ? outcome.value : true;
  }

  private async markDone(key: string, id: string): Promise<void> {
    await retryOnConflict(
      (changes) => this.storage.write(changes),
      8,
      async () => {
        const doc = await this.read(key);
        const claim = doc.claims.find((c) => c.id === id);
        if (!claim || claim.done) return { done: undefined };
        const claims = doc.claims.map((c) => (c.id === id ? { ...c, done: true } : c));
        return { write: { [key]: { ...doc, claims, updatedAt: this.now().toISOString() } }, result: undefined };
      },
    );
  }

  private async read(key: string): Promise<ClaimsDocument> {
    const item = (await this.storage.read([key]))[key] as Partial<ClaimsDocument> | undefined;
    if (!item || !Array.isArray(item.claims)) return { eTag: absentETag, claims: [], updatedAt: this.now().toISOString() };
    return { eTag: item.eTag ?? absentETag, claims: item.claims, updatedAt: item.updatedAt ?? this.now().toISOString() };
  }
}
