/**
 * Customer profiles from a YAML file (`content/customers.yaml`), for the reference bot and for
 * trying tiers, personalisation and offers without a CRM. Keyed by the customer id, which is also
 * their user id on one channel; `user_ids` and `aad_object_id` make them the same customer on others
 * (P12). Validated once; every problem is reported at once with its YAML path, under a stable code.
 *
 * ```yaml
 * customers:
 *   customer-vip:                # the customer id, and their Bot Framework user id (e.g. Web Chat)
 *     name: Mei Chen             # optional
 *     tier: vip                  # optional; a tier id from routing.yaml
 *     email: mei@example.com     # optional
 *     phone: +44 7700 900123     # optional
 *     segments: [audio]          # optional; lower-case letters, digits, "-"
 *     tags: [in-arrears]         # optional; same form
 *     products: [care-plus]      # optional; product codes held, same form
 *     tenure_months: 40          # optional; whole number >= 0
 *     spend: 2400                # optional; number >= 0
 *     locale: en-US              # optional; en-US or zh-CN
 *     marketing_consent: true    # optional; default false (no offers)
 *     user_ids: ["29:1abc"]      # optional; the customer's user ids on other channels
 *     aad_object_id: 6f1c…       # optional; the Teams Azure AD object id (a GUID)
 * ```
 */
import { z } from 'zod';
import { supportedLocales } from '../locale/locale';
import { parseYamlText, problemLine, problemsFromZod, problemsMessage, readYamlText, yamlPath } from '../yaml/yamlProblems';
import type { CustomerKey, CustomerProfile, CustomerProfiles } from './customerProfiles';

/** Every error code reading a customer profiles file can raise. */
export const customerProfileErrorCodes = {
  /** The file is YAML but breaks the rules (bad e-mail, unknown tier, unknown setting, id used twice). */
  invalid: 'WL_CUSTOMERS_INVALID',
  /** The file does not exist or cannot be read. */
  notFound: 'WL_CUSTOMERS_NOT_FOUND',
  /** The file is not valid YAML. */
  syntax: 'WL_CUSTOMERS_SYNTAX',
} as const;

/** One of the values of {@link customerProfileErrorCodes}. */
export type CustomerProfileErrorCode = (typeof customerProfileErrorCodes)[keyof typeof customerProfileErrorCodes];

/** Raised when a customer profiles file cannot be used; the message lists every problem with its path. */
export class CustomerProfilesError extends Error {
  constructor(
    readonly code: CustomerProfileErrorCode,
    readonly file: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(problemsMessage('Customers', file, problems), options);
    this.name = 'CustomerProfilesError';
  }
}

/** Options for reading a profiles file. */
export interface CustomerProfilesOptions {
  /** Tier ids the routing file defines; when given, a profile naming another tier is a mistake. */
  readonly tiers?: readonly string[];
}

/** A profile with the other channel identities it is known by. */
export interface YamlCustomerEntry {
  /** The profile; its id is also a Bot Framework user id the customer is found by. */
  readonly profile: CustomerProfile;
  /** Bot Framework user ids on other channels (e.g. a Teams `29:…` id). */
  readonly userIds?: readonly string[];
  /** The Teams Azure AD object id. */
  readonly aadObjectId?: string;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idList = z.array(z.string().regex(/^[a-z0-9-]+$/, 'use only lower-case letters, digits and "-"')).default([]);

const customer = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').optional(),
  tier: z.string().regex(/^[a-z0-9-]+$/, 'use a tier id from routing.yaml (lower-case letters, digits, "-")').optional(),
  email: z.email('is not an e-mail address').optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'is not a phone number (digits, spaces, "+", "-", brackets)')
    .optional(),
  segments: idList,
  tags: idList,
  products: idList,
  tenure_months: z.number().int('must be a whole number of months').min(0, 'must be 0 or more').optional(),
  spend: z.number().min(0, 'must be 0 or more').optional(),
  locale: z.enum(supportedLocales, { error: `use one of ${supportedLocales.join(', ')}` }).optional(),
  marketing_consent: z.boolean().default(false),
  user_ids: z.array(z.string().trim().min(1, 'must not be empty')).default([]),
  aad_object_id: z.string().regex(guid, 'is not an Azure AD object id (a GUID such as 6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f)').optional(),
});

type CustomerFields = z.output<typeof customer>;

const schema = z.strictObject({ customers: z.record(z.string().min(1), customer.nullable()) });

/**
 * Validates a profiles file's text. `source` names it in error messages. Throws a
 * {@link CustomerProfilesError} listing every problem.
 */
export function parseCustomerProfiles(yamlText: string, source: string, options: CustomerProfilesOptions = {}): YamlCustomerProfiles {
  const raw = parseYamlText(yamlText, (problems) => new CustomerProfilesError(customerProfileErrorCodes.syntax, source, problems.map(problemLine)));
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new CustomerProfilesError(customerProfileErrorCodes.invalid, source, problemsFromZod(parsed.error.issues).map(problemLine));
  const problems: string[] = [];
  const entries: YamlCustomerEntry[] = [];
  const empty = customer.parse({});
  for (const [id, entry] of Object.entries(parsed.data.customers)) {
    const fields = entry ?? empty;
    if (fields.tier !== undefined && options.tiers && !options.tiers.includes(fields.tier)) {
      problems.push(`${yamlPath(['customers', id, 'tier'])}: no tier "${fields.tier}" in the routing file (tiers are: ${options.tiers.join(', ') || 'none'})`);
    }
    entries.push(toEntry(id, fields));
  }
  problems.push(...identityClashes(parsed.data.customers));
  if (problems.length > 0) throw new CustomerProfilesError(customerProfileErrorCodes.invalid, source, problems);
  return new YamlCustomerProfiles(entries);
}

