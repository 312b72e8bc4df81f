/**
 * What the transport vouches for about the sender of one turn. The bot never decides from a
 * client-chosen user id alone who is an agent or who is the contact-centre hub: the messages route
 * (or a host's own adapter) works that out from authenticated identity and records it here.
 * A turn without an origin is a customer's.
 */
import type { TurnContext } from 'botbuilder';
import type { AgentProfile } from '../handoff/routing';

/** The proven facts about a turn's sender. */
export interface TurnOrigin {
  /** The roster agent the sender has proven to be (channel identity, access code, or local development). */
  readonly agent?: AgentProfile;
  /** True when the activity comes from the configured external contact-centre hub. */
  readonly fromHub: boolean;
}

/** A customer's turn: no agent, not the hub. */
export const customerOrigin: TurnOrigin = Object.freeze({ fromHub: false });

const turnOriginKey = Symbol('warmline.turnOrigin');

/** Records what the transport proved about this turn's sender. */
export function setTurnOrigin(context: TurnContext, origin: TurnOrigin): void {
  context.turnState.set(turnOriginKey, origin);
}

/** What the transport proved about this turn's sender; a customer's origin when nothing was recorded. */
export function turnOrigin(context: TurnContext): TurnOrigin {
  const origin = context.turnState.get(turnOriginKey) as TurnOrigin | undefined;
  return origin ?? customerOrigin;
}
