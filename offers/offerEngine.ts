/**
 * Decides, for one resolved issue, whether to show an offer and which (the gate, then choosing, then
 * the holdout), records why, and records what the customer answered. Free of botbuilder: the bot
 * gathers the facts, renders the card and reads the reply. Reserving an impression is a
 * compare-and-set on the customer's history, so the contact policy holds across instances.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { SupportedLocale } from '../locale/locale';
import type { Offer, OfferCatalogue } from './offerCatalogue';
import { chooseOffer } from './offerChooser';
import type { CandidateOutcome, GateFinding, OfferDecision } from './offerDecision';
import { checkGate } from './offerGate';
import { optInStamp, optOutStamp, pruned, standingObjection } from './offerHistory';
import type { OfferAnswer, OfferHistory } from './offerHistory';
import { inHoldout } from './holdout';
import type { RandomSource } from './propensity';
import type { OfferStore } from './offerStore';
import { OutageLinks, historyKeys, withCustomerLink } from './outageLinks';
import type { OfferProfile, ProfileResolver } from './outageLinks';
import type { AnalyticsRecorder } from '../analytics/analyticsRecorder';

/** The facts the bot gathered about one resolved issue. */
export interface OfferRequest {
  /** The channel user (always known) and the profile (when there is one, or `unavailable`). */
  readonly userId: string;
  readonly profile: OfferProfile;
  readonly conversationId: string;
  readonly channelId: string;
  readonly locale: SupportedLocale;
  readonly topic?: string;
  readonly how: 'bot' | 'agent';
  readonly resolutionConfirmed: boolean;
  readonly recentSentiments: readonly number[];
  readonly escalationReasons: readonly string[];
}

/** What the decision means for the bot: the offer to show, or nothing. */
export interface OfferChoice {
  readonly decision: OfferDecision;
  readonly show?: Offer;
}

/** Someone to tell when an offer is accepted (a webhook, a CRM); failures are logged, never shown. */
export interface AcceptanceSink {
  accepted(acceptance: { readonly decisionId: string; readonly offerId: string; readonly product: string; readonly customerId: string; readonly conversationId: string; readonly channelId: string; readonly at: string }): Promise<void>;
}

/** The customer's answer to an offer, or a standing choice about offers. */
export type OfferReply =
  | { readonly kind: 'answer'; readonly decisionId: string; readonly answer: Exclude<OfferAnswer, 'opted-out'> }
  | { readonly kind: 'opt-out'; readonly decisionId?: string }
  | { readonly kind: 'opt-in' };

/** What a reply changed. `stale`: no open offer with that id (answered already, or never shown here). */
export type ReplyOutcome =
  | { readonly kind: 'recorded'; readonly offer?: Offer; readonly answer: OfferAnswer }
  | { readonly kind: 'opted-in'; readonly hadObjection: boolean }
  | { readonly kind: 'stale' };

/** What the engine needs. */
export interface OfferEngineDeps {
  readonly catalogue: () => OfferCatalogue;
  readonly store: OfferStore;
  readonly logger: Logger;
  readonly acceptances?: AcceptanceSink;
  readonly now?: () => Date;
  readonly random?: RandomSource;
  /** Told of every decision and answer, for the offers funnel (P11). */
  readonly analytics?: AnalyticsRecorder;
}

/** See the file header. */
export class OfferEngine {
  private readonly now: () => Date;
  private readonly random: RandomSource;
  private readonly log: Logger;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly links: OutageLinks;

  constructor(private readonly deps: OfferEngineDeps) {
    for (const key of ['catalogue', 'store', 'logger'] as const) if (!deps[key]) throw new TypeError(`OfferEngine: missing dependency "${key}"`);
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
    this.log = deps.logger.child({ area: 'offers' });
    this.links = new OutageLinks(deps.store, this.log);
  }

  /**
   * Carries objections given while the profile source was down to the customers it now names; call
   * it before a decision or a reply on a turn where the source answered (see `outageLinks.ts`).
   */
  async settleOutageObjections(resolve: ProfileResolver): Promise<void> {
    await this.links.settle(resolve, this.now());
  }