/** Reads and validates the profiles file at `file`; see {@link parseCustomerProfiles}. */
export function loadCustomerProfiles(file: string, options: CustomerProfilesOptions = {}): YamlCustomerProfiles {
  const text = readYamlText(file, (problem, cause) => new CustomerProfilesError(customerProfileErrorCodes.notFound, file, [problemLine(problem)], { cause }));
  return parseCustomerProfiles(text, file, options);
}

function toEntry(id: string, f: CustomerFields): YamlCustomerEntry {
  const profile: CustomerProfile = {
    id,
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.tier !== undefined ? { tier: f.tier } : {}),
    ...(f.email !== undefined ? { email: f.email } : {}),
    ...(f.phone !== undefined ? { phone: f.phone } : {}),
    segments: f.segments,
    tags: f.tags,
    products: f.products,
    ...(f.tenure_months !== undefined ? { tenureMonths: f.tenure_months } : {}),
    ...(f.spend !== undefined ? { spend: f.spend } : {}),
    ...(f.locale !== undefined ? { locale: f.locale } : {}),
    marketingConsent: f.marketing_consent,
  };
  return { profile, userIds: f.user_ids, ...(f.aad_object_id !== undefined ? { aadObjectId: f.aad_object_id } : {}) };
}

/** A user id or AAD object id claimed by two customers, each problem naming both. */
function identityClashes(customers: Readonly<Record<string, CustomerFields | null>>): string[] {
  const problems: string[] = [];
  // Where each identity was first claimed: the YAML path and the customer.
  const userIds = new Map<string, { path: string; customer: string }>();
  const aadIds = new Map<string, { path: string; customer: string }>();
  for (const id of Object.keys(customers)) userIds.set(id, { path: yamlPath(['customers', id]), customer: id });
  for (const [id, fields] of Object.entries(customers)) {
    fields?.user_ids.forEach((userId, index) => {
      const path = yamlPath(['customers', id, 'user_ids', index]);
      const first = userIds.get(userId);
      if (first === undefined) userIds.set(userId, { path, customer: id });
      else if (first.customer !== id) problems.push(`${path}: user id ${JSON.stringify(userId)} already belongs to customer "${first.customer}" (${first.path}); a user id may name only one customer`);
    });
    if (fields?.aad_object_id !== undefined) {
      const path = yamlPath(['customers', id, 'aad_object_id']);
      const key = fields.aad_object_id.toLowerCase();
      const first = aadIds.get(key);
      if (first === undefined) aadIds.set(key, { path, customer: id });
      else problems.push(`${path}: Azure AD object id ${fields.aad_object_id} already belongs to customer "${first.customer}" (${first.path}); it may name only one customer`);
    }
  }
  return problems;
}

/**
 * {@link CustomerProfiles} held in memory, as read from a YAML file by {@link loadCustomerProfiles}.
 * A customer is found by their id, by one of their other user ids (ids compare exactly), or by their
 * Teams AAD object id (any letter case); anyone else gives undefined.
 */
export class YamlCustomerProfiles implements CustomerProfiles {
  private readonly byUserId = new Map<string, CustomerProfile>();
  private readonly byAadObjectId = new Map<string, CustomerProfile>();
  /** Every identity of each customer, by any of them (for privacy requests). */
  private readonly entries = new Map<string, YamlCustomerEntry>();

  /** Already validated entries; a later entry claiming the same id replaces an earlier one. */
  constructor(entries: Iterable<YamlCustomerEntry>) {
    for (const { profile: p, userIds = [], aadObjectId } of entries) {
      const profile: CustomerProfile = Object.freeze({
        ...p,
        segments: Object.freeze([...new Set(p.segments)]),
        tags: Object.freeze([...new Set(p.tags)]),
        products: Object.freeze([...new Set(p.products)]),
      });
      for (const userId of [p.id, ...userIds]) this.byUserId.set(userId, profile);
      if (aadObjectId) this.byAadObjectId.set(aadObjectId.toLowerCase(), profile);
      const entry: YamlCustomerEntry = { profile, userIds: [...userIds], ...(aadObjectId ? { aadObjectId } : {}) };
      for (const id of [p.id, ...userIds, ...(aadObjectId ? [aadObjectId.toLowerCase()] : [])]) this.entries.set(id, entry);
    }
  }

  /** The profile for the channel account: by user id first, then by AAD object id; or undefined. */
  get(who: CustomerKey): Promise<CustomerProfile | undefined> {
    const profile = this.byUserId.get(who.id) ?? (who.aadObjectId ? this.byAadObjectId.get(who.aadObjectId.toLowerCase()) : undefined);
    return Promise.resolve(profile);
  }

  /**
   * The customer named by their customer id, one of their user ids or their AAD object id, with all
   * their identities (a privacy request finds their data under every one); undefined when unknown.
   */
  entryFor(id: string): YamlCustomerEntry | undefined {
    return this.entries.get(id) ?? (guid.test(id) ? this.entries.get(id.toLowerCase()) : undefined);
  }
}
