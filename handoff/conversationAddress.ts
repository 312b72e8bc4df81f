/**
 * Where to reach a conversation later (a proactive message): the JSON-safe part of a Bot Framework
 * conversation reference, kept in storage with handoffs and agent presence.
 */

/** A stored conversation reference. Structurally a botbuilder `ConversationReference`. */
export interface ConversationAddress {
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly conversation: { readonly id: string; readonly tenantId?: string; readonly conversationType?: string; readonly isGroup?: boolean };
  /** The person at the other end (customer or agent). */
  readonly user?: { readonly id: string; readonly name?: string; readonly aadObjectId?: string };
  readonly bot: { readonly id: string; readonly name?: string };
  readonly locale?: string;
}
