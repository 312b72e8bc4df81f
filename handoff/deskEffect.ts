/**
 * What the handoff desk asks the channel side to do after a decision: send a message or a card to a
 * conversation (the customer's or an agent's), or let the bot take the customer's conversation back.
 * Plain data, so the desk stays free of botbuilder; `adapters/` carries it out.
 */
import type { ConversationAddress } from './conversationAddress';

/** A message: text, an Adaptive Card (with text for channels without cards), or both. */
export interface OutgoingMessage {
  readonly text?: string;
  /** Adaptive Card JSON. */
  readonly card?: Readonly<Record<string, unknown>>;
  /** Set when an agent wrote it: who, and the line's id (the workspace merges the transcript by it). */
  readonly byAgent?: { readonly id: string; readonly name: string; readonly lineId: string };
}

/** Why the bot takes the customer's conversation back. */
export type ResumeReason = 'agent-ended' | 'timeout' | 'hub-failed';

/** One thing to do. */
export type DeskEffect =
  | { readonly kind: 'send'; readonly to: ConversationAddress; readonly message: OutgoingMessage }
  | { readonly kind: 'typing'; readonly to: ConversationAddress }
  | { readonly kind: 'resume-customer'; readonly to: ConversationAddress; readonly handoffId: string; readonly why: ResumeReason; readonly agentName?: string; readonly topic?: string };

/** Carries out desk effects (implemented over Bot Framework proactive messaging). */
export interface EffectSink {
  /** Carries out every effect; one failing does not stop the others. Returns how many failed. */
  deliver(effects: readonly DeskEffect[]): Promise<number>;
}
