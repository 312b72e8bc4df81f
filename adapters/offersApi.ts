/**
 * JSON API over offers, for admins and the store's systems (P11): the report (per-offer figures,
 * gate counts, lift over the holdout), one customer's recent decisions with every reason ("why did
 * this customer get or not get an offer"), and purchases reported from outside the chat so the lift
 * counts them. For admins: a studio session or their API token (`Authorization: Bearer wlt_…`); the
 * shared `ADMIN_ACCESS_CODE` still works, deprecated.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { OfferCatalogue } from '../offers/offerCatalogue';
import { offerReport, recordPurchase } from '../offers/offerMetrics';
import type { OfferStore } from '../offers/offerStore';
import { apiAccessCheck } from './accessCode';
import type { ApiAccess } from './accessCode';
import type { AnalyticsRecorder } from '../analytics/analyticsRecorder';
import { sendError } from './httpServer';

/** What the API reads from. */
export interface OffersApiSource {
  readonly store: OfferStore;
  readonly catalogue: () => OfferCatalogue;
  readonly now?: () => Date;
  /** Told of purchases attributed to an offer decision (the lift over the holdout in the studio's analytics). */
  readonly analytics?: AnalyticsRecorder;
}

const idText = z.string().trim().min(1).max(200);
const purchase = z.strictObject({
  customerId: idText,
  product: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a product code: lower-case letters, digits and "-"'),
  at: z.iso.datetime({ offset: true }).optional(),
});

/** Registers `GET /api/offers/report`, `GET /api/offers/decisions` and `POST /api/offers/purchases`. */
export function registerOffersApi(server: restify.Server, source: OffersApiSource, access: ApiAccess, logger: Logger): void {
  const log = logger.child({ area: 'offers-api' });
  const authorised = apiAccessCheck(access, ['admin'], { disabledCode: 'OffersApiDisabled', setting: 'ADMIN_ACCESS_CODE' }, log);
  const now = source.now ?? (() => new Date());

  server.get('/api/offers/report', async (req: restify.Request, res: restify.Response) => {
    if (!(await authorised(req, res))) return;
    res.send(200, await offerReport(source.store, source.catalogue()));
  });

  server.get('/api/offers/decisions', async (req: restify.Request, res: restify.Response) => {
    if (!(await authorised(req, res))) return;
    const query = (req.query ?? {}) as Record<string, unknown>;
    const customer = idText.safeParse(query.customer);
    const user = idText.safeParse(query.user);
    const channel = z.string().regex(/^[a-z0-9-]{1,40}$/).safeParse(query.channel);
    let key: string;
    if (customer.success) key = `customer:${customer.data}`;
    else if (user.success && channel.success) key = `user:${channel.data}:${user.data}`;
    else {
      sendError(res, 400, 'InvalidQuery', 'Ask for ?customer=<customer id>, or ?channel=<channel id>&user=<channel user id>.');
      return;
    }
    res.send(200, { key, decisions: await source.store.decisions(key) });
  });

  server.post('/api/offers/purchases', async (req: restify.Request, res: restify.Response) => {
    if (!(await authorised(req, res))) return;
    const body = purchase.safeParse(req.body);
    if (!body.success) {
      sendError(res, 400, 'InvalidPurchase', `Send JSON {"customerId", "product", "at"?}: ${body.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}.`);
      return;
    }
    const at = body.data.at ? new Date(body.data.at) : now();
    const attributed = await recordPurchase(source.store, body.data.customerId, body.data.product, at, source.analytics);
    log.info({ attributed: attributed ?? null }, 'purchase reported');
    res.send(200, { attributed: attributed ?? null });
  });
}