  /** Decides for one resolved issue and records the decision; the impression is reserved when shown. */
  async decide(request: OfferRequest): Promise<OfferChoice> {
    const catalogue = this.deps.catalogue();
    const now = this.now();
    const { primary, keys } = historyKeys(request.userId, request.channelId, request.profile);
    const others = keys.filter((k) => k !== primary);
    let userHistory: OfferHistory | undefined;
    const decision = await this.deps.store.changeHistory(primary, async (history) => {
      const histories = [history, ...(await this.deps.store.histories(others))];
      userHistory = histories.at(-1);
      const gate: GateFinding[] = checkGate({ settings: catalogue.settings, ...request, histories, now });
      let candidates: CandidateOutcome[] = [];
      let chosen: Offer | undefined;
      if (gate.length === 0 && typeof request.profile === 'object') {
        const counts = await this.deps.store.counters(catalogue.offers.map((o) => o.id));
        ({ chosen, candidates } = chooseOffer({ catalogue, profile: request.profile, topic: request.topic, histories, counts, now, random: this.random }));
        if (!chosen) gate.push({ reason: 'no-eligible-offer' });
        else if (inHoldout(request.profile.id, catalogue.settings.holdoutShare, catalogue.settings.holdoutSalt)) gate.push({ reason: 'holdout' });
      }
      const outcome: OfferDecision['outcome'] = gate.length === 0 ? 'shown' : chosen && gate.every((g) => g.reason === 'holdout') ? 'held-out' : 'none';
      const made: OfferDecision = {
        id: randomUUID(),
        at: now.toISOString(),
        customerKey: primary,
        conversationId: request.conversationId,
        channelId: request.channelId,
        locale: request.locale,
        ...(request.topic !== undefined ? { topic: request.topic } : {}),
        how: request.how,
        outcome,
        ...(chosen && outcome !== 'none' ? { offerId: chosen.id } : {}),
        gate,
        candidates,
      };
      if (!chosen || outcome === 'none') return { result: made };
      const next: OfferHistory = pruned(history, now);
      next.impressions.push({ decisionId: made.id, offerId: chosen.id, group: chosen.group, product: chosen.product, conversationId: request.conversationId, channelId: request.channelId, at: made.at, heldOut: outcome === 'held-out', segments: typeof request.profile === 'object' ? [...request.profile.segments] : [] });
      return { history: next, result: made };
    });
    try {
      await this.afterDecision(decision, request.profile);
    } catch (error) {
      // The impression is reserved: show it. Counters and the explanation are bookkeeping.
      this.log.error({ err: error, decisionId: decision.id }, 'offer counters or explanation not recorded');
    }
    try {
      if (typeof request.profile === 'object') await this.links.link(request.channelId, request.userId, request.profile.id, now, userHistory);
    } catch (error) {
      // Without the link, an answer given during a later CRM outage may find no offer; the decision stands.
      this.log.error({ err: error, decisionId: decision.id }, 'linking the channel user to the customer failed');
    }
    this.deps.analytics?.record({
      at: decision.at,
      kind: 'offer-decided',
      conversationId: request.conversationId,
      channel: request.channelId,
      locale: request.locale,
      customerId: request.userId,
      detail: decision.outcome,
      ...(decision.offerId ? { offerId: decision.offerId } : {}),
      ...(request.topic !== undefined ? { topic: request.topic } : {}),
      ...(decision.gate.length > 0 ? { text: decision.gate.map((g) => g.reason).join(', ') } : {}),
    });
    const show = decision.outcome === 'shown' ? catalogue.offers.find((o) => o.id === decision.offerId) : undefined;
    this.log.info({ decisionId: decision.id, outcome: decision.outcome, offerId: decision.offerId, gate: decision.gate.map((g) => g.reason) }, 'offer decision');
    return show ? { decision, show } : { decision };
  }

  /** Records the customer's reply. Stale or repeated answers change nothing. */
  async reply(who: { userId: string; channelId: string; conversationId: string; aadObjectId?: string; profile: OfferProfile }, reply: OfferReply): Promise<ReplyOutcome> {
    const { primary, keys, linked } = await this.links.replyKeys(who.userId, who.channelId, who.profile);
    const now = this.now();
    const customerId = typeof who.profile === 'object' ? who.profile.id : primary.startsWith('customer:') ? primary.slice('customer:'.length) : undefined;
    const withLink = (h: OfferHistory): OfferHistory => (customerId && h.key.startsWith('user:') ? withCustomerLink(h, customerId, now) : h);
    if (reply.kind === 'opt-in') {
      const before = await this.deps.store.histories(keys);
      const at = optInStamp(before, now);
      let hadObjection = standingObjection(before) !== undefined;
      for (const key of keys) {
        hadObjection = (await this.deps.store.changeHistory(key, async (h) => ({ history: withLink({ ...withoutObjection(h), optedInAt: at }), result: h.objection !== undefined }))) || hadObjection;
      }
      if (hadObjection) await this.deps.store.countGates((g) => (g.optIns += 1));
      this.log.info({ hadObjection }, 'customer opted in to offers');
      return { kind: 'opted-in', hadObjection };
    }
    const answer: OfferAnswer = reply.kind === 'opt-out' ? 'opted-out' : reply.answer;
    const decisionId = reply.decisionId;
    const at = reply.kind === 'opt-out' ? optOutStamp(await this.deps.store.histories(keys), now) : now.toISOString();
    const answered = decisionId === undefined ? undefined : await this.answer(primary, decisionId, answer, at);
    if (reply.kind === 'opt-out') {
      for (const key of keys) await this.deps.store.changeHistory(key, async (h) => ({ history: withLink(withObjection(h, { at, channelId: who.channelId })), result: undefined }));
      if (!linked) await this.links.noteUnlinked({ channelId: who.channelId, userId: who.userId, ...(who.aadObjectId ? { aadObjectId: who.aadObjectId } : {}), at });
      await this.deps.store.countGates((g) => (g.optOuts += 1));
    } else if (!answered) return { kind: 'stale' };
    const catalogue = this.deps.catalogue();
    const offer = answered ? catalogue.offers.find((o) => o.id === answered.offerId) : undefined;
    if (answered) await this.countAnswer(answered.offerId, answer, answered.segments);
    if (answered || reply.kind === 'opt-out') {
      this.deps.analytics?.record({ at, kind: 'offer-answered', conversationId: who.conversationId, channel: who.channelId, customerId: who.userId, detail: answer, ...(answered ? { offerId: answered.offerId } : {}) });
    }
    if (answered && answer === 'accepted' && customerId !== undefined) {
      this.notify({ decisionId: answered.decisionId, offerId: answered.offerId, product: offer?.product ?? answered.offerId, customerId, conversationId: who.conversationId, channelId: who.channelId, at });
    }
    this.log.info({ decisionId, answer, offerId: answered?.offerId }, 'offer answered');
    return { kind: 'recorded', answer, ...(offer ? { offer } : {}) };
  }

