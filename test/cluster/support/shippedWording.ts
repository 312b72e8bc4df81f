/**
 * What the instances say, in the shipped message catalogue (content/messages), whatever catalogue
 * another test in the same mocha worker put in force.
 */
import { loadMessageCatalogue } from '../../../messages/loadMessageCatalogue';
import { defaultMessagesDir, withMessageCatalogue } from '../../../messages/currentMessages';
import { customerHandoffResponses } from '../../../handoff/responses';
import type { CustomerHandoffResponses } from '../../../handoff/responses';

/** Resolves `pick` over the shipped English handoff wording for customers. */
export function shippedCustomerWording<T>(pick: (r: CustomerHandoffResponses) => T): T {
  return withMessageCatalogue(loadMessageCatalogue(defaultMessagesDir), () => pick(customerHandoffResponses['en-US']));
}
