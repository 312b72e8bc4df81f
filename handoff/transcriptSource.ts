/**
 * Where the agent's `/transcript` and an external hub's attached transcript come from: the customer's
 * conversation as the transcript archive recorded it. A small interface so the desk needs no storage
 * details.
 */

/** One line of a conversation. */
export interface TranscriptLine {
  /** The activity's id (or the id Warmline gave an agent's line), stable across reads. */
  readonly id?: string;
  readonly at: string;
  /** `agent`: a person's line sent through the bot. */
  readonly speaker: 'customer' | 'bot' | 'agent';
  /** The agent's display name, for agent lines. */
  readonly name?: string;
  readonly text: string;
}

/** Reads a customer conversation's recorded messages, oldest first: the newest `limit` of them. */
export interface TranscriptSource {
  lines(channelId: string, conversationId: string, customerId: string, limit: number): Promise<TranscriptLine[]>;
}