  /** A customer's recent decisions (newest first), for "why did they (not) get an offer". */
  async why(historyKey: string): Promise<OfferDecision[]> {
    return this.deps.store.decisions(historyKey);
  }

  private async answer(key: string, decisionId: string, answer: OfferAnswer, at: string): Promise<{ decisionId: string; offerId: string; segments: readonly string[] } | undefined> {
    return this.deps.store.changeHistory(key, async (history) => {
      const impression = history.impressions.find((i) => i.decisionId === decisionId && !i.heldOut);
      if (!impression || impression.answer !== undefined) return { result: undefined };
      impression.answer = answer;
      impression.answeredAt = at;
      if (answer === 'accepted') impression.convertedAt = at;
      return { history, result: { decisionId, offerId: impression.offerId, segments: impression.segments ?? [] } };
    });
  }

  private async afterDecision(decision: OfferDecision, profile: OfferProfile): Promise<void> {
    const segments = typeof profile === 'object' ? profile.segments : [];
    if (decision.offerId && decision.outcome === 'shown') {
      await this.deps.store.count(decision.offerId, (c) => {
        c.shown += 1;
        for (const s of segments) c.bySegment[s] = { shown: (c.bySegment[s]?.shown ?? 0) + 1, accepted: c.bySegment[s]?.accepted ?? 0 };
      });
    } else if (decision.offerId && decision.outcome === 'held-out') await this.deps.store.count(decision.offerId, (c) => (c.heldOut += 1));
    await this.deps.store.countGates((g) => {
      g.decisions += 1;
      g[decision.outcome === 'held-out' ? 'heldOut' : decision.outcome] += 1;
      for (const { reason } of decision.gate) g.byReason[reason] = (g.byReason[reason] ?? 0) + 1;
    });
    await this.deps.store.keepDecision(decision);
  }

  private async countAnswer(offerId: string, answer: OfferAnswer, segments: readonly string[]): Promise<void> {
    await this.deps.store.count(offerId, (c) => {
      if (answer === 'accepted') {
        c.accepted += 1;
        c.exposedConverted += 1;
        // One shard of the counters: add to the segment's entry, creating it if this shard has none.
        for (const s of segments) c.bySegment[s] = { shown: c.bySegment[s]?.shown ?? 0, accepted: (c.bySegment[s]?.accepted ?? 0) + 1 };
      } else if (answer === 'declined') c.declined += 1;
      else if (answer === 'opted-out') c.optedOut += 1;
      else c.ignored += 1;
    });
  }

  /** Waits until every acceptance being passed on has been delivered or given up (tests, shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /** Tells the sink without holding up the customer's reply; a failure is logged, the accept stays recorded. */
  private notify(acceptance: Parameters<AcceptanceSink['accepted']>[0]): void {
    const sink = this.deps.acceptances;
    if (!sink) return;
    const delivery = (async () => {
      try {
        await sink.accepted(acceptance);
      } catch (error) {
        this.log.error({ err: error, decisionId: acceptance.decisionId, offerId: acceptance.offerId }, 'telling others about an accepted offer failed');
      }
    })();
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }
}

/** The history with an objection standing: an earlier one is kept, and any opt-in on it is over. */
function withObjection(history: OfferHistory, objection: NonNullable<OfferHistory['objection']>): OfferHistory {
  const copy: OfferHistory = { ...history, objection: history.objection && !history.optedInAt ? history.objection : objection };
  delete copy.optedInAt;
  return copy;
}

function withoutObjection(history: OfferHistory): OfferHistory {
  const copy = { ...history };
  delete copy.objection;
  return copy;
}
