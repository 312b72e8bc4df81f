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
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
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
    super(problems.length === 1 ? `Customers: ${file}: ${problems[0] ?? ''}` : [`Customers: ${file} has ${problems.length} problems:`, ...problems.map((p) => `  - ${p}`)].join('\n'), options);
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
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) {
    throw new CustomerProfilesError(
      customerProfileErrorCodes.syntax,
      source,
      doc.errors.map((e) => `${e.linePos ? `line ${e.linePos[0].line}: ` : ''}not valid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`),
    );
  }
  const parsed = schema.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (!parsed.success) throw new CustomerProfilesError(customerProfileErrorCodes.invalid, source, parsed.error.issues.map(describeIssue));
  const problems: string[] = [];
  const profiles: CustomerProfile[] = [];
  for (const [id, entry] of Object.entries(parsed.data.customers)) {
    const fields = entry ?? { segments: [] };
    if (fields.tier !== undefined && options.tiers && !options.tiers.includes(fields.tier)) {
      problems.push(`${pathOf(['customers', id, 'tier'])}: no tier "${fields.tier}" in the routing file (tiers are: ${options.tiers.join(', ') || 'none'})`);
    }
    profiles.push({ id, ...fields });
  }
  if (problems.length > 0) throw new CustomerProfilesError(customerProfileErrorCodes.invalid, source, problems);
  return new YamlCustomerProfiles(profiles);
}

/** Reads and validates the profiles file at `file`; see {@link parseCustomerProfiles}. */
export function loadCustomerProfiles(file: string, options: CustomerProfilesOptions = {}): YamlCustomerProfiles {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CustomerProfilesError(customerProfileErrorCodes.notFound, file, [`cannot be read (${(err as Error).message})`], { cause: err });
  }
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

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = pathOf(issue.path) || '(top level)';
  if (issue.code === 'unrecognized_keys') return `${where}: unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
  if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) return `${where}: is required but missing`;
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'object' || issue.expected === 'record' ? 'a mapping (key: value lines)' : issue.expected === 'array' ? 'a list' : issue.expected;
    return `${where}: expected ${expected}`;
  }
  return `${where}: ${issue.message}`;
}

/** `customers.customer-vip.email`, with odd keys quoted. */
function pathOf(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_][\w-]*$/.test(String(k)) ? `${i === 0 ? '' : '.'}${String(k)}` : `[${JSON.stringify(String(k))}]`)).join('');
}
