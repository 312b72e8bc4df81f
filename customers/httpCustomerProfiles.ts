/**
 * Customer profiles from a real CRM over HTTP (`CRM_URL`): one JSON document per customer, asked for
 * with a short time limit and kept for a while, so a slow or failing CRM costs the customer nothing
 * but a personal touch (never a failed turn, never an offer built on a guess).
 *
 * The CRM answers `GET {baseUrl}/customers/{user id}?aadObjectId={Teams AAD object id}` with
 * `200` and a profile, or `404` when it does not know the customer:
 *
 * ```json
 * { "id": "c-1042", "name": "Mei Chen", "tier": "vip", "email": "mei@example.com", "phone": "+44 7700 900123",
 *   "segments": ["audio"], "tags": [], "products": ["care-plus"], "tenureMonths": 40, "spend": 2400,
 *   "locale": "en-US", "marketingConsent": true }
 * ```
 *
 * Only `id` is required; `null` counts as absent, other fields are ignored, and a missing
 * `marketingConsent` means no consent.
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { supportedLocales } from '../locale/locale';
import { CustomerProfilesUnavailableError } from './customerProfiles';
import type { CustomerKey, CustomerProfile, CustomerProfiles } from './customerProfiles';

/** How to reach the CRM and how long to trust its answers. */
export interface HttpCustomerProfilesOptions {
  /** The CRM's base URL (http or https), e.g. `https://crm.example.com/api`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when given. */
  readonly token?: string;
  /** How long one request may take, in milliseconds (default 1500). */
  readonly timeoutMs?: number;
  /** How long an answer (a profile or "unknown customer") is reused, in seconds (default 300; 0: never). */
  readonly cacheSeconds?: number;
  /** How many answers are kept at most (default 10 000); the least recently used go first. */
  readonly maxEntries?: number;
  /** The HTTP client (default: the global `fetch`). */
  readonly fetch?: typeof fetch;
  /** The clock the cache ages answers by (default: the system clock). */
  readonly now?: () => Date;
}

/** What the CRM said about one channel account; `profile` is undefined for an unknown customer. */
interface Answer {
  readonly profile: CustomerProfile | undefined;
}

const id = z.string().min(1);
const list = z.array(z.string()).nullish().transform((v) => v ?? []);

const crmProfile = z.object({
  id,
  name: z.string().nullish(),
  tier: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  segments: list,
  tags: list,
  products: list,
  tenureMonths: z.number().int().min(0).nullish(),
  spend: z.number().min(0).nullish(),
  locale: z.enum(supportedLocales).nullish(),
  marketingConsent: z.boolean().nullish(),
});

/**
 * {@link CustomerProfiles} from a CRM's HTTP API. Rejects with {@link CustomerProfilesUnavailableError}
 * on a timeout, a network error, any status but 200 and 404, or a body that is not a valid profile;
 * those failures are not remembered, so the next turn asks again. Concurrent requests for the same
 * channel account share one call to the CRM.
 */
export class HttpCustomerProfiles implements CustomerProfiles {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly cache: LRUCache<string, Answer> | undefined;
  private readonly inFlight = new Map<string, Promise<Answer>>();

  constructor(options: HttpCustomerProfilesOptions) {
    const { timeoutMs = 1500, cacheSeconds = 300, maxEntries = 10_000 } = options;
    if (!/^https?:\/\/[^/]/i.test(options.baseUrl ?? '') || !URL.canParse(options.baseUrl)) {
      throw new TypeError('HttpCustomerProfiles: baseUrl must be an http:// or https:// URL');
    }
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError('HttpCustomerProfiles: timeoutMs must be more than 0');
    if (!Number.isFinite(cacheSeconds) || cacheSeconds < 0) throw new TypeError('HttpCustomerProfiles: cacheSeconds must be 0 or more');
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('HttpCustomerProfiles: maxEntries must be a whole number of at least 1');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.headers = { Accept: 'application/json', ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}) };
    const now = options.now;
    this.cache =
      cacheSeconds > 0
        ? new LRUCache<string, Answer>({
            max: maxEntries,
            ttl: cacheSeconds * 1000,
            // A resolution of 0 reads the clock on every check, so an injected clock is obeyed at once.
            ttlResolution: 0,
            ...(now ? { perf: { now: () => now().getTime() } } : {}),
          })
        : undefined;
  }

  /** The CRM's profile of the channel account, or undefined when the CRM does not know them. */
  async get(who: CustomerKey): Promise<CustomerProfile | undefined> {
    const key = JSON.stringify([who.id, who.aadObjectId?.toLowerCase() ?? '']);
    const cached = this.cache?.get(key);
    if (cached) return cached.profile;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.ask(who).then(
        (answer) => {
          this.inFlight.delete(key);
          this.cache?.set(key, answer);
          return answer;
        },
        (error: unknown) => {
          this.inFlight.delete(key);
          throw error;
        },
      );
      this.inFlight.set(key, pending);
    }
    return (await pending).profile;
  }

  private async ask(who: CustomerKey): Promise<Answer> {
    const query = who.aadObjectId ? `?aadObjectId=${encodeURIComponent(who.aadObjectId)}` : '';
    const url = `${this.baseUrl}/customers/${encodeURIComponent(who.id)}${query}`;
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetch(url, { method: 'GET', headers: this.headers, signal });
    } catch (error) {
      throw this.failure(signal, 'could not be reached', error);
    }
    if (response.status === 404) {
      await response.body?.cancel().catch(() => undefined);
      return { profile: undefined };
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new CustomerProfilesUnavailableError(`Customer CRM answered HTTP ${response.status} (expected 200 or 404)`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      // The parser's message quotes the body, which is the customer's data: keep it out of the cause.
      if (signal.aborted) throw this.failure(signal, 'timed out', error);
      throw new CustomerProfilesUnavailableError('Customer CRM answered with a body that is not JSON');
    }
    const parsed = crmProfile.safeParse(body);
    if (!parsed.success) {
      // Paths and kinds of problem only: the values are the customer's data.
      const fields = [...new Set(parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'} (${i.code})`))];
      throw new CustomerProfilesUnavailableError(`Customer CRM answered with a profile Warmline cannot use: ${fields.join(', ')}`);
    }
    return { profile: toProfile(parsed.data) };
  }

  /** A timeout (the signal fired) or another failure, worded without the URL or any customer data. */
  private failure(signal: AbortSignal, what: string, cause: unknown): CustomerProfilesUnavailableError {
    if (signal.aborted) return new CustomerProfilesUnavailableError(`Customer CRM did not answer within ${this.timeoutMs} ms`, { cause });
    const code = (cause as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    return new CustomerProfilesUnavailableError(`Customer CRM ${what}${typeof code === 'string' ? ` (${code})` : ''}`, { cause });
  }
}

function toProfile(p: z.output<typeof crmProfile>): CustomerProfile {
  return Object.freeze({
    id: p.id,
    ...(p.name ? { name: p.name } : {}),
    ...(p.tier ? { tier: p.tier } : {}),
    ...(p.email ? { email: p.email } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
    segments: Object.freeze([...new Set(p.segments)]),
    tags: Object.freeze([...new Set(p.tags)]),
    products: Object.freeze([...new Set(p.products)]),
    ...(p.tenureMonths != null ? { tenureMonths: p.tenureMonths } : {}),
    ...(p.spend != null ? { spend: p.spend } : {}),
    ...(p.locale ? { locale: p.locale } : {}),
    marketingConsent: p.marketingConsent === true,
  });
}
