/**
 * Who a channel user is while the customer profile source (the CRM) is down, so that a customer's
 * answers and "don't show me offers" are never lost or kept for one channel only (P6). Each channel
 * user's history remembers the customer the source last named (a link); during an outage, replies go
 * to that customer's history. An objection from a channel user never linked is noted and carried to
 * the customer's history on the first turn, anywhere, where the source answers again, before the gate.
 */
import type { Logger } from 'pino';
import type { CustomerKey, CustomerProfile } from '../customers/customerProfiles';
import type { OfferHistory } from './offerHistory';
import type { OfferStore, UnlinkedObjection } from './offerStore';

/** A profile as the offers see it: found, unknown, or `unavailable` while the source cannot answer. */
export type OfferProfile = CustomerProfile | undefined | 'unavailable';

/** Looks a channel user up in the profile source, `unavailable` when it cannot answer. */
export type ProfileResolver = (who: CustomerKey) => Promise<OfferProfile>;

/** The key a channel user's own history is kept under. */
export function userKey(channelId: string, userId: string): string {
  return `user:${channelId}:${userId}`;
}

/** The key a history is kept under: the customer's id when known, else the channel user. */
export function historyKeys(userId: string, channelId: string, profile: OfferProfile): { primary: string; keys: string[] } {
  const user = userKey(channelId, userId);
  if (profile === undefined || profile === 'unavailable') return { primary: user, keys: [user] };
  return { primary: `customer:${profile.id}`, keys: [`customer:${profile.id}`, user] };
}

/** See the file header. */
export class OutageLinks {
  constructor(
    private readonly store: OfferStore,
    private readonly log: Logger,
  ) {}

  /**
   * The histories a reply concerns: as {@link historyKeys}, but while the source is down a linked
   * channel user's replies go to their customer's history. `linked`: false when the source is down
   * and the user was never linked (their objection must be noted with {@link noteUnlinked}).
   */
  async replyKeys(userId: string, channelId: string, profile: OfferProfile): Promise<{ primary: string; keys: string[]; linked: boolean }> {
    const base = historyKeys(userId, channelId, profile);
    if (profile !== 'unavailable') return { ...base, linked: true };
    const [user] = await this.store.histories([base.primary]);
    if (!user?.customerId) return { ...base, linked: false };
    const customer = `customer:${user.customerId}`;
    return { primary: customer, keys: [customer, base.primary], linked: true };
  }

  /** Links the channel user to the customer the source named, unless `known` already says so. */
  async link(channelId: string, userId: string, customerId: string, now: Date, known?: OfferHistory): Promise<void> {
    if (known?.customerId === customerId) return;
    await this.store.changeHistory(userKey(channelId, userId), async (h) => (h.customerId === customerId ? { result: undefined } : { history: withCustomerLink(h, customerId, now), result: undefined }));
  }

  /** Notes an objection from a channel user the source could not name, to carry over later. */
  async noteUnlinked(entry: UnlinkedObjection): Promise<void> {
    await this.store.noteUnlinked(entry);
  }

  /**
   * Carries every noted objection to the history of the customer the source now names (and links
   * the channel user), unless that customer opted in after it. Entries the source still cannot
   * answer for stay noted; entries of users it does not know are dropped (their own history keeps
   * the objection, and the gate reads it for them).
   */
  async settle(resolve: ProfileResolver, now: Date): Promise<void> {
    const entries = await this.store.unlinkedObjections();
    const done: UnlinkedObjection[] = [];
    for (const entry of entries) {
      let profile: OfferProfile;
      try {
        profile = await resolve({ id: entry.userId, ...(entry.aadObjectId ? { aadObjectId: entry.aadObjectId } : {}) });
      } catch (error) {
        this.log.error({ err: error }, 'looking up a customer who objected during an outage failed; trying again later');
        continue;
      }
      if (profile === 'unavailable') continue;
      if (profile) await this.carry(entry, profile.id, now);
      done.push(entry);
    }
    await this.store.forgetUnlinked(done);
  }

  private async carry(entry: UnlinkedObjection, customerId: string, now: Date): Promise<void> {
    const objection = await this.store.changeHistory(userKey(entry.channelId, entry.userId), async (h) => ({ history: withCustomerLink(h, customerId, now), result: h.objection }));
    if (!objection) return;
    await this.store.changeHistory(`customer:${customerId}`, async (h) => {
      if (h.objection || (h.optedInAt !== undefined && h.optedInAt > objection.at)) return { result: undefined };
      const next: OfferHistory = { ...h, objection };
      delete next.optedInAt;
      return { history: next, result: undefined };
    });
    this.log.info({ channelId: entry.channelId }, 'objection given during an outage carried to the customer');
  }
}

/** A channel user's history linked to `customerId` as of `now`. */
export function withCustomerLink(history: OfferHistory, customerId: string, now: Date): OfferHistory {
  return history.customerId === customerId && history.linkedAt ? history : { ...history, customerId, linkedAt: now.toISOString() };
}
