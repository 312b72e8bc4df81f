/**
 * What the bot keeps of a conversation so a person can pick it up (P2): what the customer said, what
 * the bot tried and how the customer reacted. The bot appends to it every turn; the summariser reads it.
 * Text is masked before it is kept (P10), whoever appends it: card numbers, passwords and ID numbers
 * hidden, e-mail and phone kept for the agent.
 */
import { maskForAgents } from '../privacy/sensitiveData';

/** Why a customer message is control rather than content: a button pressed, or a cancel request. */
export type CustomerControl = 'button' | 'cancel';

/** One thing that happened in the conversation, oldest first. */
export type JournalItem =
  /**
   * The customer wrote something (masked), with its sentiment. `control` marks what says nothing
   * about the problem: a button or suggested action pressed (its label arrives as the text) or a
   * request to cancel ("never mind", "算了").
   */
  | { readonly kind: 'customer'; readonly at: string; readonly text: string; readonly sentiment: number; readonly control?: CustomerControl }
  /** The bot answered from the knowledge base. */
  | { readonly kind: 'answer'; readonly at: string; readonly entryId: string; readonly question: string; readonly topic?: string }
  /** The bot had no answer (or the customer refused every suggestion). */
  | { readonly kind: 'no-match'; readonly at: string; readonly query: string; readonly via: 'no-match' | 'none-of-these' }
  /** The bot offered "Did you mean…?" choices. */
  | { readonly kind: 'choices'; readonly at: string; readonly entryIds: readonly string[] }
  /** The customer answered the resolution check. */
  | { readonly kind: 'resolution'; readonly at: string; readonly resolved: boolean; readonly entryId?: string; readonly topic?: string }
  /** The customer declined an offered person. */
  | { readonly kind: 'declined-agent'; readonly at: string }
  /** A person handled the conversation. */
  | { readonly kind: 'agent-session'; readonly at: string; readonly agentName: string; readonly handoffId: string };

/** Most items a journal keeps; older ones are dropped first. */
export const journalLimit = 60;

/** Appends an item (its customer text masked), dropping the oldest past {@link journalLimit}. Returns a new array. */
export function appendJournal(journal: readonly JournalItem[] | undefined, item: JournalItem): JournalItem[] {
  const next = [...(journal ?? []), masked(item)];
  return next.length > journalLimit ? next.slice(next.length - journalLimit) : next;
}

/** The item with what the customer wrote masked. */
function masked(item: JournalItem): JournalItem {
  if (item.kind === 'customer') return { ...item, text: maskForAgents(item.text) };
  if (item.kind === 'no-match') return { ...item, query: maskForAgents(item.query) };
  return item;
}
