/**
 * Where agents' presence is kept: whether each agent takes conversations, where to reach them, and
 * the one handoff they handle now, under `handoff/presence/<agentId>`, with the list of known agents
 * under `handoff/agents`. Changes are compare-and-set, so two handoffs claiming one agent at once
 * cannot both get them.
 */
import type { AgentPresence } from './handoffRecord';
import { handoffsOf } from './handoffRecord';
import type { HandoffStore } from './handoffRepository';
import { HandoffStoreError, absentETag, defaultConflictRetries, handoffStoreErrorCodes, retryOnConflict, withoutETag } from './handoffStoreErrors';
import type { Stored } from './handoffStoreErrors';

/** Options for {@link PresenceRepository}. */
export interface PresenceRepositoryOptions {
  /** Clock for `updatedAt` on claim and release. */
  readonly now?: () => Date;
  /** Retries after an eTag conflict before giving up (default 8). */
  readonly maxRetries?: number;
}

interface AgentList {
  eTag?: string;
  agentIds: string[];
}

const agentsKey = 'handoff/agents';

/** Reads and changes agents' presence, safely across instances. */
export class PresenceRepository {
  private readonly now: () => Date;
  private readonly retries: number;

  constructor(
    private readonly store: HandoffStore,
    options: PresenceRepositoryOptions = {},
  ) {
    if (!store || typeof store.read !== 'function' || typeof store.write !== 'function') throw new TypeError('PresenceRepository needs a store with read and write');
    this.now = options.now ?? (() => new Date());
    this.retries = options.maxRetries ?? defaultConflictRetries;
  }

  /** An agent's presence, or `undefined` for an agent never seen. */
  async get(agentId: string): Promise<AgentPresence | undefined> {
    const presence = (await this.store.read([presenceKey(agentId)]))[presenceKey(agentId)] as Stored<AgentPresence> | undefined;
    return presence ? withoutETag(presence) : undefined;
  }

  /** Every known agent's presence, by agent id. */
  async all(): Promise<AgentPresence[]> {
    const list = (await this.store.read([agentsKey]))[agentsKey] as AgentList | undefined;
    const ids = [...(list?.agentIds ?? [])].sort();
    if (ids.length === 0) return [];
    const items = await this.store.read(ids.map(presenceKey));
    return ids.flatMap((id) => {
      const presence = items[presenceKey(id)] as Stored<AgentPresence> | undefined;
      return presence ? [withoutETag(presence)] : [];
    });
  }

  /**
   * Changes an agent's presence, starting from `initial()` for an agent never seen; resolves it as
   * stored. Both functions may run more than once when other instances write at the same time.
   */
  async update(agentId: string, change: (presence: AgentPresence) => void, initial: () => AgentPresence): Promise<AgentPresence> {
    const stored = await this.change(agentId, (current) => {
      const next = current ?? { ...initial(), agentId };
      change(next);
      return next;
    });
    return stored as AgentPresence;
  }

  /**
   * Makes `handoffId` the agent's chat conversation if they have none (or already this one).
   * Resolves `false` when the agent is unknown or busy with another handoff in chat.
   */
  async claim(agentId: string, handoffId: string): Promise<boolean> {
    const result = await this.change(agentId, (current) => {
      if (!current || (current.handoffId !== undefined && current.handoffId !== handoffId)) return false;
      return { ...current, handoffId, updatedAt: this.now().toISOString() };
    });
    return result?.handoffId === handoffId;
  }

  /**
   * Adds `handoffId` to the agent's workspace conversations while they handle fewer than `capacity`
   * (chat and workspace together). Resolves `false` when the agent is unknown or at capacity.
   */
  async claimSlot(agentId: string, handoffId: string, capacity: number): Promise<boolean> {
    const result = await this.change(agentId, (current) => {
      if (!current) return false;
      const load = handoffsOf(current);
      if (load.includes(handoffId)) return false;
      if (load.length >= capacity) return false;
      return { ...current, handoffIds: [...(current.handoffIds ?? []), handoffId], updatedAt: this.now().toISOString() };
    });
    return handoffsOf(result).includes(handoffId);
  }

  /** Frees the agent from `handoffId` (chat or workspace); resolves `false` (and changes nothing) when they did not have it. */
  async release(agentId: string, handoffId: string): Promise<boolean> {
    let released = false;
    await this.change(agentId, (current) => {
      released = handoffsOf(current).includes(handoffId);
      if (!current || !released) return false;
      const next: AgentPresence = { ...current, updatedAt: this.now().toISOString() };
      if (next.handoffId === handoffId) delete next.handoffId;
      const rest = (current.handoffIds ?? []).filter((id) => id !== handoffId);
      if (rest.length > 0) next.handoffIds = rest;
      else delete next.handoffIds;
      return next;
    });
    return released;
  }

  /** Writes what `decide` returns (with the agent list, for a new agent); `false` writes nothing and resolves the presence as it is. */
  private async change(agentId: string, decide: (current: AgentPresence | undefined) => AgentPresence | false): Promise<AgentPresence | undefined> {
    const outcome = await retryOnConflict(this.write, this.retries, async () => {
      const items = await this.store.read([presenceKey(agentId), agentsKey]);
      const stored = items[presenceKey(agentId)] as Stored<AgentPresence> | undefined;
      const current = stored ? withoutETag(stored) : undefined;
      const next = decide(current);
      if (next === false) return { done: current };
      const changes: Record<string, unknown> = { [presenceKey(agentId)]: { ...next, agentId, eTag: stored?.eTag ?? absentETag } };
      const list = items[agentsKey] as AgentList | undefined;
      if (!list?.agentIds.includes(agentId)) changes[agentsKey] = { agentIds: [...(list?.agentIds ?? []), agentId], eTag: list?.eTag ?? absentETag };
      return { write: changes, result: { ...next, agentId } };
    });
    if (!outcome.settled) throw new HandoffStoreError(handoffStoreErrorCodes.conflict, agentId, `Agent ${agentId}: gave up after repeated concurrent presence writes`);
    return outcome.value;
  }

  private readonly write = (changes: Record<string, unknown>): Promise<void> => this.store.write(changes);
}

function presenceKey(agentId: string): string {
  return `handoff/presence/${encodeURIComponent(agentId)}`;
}
