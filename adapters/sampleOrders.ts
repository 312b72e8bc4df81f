/**
 * `GET /sample/orders/:id`: the sample store's order service, served by the reference bot itself so
 * that the "where is my order" topic can look an order up over HTTP as it would at a real shop.
 * Answers JSON: the order with carrier and item names in the asked language (`?locale=zh-CN`,
 * default en-US) and in every language; 400 for an id not shaped like `LM-200300` (any letter case)
 * or an unknown locale, 404 for an id the sample store does not have.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import { defaultLocale, toSupportedLocale } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import type { SampleOrderSettings } from '../config';
import { loadSampleOrders, normalizeSampleOrderId } from '../samples/sampleOrderBook';
import type { LocalizedName, SampleOrder, SampleOrderBook } from '../samples/sampleOrderBook';
import { routePath, sendError } from './httpServer';

/** Where the route is served. */
export const sampleOrdersPath = '/sample/orders';

/** Longest id path segment the router matches (find-my-way's default `maxParamLength`). */
const longestId = 100;

/** A name as the API shows it: in the asked language, and in every language. */
export interface NameJson {
  readonly name: string;
  readonly names: LocalizedName;
}

/** An order as the API shows it. */
export type SampleOrderJson = Omit<SampleOrder, 'carrier' | 'items'> & {
  readonly locale: SupportedLocale;
  readonly carrier?: { readonly id: string; readonly trackingNumber?: string } & NameJson;
  readonly items: readonly ({ readonly quantity: number } & NameJson)[];
};

/** The order in the API's shape, names in `locale`. */
export function sampleOrderJson(order: SampleOrder, locale: SupportedLocale): SampleOrderJson {
  const { carrier, items, ...rest } = order;
  return {
    ...rest,
    locale,
    ...(carrier ? { carrier: { id: carrier.id, name: carrier.name[locale], names: carrier.name, ...(carrier.trackingNumber ? { trackingNumber: carrier.trackingNumber } : {}) } } : {}),
    items: items.map((item) => ({ name: item.name[locale], names: item.name, quantity: item.quantity })),
  };
}

/**
 * Serves the sample orders when `settings.enabled`: reads and validates the file first, so a mistake
 * in it stops start-up with a `SampleOrdersError` listing every problem. Does nothing when off.
 */
export function registerSampleOrders(server: restify.Server, settings: SampleOrderSettings, logger: Logger): void {
  if (!settings.enabled) return;
  serveSampleOrders(server, loadSampleOrders(settings.file), logger);
}

/** Registers `GET /sample/orders/:id` over the orders of `book`. */
export function serveSampleOrders(server: restify.Server, book: SampleOrderBook, logger: Logger): void {
  const log = logger.child({ area: 'sample-orders' });
  log.info({ orders: book.size }, `sample order service at ${sampleOrdersPath}/:id`);
  const badId = (res: restify.Response): void => sendError(res, 400, 'InvalidOrderId', 'An order number is "LM-" and six digits, e.g. LM-200300.');
  // What the `:id` route cannot hold: a path under it, or an id longer than the router takes (it
  // would answer 404 as if there were no such route).
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    const path = routePath(req);
    if (req.method !== 'GET' || !path.startsWith(`${sampleOrdersPath}/`) || path.length <= sampleOrdersPath.length + 1 + longestId) return next();
    badId(res);
    return next(false);
  });
  server.get(`${sampleOrdersPath}/*`, async (_req: restify.Request, res: restify.Response) => badId(res));
  server.get(`${sampleOrdersPath}/:id`, async (req: restify.Request, res: restify.Response) => {
    const raw = (req.params as { id?: unknown } | undefined)?.id;
    const id = typeof raw === 'string' ? normalizeSampleOrderId(raw) : undefined;
    if (id === undefined) {
      badId(res);
      return;
    }
    const asked = (req.query as Record<string, unknown> | undefined)?.['locale'];
    const locale = asked === undefined ? defaultLocale : typeof asked === 'string' ? toSupportedLocale(asked) : undefined;
    if (locale === undefined) {
      sendError(res, 400, 'InvalidLocale', 'locale is en-US or zh-CN, given once.');
      return;
    }
    const order = book.find(id);
    if (!order) {
      sendError(res, 404, 'OrderNotFound', `The sample store has no order ${id}.`);
      return;
    }
    res.send(200, sampleOrderJson(order, locale));
  });
}
