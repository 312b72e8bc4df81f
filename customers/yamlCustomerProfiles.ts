/**
 * Customer profiles from a YAML file (`content/customers.yaml`), for the reference bot and for
 * trying tiers and personalisation without a CRM. Keyed by channel user id. Validated once; every
 * problem is reported at once with its YAML path, under a stable code.
 *
 * ```yaml
 * customers:
 *   customer-vip:              # the channel user id (e.g. the Web Chat user id)
 *     name: Mei Chen           # optional
 *     tier: vip                # optional; a tier id from routing.yaml
 *     email: mei@example.com   # optional
 *     phone: +44 7700 900123   # optional
 *     segments: [audio]        # optional; lower-case letters, digits, "-"
 * ```
 */
import { z } from 'zod';
import { parseYamlText, problemLine, problemsFromZod, problemsMessage, readYamlText, yamlPath } from '../yaml/yamlProblems';
import type { CustomerProfile, CustomerProfiles } from './customerProfiles';

/** Every error code reading a customer profiles file can raise. */
export const customerProfileErrorCodes = {
  /** The file is YAML but breaks the rules (bad e-mail, unknown tier, unknown setting). */
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

const customer = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').optional(),
  tier: z.string().regex(/^[a-z0-9-]+$/, 'use a tier id from routing.yaml (lower-case letters, digits, "-")').optional(),
  email: z.email('is not an e-mail address').optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'is not a phone number (digits, spaces, "+", "-", brackets)')
    .optional(),
  segments: z.array(z.string().regex(/^[a-z0-9-]+$/, 'use only lower-case letters, digits and "-"')).default([]),
});

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
  const profiles: CustomerProfile[] = [];
  for (const [id, entry] of Object.entries(parsed.data.customers)) {
    const fields = entry ?? { segments: [] };
    if (fields.tier !== undefined && options.tiers && !options.tiers.includes(fields.tier)) {
      problems.push(`${yamlPath(['customers', id, 'tier'])}: no tier "${fields.tier}" in the routing file (tiers are: ${options.tiers.join(', ') || 'none'})`);
    }
    profiles.push({ id, ...fields });
  }
  if (problems.length > 0) throw new CustomerProfilesError(customerProfileErrorCodes.invalid, source, problems);
  return new YamlCustomerProfiles(profiles);
}

/** Reads and validates the profiles file at `file`; see {@link parseCustomerProfiles}. */
export function loadCustomerProfiles(file: string, options: CustomerProfilesOptions = {}): YamlCustomerProfiles {
  const text = readYamlText(file, (problem, cause) => new CustomerProfilesError(customerProfileErrorCodes.notFound, file, [problemLine(problem)], { cause }));
  return parseCustomerProfiles(text, file, options);
}

/**
 * {@link CustomerProfiles} held in memory, as read from a YAML file by {@link loadCustomerProfiles}.
 * Unknown user ids give undefined; ids compare exactly.
 */
export class YamlCustomerProfiles implements CustomerProfiles {
  private readonly profiles = new Map<string, CustomerProfile>();

  /** Already validated profiles; a later profile with the same id replaces an earlier one. */
  constructor(profiles: Iterable<CustomerProfile>) {
    for (const p of profiles) this.profiles.set(p.id, Object.freeze({ ...p, segments: Object.freeze([...new Set(p.segments)]) }));
  }

  /** The profile for a channel user id, or undefined. */
  get(customerId: string): Promise<CustomerProfile | undefined> {
    return Promise.resolve(this.profiles.get(customerId));
  }
}
