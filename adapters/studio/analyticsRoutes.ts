/**
 * The studio's analytics API (P11): `GET /api/analytics/summary` (the figures for a period, by
 * language and channel) and `GET /api/analytics/export.csv` (the same as CSV). Every signed-in role
 * reads them (viewer and above). What was recorded a moment ago is written before the answer.
 */
import type restify from 'restify';
import type { AnalyticsStore } from '../../analytics/analyticsStore';
import { readAnalyticsQuery } from '../../analytics/analyticsQuery';
import type { AnalyticsQuery } from '../../analytics/analyticsQuery';
import { summaryCsv } from '../../analytics/summaryCsv';
import type { Logger } from '../../logger';
import { sendError } from '../httpServer';
import type { StudioGuard } from './studioGuard';

/** What the analytics routes read. */
export interface AnalyticsRoutesDeps {
  readonly guard: StudioGuard;
  readonly store: Pick<AnalyticsStore, 'summary'>;
  /** Writes the events still buffered, so a figure includes what just happened. */
  readonly flush: () => Promise<void>;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** The query of a request, or a 400 answered. */
export function analyticsQueryOf(req: restify.Request, res: restify.Response, now: Date): AnalyticsQuery | undefined {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const text = (name: string): string | undefined => (typeof q[name] === 'string' ? (q[name] as string) : undefined);
  const read = readAnalyticsQuery({ from: text('from'), to: text('to'), locale: text('locale'), channel: text('channel') }, now);
  if (read.ok) return read.query;
  sendError(res, 400, 'InvalidQuery', `${read.problems.join('; ')}.`);
  return undefined;
}

/** Registers the analytics routes. */
export function registerAnalyticsRoutes(server: restify.Server, deps: AnalyticsRoutesDeps): void {
  const log = deps.logger.child({ area: 'studio-analytics' });
  const answer = (send: (res: restify.Response, query: AnalyticsQuery) => Promise<void>) => async (req: restify.Request, res: restify.Response) => {
    if (!(await deps.guard.requireRole(req, res))) return;
    const query = analyticsQueryOf(req, res, deps.now());
    if (!query) return;
    try {
      await deps.flush();
      await send(res, query);
    } catch (err) {
      log.error({ err }, 'analytics could not be read');
      sendError(res, 503, 'AnalyticsUnavailable', 'The analytics database did not answer. Try again in a moment.');
    }
  };

  server.get('/api/analytics/summary', answer(async (res, query) => {
    res.send(200, await deps.store.summary(query));
  }));

  server.get('/api/analytics/export.csv', answer(async (res, query) => {
    const body = Buffer.from(summaryCsv(await deps.store.summary(query)), 'utf8');
    const name = `warmline-analytics-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv`;
    res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(body);
  }));
}
