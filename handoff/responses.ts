/**
 * What the handoff says to customers and to agents in plain messages, in every supported locale: a
 * typed view over the message catalogue (content/messages/, `handoff.customer.*`, `handoff.agent.*`).
 * Cards have their own labels in `agentCardText.ts`.
 */
import type { SupportedLocale } from '../locale/locale';
import { byLocale, messages, messageView } from '../messages/currentMessages';

/** Handoff wording for customers in one language. */
export interface CustomerHandoffResponses {
  /** Queued: who will help, position, estimate, and that nothing needs repeating (P2, P9). */
  connecting(queueName: string, position: number, minutes: number): string;
  /** The queue position changed. */
  positionChanged(position: number, minutes: number): string;
  /** A message sent while waiting was kept for the agent. */
  keptForAgent(position: number, minutes: number): string;
  /** Asked again for a person while already waiting. */
  alreadyWaiting(position: number, minutes: number): string;
  /** "Never mind" while waiting. */
  cancelled: string;
  /** The agent accepted (P3): name, details passed on. */
  agentJoined(agentName: string): string;
  /** The agent passed the customer on. */
  transferring(fromName: string, toName: string): string;
  /** A message from the agent, relayed to the customer. */
  agentSays(agentName: string, text: string): string;
  /** An agent's answer to a message the customer left earlier. */
  ticketReply(agentName: string, text: string): string;
  /** The agent went silent; the customer is back at the front of the queue. */
  agentCalledAway(agentName: string): string;
  /** The agent ended; the bot is back. */
  agentLeft(agentName: string): string;
  /** An external contact centre was asked for a person. */
  hubRequested: string;
  /** The external contact centre accepted. */
  hubAccepted(agentName: string | undefined): string;
  /** A message could not be passed to the agent right now; it is kept. */
  relayDelayed: string;
  /** How to name an external hub's agent whose name is unknown. */
  genericAgentName: string;
  /** A customer typed an agent command. */
  commandsAreForAgents: string;
}

/** Handoff wording for agents in one language. */
export interface AgentHandoffResponses {
  /** Shown with the notification card, and as text on channels without cards. */
  newRequest(customer: string, queueName: string, reason: string): string;
  welcomeAgent(name: string): string;
  accepted(customer: string): string;
  takenBy(agentName: string): string;
  alreadyYours: string;
  notWaiting(state: string): string;
  notFound(id: string): string;
  ambiguous(id: string): string;
  nobodyWaiting: string;
  busy(customer: string): string;
  notAssigned: string;
  notYourQueue(queueName: string): string;
  reservedFor(agentName: string): string;
  /**
   * A customer's message relayed to their agent. `customer` and `text` are already plain text (see
   * `plainText.ts`); only the role word is bold, so no name or message can pass for the label.
   */
  customerSays(customer: string, text: string): string;
  customerCancelled(customer: string): string;
  customerWaitedTooLong(customer: string): string;
  noteSaved: string;
  transferred(target: string): string;
  transferredToYou(fromName: string, customer: string): string;
  unknownTarget(target: string, choices: string): string;
  cannotTransferToSelf: string;
  ended(customer: string): string;
  nowAvailable(waiting: number): string;
  nowAway: string;
  unknownCommand(name: string): string;
  missingArgument(usage: string): string;
  usage: Readonly<Record<'accept' | 'note' | 'transfer', string>>;
  transcriptHeader(customer: string): string;
  transcriptEmpty: string;
  speakerCustomer: string;
  speakerBot: string;
  undelivered: string;
  /** The agent was silent too long; their customer went back to the queue and they were marked away. */
  reclaimed(customer: string): string;
  /** An agent sent something that is not text (a file, a picture). */
  textOnly: string;
  /** A command's messages to the customer (or to colleagues) could not all be delivered. */
  notAllDelivered: string;
  /** Heads customer messages that could not be relayed earlier. */
  missed(customer: string): string;
  /** A transfer target that cannot take the customer now. */
  targetUnavailable(target: string): string;
}

/** Customer wording by locale. */
export const customerHandoffResponses: Readonly<Record<SupportedLocale, CustomerHandoffResponses>> = byLocale((locale) =>
  messageView<CustomerHandoffResponses>(locale, {
    cancelled: 'handoff.customer.cancelled',
    hubRequested: 'handoff.customer.hubRequested',
    relayDelayed: 'handoff.customer.relayDelayed',
    genericAgentName: 'handoff.customer.genericAgentName',
    commandsAreForAgents: 'handoff.customer.commandsAreForAgents',
    connecting: (queue, position, minutes) =>
      messages().format(locale, minutes === 1 ? 'handoff.customer.connecting.oneMinute' : 'handoff.customer.connecting.manyMinutes', { queue, position, minutes }),
    positionChanged: (position, minutes) =>
      messages().format(locale, minutes === 1 ? 'handoff.customer.positionChanged.oneMinute' : 'handoff.customer.positionChanged.manyMinutes', { position, minutes }),
    keptForAgent: (position, minutes) => messages().format(locale, 'handoff.customer.keptForAgent', { position, minutes }),
    alreadyWaiting: (position, minutes) => messages().format(locale, 'handoff.customer.alreadyWaiting', { position, minutes }),
    agentJoined: (name) => messages().format(locale, 'handoff.customer.agentJoined', { name }),
    transferring: (from, to) => messages().format(locale, 'handoff.customer.transferring', { from, to }),
    agentSays: (name, text) => messages().format(locale, 'handoff.customer.agentSays', { name, text }),
    ticketReply: (name, text) => messages().format(locale, 'handoff.customer.ticketReply', { name, text }),
    agentCalledAway: (name) => messages().format(locale, 'handoff.customer.agentCalledAway', { name }),
    agentLeft: (name) => messages().format(locale, 'handoff.customer.agentLeft', { name }),
    hubAccepted: (name) => (name ? messages().format(locale, 'handoff.customer.hubAccepted.named', { name }) : messages().format(locale, 'handoff.customer.hubAccepted.unnamed')),
  }),
);

