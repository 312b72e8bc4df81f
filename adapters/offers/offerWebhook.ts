/**
 * Tells another system (a CRM, an order service) that a customer accepted an offer: a JSON POST to
 * `OFFER_WEBHOOK_URL`, with a timeout and one retry on a network error or 5xx. The customer's reply
 * never waits on a slow or broken webhook for long, and a failure is logged by the engine.
 */
import type { AcceptanceSink } from '../../offers/offerEngine';

/** Options of {@link OfferWebhook}. */
export interface OfferWebhookOptions {
  readonly url: string;
  readonly timeoutMs?: number;
  /** Injectable for tests. */
  readonly fetch?: typeof fetch;
}

/** Raised when the webhook did not take the acceptance; `code` is `WL_OFFER_WEBHOOK_FAILED`. */
export class OfferWebhookError extends Error {
  readonly code = 'WL_OFFER_WEBHOOK_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OfferWebhookError';
  }
}

/** An {@link AcceptanceSink} posting to a URL. */
export class OfferWebhook implements AcceptanceSink {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: OfferWebhookOptions) {
    if (!/^https?:\/\//.test(options.url)) throw new TypeError('OfferWebhook needs an http(s) URL');
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 3000;
  }

  async accepted(acceptance: Parameters<AcceptanceSink['accepted']>[0]): Promise<void> {
    const body = JSON.stringify({ type: 'offer.accepted', ...acceptance });
    let last: unknown;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const response = await this.fetch(this.options.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': acceptance.decisionId },
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (response.ok) return;
        last = new OfferWebhookError(`the offer webhook answered ${response.status}`);
        if (response.status < 500) break;
      } catch (error) {
        last = error;
      }
    }
    throw last instanceof OfferWebhookError ? last : new OfferWebhookError('the offer webhook could not be reached', { cause: last });
  }
}
