/**
 * Works out, for a turn that arrived at `/api/messages`, who the sender has proven to be: an agent of
 * the roster, the external contact-centre hub, or (by default) a customer. A client-chosen user id is
 * never proof on its own:
 * - on a developer's machine (no app id, not production, loopback only) roster user ids are taken
 *   at their word, so the Emulator and local trials keep working;
 * - on an authenticated channel whose ids the channel assigns (Teams, Slack, …), the channel's
 *   identity is the proof (Teams' Entra object id included);
 * - on Direct Line, Web Chat and the Emulator, where the client picks its user id, the conversation
 *   must have been opened through the token endpoint by an agent ({@link AgentSessions}).
 */
import type { TurnContext } from 'botbuilder';
import type { TurnOrigin } from '../bots/turnOrigin';
import { findAgent } from '../handoff/agentRosterLoader';
import type { AgentProfile, AgentRoster } from '../handoff/routing';
import { inForce } from '../handoff/liveConfig';
import type { Live } from '../handoff/liveConfig';
import type { AgentSessions } from './agentSessions';

/** Channels whose user ids the client chooses, so a roster user id there proves nothing. */
const clientChosenIdChannels: ReadonlySet<string> = new Set(['directline', 'webchat', 'emulator', 'test']);

/** Who may act as the external hub. */
export interface HubIdentity {
  /** `HANDOFF_HUB=external`; with the built-in desk there is no hub and every hub event is ignored. */
  readonly external: boolean;
  /** App ids (token `appid`/`azp` claim) of the hub. */
  readonly appIds: readonly string[];
  /** Channel ids that only the hub uses. */
  readonly channels: readonly string[];
}

/** Settings and dependencies of {@link TurnOrigins}. */
export interface TurnOriginsOptions {
  /** The roster, or a function returning the one in force (a published roster then applies from the next turn). */
  readonly roster: Live<AgentRoster>;
  readonly sessions: AgentSessions;
  /** No Bot Framework authentication: requests come from this machine only. */
  readonly anonymous: boolean;
  /** Roster user ids are taken at their word (anonymous mode outside production only). */
  readonly trustRosterUserIds: boolean;
  readonly hub: HubIdentity;
}

/** What the messages route knows about the request that carried the activity. */
export interface RequestFacts {
  /** The activity was delivered by this process's local Direct Line (a browser client's). */
  readonly viaLocalDirectLine: boolean;
}

/** Computes the {@link TurnOrigin} of turns that arrive over HTTP. */
export class TurnOrigins {
  constructor(private readonly options: TurnOriginsOptions) {
    if (!options.roster || !options.sessions || !options.hub) throw new TypeError('TurnOrigins needs a roster, agent sessions and hub settings');
    if (options.trustRosterUserIds && !options.anonymous) throw new TypeError('TurnOrigins: roster user ids can be trusted only in local anonymous mode');
  }

  /** The proven facts about this turn's sender. */
  async of(context: TurnContext, facts: RequestFacts): Promise<TurnOrigin> {
    const agent = await this.agent(context);
    return { ...(agent ? { agent } : {}), fromHub: this.fromHub(context, facts) };
  }

  private async agent(context: TurnContext): Promise<AgentProfile | undefined> {
    const { activity } = context;
    const from = activity.from;
    if (!from?.id) return undefined;
    const roster = inForce(this.options.roster);
    if (this.options.trustRosterUserIds) return findAgent(roster, from);
    if (!this.options.anonymous && !clientChosenIdChannels.has(activity.channelId)) return findAgent(roster, from);
    const conversationId = activity.conversation?.id;
    if (!conversationId) return undefined;
    // Only a roster user id can be an agent's (checked again below): customers' turns read no session.
    if (!roster.agents.some((a) => a.userIds.includes(from.id))) return undefined;
    const agentId = await this.options.sessions.agentOf(conversationId, from.id);
    // The roster may have changed since the session was opened: the user id must still be the agent's.
    return roster.agents.find((a) => a.id === agentId && a.userIds.includes(from.id));
  }

  private fromHub(context: TurnContext, facts: RequestFacts): boolean {
    const { hub } = this.options;
    if (!hub.external) return false;
    // Locally, only what is posted straight to /api/messages from this machine (not a browser's Direct Line).
    if (this.options.anonymous) return !facts.viaLocalDirectLine;
    if (hub.channels.includes(context.activity.channelId)) return true;
    const appId = callerAppId(context);
    return appId !== undefined && hub.appIds.includes(appId);
  }
}

/** The app id in the turn's validated token (`appid` in v1 tokens, `azp` in v2), if any. */
function callerAppId(context: TurnContext): string | undefined {
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as { claims?: readonly { type: string; value: string }[] } | undefined;
  const claims = identity?.claims ?? [];
  return claims.find((c) => c.type === 'appid')?.value ?? claims.find((c) => c.type === 'azp')?.value;
}
