/**
 * A handoff follows the customer, not one conversation: when the same customer (channel and user id)
 * shows up in another conversation (a new chat), their open handoff moves there and the agent is
 * told; when they leave their chat or come back, the agent sees it (a line on the chat path and a
 * live event for the workspace) and the record keeps it. Plain data in, effects out.
 */
import type { SupportedLocale } from '../locale/locale';
import type { ConversationAddress } from './conversationAddress';
import type { DeskEffect } from './deskEffect';
import type { SessionChange } from './deskEvents';
import type { HandoffDesk } from './handoffDesk';
import { customerLabel } from './handoffDesk';
import { openStates, waitingStates } from './handoffRecord';
import type { CustomerLeftReason, HandoffRecord } from './handoffRecord';
import { followResponses } from './responses';

/** What following a customer to a new conversation did. */
export interface FollowOutcome {
  /** The record as stored afterwards. */
  readonly record: HandoffRecord;
  /** What to tell the customer in the new conversation (who is with them, or where they stand). */
  readonly reply?: string;
  /** Messages for the agent. */
  readonly effects: DeskEffect[];
}

/** Moves open handoffs with their customer and tells agents when the customer leaves or comes back. */
export class CustomerFollow {
  constructor(private readonly desk: HandoffDesk) {
    if (!desk) throw new TypeError('CustomerFollow: missing dependency "desk"');
  }

  /** The customer's open handoff, in whichever conversation it is now. */
  openOf(channelId: string, userId: string): Promise<HandoffRecord | undefined> {
    return this.desk.deps.handoffs.findOpenByCustomer(channelId, userId);
  }

  /**
   * Moves an open built-in handoff to `address` (the customer's new conversation) and tells the
   * agent they are still connected. Refused (undefined) when the address is another customer's, or
   * an external hub runs the handoff (the hub keeps its own conversation).
   */
  async follow(record: HandoffRecord, address: ConversationAddress): Promise<FollowOutcome | undefined> {
    const { customer } = record;
    if (record.hub !== 'builtin' || address.channelId !== customer.channelId || address.user?.id !== customer.userId) return undefined;
    if (address.conversation.id === customer.address.conversation.id) return { record, effects: [] };
    const now = this.desk.now().toISOString();
    const moved = await this.desk.deps.handoffs.update(record.id, (r) => {
      if (!openStates.has(r.state)) return false;
      (r.customer as { address: ConversationAddress }).address = address;
      r.customerPresence = { present: true, since: now };
    });
    if (!moved || !openStates.has(moved.state)) return undefined;
    this.desk.log.info({ handoffId: moved.id, state: moved.state }, 'handoff followed the customer to a new conversation');
    if (waitingStates.has(moved.state)) {
      const reply = await this.desk.reassure(moved);
      await this.announce(moved, 'customer-back');
      return { record: moved, ...(reply ? { reply } : {}), effects: [] };
    }
    const effects = await this.toAgent(moved, (locale) => followResponses[locale].agentMoved(customerLabel(moved)));
    await this.announce(moved, 'customer-back');
    const agentName = moved.agentName ?? moved.agentId;
    return { record: moved, ...(agentName ? { reply: followResponses[moved.customer.locale].stillConnected(agentName) } : {}), effects };
  }

  /**
   * The customer of `conversationId` left their chat (`present` false, with why) or came back. Said
   * once per change: the record keeps it, the agent gets a line, the workspace an event.
   */
  async presence(conversationId: string, present: boolean, why?: CustomerLeftReason): Promise<DeskEffect[]> {
    const open = await this.desk.openFor(conversationId);
    if (!open || open.hub !== 'builtin') return [];
    // Nothing to say about a customer who never left, or one already known to be away.
    if ((open.customerPresence?.present ?? true) === present) return [];
    const since = this.desk.now().toISOString();
    const changed = await this.desk.deps.handoffs.update(open.id, (r) => {
      if ((r.customerPresence?.present ?? true) === present || r.customer.address.conversation.id !== conversationId) return false;
      r.customerPresence = { present, since, ...(why && !present ? { why } : {}) };
    });
    if (!changed || changed.customerPresence?.since !== since) return [];
    this.desk.log.info({ handoffId: changed.id, present, why }, present ? 'customer back in the chat' : 'customer left the chat');
    const label = customerLabel(changed);
    const effects = await this.toAgent(changed, (locale) => (present ? followResponses[locale].agentBack(label) : followResponses[locale].agentLeft(label)));
    await this.announce(changed, present ? 'customer-back' : 'customer-left');
    return effects;
  }

  /** A line for the assigned agent on their chat path, if they have one. */
  private async toAgent(record: HandoffRecord, line: (locale: SupportedLocale) => string): Promise<DeskEffect[]> {
    if (record.state !== 'assigned' || !record.agentId) return [];
    const agent = this.desk.agent(record.agentId);
    const presence = await this.desk.deps.presence.get(record.agentId);
    if (!agent || !presence?.address) return [];
    return [{ kind: 'send', to: presence.address, message: { text: line(agent.locale) } }];
  }

  private announce(record: HandoffRecord, change: SessionChange): Promise<void> {
    return this.desk.announce({ type: 'session', handoffId: record.id, ...(record.agentId ? { agentId: record.agentId } : {}), change });
  }
}
