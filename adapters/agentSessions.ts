/**
 * Proof that a Web Chat conversation belongs to an agent. On Direct Line a user id is whatever the
 * page asked for, so a roster user id alone proves nothing. When the token endpoint hands an agent a
 * token (signed in with their account, after the deprecated agent access code, or on a developer's
 * machine) it records the conversation here,
 * under `agent-session/<conversationId>`; the messages route then takes that conversation's sender
 * as the agent, and nobody else. Records expire (`expiresAt`) and the retention sweep removes them.
 */
import type { Storage } from 'botbuilder';

/** One conversation opened by an agent through the token endpoint. */
export interface AgentSessionRecord {
  readonly conversationId: string;
  /** The channel user id the token was issued to. */
  readonly userId: string;
  /** The roster agent's id. */
  readonly agentId: string;
  /** How the agent proved it: their own account, the (deprecated) access code, or local development where the roster is trusted. */
  readonly provenBy: 'account' | 'access-code' | 'local-development';
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** Key prefix of agent session records. */
export const agentSessionPrefix = 'agent-session/';

/** Options for {@link AgentSessions}. */
export interface AgentSessionsOptions {
  /** How long a session proves an agent (default 12 hours, a long shift). */
  readonly ttlMs?: number;
  readonly now?: () => Date;
}

/** Records and checks agents' Web Chat conversations. */
export class AgentSessions {
  private readonly ttlMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly storage: Storage,
    options: AgentSessionsOptions = {},
  ) {
    if (!storage || typeof storage.read !== 'function' || typeof storage.write !== 'function') throw new TypeError('AgentSessions needs a botbuilder Storage');
    this.ttlMs = options.ttlMs ?? 12 * 60 * 60 * 1000;
    if (!(this.ttlMs > 0)) throw new TypeError('AgentSessions: ttlMs must be positive');
    this.now = options.now ?? (() => new Date());
  }

  /** Records that `conversationId` was opened by agent `agentId` as `userId`. */
  async open(conversationId: string, userId: string, agentId: string, provenBy: AgentSessionRecord['provenBy']): Promise<void> {
    const at = this.now();
    const record: AgentSessionRecord = {
      conversationId,
      userId,
      agentId,
      provenBy,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + this.ttlMs).toISOString(),
    };
    await this.storage.write({ [agentSessionPrefix + conversationId]: { ...record, eTag: '*' } });
  }

  /** The agent id proven for this conversation and sender, or undefined (none, another sender, or expired). */
  async agentOf(conversationId: string, userId: string): Promise<string | undefined> {
    const key = agentSessionPrefix + conversationId;
    const item = (await this.storage.read([key]))[key] as Partial<AgentSessionRecord> | undefined;
    if (!item || item.userId !== userId || typeof item.agentId !== 'string' || typeof item.expiresAt !== 'string') return undefined;
    if (!(Date.parse(item.expiresAt) > this.now().getTime())) return undefined;
    return item.agentId;
  }
}
