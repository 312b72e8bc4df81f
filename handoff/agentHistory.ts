/**
 * Each agent's ended conversations (who, when, the wrap-up, and the customer's rating once it comes
 * back), newest first, a bounded list under `handoff/agent-history/<agentId>`. What the workspace's
 * history shows; changes are compare-and-set.
 */
import type { HistoryStore } from './contactHistory';
import { HandoffStoreError, absentETag, defaultConflictRetries, handoffStoreErrorCodes, retryOnConflict } from './handoffStoreErrors';
import type { Stored } from './handoffStoreErrors';

/** Wrap-up outcome codes an agent ends a conversation or closes a ticket with. */
export const wrapUpOutcomes = ['resolved', 'follow-up', 'not-resolved', 'no-response'] as const;
/** A wrap-up outcome code. */
export type WrapUpOutcome = (typeof wrapUpOutcomes)[number];

/** One ended conversation, as the agent's history shows it. */
export interface HandledConversation {
  readonly handoffId: string;
  readonly customer: { readonly id: string; readonly name?: string };
  readonly endedAt: string;
  readonly outcome: WrapUpOutcome;
  readonly note?: string;
  /** The customer's answer to the resolution check, and their rating. */
  rating?: { readonly resolved: boolean; readonly csat?: number };
}

interface HistoryDocument {
  items: HandledConversation[];
}

/** Conversations kept per agent. */
export const agentHistoryLimit = 100;

/** Reads and changes agents' histories. */
export class AgentHistory {
  constructor(private readonly store: HistoryStore) {
    if (!store) throw new TypeError('AgentHistory needs a store');
  }

  /** The agent's ended conversations, newest first. */
  async list(agentId: string): Promise<HandledConversation[]> {
    return (await this.read(agentId))?.items ?? [];
  }

  /** Adds an ended conversation. */
  async add(agentId: string, item: HandledConversation): Promise<void> {
    await this.change(agentId, (items) => [item, ...items.filter((i) => i.handoffId !== item.handoffId)].slice(0, agentHistoryLimit));
  }

  /** Records the customer's resolution answer (and rating) on the conversation; false when the agent's history does not have it. */
  async rate(agentId: string, handoffId: string, rating: { readonly resolved: boolean; readonly csat?: number }): Promise<boolean> {
    let found = false;
    await this.change(agentId, (items) => {
      const item = items.find((i) => i.handoffId === handoffId);
      found = item !== undefined;
      if (!item) return false;
      item.rating = { resolved: rating.resolved, ...(rating.csat !== undefined ? { csat: rating.csat } : item.rating?.csat !== undefined ? { csat: item.rating.csat } : {}) };
      return items;
    });
    return found;
  }

  private async change(agentId: string, next: (items: HandledConversation[]) => HandledConversation[] | false): Promise<void> {
    const outcome = await retryOnConflict(this.write, defaultConflictRetries, async () => {
      const stored = await this.read(agentId);
      const items = next(structuredClone(stored?.items ?? []));
      if (items === false) return { done: undefined };
      return { write: { [key(agentId)]: { items, eTag: stored?.eTag ?? absentETag } }, result: undefined };
    });
    if (!outcome.settled) throw new HandoffStoreError(handoffStoreErrorCodes.conflict, agentId, 'AgentHistory: gave up after repeated concurrent writes for one agent');
  }

  private async read(agentId: string): Promise<Stored<HistoryDocument> | undefined> {
    const items = await this.store.read([key(agentId)]);
    return items[key(agentId)] as Stored<HistoryDocument> | undefined;
  }

  private readonly write = (changes: Record<string, unknown>): Promise<void> => this.store.write(changes);
}

function key(agentId: string): string {
  return `handoff/agent-history/${encodeURIComponent(agentId)}`;
}
