/**
 * The answer to a customer's request for their data (GDPR art. 15 and 20, PIPL art. 45): one JSON
 * document with everything Warmline holds about them, as found by {@link findCustomerData}.
 */
import type { CustomerData } from './customerData';

/** Names the document's layout, so a later change can be told apart. */
export const exportFormat = 'warmline-customer-export/1';

/** The export document. */
export function exportDocument(data: CustomerData, generatedAt: Date): Record<string, unknown> {
  const { identity } = data;
  return {
    format: exportFormat,
    generatedAt: generatedAt.toISOString(),
    customer: {
      requested: identity.requested,
      ...(identity.customerId ? { customerId: identity.customerId } : {}),
      userIds: identity.userIds,
      aadObjectIds: identity.aadObjectIds,
    },
    // From the customers file or CRM: not Warmline's store, shown so the answer is complete.
    profile: identity.profile ?? null,
    records: data.records,
    sharedRecords: data.shared.map(({ key, kind, theirs }) => ({ key, kind, entries: theirs })),
    transcripts: data.conversations,
    mentionedInOtherConversations: data.mentions,
  };
}
