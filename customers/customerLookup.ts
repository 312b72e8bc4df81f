/**
 * Looking a customer up without letting the profile source decide whether the turn succeeds: a CRM
 * that is down or slow means the customer is served without a personal touch, never that a handoff
 * or an answer fails (P1, P7).
 */
import { CustomerProfilesUnavailableError } from './customerProfiles';
import type { CustomerKey, CustomerProfile, CustomerProfiles } from './customerProfiles';

/**
 * The customer's profile, or undefined when there is none or the source cannot answer now. In the
 * latter case `onUnavailable` is told why (for a log entry; the error carries no customer data).
 * Any other failure of the source is reported the same way, wrapped in a
 * {@link CustomerProfilesUnavailableError}. Only the id and AAD object id of `who` are passed on,
 * so a whole `activity.from` can be given.
 */
export async function profileOrNothing(
  profiles: CustomerProfiles,
  who: CustomerKey,
  onUnavailable: (error: CustomerProfilesUnavailableError) => void,
): Promise<CustomerProfile | undefined> {
  try {
    return await profiles.get({ id: who.id, ...(who.aadObjectId ? { aadObjectId: who.aadObjectId } : {}) });
  } catch (error) {
    onUnavailable(error instanceof CustomerProfilesUnavailableError ? error : new CustomerProfilesUnavailableError('Customer profiles failed unexpectedly', { cause: error }));
    return undefined;
  }
}
