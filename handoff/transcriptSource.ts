/**
 * Where the agent's `/transcript` and an external hub's attached transcript come from: the customer's
 * conversation as the transcript archive recorded it. A small interface so the desk needs no storage
 * details.
 */

/** One line of a conversation. */
export interface TranscriptLine {
  readonly at: string;
  readonly speaker: 'customer' | 'bot';
  readonly text: string;
}

/** Reads a customer conversation's recorded messages, oldest first: the newest `limit` of them. */
export interface TranscriptSource {
  lines(channelId: string, conversationId: string, customerId: string, limit: number): Promise<TranscriptLine[]>;
}
