/**
 * What follows a solved issue (P5): asks the offer engine whether an offer fits, and if one does,
 * shows its card and remembers it as the conversation's open offer. Anything going wrong here (CRM,
 * storage, catalogue) means no offer, never a failed turn.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { CustomerProfilesUnavailableError } from '../customers/customerProfiles';
import type { CustomerProfile, CustomerProfiles } from '../customers/customerProfiles';
import type { OfferEngine } from '../offers/offerEngine';
import type { ProfileResolver } from '../offers/outageLinks';
import { offerMessage } from './offerCard';
import type { PostResolutionHook } from './resolutionDialog';
import type { ConversationSession } from './turnState';

/** What the presenter (and the reply handler) need. */
export interface OfferPresenterDeps {
  readonly engine: OfferEngine;
  readonly profiles: CustomerProfiles;
  readonly session: ConversationSession;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** The customer's profile for offers: `unavailable` when the source could not answer. */
export async function profileForOffers(profiles: CustomerProfiles, from: { id: string; aadObjectId?: string }, log: Logger): Promise<CustomerProfile | undefined | 'unavailable'> {
  try {
    return await profiles.get({ id: from.id, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) });
  } catch (error) {
    if (!(error instanceof CustomerProfilesUnavailableError)) throw error;
    log.warn({ err: error }, 'customer profiles unavailable: no offer this time');
    return 'unavailable';
  }
}

/** Looks channel users up for the offers, as {@link profileForOffers} does for the turn's own. */
export function offerProfileResolver(profiles: CustomerProfiles, log: Logger): ProfileResolver {
  return (who) => profileForOffers(profiles, who, log);
}

/** The {@link PostResolutionHook} that may show one offer. */
export class OfferPresenter implements PostResolutionHook {
  private readonly log: Logger;
  private readonly now: () => Date;

  constructor(private readonly deps: OfferPresenterDeps) {
    for (const key of ['engine', 'profiles', 'session', 'logger'] as const) if (!deps[key]) throw new TypeError(`OfferPresenter: missing dependency "${key}"`);
    this.log = deps.logger.child({ area: 'offers' });
    this.now = deps.now ?? (() => new Date());
  }

  async afterResolved(context: TurnContext, info: Parameters<PostResolutionHook['afterResolved']>[1]): Promise<void> {
    try {
      const conversation = await this.deps.session.conversation(context);
      const activity = context.activity;
      const profile = await profileForOffers(this.deps.profiles, activity.from, this.log);
      // An objection given during an outage on another channel must be in place before the gate.
      if (typeof profile === 'object') await this.deps.engine.settleOutageObjections(offerProfileResolver(this.deps.profiles, this.log));
      const choice = await this.deps.engine.decide({
        userId: activity.from.id,
        profile,
        conversationId: activity.conversation.id,
        channelId: activity.channelId,
        locale: info.locale,
        ...(info.topic !== undefined ? { topic: info.topic } : {}),
        how: info.how,
        resolutionConfirmed: true,
        recentSentiments: (conversation.journal ?? []).flatMap((item) => (item.kind === 'customer' ? [item.sentiment] : [])),
        escalationReasons: conversation.escalations ?? [],
      });
      if (!choice.show) return;
      await context.sendActivity(offerMessage(choice.show, choice.decision.id, info.locale));
      conversation.openOffer = { decisionId: choice.decision.id, offerId: choice.show.id, at: this.now().toISOString() };
    } catch (error) {
      this.log.error({ err: error }, 'offer decision failed: no offer this time');
    }
  }
}