/** Agent wording by locale. */
export const agentHandoffResponses: Readonly<Record<SupportedLocale, AgentHandoffResponses>> = byLocale((locale) =>
  messageView<AgentHandoffResponses>(locale, {
    alreadyYours: 'handoff.agent.alreadyYours',
    nobodyWaiting: 'handoff.agent.nobodyWaiting',
    notAssigned: 'handoff.agent.notAssigned',
    noteSaved: 'handoff.agent.noteSaved',
    cannotTransferToSelf: 'handoff.agent.cannotTransferToSelf',
    nowAway: 'handoff.agent.nowAway',
    transcriptEmpty: 'handoff.agent.transcriptEmpty',
    speakerCustomer: 'handoff.agent.speakerCustomer',
    speakerBot: 'handoff.agent.speakerBot',
    undelivered: 'handoff.agent.undelivered',
    textOnly: 'handoff.agent.textOnly',
    notAllDelivered: 'handoff.agent.notAllDelivered',
    newRequest: (customer, queue, reason) => messages().format(locale, 'handoff.agent.newRequest', { customer, queue, reason }),
    welcomeAgent: (name) => messages().format(locale, 'handoff.agent.welcomeAgent', { name }),
    accepted: (customer) => messages().format(locale, 'handoff.agent.accepted', { customer }),
    takenBy: (name) => messages().format(locale, 'handoff.agent.takenBy', { name }),
    notWaiting: (state) => messages().format(locale, 'handoff.agent.notWaiting', { state }),
    notFound: (id) => messages().format(locale, 'handoff.agent.notFound', { id }),
    ambiguous: (id) => messages().format(locale, 'handoff.agent.ambiguous', { id }),
    busy: (customer) => messages().format(locale, 'handoff.agent.busy', { customer }),
    notYourQueue: (queue) => messages().format(locale, 'handoff.agent.notYourQueue', { queue }),
    reservedFor: (name) => messages().format(locale, 'handoff.agent.reservedFor', { name }),
    customerSays: (customer, text) => messages().format(locale, 'handoff.agent.customerSays', { customer, text }),
    customerCancelled: (customer) => messages().format(locale, 'handoff.agent.customerCancelled', { customer }),
    customerWaitedTooLong: (customer) => messages().format(locale, 'handoff.agent.customerWaitedTooLong', { customer }),
    transferred: (target) => messages().format(locale, 'handoff.agent.transferred', { target }),
    transferredToYou: (from, customer) => messages().format(locale, 'handoff.agent.transferredToYou', { from, customer }),
    unknownTarget: (target, choices) => messages().format(locale, 'handoff.agent.unknownTarget', { target, choices }),
    ended: (customer) => messages().format(locale, 'handoff.agent.ended', { customer }),
    nowAvailable: (waiting) =>
      waiting === 0 ? messages().format(locale, 'handoff.agent.nowAvailable.nobodyWaiting') : messages().format(locale, 'handoff.agent.nowAvailable.someWaiting', { waiting }),
    unknownCommand: (name) => messages().format(locale, 'handoff.agent.unknownCommand', { name }),
    missingArgument: (usage) => messages().format(locale, 'handoff.agent.missingArgument', { usage }),
    usage: { accept: 'handoff.agent.usage.accept', note: 'handoff.agent.usage.note', transfer: 'handoff.agent.usage.transfer' },
    transcriptHeader: (customer) => messages().format(locale, 'handoff.agent.transcriptHeader', { customer }),
    reclaimed: (customer) => messages().format(locale, 'handoff.agent.reclaimed', { customer }),
    missed: (customer) => messages().format(locale, 'handoff.agent.missed', { customer }),
    targetUnavailable: (target) => messages().format(locale, 'handoff.agent.targetUnavailable', { target }),
  }),
);

/** What the handoff says when it follows a customer to another conversation, or sees them leave and come back. */
export interface FollowResponses {
  /** To the customer, in their new conversation: their agent is still with them. */
  stillConnected(agentName: string): string;
  /** To the agent: the customer started a new chat, which they keep. */
  agentMoved(customer: string): string;
  /** To the agent: the customer left (page closed beyond the grace period, or conversation ended). */
  agentLeft(customer: string): string;
  /** To the agent: the customer who left is back. */
  agentBack(customer: string): string;
  /** To a customer asking again from another chat on a channel where user ids are only claimed: carry on in the first one. */
  openElsewhere: string;
}

/** Follow wording by locale. */
export const followResponses: Readonly<Record<SupportedLocale, FollowResponses>> = byLocale((locale) =>
  messageView<FollowResponses>(locale, {
    openElsewhere: 'handoff.follow.openElsewhere',
    stillConnected: (name) => messages().format(locale, 'handoff.follow.stillConnected', { name }),
    agentMoved: (customer) => messages().format(locale, 'handoff.follow.agentMoved', { customer }),
    agentLeft: (customer) => messages().format(locale, 'handoff.follow.agentLeft', { customer }),
    agentBack: (customer) => messages().format(locale, 'handoff.follow.agentBack', { customer }),
  }),
);
