/**
 * What the contact centre announces as it happens, for the agents' live workspace: a customer joined
 * a queue, wrote, typed or left; an agent accepted, wrote, noted, transferred or ended; presence
 * changed. Plain data. A bus carries events to every instance (in memory for one process, Redis
 * pub/sub for several: storage/redisDeskEventBus.ts); the workspace's event stream filters them per
 * agent. Events are hints with their payload: a page that missed some refetches and merges by id.
 */

/** One line of a conversation as the workspace shows it. Text is masked and plain. */
export interface ConversationLine {
  /** Stable: the transcript activity's id, so a page merges lines it already has. */
  readonly id: string;
  readonly at: string;
  readonly from: 'customer' | 'bot' | 'agent';
  /** The agent's display name, for agent lines. */
  readonly name?: string;
  readonly text: string;
}

/** How an open conversation changed. */
export type SessionChange = 'assigned' | 'transferred' | 'ended' | 'customer-left' | 'customer-back' | 'rated';

/** Something that happened at the desk. `agents` limits who hears it (every agent when absent). */
export type DeskEvent =
  | { readonly type: 'inbox'; readonly queueId?: string }
  | { readonly type: 'message'; readonly handoffId: string; readonly agentId?: string; readonly line: ConversationLine }
  | { readonly type: 'typing'; readonly handoffId: string; readonly agentId?: string; readonly from: 'customer' | 'agent' }
  | { readonly type: 'session'; readonly handoffId: string; readonly agentId?: string; readonly change: SessionChange }
  | { readonly type: 'note'; readonly handoffId: string; readonly agentId?: string; readonly note: { readonly at: string; readonly agentName: string; readonly text: string } }
  | { readonly type: 'consult'; readonly handoffId: string; readonly from: string; readonly text: string }
  | { readonly type: 'presence'; readonly agentId: string };

/** Carries desk events to every listener of every instance. */
export interface DeskEventBus {
  /** Announces an event; never throws (a lost hint is recovered by the page's refetch). */
  publish(event: DeskEvent): Promise<void>;
  /** Listens to every event; returns how to stop. */
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** Stops delivering (closes a connection, if any). */
  close(): Promise<void>;
}

/** The bus of one process. */
export class LocalDeskEventBus implements DeskEventBus {
  private readonly listeners = new Set<(event: DeskEvent) => void>();

  publish(event: DeskEvent): Promise<void> {
    this.deliver(event);
    return Promise.resolve();
  }

  /** Hands an event to this process's listeners; one failing listener does not stop the others. */
  deliver(event: DeskEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A listener is a page's stream; its own error handling closes it.
      }
    }
  }

  subscribe(listener: (event: DeskEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
