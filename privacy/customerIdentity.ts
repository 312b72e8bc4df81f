/**
 * Who a privacy request (export or erase, GDPR/PIPL) is about: every identity one customer has in
 * Warmline's records. A request names the CRM customer id, any of their channel user ids, their
 * Entra (AAD) object id, or a bare channel user id Warmline knows nothing else about.
 */
import type { CustomerProfile } from '../customers/customerProfiles';
import type { YamlCustomerEntry } from '../customers/yamlCustomerProfiles';

/** Finds a customer's profile entry by any of their identities (the customers file does). */
export interface CustomerDirectory {
  entryFor(id: string): YamlCustomerEntry | undefined;
}

/** Every identity of one customer. */
export interface CustomerIdentity {
  /** What the request named. */
  readonly requested: string;
  /** Their customer id (the CRM's), when their profile is known. */
  readonly customerId?: string;
  /** Every channel user id that is this customer (their customer id is one, as in the customers file). */
  readonly userIds: readonly string[];
  /** Entra (AAD) object ids, lower case. */
  readonly aadObjectIds: readonly string[];
  /** Their profile, when known (exported; erasing it is up to whoever keeps the customers file or CRM). */
  readonly profile?: CustomerProfile;
}

/** Raised for a request that cannot name anyone; `code` is `WL_PRIVACY_BAD_REQUEST`. */
export class PrivacyRequestError extends Error {
  readonly code = 'WL_PRIVACY_BAD_REQUEST';
  constructor(message: string) {
    super(message);
    this.name = 'PrivacyRequestError';
  }
}

/**
 * The identities of the customer `requested` names, plus `extraUserIds` (ids on channels the
 * directory does not know, e.g. given by a CRM). A name the directory does not know is taken as a
 * bare channel user id.
 */
export function resolveCustomer(requested: string, directory?: CustomerDirectory, extraUserIds: readonly string[] = []): CustomerIdentity {
  const id = requested.trim();
  if (id === '' || [...id].some((c) => c.charCodeAt(0) < 0x20)) throw new PrivacyRequestError('A customer id must be a non-empty id without control characters.');
  const entry = directory?.entryFor(id);
  const extras = extraUserIds.map((u) => u.trim()).filter((u) => u !== '');
  if (!entry) {
    const aad = isGuid(id) ? [id.toLowerCase()] : [];
    return { requested: id, userIds: unique([...(aad.length > 0 ? [] : [id]), ...extras]), aadObjectIds: aad };
  }
  return {
    requested: id,
    customerId: entry.profile.id,
    userIds: unique([entry.profile.id, ...(entry.userIds ?? []), ...extras]),
    aadObjectIds: entry.aadObjectId ? [entry.aadObjectId.toLowerCase()] : [],
    profile: entry.profile,
  };
}

function isGuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
