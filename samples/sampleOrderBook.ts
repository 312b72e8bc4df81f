/**
 * The sample store's orders (`content/sampleOrders.yaml`), which the reference bot serves itself at
 * `GET /sample/orders/:id` so that the "where is my order" topic can look one up without a real
 * shop behind it. Plain data: ids like `LM-200300`, a status, dates, the carrier and the items, with
 * carrier and item names in every supported locale. Validated once; every problem is reported at
 * once with its YAML path, under a stable code.
 *
 * ```yaml
 * carriers:
 *   shunda: { en-US: Shunda Express, zh-CN: 顺达快递 }
 * orders:
 *   LM-200300:
 *     status: late               # processing, shipped, delivered or late
 *     ordered_on: 2026-11-14     # YYYY-MM-DD
 *     shipped_on: 2026-11-16     # required once shipped; not while processing
 *     expected_by: 2026-11-19    # required while shipped or late
 *     delivered_on: 2026-11-18   # only, and required, when delivered
 *     carrier: shunda            # a carrier above; required once shipped
 *     tracking_number: SD1234567890   # optional; not while processing
 *     items:
 *       - name: { en-US: Desk lamp, zh-CN: 台灯 }
 *         quantity: 1
 * ```
 */
import { z } from 'zod';
import { supportedLocales } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import { deepFreeze } from '../yaml/deepFreeze';
import { parseYamlText, problemLine, problemsFromZod, problemsMessage, readYamlText, yamlPath } from '../yaml/yamlProblems';

/** Every error code reading the sample orders file can raise. */
export const sampleOrderErrorCodes = {
  /** The file is YAML but breaks the rules (bad id, unknown carrier, dates out of order). */
  invalid: 'WL_SAMPLE_ORDERS_INVALID',
  /** The file does not exist or cannot be read. */
  notFound: 'WL_SAMPLE_ORDERS_NOT_FOUND',
  /** The file is not valid YAML. */
  syntax: 'WL_SAMPLE_ORDERS_SYNTAX',
} as const;

/** One of the values of {@link sampleOrderErrorCodes}. */
export type SampleOrderErrorCode = (typeof sampleOrderErrorCodes)[keyof typeof sampleOrderErrorCodes];

/** Raised when the sample orders file cannot be used; the message lists every problem with its path. */
export class SampleOrdersError extends Error {
  constructor(
    readonly code: SampleOrderErrorCode,
    readonly file: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(problemsMessage('Sample orders', file, problems), options);
    this.name = 'SampleOrdersError';
  }
}

/** Where an order is. `late`: shipped and past the date it was expected by. */
export const sampleOrderStatuses = ['processing', 'shipped', 'delivered', 'late'] as const;

/** One of {@link sampleOrderStatuses}. */
export type SampleOrderStatus = (typeof sampleOrderStatuses)[number];

/** A name in every supported locale. */
export type LocalizedName = Readonly<Record<SupportedLocale, string>>;

/** One order of the sample store. Dates are `YYYY-MM-DD`. */
export interface SampleOrder {
  /** `LM-` and six digits, upper case. */
  readonly id: string;
  readonly status: SampleOrderStatus;
  readonly orderedOn: string;
  readonly shippedOn?: string;
  readonly expectedBy?: string;
  readonly deliveredOn?: string;
  readonly carrier?: { readonly id: string; readonly name: LocalizedName; readonly trackingNumber?: string };
  readonly items: readonly { readonly name: LocalizedName; readonly quantity: number }[];
}

/** The shape of an order id, in any letter case (`lm-200300` is `LM-200300`). */
export const sampleOrderIdPattern = /^LM-\d{6}$/i;

/** The order id in its stored form (upper case), or undefined when the text is not shaped like one. */
export function normalizeSampleOrderId(text: string): string | undefined {
  return sampleOrderIdPattern.test(text) ? text.toUpperCase() : undefined;
}

/** The sample store's orders, looked up by id. */
export class SampleOrderBook {
  private readonly byId: ReadonlyMap<string, SampleOrder>;

  constructor(orders: readonly SampleOrder[]) {
    this.byId = new Map(orders.map((o) => [o.id, deepFreeze(o)]));
  }

  /** How many orders the book holds. */
  get size(): number {
    return this.byId.size;
  }

  /** The order with this id (any letter case), or undefined when there is none or the id is not shaped like one. */
  find(id: string): SampleOrder | undefined {
    const key = normalizeSampleOrderId(id);
    return key === undefined ? undefined : this.byId.get(key);
  }
}

