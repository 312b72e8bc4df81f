/**
 * Reads what customers say about offers, before anything else sees the message: the card's buttons
 * (also from an older card: a stale one changes nothing), "don't show me offers" and "show me offers"
 * at any time, and a typed yes or no while an offer is open. Moving on without answering closes the
 * offer (recorded as ignored) and the message is handled as usual. A "no" ends offers for the
 * conversation (P6); the engine keeps that rule, this only reads and replies.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { SupportedLocale } from '../locale/locale';
import type { OfferReply, ReplyOutcome } from '../offers/offerEngine';
import { readOfferPreference } from '../offers/offerPhrases';
import { offerResponses } from '../offers/responses';
import { readOfferButton } from './offerCard';
import { offerProfileResolver, profileForOffers } from './offerPresenter';
import type { OfferPresenterDeps } from './offerPresenter';
import { recognizeYesNo } from './yesNo';

/** Handles replies about offers; see the file header. */
export class OfferReplies {
  private readonly log: Logger;

  constructor(private readonly deps: OfferPresenterDeps) {
    for (const key of ['engine', 'profiles', 'session', 'logger'] as const) if (!deps[key]) throw new TypeError(`OfferReplies: missing dependency "${key}"`);
    this.log = deps.logger.child({ area: 'offers' });
  }

  /** True when the message was about offers and has been answered; false to handle it as usual. */
  async handle(context: TurnContext, text: string, locale: SupportedLocale): Promise<boolean> {
    const conversation = await this.deps.session.conversation(context);
    const open = conversation.openOffer;
    const button = readOfferButton(context.activity.value);
    let reply: OfferReply | undefined;
    if (button) {
      reply = button.answer === 'opt-out' ? { kind: 'opt-out', decisionId: button.decisionId } : { kind: 'answer', decisionId: button.decisionId, answer: button.answer === 'accept' ? 'accepted' : 'declined' };
    } else {
      const preference = readOfferPreference(text);
      if (preference === 'opt-out') reply = { kind: 'opt-out', ...(open ? { decisionId: open.decisionId } : {}) };
      else if (preference === 'opt-in') reply = { kind: 'opt-in' };
      else if (open) {
        const yes = /^[12]\.?$/.test(text) ? undefined : recognizeYesNo(text, locale);
        if (yes !== undefined) reply = { kind: 'answer', decisionId: open.decisionId, answer: yes ? 'accepted' : 'declined' };
        else {
          // The customer moved on: the offer is closed, and their message is handled as usual.
          delete conversation.openOffer;
          await this.record(context, { kind: 'answer', decisionId: open.decisionId, answer: 'ignored' });
          return false;
        }
      }
    }
    if (!reply) return false;
    if (reply.kind !== 'opt-in' && (reply.decisionId === undefined || reply.decisionId === open?.decisionId)) delete conversation.openOffer;
    const outcome = await this.record(context, reply);
    await context.sendActivity(this.wording(outcome, reply, locale));
    return true;
  }

  /**
   * While a person has the conversation, the message is theirs to answer; a "don't show me offers"
   * in it is still recorded (P6), silently, so the customer is never offered anything again.
   */
  async noteWhileWithPerson(context: TurnContext, text: string): Promise<void> {
    if (readOfferPreference(text) === 'opt-out') await this.record(context, { kind: 'opt-out' });
  }

  private async record(context: TurnContext, reply: OfferReply): Promise<ReplyOutcome | 'failed'> {
    const activity = context.activity;
    try {
      const profile = await profileForOffers(this.deps.profiles, activity.from, this.log);
      if (typeof profile === 'object') await this.settle();
      const aad = activity.from.aadObjectId;
      return await this.deps.engine.reply({ userId: activity.from.id, channelId: activity.channelId, conversationId: activity.conversation.id, ...(aad ? { aadObjectId: aad } : {}), profile }, reply);
    } catch (error) {
      this.log.error({ err: error }, 'recording an offer reply failed');
      return 'failed';
    }
  }

  /** Carries outage objections over; a failure is logged and must not cost the customer's reply (the presenter does not offer until it succeeds). */
  private async settle(): Promise<void> {
    try {
      await this.deps.engine.settleOutageObjections(offerProfileResolver(this.deps.profiles, this.log));
    } catch (error) {
      this.log.error({ err: error }, 'carrying objections given during an outage failed');
    }
  }

  private wording(outcome: ReplyOutcome | 'failed', reply: OfferReply, locale: SupportedLocale): string {
    const words = offerResponses[locale];
    if (outcome === 'failed') return words.notSaved;
    if (outcome.kind === 'opted-in') return outcome.hadObjection ? words.optedIn : words.notOptedOut;
    if (reply.kind === 'opt-out') return words.optedOut;
    if (outcome.kind === 'stale') return words.stale;
    if (outcome.answer === 'accepted') return words.accepted(outcome.offer ? outcome.offer.title[locale] : '');
    return words.declined;
  }
}
