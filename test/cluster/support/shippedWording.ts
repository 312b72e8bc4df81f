/**
 * What the instances say, in the shipped message catalogue (content/messages), whatever catalogue
 * another test in the same mocha worker put in force.
 */
import { loadMessageCatalogue } from '../../../messages/loadMessageCatalogue';
import { defaultMessagesDir, withMessageCatalogue } from '../../../messages/currentMessages';
import { customerHandoffResponses } from '../../../handoff/responses';
import type { CustomerHandoffResponses } from '../../../handoff/responses';
import { botResponses } from '../../../bots/responses';
import type { BotResponses } from '../../../bots/responses';

/** Resolves `pick` over the shipped English handoff wording for customers. */
export function shippedCustomerWording<T>(pick: (r: CustomerHandoffResponses) => T): T {
  return withMessageCatalogue(loadMessageCatalogue(defaultMessagesDir), () => pick(customerHandoffResponses['en-US']));
}

/** Resolves `pick` over the shipped English wording of the bot itself (greeting, apologies). */
export function shippedBotWording<T>(pick: (r: BotResponses) => T): T {
  return withMessageCatalogue(loadMessageCatalogue(defaultMessagesDir), () => pick(botResponses['en-US']));
}