const name = z.strictObject(
  Object.fromEntries(supportedLocales.map((l) => [l, z.string().trim().min(1, 'must not be empty')])) as Record<SupportedLocale, z.ZodString>,
);
const date = z
  .string({ error: 'expected a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a day of the calendar');
const order = z.strictObject({
  status: z.enum(sampleOrderStatuses, { error: `use one of ${sampleOrderStatuses.join(', ')}` }),
  ordered_on: date,
  shipped_on: date.optional(),
  expected_by: date.optional(),
  delivered_on: date.optional(),
  carrier: z.string().min(1).optional(),
  tracking_number: z.string().regex(/^[A-Z0-9]{6,30}$/, 'use 6 to 30 capital letters and digits').optional(),
  items: z.array(z.strictObject({ name, quantity: z.int('must be a whole number').min(1, 'must be 1 or more') })).min(1, 'an order has at least one item'),
});
const schema = z.strictObject({ carriers: z.record(z.string(), name), orders: z.record(z.string(), order) });

/** What the keys of each mapping must look like (checked apart from zod, which reports a bad key without saying why). */
const keyRules: readonly { readonly mapping: 'carriers' | 'orders'; readonly pattern: RegExp; readonly message: string }[] = [
  { mapping: 'carriers', pattern: /^[a-z0-9-]+$/, message: 'a carrier id uses only lower-case letters, digits and "-"' },
  { mapping: 'orders', pattern: /^LM-\d{6}$/, message: 'an order id is "LM-" and six digits, e.g. LM-200300' },
];

function keyProblems(raw: unknown): string[] {
  return keyRules.flatMap(({ mapping, pattern, message }) => {
    const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[mapping] : undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    return Object.keys(value)
      .filter((key) => !pattern.test(key))
      .map((key) => `${yamlPath([mapping, key])}: ${message}`);
  });
}

type OrderFields = z.output<typeof order>;

/** Reads and validates the sample orders file; throws a {@link SampleOrdersError} listing every problem. */
export function loadSampleOrders(file: string): SampleOrderBook {
  const text = readYamlText(file, (problem, cause) => new SampleOrdersError(sampleOrderErrorCodes.notFound, file, [problemLine(problem)], { cause }));
  return parseSampleOrders(text, file);
}

/** Validates the sample orders file's text; `source` names it in error messages. */
export function parseSampleOrders(yamlText: string, source: string): SampleOrderBook {
  const raw = parseYamlText(yamlText, (problems) => new SampleOrdersError(sampleOrderErrorCodes.syntax, source, problems.map(problemLine)));
  const parsed = schema.safeParse(raw, { reportInput: true });
  const problems = keyProblems(raw);
  if (!parsed.success) throw new SampleOrdersError(sampleOrderErrorCodes.invalid, source, [...problems, ...problemsFromZod(parsed.error.issues).map(problemLine)]);
  const { carriers, orders } = parsed.data;
  problems.push(...Object.entries(orders).flatMap(([id, fields]) => orderProblems(fields, Object.keys(carriers)).map((p) => `${yamlPath(['orders', id, p.field])}: ${p.message}`)));
  if (problems.length > 0) throw new SampleOrdersError(sampleOrderErrorCodes.invalid, source, problems);
  return new SampleOrderBook(Object.entries(orders).map(([id, fields]) => toOrder(id, fields, carriers)));
}

/** What each status needs and forbids, the carrier reference, and dates in the order things happen. */
function orderProblems(o: OrderFields, carrierIds: readonly string[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const need = (field: keyof OrderFields, value: unknown): void => {
    if (value === undefined) problems.push({ field, message: `is required when the status is ${o.status}` });
  };
  const forbid = (field: keyof OrderFields, value: unknown): void => {
    if (value !== undefined) problems.push({ field, message: `must not be set when the status is ${o.status}` });
  };
  if (o.status === 'processing') {
    forbid('shipped_on', o.shipped_on);
    forbid('delivered_on', o.delivered_on);
    forbid('tracking_number', o.tracking_number);
  } else {
    need('shipped_on', o.shipped_on);
    need('carrier', o.carrier);
    if (o.status === 'delivered') need('delivered_on', o.delivered_on);
    else {
      need('expected_by', o.expected_by);
      forbid('delivered_on', o.delivered_on);
    }
  }
  if (o.carrier !== undefined && !carrierIds.includes(o.carrier)) {
    problems.push({ field: 'carrier', message: `no carrier "${o.carrier}" under carriers (carriers are: ${carrierIds.join(', ') || 'none'})` });
  }
  const sequence: [keyof OrderFields, string | undefined][] = [['ordered_on', o.ordered_on], ['shipped_on', o.shipped_on], ['delivered_on', o.delivered_on]];
  const known = sequence.filter((entry): entry is [keyof OrderFields, string] => entry[1] !== undefined);
  known.slice(1).forEach(([field, value], i) => {
    const [before, earlier] = known[i] as [keyof OrderFields, string];
    if (value < earlier) problems.push({ field, message: `is before ${before} (${earlier})` });
  });
  if (o.expected_by !== undefined && o.expected_by < o.ordered_on) problems.push({ field: 'expected_by', message: `is before ordered_on (${o.ordered_on})` });
  return problems;
}

function toOrder(id: string, o: OrderFields, carriers: Readonly<Record<string, LocalizedName>>): SampleOrder {
  const carrierName = o.carrier === undefined ? undefined : carriers[o.carrier];
  return {
    id,
    status: o.status,
    orderedOn: o.ordered_on,
    ...(o.shipped_on !== undefined ? { shippedOn: o.shipped_on } : {}),
    ...(o.expected_by !== undefined ? { expectedBy: o.expected_by } : {}),
    ...(o.delivered_on !== undefined ? { deliveredOn: o.delivered_on } : {}),
    ...(o.carrier !== undefined && carrierName ? { carrier: { id: o.carrier, name: carrierName, ...(o.tracking_number !== undefined ? { trackingNumber: o.tracking_number } : {}) } } : {}),
    items: o.items.map((item) => ({ name: item.name, quantity: item.quantity })),
  };
}
